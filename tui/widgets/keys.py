"""Binding descriptions are catalogue keys; this turns them into words of the app's language.

Textual reads `Binding.description` as a plain string when a node is built, so
we rewrite the node's own copy of its bindings once, right after `__init__`.
It touches `_bindings` (the node's private BindingsMap copy): the one place we
step off public API, kept here so a Textual change breaks one function.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

from textual.binding import Binding
from textual.dom import DOMNode


def localise_bindings(node: DOMNode, translate: Callable[[str], str]) -> None:
    if not hasattr(node, "_dvk_keys"):  # the catalogue keys, kept for a change of language
        node._dvk_keys = node._bindings.copy()  # type: ignore[attr-defined]
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [_translated(binding, translate) for binding in bindings]


def _translated(binding: Binding, translate: Callable[[str], str]) -> Binding:
    group = binding.group
    if group is not None:
        group = Binding.Group(translate(group.description), compact=group.compact)
    return replace(binding, description=translate(binding.description), group=group)


def relocalise_bindings(node: DOMNode, translate: Callable[[str], str]) -> None:
    """The language changed: translate the bindings again from their catalogue keys (the node's
    own copy holds the old words)."""
    node._bindings = node._dvk_keys.copy()  # type: ignore[attr-defined]
    localise_bindings(node, translate)



def redirect_typing(app, event) -> bool:
    """Keys typed faster than the focus moves go where the person was typing.

    Textual forwards each key to the widget focused when the key arrives, and a focus
    change (`/` into the search box, `a` opening a dialog, `2` building a section) lands
    after the keys already queued. So in "/cai cach" or "a15/KH-UBND" typed in one burst
    — or typed while a section is still being built — `c` would clear the filters and
    `a` open another dialog. Called by the app for every key that bubbled up to it: a
    letter arriving while a text box has the focus is typed there; a letter arriving
    before the screen on top is mounted is tried again once it is (in order).
    """
    from textual import events
    from textual.widgets import Input, TextArea

    tries = getattr(event, "dvk_tries", 0)
    if not event.is_printable or tries > RETRIES:
        return False
    screen = app.screen
    focused = screen.focused
    if isinstance(focused, (Input, TextArea)) and not tries:
        again = events.Key(event.key, event.character)
        again.dvk_tries = RETRIES + 1  # type: ignore[attr-defined]
        focused.post_message(again)
    elif not screen.is_mounted or (focused is None and tries):
        again = events.Key(event.key, event.character)
        again.dvk_tries = tries + 1  # type: ignore[attr-defined]
        app.call_after_refresh(app.post_message, again)
    else:
        return False
    event.stop()
    event.prevent_default()
    return True


RETRIES = 20
