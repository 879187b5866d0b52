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


