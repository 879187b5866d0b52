"""Small helpers for Pilot tests: type text, clear a field, read what the app said."""
from __future__ import annotations

from textual.widgets import Input


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)
    await pilot.pause()


async def clear_field(pilot) -> None:
    """Ctrl+A (start) then Ctrl+K (delete to the end): an Input emptied with keys."""
    await pilot.press("ctrl+a", "ctrl+k")


async def replace_field(pilot, text: str) -> None:
    await clear_field(pilot)
    await type_text(pilot, text)


def record_toasts(app) -> list[str]:
    """Every toast message from now on (the real notify still runs)."""
    said: list[str] = []
    real = app.notify

    def notify(message, *args, **kwargs):
        said.append(str(message))
        return real(message, *args, **kwargs)

    app.notify = notify
    return said


def focused_input(app) -> Input:
    assert isinstance(app.focused, Input), f"focus is on {app.focused!r}"
    return app.focused
