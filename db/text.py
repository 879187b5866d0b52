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


def fold(text: str) -> str:
    """Lower-case ASCII form: `Dân vận khéo` -> `dan van kheo`, `QĐ` -> `qd`."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTER_FOLD))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_LETTER_FOLD).lower()


def tokens(text: str) -> list[str]:
    """Search tokens: runs of ASCII letters and digits after folding."""
    return _TOKEN.findall(fold(text))
