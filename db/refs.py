"""Find the documents a text cites: "Căn cứ Kế hoạch số 4094/KH-UBND ngày 10/7/2020 của …".

Design (domain.md §1.1–1.3, §2, §3.1):

1. A *folded view* of the text (``fold`` per character: lower-case ASCII, Đ -> d,
   combining marks dropped) with a map back to the caller's indices, so NFC,
   NFD, upper/lower case and ASCII-typed text all go through one set of regexes
   while every span still indexes the caller's own string.
2. A *candidate* regex finds things shaped like a number-and-symbol
   (``N/SYM``, ``N/YYYY/SYM``, ``N-TYPE/BODY``, one stray space allowed around
   the first separators).
3. Each candidate is *validated* by :func:`db.numbers.try_parse_number` (known
   type code, symbol groups made of letters) and then by *context*: after a
   type word ("Kế hoạch", "KH số", "Công Văn") or a "số" label anything the
   parser accepts and that looks like an abbreviation is taken; a bare number
   must have abbreviation-shaped groups (capitals or known codes), no stray
   spaces unless it carries a type code, and a công văn needs a known issuer or
   two groups. This is what keeps "1/ KẾT QUẢ", "194/80", "2019-2025" out.
4. The date is the ``ngày …`` that follows (find_dates: numeric or long form),
   across ", ", "(", "ban hành", "ký" or a short "của <cơ quan>" gap.
5. The issuer is the "của <cơ quan>" that follows the number or its date, cut
   at punctuation, a lower-case word that starts a trích yếu ("về", "kế hoạch"
   …), or the next reference.

Plain Python: no textual, no rich.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from db.dates import find_dates
from db.numbers import ISSUER_NAMES, TYPE_NAMES, DocNumber, try_parse_number, type_code_for_name
from db.text import fold, nfc

__all__ = ["Reference", "extract_refs"]


@dataclass(frozen=True)
class Reference:
    raw: str  # the text as it appears: "Công Văn số 2199-CV/HU, ngày 15/5/2020"
    start: int
    end: int  # span of ``raw`` in the input
    number: DocNumber
    type_name: str  # from the words before the number, else number.type_name
    date: date | None  # the "ngày …" that follows the number
    issuer_name: str  # "Huyện ủy Thủ Thừa" when the text gives it after the number/date, else ""


# --- folded view ----------------------------------------------------------------


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    return fold(ch)


class _View:
    """``folded`` plus index maps between it and the original ``text``."""

    def __init__(self, text: str) -> None:
        self.text = text
        parts: list[str] = []
        f2o: list[int] = []
        o2f: list[int] = []
        length = 0
        for i, ch in enumerate(text):
            o2f.append(length)
            folded = _fold_char(ch)
            parts.append(folded)
            f2o.extend([i] * len(folded))
            length += len(folded)
        o2f.append(length)
        f2o.append(len(text))
        self.folded = "".join(parts)
        self.f2o = f2o
        self.o2f = o2f

    def start(self, f: int) -> int:
        return self.f2o[f]

    def end(self, f: int) -> int:
        # Marks folding to "" after the last matched letter belong to it: the
        # original end is where the owner of the next folded char starts.
        return self.f2o[f]

    def orig(self, fstart: int, fend: int) -> str:
        return self.text[self.start(fstart):self.end(fend)]


# --- tables -----------------------------------------------------------------------

# Known symbol codes, folded: a group made of one of these is an abbreviation
# whatever its case ("Nq/tw", ASCII "qd-pgddt").
_KNOWN_CODES = {fold(code) for code in (*TYPE_NAMES, *ISSUER_NAMES)}
_QH = re.compile(r"(?:ubtvqh|qh)[0-9]+")

# Type words as written before a number -> the name dvk stores.
_TYPE_WORDS: dict[str, str | None] = {fold(name): name for name in TYPE_NAMES.values()}
_TYPE_WORDS.update({
    fold("Công văn"): "Công văn",
    fold("Luật"): "Luật",
    fold("Thông tư"): "Thông tư",
    fold("Thông tri"): "Thông tri",
    fold("Kết luận"): "Kết luận",
    fold("Chương trình hành động"): "Chương trình hành động",
    fold("Văn bản"): None,  # generic: the number says what it is
    fold("Bản sao"): "Bản sao",
})
# The decree's abbreviations used as type words: "KH số 106/…", "CV số 12/…".
_TYPE_ABBRS = sorted({fold(code) for code in TYPE_NAMES if len(code) >= 2}, key=len, reverse=True)


def _alternation(words) -> str:
    return "|".join(
        r"[ \t]+".join(re.escape(part) for part in word.split())
        for word in sorted(words, key=len, reverse=True)
    )


_LABELS = r"(?:(?<![a-z0-9])so[ \t]*:?[ \t]*)"
# Anchored at the end of a short window before the number.
_BEFORE_TYPE = re.compile(
    rf"(?<![a-z0-9])(?P<word>{_alternation(_TYPE_WORDS)})(?:[ \t]*:)?[ \t]*(?P<labels>{_LABELS}*)$"
)
_BEFORE_ABBR = re.compile(rf"(?<![a-z0-9/&\-])(?P<abbr>{_alternation(_TYPE_ABBRS)})[ \t]+(?P<labels>{_LABELS}+)$")
_BEFORE_LABEL = re.compile(rf"(?P<labels>{_LABELS}+)$")
_WINDOW = 64

# --- the candidate ------------------------------------------------------------------

_G = r"[a-z][a-z0-9]*"
_SP = r"[ \t]{0,2}"
_CANDIDATE = re.compile(
    rf"""
    (?<![0-9a-z/.\-&])
    (?P<seq>[0-9]{{1,5}})
    (?:
        (?P<legal>{_SP}/{_SP}(?P<year>[0-9]{{4}}){_SP}/{_SP}{_G}(?:-{_G})*)
      | (?P<party>{_SP}-{_SP}{_G}{_SP}/{_SP}{_G}(?:-{_G})*(?:/{_G})?)
      | (?P<slash>{_SP}/{_SP}{_G}(?:-(?:[ \t]*\n[ \t]*)?{_G})*)
      | (?P<nohyphen>[ \t]+{_G}/{_G}(?:-{_G})*)
    )
    (?![0-9a-z])
    """,
    re.VERBOSE,
)
_SPACED = re.compile(r"[ \t]")

# --- dates and issuers ----------------------------------------------------------------

_DATE_GAP = re.compile(
    r"[ \t]*(?:\n[ \t]*)?,?[ \t]*\(?[ \t]*"
    r"(?:(?:(?:duoc[ \t]+)?(?:ban[ \t]+hanh|ky)[ \t]+)"
    r"|(?:cua[ \t]+[^0-9;.:()\"\u201c\u201d\n]{1,60}?,?[ \t]+))?"
    r"(?:(?:cung[ \t]+)?ngay[ \t]*)?"
)
_MAX_DATE_GAP = 90
_ISSUER_LEAD = re.compile(r"[ \t]*(?:\n[ \t]*)?,?[ \t]*cua[ \t]+")
# Where an issuer's name certainly ends (checked on the original text, for case).
# A comma ends it too: "của UBND huyện, Phòng GD&ĐT đề nghị …" starts a new clause far
# more often than it joins two issuers.
_ISSUER_STOP = re.compile(r"[,;.:()\[\]\"\u201c\u201d\u201e\n!?]")
# A body's name capitalises its first word and function words ("Sở Tài chính",
# "Ủy ban nhân dân huyện Thủ Thừa"); the lower-case words that may sit inside it:
_ISSUER_INNER_WORDS = {
    "huyen", "tinh", "xa", "thanh", "pho", "quan", "phuong", "thi", "tran", "nhan", "dan", "va", "uy",
    "ban", "chap", "hanh", "thuong", "vu", "trung", "uong", "giao", "duc", "dao", "tao", "chinh", "nguyen",
    "truong", "kiem", "tra", "dong", "hiep", "nu", "phu", "tuong", "doan", "su", "an", "binh", "chien",
    "nong", "nien", "hoi", "van", "phong", "quoc", "te", "y", "khoa", "hoc", "cong", "nghe", "thong",
    "tin", "truyen", "tuyen", "mat", "lien", "lao", "dang", "bo", "so", "nghiep", "thon", "vien",
    "tri", "tich", "truc", "thu", "ky",
}
_ISSUER_FIRST_WORDS = {"ubnd", "hdnd", "btv", "ban", "phong", "so", "bo", "huyen", "tinh", "thanh", "dang",
                       "uy", "hoi", "chi", "truong", "cong", "mat", "chinh", "van", "quoc", "thu", "doan"}
_MAX_ISSUER_WORDS = 12
_TRAILING_CONNECTORS = re.compile(r"(?:[ \t,;&\-]+|[ \t]+(?:và|va|hoặc|hoac)\b)+$", re.IGNORECASE)

# Between two members of one list: "18-NQ/TW, 19-NQ/TW", "12/KH-UBND và 13/KH-UBND".
_LIST_GAP = re.compile(rf"[ \t,;]*(?:(?:va|hoac)[ \t]+)?{_LABELS}*")


@dataclass
class _Found:
    fstart: int  # folded span of the whole raw
    fend: int
    nstart: int  # folded span of the number itself
    nend: int
    number: DocNumber
    word: str | None  # type word found before the number (display form), "" if generic
    has_word: bool
    date: date | None
    issuer: str
    own_issuer: bool
    shared_date: bool = False  # "12/UBND-VX và 15/UBND-VX cùng ngày 08/4/2021"


def extract_refs(text: str) -> list[Reference]:
    """Every cited document in ``text``, in order of appearance; duplicates kept once."""
    if not isinstance(text, str) or not text:
        return []
    view = _View(text)
    folded = view.folded
    dates = _dates_by_folded_start(view)
    found: list[_Found] = []
    for match in _CANDIDATE.finditer(folded):
        item = _candidate(view, match, dates)
        if item is not None:
            found.append(item)
    _link_lists(view, found)
    return _dedupe(view, found)


def _dates_by_folded_start(view: _View) -> tuple[list[int], dict[int, tuple[int, date]]]:
    """Sorted folded starts of the dates, and start -> (folded end, date)."""
    by_start = {view.o2f[start]: (view.o2f[end], when) for start, end, when in find_dates(view.text)}
    return sorted(by_start), by_start


def _candidate(view: _View, match: re.Match, dates) -> _Found | None:
    folded = view.folded
    nstart, nend = match.span()
    raw_number = view.orig(nstart, nend)
    number = try_parse_number(raw_number)
    if number is None or number.seq == "":
        return None

    window_start = max(0, nstart - _WINDOW)
    before = folded[window_start:nstart]
    word: str | None = None
    has_word = False
    prefix_start = nstart
    labels = ""
    if m := _BEFORE_TYPE.search(before):
        word, has_word = _TYPE_WORDS[" ".join(m.group("word").split())], True
        prefix_start, labels = window_start + m.start(), m.group("labels")
        if word and not _same_type(word, number) and view.text[view.start(prefix_start)].islower():
            # "Thông báo kết luận số 212-TB/TU": a lower-case word that disagrees
            # with the symbol qualifies the real type word; the symbol knows better.
            word = None
    elif m := _BEFORE_ABBR.search(before):
        code = type_code_for_name(m.group("abbr"), party=number.style == "party")
        word, has_word = (TYPE_NAMES.get(code) if code else None), True
        prefix_start, labels = window_start + m.start(), m.group("labels")
    elif m := _BEFORE_LABEL.search(before):
        prefix_start, labels = window_start + m.start(), m.group("labels")
    strong = has_word or bool(labels)

    if match.group("nohyphen") and not strong:
        return None
    if not _symbol_ok(view, match, number, strong):
        return None
    if not has_word and labels and _is_own_number(view, prefix_start):
        return None

    when, fend = _date_after(folded, nend, dates)
    issuer = _issuer_after(view, nend) or (_issuer_after(view, fend) if when else "")
    shared = when is not None and bool(re.search(r"\bcung[ \t]+ngay", folded[nend:fend]))
    return _Found(prefix_start, fend, nstart, nend, number, word, has_word, when, issuer, bool(issuer), shared)


def _date_after(folded: str, nend: int, dates: tuple[list[int], dict[int, tuple[int, date]]]) -> tuple[date | None, int]:
    """The date that follows the number across a short gap; (None, nend) if none."""
    starts, by_start = dates
    i = bisect_left(starts, nend)
    while i < len(starts) and starts[i] - nend <= _MAX_DATE_GAP:
        stop = starts[i]
        gap = folded[nend:stop]
        if "\n\n" not in gap and _DATE_GAP.fullmatch(folded, nend, stop):
            if "ngay" in gap or folded.startswith("ngay", stop) or not gap.strip(" \t,("):
                end, when = by_start[stop]
                return when, end
        i += 1
    return None, nend


def _groups(view: _View, match: re.Match) -> list[str]:
    """The letter groups of the symbol, as written in the original text."""
    symbol = view.orig(match.end("seq"), match.end())
    return [g for g in re.split(r"[\s/\-]+", symbol) if g and not g.isdigit()]


def _symbol_ok(view: _View, match: re.Match, number: DocNumber, strong: bool) -> bool:
    groups = _groups(view, match)
    if number.style == "party" and number.slashed:
        groups = groups[: len(groups) - number.slashed]  # "/nb" suffixes are lower case
    known = [fold(g) in _KNOWN_CODES or bool(_QH.fullmatch(fold(g))) for g in groups]
    if number.style == "congvan" and not (known[0] or len(groups) >= 2):
        # A công văn symbol is issuer + drafting unit (NĐ 30 Phụ lục I §II.3b):
        # "mô hình số 3/MH", "tủ số 4/A" are not one.
        return False
    if strong:
        # Anything the parser takes, as long as each group is an abbreviation:
        # "số 12/ ngày" is a blank number, not a công văn from "NGÀY".
        return all(k or (any(ch.isupper() for ch in g) and len(fold(g)) >= 2) for k, g in zip(known, groups))
    shaped = all(k or (nfc(g) == nfc(g).upper() and len(fold(g)) >= 2) for k, g in zip(known, groups))
    if not shaped:
        return False
    if number.style == "congvan":
        return not _SPACED.search(view.folded[match.start():match.end()])
    return True


def _is_own_number(view: _View, prefix_start: int) -> bool:
    """A header line "Số: 15/BC-PGDĐT" is the document's own number, not a citation."""
    start = view.start(prefix_start)
    if not view.text[start:start + 1] == "S":
        return False
    line_start = view.text.rfind("\n", 0, start)
    return line_start >= 0 and not view.text[line_start + 1:start].strip()


