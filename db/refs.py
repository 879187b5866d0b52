"""Find the documents a text cites: "Căn cứ Kế hoạch số 4094/KH-UBND ngày 10/7/2020 của …".

Design (domain.md §1.1–1.3, §2, §3.1; measured on bench/refs_corpus, real and constructed):

1. A *folded view* of the text (``fold`` per character: lower-case ASCII, Đ -> d,
   combining marks dropped) with a map back to the caller's indices, so NFC,
   NFD, upper/lower case and ASCII-typed text all go through one set of regexes
   while every span still indexes the caller's own string.
2. A *start* regex finds a sequence number and its first separator; a small
   scanner then reads the symbol group by group (``/``, ``-``, one stray space
   or a line break around a separator, ``&`` inside a group) and *trims* it on
   the original text: a group after a spaced separator must look like an
   abbreviation, a group glued to the next word ("TWngày", "VPĐOÀN" in a
   flattened header) is cut back to its code. In a strong context it may also
   *extend* over a space that stands for a hyphen ("15/QĐ TTg") or splits a
   known code ("BGD ĐT").
3. Each number is *validated* by :func:`db.numbers.try_parse_number` and by
   *context*: after a type word ("Kế hoạch", "KH số", "Công Văn") or a "số"
   label anything the parser accepts and that looks like an abbreviation is
   taken; a bare number must have abbreviation-shaped groups, no stray spaces
   unless it carries a type code, and a công văn needs a known issuer or two
   groups. This keeps "1/ KẾT QUẢ", "194/80", "2019-2025", "mô hình số 3/MH" out.
4. The date is the ``ngày …`` that follows (numeric or long form, or in the
   next cell of a pasted table), across ", ", "(", "ban hành", "ký" or a short
   "của <cơ quan>" gap; failing that, "Ngày 12/9/2018, Ban Dân vận Tỉnh ủy đã
   ban hành Kế hoạch số 62-KH/BDVTU" gives the date before.
5. The document's *own* number ("Số: 75/KH-UBND" at the head of a line or a
   table cell, "SỐ 16/2001/CT-TTG" in an old all-caps title) is returned with
   ``own=True`` and the place-date of the header.
6. Damaged text (db.ocr): damaged date words, a lost Đ, a "/" read as "I", a
   symbol continued on a later header line. A repaired reference carries
   ``confidence`` < 1 and ``repairs``; nothing that is not in the text is added.

Every pattern has one way to match a given text, so extraction runs in linear
time on any input (tests/db/test_linear_time.py).

Plain Python: no textual, no rich.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from db import ocr
from db.dates import YEAR_MAX, YEAR_MIN, find_dates
from db.numbers import (
    ISSUER_NAMES,
    SEQ_MAX_DIGITS,
    TYPE_NAMES,
    DocNumber,
    NumberError,
    parse_number,
    try_parse_number,
    type_code_for_name,
)
from db.text import fold, nfc

__all__ = ["Reference", "extract_refs"]


@dataclass(frozen=True)
class Reference:
    raw: str  # the text as it appears: "Công Văn số 2199-CV/HU, ngày 15/5/2020"
    start: int
    end: int  # span of ``raw`` in the input
    number: DocNumber
    type_name: str  # from the words before the number, else number.type_name
    date: date | None  # the "ngày …" that goes with the number
    issuer_name: str  # "Huyện ủy Thủ Thừa" when the text gives it after the number/date, else ""
    own: bool = False  # the document's own number (its header "Số: …"), not a citation
    confidence: float = 1.0  # below 1 when damaged text was repaired (see repairs)
    repairs: tuple[str, ...] = ()  # "lost_d", "slash_misread", "date_digit", "line_join"


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
# folded -> written, for putting back a lost Đ (BGDT -> BGDĐT)
_KNOWN_WRITTEN = {fold(code): code for code in (*ISSUER_NAMES, *TYPE_NAMES)}
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
    fold("Giấy phép"): "Giấy phép",
    fold("Giấy phép xây dựng"): "Giấy phép xây dựng",
})
# The decree's abbreviations used as type words: "KH số 106/…", "CV số 12/…".
_TYPE_ABBRS = sorted({fold(code) for code in TYPE_NAMES if len(code) >= 2}, key=len, reverse=True)


def _alternation(words) -> str:
    return "|".join(
        r"[ \t]+".join(re.escape(part) for part in word.split())
        for word in sorted(words, key=len, reverse=True)
    )


# One "số" label: số, Số:, s6 (OCR), s?: (mojibake), s (a legacy font lost "ố").
# Each repetition starts with "s", which the separator class cannot match, so a
# run of labels has exactly one way to match (issue 14: "số "*21 took 29 s).
_LABEL = r"(?<![a-z0-9])s(?:o|6|\?)?[ \t:]*(?:\n[ \t]*)?"
# Anchored at the end of a short window before the number.
_BEFORE_TYPE = re.compile(
    rf"(?<![a-z0-9])(?P<word>{_alternation(_TYPE_WORDS)})[ \t:]*(?:\n[ \t]*)?(?P<labels>(?:{_LABEL})*)$"
)
_BEFORE_ABBR = re.compile(rf"(?<![a-z0-9/&\-])(?P<abbr>{_alternation(_TYPE_ABBRS)})[ \t]+(?P<labels>(?:{_LABEL})+)$")
_BEFORE_LABEL = re.compile(rf"(?P<labels>(?:{_LABEL})+)$")
_WINDOW = 64

# --- the candidate ------------------------------------------------------------------

# A sequence number where one may start: not inside a word or another number,
# but right after a glued label ("số31-QĐ/TW").
_START = re.compile(rf"(?:(?<![0-9a-z/.\-&])|(?<=(?<![a-z])so))(?P<seq>[0-9]{{1,{SEQ_MAX_DIGITS}}})")
# A separator: "/" or "-", with at most two spaces before and a line break or
# up to two spaces after. The two branches after it cannot both match.
_SEPARATOR = re.compile(r"[ \t]{0,2}(?P<char>[/-])(?:[ \t]{0,4}\n[ \t]*|[ \t]{0,2})")
# "84 QĐ/TWĐTN": the party hyphen left out (Đoàn documents).
_NOHYPHEN = re.compile(r"[ \t]{1,2}(?=[a-z][a-z0-9]*[ \t]{0,2}/)")
_GROUP = re.compile(r"[0-9]{4}(?![0-9a-z])|[a-z][a-z0-9]*(?:&[a-z0-9]+)*")
_MAX_GROUPS = 8
# After a symbol: one space, then an upper-case code ("15/QĐ TTg", "BGD ĐT").
_SPACED_CODE = re.compile(r" ([A-ZĐ][A-Za-zĐđ0-9]{0,7})(?=[\s,;.:)|/-]|$)")
_ABBREVIATION = re.compile(r"[A-ZĐ][A-ZĐ0-9]*(?:&[A-ZĐ0-9]+)*")

# --- dates and issuers ----------------------------------------------------------------

# The gap between a number and its date, on folded text whose blank runs are
# already single spaces (so no two parts can trade spaces).
_DATE_GAP = re.compile(
    r" ?(?:, ?)?(?:\( ?)?(?:\| ?)?"
    r"(?:(?:duoc )?(?:ban hanh|ky) |cua [^0-9;.:()\"\u201c\u201d\n|]{1,60}?(?:, ?| ))?"
    rf"(?:(?:cung )?{ocr.NGAY_WORD} ?)?"
)
_NGAY = re.compile(rf"(?<![a-z]){ocr.NGAY_WORD}(?![a-z])")
_MAX_DATE_GAP = 90
# "Ngày 12/9/2018, Ban Dân vận Tỉnh ủy đã ban hành Kế hoạch số 62-…": the gap
# from such a date to the type word ends in a verb of issuing.
_ISSUED_BEFORE = re.compile(r"(?:ban hanh|ky|co|ra) ?$")
_MAX_BEFORE_GAP = 100
# The header's place-date: "Thủ Thừa, ngày 3 tháng 4 năm 2021" (line or cell).
_PLACE_DATE_LEAD = re.compile(rf", ?(?:{ocr.NGAY_WORD} ?)?$")
_OWN_DATE_AFTER = 300
_OWN_DATE_BEFORE = 200
_ISSUER_LEAD = re.compile(r"[ \t]*(?:\n[ \t]*)?(?:,[ \t]*)?cua[ \t]+")
# Where an issuer's name certainly ends (checked on the original text, for case).
# A comma ends it too: "của UBND huyện, Phòng GD&ĐT đề nghị …" starts a new clause far
# more often than it joins two issuers.
_ISSUER_STOP = re.compile(r"[,;.:()\[\]\"\u201c\u201d\u201e\n!?|]")
# A body's name capitalises its first word and function words ("Sở Tài chính",
# "Ủy ban nhân dân huyện Thủ Thừa"); the lower-case words that may sit inside it:
_ISSUER_INNER_WORDS = {
    "huyen", "tinh", "xa", "thanh", "pho", "quan", "phuong", "thi", "tran", "nhan", "dan", "va", "uy",
    "ban", "chap", "hanh", "thuong", "vu", "trung", "uong", "giao", "duc", "dao", "tao", "chinh", "nguyen",
    "truong", "kiem", "tra", "dong", "hiep", "nu", "phu", "tuong", "doan", "su", "an", "binh", "chien",
    "nong", "nien", "hoi", "van", "phong", "quoc", "te", "y", "khoa", "hoc", "cong", "nghe", "thong",
    "tin", "truyen", "tuyen", "mat", "lien", "lao", "dang", "bo", "so", "nghiep", "thon", "vien",
    "tri", "tich", "truc", "thu", "ky", "dung", "xay", "tai", "moi", "hoach", "tu", "hoa",
    "the", "thao", "du", "lich", "phat", "trien", "ngoai", "noi", "ton", "dien", "luc", "ngan", "hang",
}
_ISSUER_FIRST_WORDS = {"ubnd", "hdnd", "btv", "ban", "phong", "so", "bo", "huyen", "tinh", "thanh", "dang",
                       "uy", "hoi", "chi", "truong", "cong", "mat", "chinh", "van", "quoc", "thu", "doan"}
_MAX_ISSUER_WORDS = 12
_CONNECTOR_CHARS = " \t,;&-"
_CONNECTOR_WORDS = ("va", "hoac")

# Between two members of one list: "18-NQ/TW, 19-NQ/TW", "12/KH-UBND và 13/KH-UBND".
_LIST_GAP = re.compile(rf"[ \t,;]*(?:(?:va|hoac)[ \t]+)?(?:{_LABEL})*")


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
    own: bool = False
    confidence: float = 1.0
    repairs: list[str] = field(default_factory=list)


@dataclass
class _Prefix:
    start: int  # folded start of type word / labels (== nstart when none)
    word: str | None
    has_word: bool
    labels: str
    label_start: int  # folded start of the first label, -1 when none


class _Dates:
    """The text's dates by folded start, with the confidence of each reading."""

    def __init__(self, view: _View) -> None:
        by_start: dict[int, tuple[int, date, float]] = {}
        for start, end, when in find_dates(view.text):
            by_start[view.o2f[start]] = (view.o2f[end], when, 1.0)
        for damaged in ocr.damaged_dates(view.folded, YEAR_MIN, YEAR_MAX):
            if not any(s <= damaged.start < e for s, (e, _, _) in by_start.items() if s <= damaged.start):
                by_start.setdefault(damaged.start, (damaged.end, damaged.when, damaged.confidence))
        self.starts = sorted(by_start)
        self.ends = sorted((end, start) for start, (end, _, _) in by_start.items())
        self.by_start = by_start


