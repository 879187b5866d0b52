"""Rich styles from the current Textual theme, for DataTable cells (which take Rich Text)."""
from __future__ import annotations

from rich.style import Style
from textual.app import App
from textual.color import Color


def theme_style(app: App, variable: str, bold: bool = False) -> Style:
    """`$error` -> a Rich Style in the active theme's colour (falls back to no colour)."""
    value = app.theme_variables.get(variable)
    if not value:
        return Style(bold=bold)
    return Style(color=Color.parse(value).rich_color, bold=bold)
