"""The footer, fitted to the terminal: at 80 columns the least-needed keys are left out first
(redo, undo, import, export, sort, edit — Enter edits too …), never `q` (quit) or `?` (help, which lists them all).

Textual's Footer lays the keys out left to right and cuts what does not fit, so
the app's own keys, which come last, were the first to go. This one decides what
to show from the keys Textual's Footer would show (super().compose()).
"""
from __future__ import annotations

from textual import events
from textual.widgets import Footer

# Left out first when the keys do not fit (binding actions).
LEAST_NEEDED = ("redo", "undo", "import_register", "export_list", "open_attachment", "sort", "edit", "clear", "filters", "open_document", "new_task", "result",
                "delete", "search")
KEPT = ("quit", "help")
COMPACT_BELOW = 120  # columns


class KeyFooter(Footer):
    """Also: built again only when what it shows changes. Textual's Footer rebuilds all its keys at
    every focus change (each key costs ~2 ms of styling): 5–6 times per section switch."""

    def __init__(self) -> None:
        super().__init__()
        self._width = 0
        self._shown: tuple = ()

    def on_mount(self) -> None:
        self.call_later(self._listen)  # after Footer's own on_mount has subscribed

    def _listen(self) -> None:
        """Our handler instead of Footer's for the screen's "bindings changed" signal."""
        signal = self.screen.bindings_updated_signal
        signal.unsubscribe(self)
        signal.subscribe(self, self._keys_changed)
        self._keys_changed(self.screen)

    def _keys_changed(self, screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        width = self.app.size.width
        shown = (width, tuple((key, active.binding.description, active.enabled)
                              for key, active in screen.active_bindings.items() if active.binding.show))
        if shown != self._shown:
            self._shown = shown
            self.compact = width < COMPACT_BELOW
            self.call_after_refresh(self.recompose)

    def compose(self):
        items = list(super().compose())
        width = self.app.size.width
        palette = [w for w in items if w.has_class("-command-palette")]
        keys = [w for w in items if w not in palette]
        budget = width - sum(self._cost(w) + 2 for w in palette) - 1
        while keys and sum(self._cost(w) for w in keys) > budget:
            action = next((name for name in LEAST_NEEDED if any(_action(w) == name for w in keys)), None)
            if action is None:
                others = [w for w in keys if _action(w) not in KEPT]
                if not others:
                    break
                keys.remove(others[-1])
            else:
                keys = [w for w in keys if _action(w) != action]
        yield from keys
        yield from palette

    def _cost(self, item) -> int:
        key = getattr(item, "key_display", "") or ""
        description = getattr(item, "description", "") or ""
        return len(key) + len(description) + (2 if self.compact else 3)

    def on_resize(self, event: events.Resize) -> None:
        width = self.app.size.width
        if width != self._width:
            self._width = width
            self._keys_changed(self.screen)


def _action(item) -> str:
    return str(getattr(item, "action", "")).rsplit(".", 1)[-1]
