"""Document numbers ("số, ký hiệu"): parse what users type, give one written form.

Shapes (see shared/domain.md §1.1, §1.3, §2, §3.1):

- state      ``4094/KH-UBND``           N/TYPE-ISSUER(-UNIT)*
- công văn   ``123/UBND-VP``            N/ISSUER(-UNIT)*   (first group is not a type code)
- legal      ``30/2020/NĐ-CP``          N/YYYY/TYPE-ISSUER(-ISSUER)*  or  N/YYYY/QHk | UBTVQHk
- party      ``2199-CV/HU``             N-TYPE/BODY(-UNIT)*(/suffix)?

State typed documents and công văn have the same shape; only the type table
(:data:`TYPE_NAMES`) tells them apart, so that table decides the style.
"""
from __future__ import annotations

from db.errors import DvkError

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from db.text import fold, nfc

Style = Literal["state", "congvan", "legal", "party", "old"]

# The ranges a number may take, defined once for rules, CLI, TUI and import.
# Years inside a QPPL number: the first laws of the Republic date from 1945.
YEAR_MIN, YEAR_MAX = 1945, 2100
# A sequence runs from 01 each year (NĐ 30 Điều 15), so 0 never occurs. The
# longest yearly series in practice are ministries' công văn, in the tens of
# thousands (5 digits, e.g. 14000-odd at Bộ Tài chính); 6 digits leave ten
# times that as headroom and still refuse a pasted run of digits.
SEQ_MAX_DIGITS = 6
# Longest text read as one number: the longest real symbols run to ~30
# characters, "Số: " and stray spaces add a few; a pasted paragraph is refused
# with a reason instead of being searched for a number.
NUMBER_MAX_CHARS = 120


class NumberError(DvkError, ValueError):
    """A number that cannot be read; ``reason`` is the one-line explanation."""

    @property
    def reason(self) -> str:
        return self.render()


# --- tables -----------------------------------------------------------------

# NĐ 30/2020 Phụ lục III §I, in the decree's own spelling (QyĐ, CTr, TTr, TrS
# are mixed case there, and canonical forms keep that).
_ADMIN_TYPES: dict[str, str] = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTr": "Tờ trình",
    "HĐ": "Hợp đồng",
    "CĐ": "Công điện",
    "BGN": "Bản ghi nhớ",
    "BTT": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
    "GNP": "Giấy nghỉ phép",
    "PG": "Phiếu gửi",
    "PC": "Phiếu chuyển",
    "PB": "Phiếu báo",
    "SY": "Bản sao y",
    "TrS": "Bản trích sao",
    "SL": "Bản sao lục",
}

# Party abbreviations seen in real documents (domain.md §2); no primary list exists.
_PARTY_TYPES: dict[str, str] = {
    "CV": "Công văn",
    "KL": "Kết luận",
    "QĐi": "Quy định",
    "CTHĐ": "Chương trình hành động",
    "BS": "Bản sao",
    "TT": "Thông tư",  # party reading "Thông tri" is in _PARTY_NAME_OVERRIDES
}

# QPPL types that carry a year in the number.
_LEGAL_TYPES: dict[str, str] = {
    "NĐ": "Nghị định",
    "TTLT": "Thông tư liên tịch",
    "NQLT": "Nghị quyết liên tịch",
    "PL": "Pháp lệnh",
    "L": "Lệnh",  # Lệnh công bố luật of the President: 05/2020/L-CTN
}

TYPE_NAMES: dict[str, str] = {**_ADMIN_TYPES, **_PARTY_TYPES, **_LEGAL_TYPES}

# The same code reads differently in party documents (TT = Thông tri there).
_PARTY_NAME_OVERRIDES = {"TT": "Thông tri"}

ISSUER_NAMES: dict[str, str] = {
    # state
    "CP": "Chính phủ",
    "TTg": "Thủ tướng Chính phủ",
    "VPCP": "Văn phòng Chính phủ",
    "CTN": "Chủ tịch nước",
    "QH": "Quốc hội",
    "BNV": "Bộ Nội vụ",
    "BGDĐT": "Bộ Giáo dục và Đào tạo",
    "SGDĐT": "Sở Giáo dục và Đào tạo",
    "PGDĐT": "Phòng Giáo dục và Đào tạo",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "VP": "Văn phòng",
    # party
    "TW": "Ban Chấp hành Trung ương",
    "VPTW": "Văn phòng Trung ương Đảng",
    "TU": "Tỉnh ủy",
    "HU": "Huyện ủy",
    "ĐU": "Đảng ủy",
    "BDVTW": "Ban Dân vận Trung ương",
    "BDVTU": "Ban Dân vận Tỉnh ủy",
    "BDVHU": "Ban Dân vận Huyện ủy",
    "BTGTU": "Ban Tuyên giáo Tỉnh ủy",
    "BTGDVTU": "Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "UBKTTU": "Ủy ban Kiểm tra Tỉnh ủy",
    "TWĐTN": "Ban Chấp hành Trung ương Đoàn TNCS Hồ Chí Minh",
    "TWTN": "Trung ương Đoàn TNCS Hồ Chí Minh",  # 42-HD/TWTN-BKT
    # before 1992/1997: the government was the Hội đồng Chính phủ, then the
    # Hội đồng Bộ trưởng; their numbers read 15/HĐBT, 120-CP, 12-TTg
    "HĐBT": "Hội đồng Bộ trưởng",
    "HĐCP": "Hội đồng Chính phủ",
}