def _issuer_after(view: _View, fpos: int) -> str:
    lead = _ISSUER_LEAD.match(view.folded, fpos)
    if not lead:
        return ""
    fstart = lead.end()
    nxt = _CANDIDATE.search(view.folded, fstart, min(len(view.folded), fstart + 200))
    fstop = _prefix_start(view.folded, nxt.start()) if nxt else min(len(view.folded), fstart + 200)
    region = view.orig(fstart, max(fstart, fstop))
    if stop := _ISSUER_STOP.search(region):
        region = region[:stop.start()]
    words: list[str] = []
    for i, token in enumerate(region.split()):
        key = fold(token)
        lower = token[:1].islower()
        if i == 0 and lower and key not in _ISSUER_FIRST_WORDS and key not in _KNOWN_CODES:
            return ""
        if i > 0 and lower and key not in _ISSUER_INNER_WORDS:
            break
        if i > 0 and lower and key in ("ban", "hanh") and fold(words[-1]) not in ("uy", "chap"):
            break  # "ban hành" starts a clause; "Ủy ban", "Chấp hành" belong to the name
        words.append(token)
        if len(words) >= _MAX_ISSUER_WORDS:
            break
    name = _TRAILING_CONNECTORS.sub("", " ".join(words)).strip()
    return nfc(name)


