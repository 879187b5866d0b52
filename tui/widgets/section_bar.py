"""The numbered section strip under the header: where you are and how to get elsewhere."""
from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

SECTIONS = ("dashboard", "documents", "tasks", "models", "report")


class SectionBar(Widget):
    DEFAULT_CSS = """
    SectionBar { height: 1; background: $panel; color: $text-muted; }
    """

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def render(self) -> Content:
        parts = []
        for number, name in enumerate(SECTIONS, 1):
            label = f" {number} {self.app.t('section.' + name)} "
            style = "bold reverse $primary" if name == self.current else ""
            parts.append(Content.styled(label, style) if style else Content(label))
            parts.append(Content("│"))
        return Content.assemble(*parts[:-1])