# Issuers that numbered documents "N-ISSUER" before the NĐ 110/2004 forms:
# Nghị định 15-CP, Quyết định 120-TTg, Chỉ thị 07-HĐBT.
OLD_DASHED_ISSUERS = ("CP", "TTg", "HĐBT", "HĐCP")

# Joint documents of the 1990s–2003 may carry no issuers: 02/2003/NQLT.
_JOINT_TYPES = ("NQLT", "TTLT")


def _type_lookup() -> tuple[dict[str, str], dict[str, str]]:
    """Two maps: case-insensitive with Đ kept, and fully folded (Đ -> D).

    The exact map runs first so an explicit `HĐ` stays Hợp đồng; the folded map
    only serves ASCII input, where `hd`/`da` must stay Hướng dẫn/Dự án and the
    Đ is restored only for codes with no Đ-less twin (`QD` -> `QĐ`).
    """
    exact = {code.lower(): code for code in TYPE_NAMES}
    folded: dict[str, str] = {}
    for code in TYPE_NAMES:
        key = fold(code)
        if key not in folded or "Đ" not in code:
            folded[key] = code
    return exact, folded


_TYPES_EXACT, _TYPES_FOLDED = _type_lookup()
_ISSUERS_FOLDED = {fold(code): code for code in ISSUER_NAMES}
_OLD_DASHED_FOLDED = {fold(code) for code in OLD_DASHED_ISSUERS}
_QH = re.compile(r"(?:UBTVQH|QH)[0-9]+")


def _canonical_type(group: str) -> str | None:
    return _TYPES_EXACT.get(group.lower()) or _TYPES_FOLDED.get(fold(group))


def type_code_for_name(name: str, *, party: bool = False) -> str | None:
    """`Kế hoạch` / `ke hoach` / `KH` -> `KH`; None when the type has no code.

    State công văn has no abbreviation (None); with ``party=True`` the party
    codes win: Công văn -> CV, Quy định -> QĐi, Thông tri -> TT.
    """
    key = " ".join(fold(nfc(name)).split())
    if not key:
        return None
    if party and key in _PARTY_BY_NAME:
        return _PARTY_BY_NAME[key]
    return _CODE_BY_NAME.get(key) or _canonical_type(key)


def _names_to_codes() -> tuple[dict[str, str], dict[str, str]]:
    # Admin table first: "Quy định" is QyĐ for state documents, not party QĐi.
    by_name: dict[str, str] = {}
    for table in (_ADMIN_TYPES, _LEGAL_TYPES, _PARTY_TYPES):
        for code, name in table.items():
            by_name.setdefault(fold(name), code)
    del by_name[fold("Công văn")]  # state công văn has no type code
    party = {fold(name): code for code, name in _PARTY_TYPES.items()}
    party.update({fold(name): code for code, name in _PARTY_NAME_OVERRIDES.items()})
    return by_name, party


_CODE_BY_NAME, _PARTY_BY_NAME = _names_to_codes()


# --- the value ---------------------------------------------------------------


@dataclass(frozen=True)
class DocNumber:
    """A parsed number; compare documents by ``key``, show ``canonical``."""

    raw: str
    seq: str
    year: int | None
    type_code: str | None
    issuer: str
    extra: tuple[str, ...]
    style: Style
    # Party numbers may end in "/nb"-like suffixes after the body; this counts
    # how many trailing `extra` groups follow "/" instead of "-", so the
    # canonical form can be rebuilt. Always 0 outside party style.
    slashed: int = 0

    @property
    def canonical(self) -> str:
        return _RENDER[self.style](self)

    @property
    def key(self) -> str:
        return fold(self.canonical)

    @property
    def type_name(self) -> str:
        if self.style == "congvan":
            return "Công văn"
        if self.style == "old":
            return ""  # 120-CP was a nghị định, a quyết định or a chỉ thị alike
        if self.type_code is None:
            # Only QH laws reach here; UBTVQH numbers cover pháp lệnh and
            # nghị quyết alike, so no honest default exists for them.
            return "Luật" if self.issuer.startswith("QH") else ""
        if self.style == "party" and self.type_code in _PARTY_NAME_OVERRIDES:
            return _PARTY_NAME_OVERRIDES[self.type_code]
        return TYPE_NAMES.get(self.type_code, "")

    def __str__(self) -> str:
        return self.canonical