def extract_refs(text: str) -> list[Reference]:
    """Every cited document in ``text``, in order of appearance; duplicates kept once."""
    if not isinstance(text, str) or not text:
        return []
    view = _View(text)
    dates = _Dates(view)
    found: list[_Found] = []
    taken_until = 0
    for match in _START.finditer(view.folded):
        if match.start() < taken_until:
            continue
        item = _candidate(view, match, dates)
        if item is not None:
            found.append(item)
            taken_until = item.nend
    for match in ocr.SLASH_MISREAD.finditer(view.folded):
        item = _misread_candidate(view, match, dates, found)
        if item is not None:
            found.append(item)
    found.sort(key=lambda item: item.nstart)
    _link_lists(view, found)
    return _dedupe(view, found)


# --- reading one number -----------------------------------------------------------------


def _prefix(view: _View, nstart: int) -> _Prefix:
    folded = view.folded
    window_start = max(0, nstart - _WINDOW)
    before = folded[window_start:nstart]
    if m := _BEFORE_TYPE.search(before):
        word = _TYPE_WORDS[" ".join(m.group("word").split())]
        labels = m.group("labels")
        label_start = window_start + m.start("labels") if labels else -1
        return _Prefix(window_start + m.start(), word, True, labels, label_start)
    if m := _BEFORE_ABBR.search(before):
        labels = m.group("labels")
        return _Prefix(window_start + m.start(), m.group("abbr"), True, labels, window_start + m.start("labels"))
    if m := _BEFORE_LABEL.search(before):
        return _Prefix(window_start + m.start(), None, False, m.group("labels"), window_start + m.start())
    return _Prefix(nstart, None, False, "", -1)


