"""Small helpers for Pilot tests: type text, clear a field, read what the app said."""
from __future__ import annotations

from textual import events
from textual.keys import _character_to_key  # the name Textual gives a typed character ("/" → "slash")


async def type_text(pilot, text: str) -> None:
    """Type `text` as a terminal delivers fast typing: one key event per character, in a burst,
    then wait until the app is idle.

    Pilot.press waits ~60 ms after every key and drops “ ” – … (Textual 8.2 looks their key names
    up as Unicode names and fails). Key events queue in order, so the characters land in the
    focused field as typed; keys that act (Enter, Tab, Ctrl+S) still go through pilot.press.
    """
    for char in text:
        pilot.app.post_message(events.Key(_character_to_key(char), char))
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