def _dashed(first: str, rest: tuple[str, ...]) -> str:
    return "-".join((first, *rest))


def _render_state(n: DocNumber) -> str:
    return f"{n.seq}/{n.type_code}-{_dashed(n.issuer, n.extra)}"


def _render_congvan(n: DocNumber) -> str:
    return f"{n.seq}/{_dashed(n.issuer, n.extra)}"


def _render_legal(n: DocNumber) -> str:
    body = _dashed(n.issuer, n.extra) if n.issuer else ""
    if n.type_code:
        body = f"{n.type_code}-{body}" if body else n.type_code
    return f"{n.seq}/{n.year}/{body}"


def _render_old(n: DocNumber) -> str:
    return f"{n.seq}-{n.issuer}"


def _render_party(n: DocNumber) -> str:
    cut = len(n.extra) - n.slashed
    body = _dashed(n.issuer, n.extra[:cut])
    suffix = "".join(f"/{group}" for group in n.extra[cut:])
    return f"{n.seq}-{n.type_code}/{body}{suffix}"


_RENDER = {
    "state": _render_state,
    "congvan": _render_congvan,
    "legal": _render_legal,
    "party": _render_party,
    "old": _render_old,
}


# --- clean-up of what users type --------------------------------------------

# "Số:", "số", "so" before the number; only when a number or a blank "/" follows,
# so an issuer that happens to start with "So…" is never eaten.
# "số số 410" (sample) repeats the label. Each repetition starts with "s", which
# the separator class cannot match, so the pattern has one way to match any
# text and runs in linear time (issue 14: "số "*26 used to take minutes).
_LABEL = re.compile(r"^(?:s[oóòỏõọôốồổỗộơớờởỡợ][ :]*)+(?=[0-9/]|$)", re.IGNORECASE)
# Word processors turn "-" into dashes; old-font conversions give Eth for Đ.
_LOOKALIKES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", "Ð": "Đ", "ð": "đ"})
# Runs on text whose whitespace is already single spaces.
_SPACED_SEPARATOR = re.compile(r" ?([/-]) ?")
# "84 QĐ/TWĐTN": the party hyphen left out, seen in Đoàn documents.
_MISSING_HYPHEN = re.compile(r"^([0-9]+) ([^ /-]+)/")
_SEQ = re.compile(r"[0-9]*")
# A group starts with a letter: "4094/12" is a typo, not an issuer called 12.
# "&" joins parts of one unit: 512/SXD-QLN&KDBĐS.
_GROUP_CHARS = re.compile(r"[a-z][a-z0-9]*(?:&[a-z0-9]+)*")


def _clean(text: str) -> str:
    text = " ".join(nfc(text).translate(_LOOKALIKES).split())
    text = _LABEL.sub("", text)
    text = text.rstrip(",;. ")
    text = _SPACED_SEPARATOR.sub(r"\1", text)
    missing = _MISSING_HYPHEN.match(text)
    if missing and _canonical_type(missing.group(2)):
        text = f"{missing.group(1)}-{text[missing.end(1):].lstrip()}"
    return text


# --- parsing -----------------------------------------------------------------


def parse_number(text: str) -> DocNumber:
    """Read a document number as users write it; raise :class:`NumberError`."""
    if not isinstance(text, str):
        raise NumberError("number.not_text")
    if len(text.strip()) > NUMBER_MAX_CHARS:
        raise NumberError("number.too_long", length=len(text.strip()), max=NUMBER_MAX_CHARS)
    raw = nfc(text).strip()
    cleaned = _clean(text)
    if not cleaned:
        raise NumberError("number.empty")
    if any(ch.isspace() for ch in cleaned):
        raise NumberError("number.space", text=_shown(cleaned))
    seq = _SEQ.match(cleaned).group()
    if len(seq) > SEQ_MAX_DIGITS:
        raise NumberError("number.seq_too_long", digits=len(seq), max=SEQ_MAX_DIGITS)
    if seq and int(seq) == 0:
        raise NumberError("number.seq_zero", seq=seq)
    rest = cleaned[len(seq):]
    if not seq and not rest.startswith(("/", "-")):
        raise NumberError("number.no_seq")
    if not rest:
        raise NumberError("number.no_symbol", seq=seq)
    if rest[0] == "/":
        return _parse_slashed(raw, seq, rest[1:])
    if rest[0] == "-":
        return _parse_party(raw, seq, rest[1:])
    head = re.split(r"[/-]", cleaned, maxsplit=1)[0]
    raise NumberError("number.seq_digits", text=_shown(head))