@dataclass
class _Token:
    sep: str  # "/", "-" or " " (the missing party hyphen)
    spaced: bool  # blank or line break around the separator
    gstart: int  # folded span of the group
    gend: int


def _scan(folded: str, pos: int) -> tuple[list[_Token], int]:
    """Separator + group pairs from ``pos``; also where a dangling "-" ends, or -1."""
    tokens: list[_Token] = []
    dangling = -1
    for i in range(_MAX_GROUPS):
        sep = _SEPARATOR.match(folded, pos)
        char = sep.group("char") if sep else ""
        if sep is None and i == 0:
            sep = _NOHYPHEN.match(folded, pos)
            char = " "
        if sep is None:
            break
        group = _GROUP.match(folded, sep.end())
        if group is None:
            if char == "-" and "\n" in sep.group():
                dangling = sep.end()
            break
        spaced = sep.end() - sep.start() > 1
        tokens.append(_Token(char, spaced, group.start(), group.end()))
        pos = group.end()
    return tokens, dangling


def _is_known(group: str) -> bool:
    key = fold(group)
    return key in _KNOWN_CODES or bool(_QH.fullmatch(key))


def _looks_abbreviation(group: str) -> bool:
    return _is_known(group) or (group == group.upper() and any(ch.isupper() for ch in group))


