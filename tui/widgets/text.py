"""User text on screen: control characters shown as symbols, never obeyed, never read as markup."""
from __future__ import annotations

from rich.style import Style
from rich.text import Text

from db.text import visible


def shown(text: object, style: str | Style = "", multiline: bool = False) -> Text:
    """A Rich Text of user text: `[bold]` stays literal and ESC shows as ␛."""
    return Text(visible(str(text if text is not None else ""), multiline=multiline), style=style)