def try_parse_number(text: str) -> DocNumber | None:
    try:
        return parse_number(text)
    except NumberError:
        return None


def _shown(text: str) -> str:
    """User text quoted in a reason: one line, short enough for a status bar."""
    text = " ".join(text.split())
    return text if len(text) <= 30 else text[:29] + "…"


def _check_group(group: str, after: str) -> str:
    if not group:
        raise NumberError("number.group_missing", after=after)
    # A mark left over after NFC composes with no letter; upper-casing may even
    # turn one into a letter (U+0345 -> Greek Ι) so the canonical form would not
    # parse back. Vietnamese letters are precomposed by then and pass.
    if not _GROUP_CHARS.fullmatch(fold(group)) or any(unicodedata.combining(ch) for ch in group):
        raise NumberError("number.group_chars", text=_shown(group))
    return group


def _split_groups(body: str) -> list[str]:
    return [_check_group(group, "-" if i else "/") for i, group in enumerate(body.split("-"))]


def _issuer(group: str) -> str:
    # Known bodies get their official spelling back (PGDDT -> PGDĐT, TTG -> TTg);
    # unknown ones are upper-cased as NĐ 30 writes symbols in capitals.
    return _ISSUERS_FOLDED.get(fold(group), group.upper())


def _require_type(group: str) -> str:
    code = _canonical_type(group)
    if code is None:
        raise NumberError("number.unknown_type", text=_shown(group))
    return code


def _parse_slashed(raw: str, seq: str, symbol: str) -> DocNumber:
    parts = symbol.split("/")
    if len(parts[0]) == 4 and parts[0].isascii() and parts[0].isdigit():
        return _parse_legal(raw, seq, int(parts[0]), parts[1:])
    if len(parts) > 1:
        raise NumberError("number.extra_slash", text=_shown(symbol))
    groups = _split_groups(parts[0])
    code = _canonical_type(groups[0])
    if code is None:
        issuers = [_issuer(g) for g in groups]
        return DocNumber(raw, seq, None, None, issuers[0], tuple(issuers[1:]), "congvan")
    if len(groups) < 2:
        raise NumberError("number.no_issuer", code=code)
    issuers = [_issuer(g) for g in groups[1:]]
    return DocNumber(raw, seq, None, code, issuers[0], tuple(issuers[1:]), "state")


def _parse_legal(raw: str, seq: str, year: int, parts: list[str]) -> DocNumber:
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise NumberError("number.year_range", year=year, min=YEAR_MIN, max=YEAR_MAX)
    if not parts or not parts[0]:
        raise NumberError("number.no_symbol_after_year", year=year, seq=seq or "30")
    if len(parts) > 1:
        raise NumberError("number.extra_slash", text=_shown("/".join(parts)))
    groups = _split_groups(parts[0])
    if len(groups) == 1 and _QH.fullmatch(fold(groups[0]).upper()):
        return DocNumber(raw, seq, year, None, fold(groups[0]).upper(), (), "legal")
    code = _require_type(groups[0])
    if len(groups) < 2:
        if code in _JOINT_TYPES:
            return DocNumber(raw, seq, year, code, "", (), "legal")
        raise NumberError("number.no_issuer", code=code)
    issuers = [_issuer(g) for g in groups[1:]]
    return DocNumber(raw, seq, year, code, issuers[0], tuple(issuers[1:]), "legal")


def _parse_party(raw: str, seq: str, symbol: str) -> DocNumber:
    type_part, slash, body = symbol.partition("/")
    if not slash and fold(type_part) in _OLD_DASHED_FOLDED:
        return DocNumber(raw, seq, None, None, _issuer(type_part), (), "old")
    code = _require_type(_check_group(type_part, "-"))
    if not slash:
        raise NumberError("number.party_no_body", code=code, seq=seq)
    main, *suffixes = body.split("/")
    if len(suffixes) > 1:
        raise NumberError("number.extra_slash", text=_shown(body))
    groups = [_issuer(g) for g in _split_groups(main)]
    # Suffixes such as "nb" are lower case in real documents: keep them as written.
    tail = tuple(_check_group(s, "/") for s in suffixes)
    return DocNumber(raw, seq, None, code, groups[0], (*groups[1:], *tail), "party", len(tail))