def _glued_cut(group: str) -> int | None:
    """Where a group glued to the next word ends: "TWngày" -> 2, "VPĐOÀN" -> 2, "VPThủ" -> 2.

    None when the group is whole; 0 when it is no abbreviation at all.
    """
    if _is_known(group) or group.isdigit():
        return None
    if any(ch.isalpha() and not ch.isascii() and ch not in "Đđ" for ch in group):
        # A vowel with a diacritic is a word, not an abbreviation ("ĐOÀN").
        known = [j for j in range(min(len(group) - 1, 12), 1, -1) if _is_known(group[:j])]
        if known:
            return known[0]
        return _syllable_start(group)
    has_upper = False
    for i, ch in enumerate(group):
        if ch.islower():
            if not has_upper:
                return None  # "nb", "Nq": no upper-case run to cut after
            if i >= 2 and _is_known(group[:i - 1]) and not _is_known(group[:i]):
                return i - 1  # "VPThủ": the capital starts the next word
            return i  # "TWngày"
        has_upper = has_upper or ch.isupper()
    return None


_VOWELS = set("AEIOUYaeiouy")
_INITIALS = ("NGH", "NG", "NH", "CH", "TR", "TH", "PH", "KH", "GH", "GI", "QU")


def _syllable_start(group: str) -> int:
    """Where the word with the first diacritic begins: "BTCĐOÀN" -> 3 ("ĐOÀN"); 0 if too early."""
    k = next(i for i, ch in enumerate(group) if ch.isalpha() and not ch.isascii() and ch not in "Đđ")
    while k > 0 and group[k - 1] in _VOWELS:
        k -= 1
    for initial in _INITIALS:
        if group[max(0, k - len(initial)):k].upper() == initial:
            k -= len(initial)
            break
    else:
        k = k - 1 if k > 0 and group[k - 1].isalpha() else k
    return k if k >= 2 else 0


