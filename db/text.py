"""Text folding shared by search, number keys and the reference extractor.

Vietnamese users type with or without diacritics, in NFC or NFD, with `Đ` or
`D`; every comparison in dvk goes through :func:`fold` so those all meet.
"""
from __future__ import annotations

import re
import unicodedata

# Đ/đ have no Unicode decomposition, so NFD + dropping marks leaves them alone;
# the Eth look-alike Ð turns up in text converted from old fonts.
_LETTER_FOLD = str.maketrans({"Đ": "D", "đ": "d", "Ð": "D", "ð": "d"})
_TOKEN = re.compile(r"[0-9a-z]+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _fold_slow(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTER_FOLD))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_LETTER_FOLD).lower()


class _FoldTable(dict):
    """ord -> folded text, filled on first sight of each character.

    Folding is character by character (NFD then dropping marks never lets one
    character affect another, because only marks are reordered and every mark is
    dropped), so one cached answer per character is exact; `str.translate` then
    folds a whole string in C. The only context-dependent step is the Greek final
    sigma of `str.lower`, which `fold` leaves to the slow path.
    """

    def __missing__(self, code: int) -> str:
        folded = _fold_slow(chr(code))
        self[code] = folded
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower-case ASCII form: `Dân vận khéo` -> `dan van kheo`, `QĐ` -> `qd`."""
    if text.isascii():
        return text.lower()
    if "\u03a3" in text:  # Σ lower-cases by context (final sigma)
        return _fold_slow(text)
    return text.translate(_TABLE)


_WORD_TOKENS: dict[str, list[str]] = {}
_WORD_CACHE_MAX = 200_000  # distinct words; an office's vocabulary is far smaller


def tokens(text: str) -> list[str]:
    """Search tokens: runs of ASCII letters and digits after folding.

    Cached per whitespace-separated word (a token never spans whitespace), so
    indexing 100 000 records folds each distinct word once.
    """
    out: list[str] = []
    cache = _WORD_TOKENS
    for word in text.split():
        found = cache.get(word)
        if found is None:
            if len(cache) >= _WORD_CACHE_MAX:
                cache.clear()
            found = cache[word] = _TOKEN.findall(fold(word))
        out += found
    return out


# C0 controls, DEL and C1 controls: a terminal obeys them (ESC starts an escape
# sequence that can retitle the window or rewrite the screen; U+009B is an 8-bit
# CSI), so user text must never reach a terminal with them intact.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x09:
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode "control pictures": ␛ ␇ ␊ …
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 controls have no pictures


def visible(text: str, multiline: bool = False) -> str:
    """User text made safe to print: every control character shown as a symbol, never obeyed.

    `multiline` keeps newlines (a narrative paragraph); elsewhere they become ␊.
    """
    pattern = _CONTROL_BUT_NEWLINE if multiline else _CONTROL
    return pattern.sub(_picture, text) if pattern.search(text) else text


def control_chars(text: str, multiline: bool = False) -> list[str]:
    """The control characters in `text` (newlines allowed when `multiline`), for input checks."""
    pattern = _CONTROL_BUT_NEWLINE if multiline else _CONTROL
    return pattern.findall(text)