def _prefix_start(folded: str, nstart: int) -> int:
    window_start = max(0, nstart - _WINDOW)
    before = folded[window_start:nstart]
    for pattern in (_BEFORE_TYPE, _BEFORE_ABBR, _BEFORE_LABEL):
        if m := pattern.search(before):
            return window_start + m.start()
    return nstart


def _link_lists(view: _View, found: list[_Found]) -> None:
    """Members of "Nghị quyết số 18-NQ/TW, 19-NQ/TW của …" share type word and issuer."""
    group: list[_Found] = []
    for item in found:
        prev = group[-1] if group else None
        joined = (
            prev is not None
            and not item.has_word
            and not prev.own_issuer
            and _LIST_GAP.fullmatch(view.folded, prev.fend, item.fstart) is not None
        )
        if joined:
            head = group[0]
            if head.word and _same_type(head.word, item.number):
                item.word = head.word
            group.append(item)
        else:
            _share_issuer(group)
            group = [item]
    _share_issuer(group)


def _same_type(word: str, number: DocNumber) -> bool:
    code = type_code_for_name(word, party=number.style == "party")
    return code == number.type_code or word == number.type_name


def _share_issuer(group: list[_Found]) -> None:
    """The last member's "của …" (and a "cùng ngày …" date) covers the whole list."""
    if not group:
        return
    last = group[-1]
    for member in group[:-1]:
        if not member.issuer:
            member.issuer = last.issuer
        if last.shared_date and member.date is None:
            member.date = last.date


def _dedupe(view: _View, found: list[_Found]) -> list[Reference]:
    dated = {item.number.key for item in found if item.date is not None}
    kept: dict[tuple[str, date | None], Reference] = {}
    for item in found:
        if item.date is None and item.number.key in dated:
            continue  # a later (or earlier) short mention of a dated citation
        key = (item.number.key, item.date)
        start, end = view.start(item.fstart), view.end(item.fend)
        ref = Reference(
            raw=view.text[start:end],
            start=start,
            end=end,
            number=item.number,
            type_name=item.word or item.number.type_name,
            date=item.date,
            issuer_name=item.issuer,
        )
        if key not in kept:
            kept[key] = ref
        elif not kept[key].issuer_name and ref.issuer_name:
            kept[key] = replace(kept[key], issuer_name=ref.issuer_name)
    return list(kept.values())