def _number_text(view: _View, seq: str, tokens: list[_Token]) -> str:
    return seq + "".join(tok.sep + view.orig(tok.gstart, tok.gend) for tok in tokens)


def _candidate(view: _View, match: re.Match, dates: _Dates) -> _Found | None:
    folded = view.folded
    nstart = match.start()
    seq = match.group("seq")
    tokens, dangling = _scan(folded, match.end())
    prefix = _prefix(view, nstart)
    strong = prefix.has_word or bool(prefix.labels)
    repairs: list[str] = []
    confidence = 1.0

    kept: list[_Token] = []
    cut = False
    for tok in tokens:
        group = view.orig(tok.gstart, tok.gend)
        if group.isdigit():  # the year of a QPPL number
            kept.append(tok)
            continue
        if tok.spaced and not _looks_abbreviation(group) and _glued_cut(group) is None:
            cut = True
            break
        at = _glued_cut(group)
        if at is not None:
            if at > 0:
                kept.append(_Token(tok.sep, tok.spaced, tok.gstart, view.o2f[view.start(tok.gstart) + at]))
            cut = True
            break
        kept.append(tok)
    if not kept:
        return None
    nend = kept[-1].gend
    text = _number_text(view, seq, kept)

    if strong and not cut:
        text, nend = _extend_over_space(view, text, nend)
    if not cut and dangling >= 0 and len(kept) == len(tokens):
        joined = _continued_line(view, dangling)
        if joined:
            text += "-" + joined
            repairs.append("line_join")
            confidence *= ocr.LINE_JOIN

    number = try_parse_number(text)
    repaired = _put_back_lost_d(view, nstart, text, number)
    if repaired is not None:
        number, text = repaired
        repairs.append("lost_d")
        confidence *= ocr.LETTER_REPAIR
    if number is None or number.seq == "":
        return None
    if number.style == "old" and not strong:
        return None
    if " " in text and not strong:
        return None  # "84 QĐ/…" and a space for a hyphen only after a type word or "số"
    groups = _final_groups(number)
    if not _symbol_ok(groups, number, prefix, strong, view.orig(nstart, nend)):
        return None
    return _finish(view, dates, nstart, nend, number, prefix, repairs, confidence)


def _extend_over_space(view: _View, text: str, nend: int) -> tuple[str, int]:
    """ "15/QĐ TTg" -> 15/QĐ-TTg; "23/2015/TTLT-BGD ĐT-BNV" -> …-BGDĐT-BNV (strong context only)."""
    orig_end = view.end(nend)
    spaced = _SPACED_CODE.match(view.text, orig_end)
    if spaced is None:
        return text, nend
    code = spaced.group(1)
    if not _looks_abbreviation(code):
        return text, nend
    last = re.split(r"[/\- ]", text)[-1]
    if not _is_known(last) and _is_known(last + code):
        text += code
    else:
        try:
            parse_number(text)
            return text, nend
        except NumberError as err:
            if err.key != "number.no_issuer":
                return text, nend
        text += "-" + code
    end = view.o2f[spaced.end()]
    tokens, _ = _scan(view.folded, end)
    for tok in tokens:
        group = view.orig(tok.gstart, tok.gend)
        if tok.sep != "-" or tok.spaced or not _looks_abbreviation(group) or _glued_cut(group) is not None:
            break
        text += "-" + group
        end = tok.gend
    return text, end


