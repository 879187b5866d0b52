"""Text widths from the vendored Liberation Serif, which has the metrics of
Times New Roman glyph for glyph: what a line measures here is what it measures
in the PDF (WeasyPrint uses these very files) and in Word with Times New Roman.

Widths are sums of advance widths, without kerning: the PDF turns kerning off
(report.css) and Word does not kern unless asked, so all three agree.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from db.text import nfc

FONTS = Path(__file__).resolve().parent / "fonts"
FACES = {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic", (True, True): "BoldItalic"}
MM_PER_PT = 25.4 / 72


def font_path(bold: bool = False, italic: bool = False) -> Path:
    return FONTS / f"LiberationSerif-{FACES[(bool(bold), bool(italic))]}.ttf"


@lru_cache(maxsize=4)
def _advances(bold: bool, italic: bool) -> tuple[dict[int, int], int, int]:
    """code point -> advance width in font units; units per em; fallback advance."""
    from fontTools.ttLib import TTFont  # deferred: ~60 ms, only when a file is rendered

    font = TTFont(str(font_path(bold, italic)), lazy=True)
    metrics = font["hmtx"].metrics
    advances = {cp: metrics[glyph][0] for cp, glyph in font.getBestCmap().items()}
    return advances, font["head"].unitsPerEm, metrics[".notdef"][0]


@lru_cache(maxsize=1)
def single_line_em() -> float:
    """Height of one "single" line as a fraction of the font size: Word and
    LibreOffice set lines ascent + descent + line gap apart (1.15 for Times
    New Roman: 12 pt lines are 13.8 pt apart)."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(font_path()), lazy=True)
    hhea = font["hhea"]
    return (hhea.ascent - hhea.descent + hhea.lineGap) / font["head"].unitsPerEm


def width_pt(text: str, size: float, bold: bool = False, italic: bool = False) -> float:
    advances, units, fallback = _advances(bool(bold), bool(italic))
    total = sum(advances.get(ord(ch), fallback) for ch in nfc(text))
    return total * size / units


def width_mm(text: str, size: float, bold: bool = False, italic: bool = False) -> float:
    return width_pt(text, size, bold, italic) * MM_PER_PT