def _continued_line(view: _View, dangling: int) -> str | None:
    """A header symbol wrapped onto a later left-column line: "Số: 255/BC-BCĐPCGD-" … "XMC"."""
    start = view.start(dangling)
    lines = view.text[start:start + 200].split("\n")[:6]
    for line in lines:
        word = line.strip()
        if _ABBREVIATION.fullmatch(word) and word.isascii() or (word and set(word) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZĐ0123456789&") and word[0].isalpha()):
            return word
    return None


def _put_back_lost_d(view: _View, nstart: int, text: str, number: DocNumber | None) -> tuple[DocNumber, str] | None:
    """ "178/2007/N-CP" -> NĐ-CP, "514-Q/TWTN-BKT" -> QĐ, "47/2011/TTLT-BGDT-BNV" -> BGDĐT.

    A number that does not parse is mended whenever one Đ makes it parse; one
    that parses is mended only where the text around it shows no Đ at all (a
    font that lost the letter), so a real unknown code keeps its spelling.
    """
    if number is not None:
        around = view.text[max(0, view.start(nstart) - 300):view.start(nstart) + 300]
        if "Đ" in around or "đ" in around:
            return None
    pieces = re.split(r"([/\-])", text)
    changed = False
    for i, piece in enumerate(pieces):
        if i == 0 or piece in ("/", "-") or not piece or piece.isdigit():
            continue
        fixed = ocr.insert_lost_d(piece, _KNOWN_WRITTEN, fold)
        if fixed is not None:
            pieces[i] = fixed
            changed = True
    if not changed:
        return None
    again = try_parse_number("".join(pieces))
    if again is None or (number is not None and again.key == number.key):
        return None
    return again, "".join(pieces)


def _final_groups(number: DocNumber) -> list[str]:
    groups = [g for g in re.split(r"[/\-]", number.canonical) if g and not g.isdigit()]
    if number.style == "party" and number.slashed:
        groups = groups[: len(groups) - number.slashed]  # "/nb" suffixes are lower case
    return groups


def _symbol_ok(groups: list[str], number: DocNumber, prefix: _Prefix, strong: bool, written: str) -> bool:
    originals = [g for g in re.split(r"[\s/\-]+", written[len(number.seq):]) if g and not g.isdigit()]
    if len(originals) == len(groups):
        groups = originals  # judge case on what was written, not on the canonical form
    canonical = _final_groups(number)
    known = [_is_known(g) or (i < len(canonical) and _is_known(canonical[i])) for i, g in enumerate(groups)]
    if number.style == "congvan" and not (known[0] or len(groups) >= 2):
        # A công văn symbol is issuer + drafting unit (NĐ 30 Phụ lục I §II.3b):
        # "mô hình số 3/MH", "tủ số 4/A" are not one; "Giấy phép số 62/GPXD" is a
        # typed document whose symbol has no type code.
        if not (prefix.has_word and prefix.word and len(fold(groups[0])) >= 2 and groups[0] == groups[0].upper()):
            return False
    if strong:
        # Anything the parser takes, as long as each group is an abbreviation:
        # "số 12/ ngày" is a blank number, not a công văn from "NGÀY".
        return all(k or (any(ch.isupper() for ch in g) and len(fold(g)) >= 2) for k, g in zip(known, groups))
    shaped = all(k or (nfc(g) == nfc(g).upper() and len(fold(g)) >= 2) for k, g in zip(known, groups))
    if not shaped:
        return False
    if number.style == "congvan":
        return not re.search(r"[ \t]", written)
    return True


def _misread_candidate(view: _View, match: re.Match, dates: _Dates, found: list[_Found]) -> _Found | None:
    """ "Chi thi s6 05ICT-TTg": a "/" read as I, l or | before a known type code (strong context only)."""
    nstart = match.start()
    if any(item.nstart <= nstart < item.fend for item in found):
        return None
    seq, code = match.group(1), match.group(2)
    if code not in {fold(c) for c in TYPE_NAMES}:
        return None
    prefix = _prefix(view, nstart)
    if not (prefix.has_word or prefix.labels):
        return None
    tokens, _ = _scan(view.folded, match.end())
    kept = []
    for tok in tokens:
        group = view.orig(tok.gstart, tok.gend)
        if tok.sep != "-" or not _looks_abbreviation(group) or _glued_cut(group) is not None:
            break
        kept.append(tok)
    if not kept:
        return None
    code_orig = view.orig(match.start(2), match.end(2))
    text = f"{seq}/{code_orig}" + "".join("-" + view.orig(t.gstart, t.gend) for t in kept)
    number = try_parse_number(text)
    if number is None or number.type_code is None:
        return None
    return _finish(view, dates, nstart, kept[-1].gend, number, prefix, ["slash_misread"], ocr.LETTER_REPAIR)


def _finish(view: _View, dates: _Dates, nstart: int, nend: int, number: DocNumber, prefix: _Prefix,
            repairs: list[str], confidence: float) -> _Found:
    word, has_word = prefix.word, prefix.has_word
    if has_word and word is not None and word in _TYPE_ABBRS:
        code = type_code_for_name(word, party=number.style == "party")
        word = TYPE_NAMES.get(code) if code else None
    elif word and not _same_type(word, number) and view.text[view.start(prefix.start)].islower():
        # "Thông báo kết luận số 212-TB/TU": a lower-case word that disagrees
        # with the symbol qualifies the real type word; the symbol knows better.
        word = None
    own = _is_own(view, prefix, nstart)
    when, fend, date_conf = _date_after(view.folded, nend, dates)
    if when is None and own:
        when, fend, date_conf = _header_date(view, nend, prefix.start, dates)
    if when is None and not own:
        when, date_conf = _date_before(view.folded, prefix.start, dates)
        fend = nend
    if date_conf < 1.0:
        repairs = [*repairs, "date_digit"]
        confidence *= date_conf
    issuer = "" if own else (_issuer_after(view, nend) or (_issuer_after(view, fend) if when else ""))
    shared = when is not None and bool(re.search(r"\bcung[ \t]+ngay", view.folded[nend:fend]))
    return _Found(prefix.start, max(fend, nend), nstart, nend, number, word, has_word, when, issuer,
                  bool(issuer), shared, own, round(confidence, 2), repairs)


# --- own numbers ------------------------------------------------------------------------


def _is_own(view: _View, prefix: _Prefix, nstart: int) -> bool:
    """ "Số: 15/BC-PGDĐT" heading a line or a cell, "Nghị quyết số: 653/…", or an old caps title."""
    if prefix.label_start < 0:
        return False
    label_at = view.start(prefix.label_start)
    label = view.text[label_at:label_at + 2]
    if not label[:1] == "S" and not (prefix.has_word and ":" in prefix.labels):
        return False
    line_at = max(view.text.rfind("\n", max(0, label_at - 200), label_at), label_at - 200)
    head = view.text[prefix.start if prefix.has_word else label_at:label_at]
    before_on_line = view.text[line_at + 1:view.start(prefix.start)]
    if prefix.has_word:
        # "Nghị quyết số: 653/2019/UBTVQH14" at the head of its line
        return ":" in prefix.labels and not before_on_line.strip(" \t|*#") and head[:1].isupper()
    if label == "SỐ" or label == "SO":
        # "CHỈ THỊ CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 16/2001/CT-TTG" — an old all-caps title
        title = view.text[max(0, label_at - 60):label_at]
        letters = [ch for ch in title if ch.isalpha()]
        if letters and all(ch.isupper() for ch in letters) and "CỦA" in title:
            return True
    if not before_on_line.strip(" \t|*#"):
        return True
    # "…TRUNG ƯƠNG***Số: 367 - …", "… học Số: 1401/QĐ - ĐHQN": a capital "Số:" mid-line
    return ":" in prefix.labels[:4]


def _header_date(view: _View, nend: int, fstart: int, dates: _Dates) -> tuple[date | None, int, float]:
    """The place-date of the header: the first "<Nơi>, ngày …" after the number (or just before it)."""
    folded = view.folded
    i = bisect_left(dates.starts, nend)
    candidates = [s for s in dates.starts[i:i + 8] if s - nend <= _OWN_DATE_AFTER]
    j = bisect_right(dates.starts, fstart)
    candidates += [s for s in reversed(dates.starts[max(0, j - 3):j]) if fstart - s <= _OWN_DATE_BEFORE]
    for start in candidates:
        line_at = max(folded.rfind("\n", max(0, start - 80), start), folded.rfind("|", max(0, start - 80), start))
        lead = re.sub(r"[ \t]+", " ", folded[line_at + 1:start])
        if _PLACE_DATE_LEAD.search(lead):
            end, when, confidence = dates.by_start[start]
            return when, (end if start > nend else nend), confidence
    return None, nend, 1.0


# --- dates ------------------------------------------------------------------------------


def _squeeze(gap: str) -> str | None:
    """The gap with blank runs made single spaces; None when it crosses a paragraph."""
    if gap.count("\n") > 1:
        return None
    return re.sub(r"[ \t\n]+", " ", gap)


def _date_after(folded: str, nend: int, dates: _Dates) -> tuple[date | None, int, float]:
    """The date that follows the number across a short gap; (None, nend, 1) if none."""
    i = bisect_left(dates.starts, nend)
    while i < len(dates.starts) and dates.starts[i] - nend <= _MAX_DATE_GAP:
        stop = dates.starts[i]
        gap = _squeeze(folded[nend:stop])
        if gap is not None and _DATE_GAP.fullmatch(gap):
            if _NGAY.search(gap) or _NGAY.match(folded, stop) or not gap.strip(" ,(|"):
                end, when, confidence = dates.by_start[stop]
                return when, end, confidence
        i += 1
    return None, nend, 1.0


def _date_before(folded: str, fstart: int, dates: _Dates) -> tuple[date | None, float]:
    """ "Ngày 12/9/2018, Ban Dân vận Tỉnh ủy đã ban hành Kế hoạch số 62-KH/BDVTU" -> 12/9/2018."""
    i = bisect_right(dates.ends, (fstart, len(folded))) - 1
    if i < 0:
        return None, 1.0
    end, start = dates.ends[i]
    if fstart - end > _MAX_BEFORE_GAP:
        return None, 1.0
    gap = folded[end:fstart]
    if not gap.startswith(",") or re.search(r"[.;:\n]", gap):
        return None, 1.0
    lead = folded[max(0, start - 6):start]
    if not (_NGAY.search(lead) or _NGAY.match(folded, start)):
        return None, 1.0
    if not _ISSUED_BEFORE.search(re.sub(r"[ \t]+", " ", gap)):
        return None, 1.0
    _, when, confidence = dates.by_start[start]
    return when, confidence


# --- issuers ----------------------------------------------------------------------------


def _issuer_after(view: _View, fpos: int) -> str:
    lead = _ISSUER_LEAD.match(view.folded, fpos)
    if not lead:
        return ""
    fstart = lead.end()
    nxt = _START.search(view.folded, fstart, min(len(view.folded), fstart + 200))
    fstop = _prefix(view, nxt.start()).start if nxt else min(len(view.folded), fstart + 200)
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
    return nfc(_strip_connectors(" ".join(words)))


def _strip_connectors(name: str) -> str:
    """Trailing ", ", " -", " &", " và", " hoặc" off a name (a loop: linear on any input)."""
    while True:
        stripped = name.rstrip(_CONNECTOR_CHARS)
        head, _, last = stripped.rpartition(" ")
        if head and fold(last) in _CONNECTOR_WORDS:
            stripped = head
        if stripped == name:
            return name.strip()
        name = stripped


# --- lists and duplicates -----------------------------------------------------------------


def _link_lists(view: _View, found: list[_Found]) -> None:
    """Members of "Nghị quyết số 18-NQ/TW, 19-NQ/TW của …" share type word and issuer."""
    group: list[_Found] = []
    for item in found:
        prev = group[-1] if group else None
        joined = (
            prev is not None
            and not item.has_word
            and not prev.own_issuer
            and not item.own
            and prev.fend <= item.fstart
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
    own_keys = {item.number.key for item in found if item.own}
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
            own=item.number.key in own_keys,
            confidence=item.confidence,
            repairs=tuple(item.repairs),
        )
        if key not in kept:
            kept[key] = ref
            continue
        first = kept[key]
        if not first.issuer_name and ref.issuer_name:
            first = replace(first, issuer_name=ref.issuer_name)
        if ref.confidence > first.confidence:  # a clean mention vouches for a damaged one
            first = replace(first, confidence=ref.confidence, repairs=ref.repairs, number=ref.number)
        kept[key] = first
    return list(kept.values())
