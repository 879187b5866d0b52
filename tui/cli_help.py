"""`dvk --help` in the user's language.

Every `help=` of the CLI (commands, groups, options, arguments) is a catalogue
key of `db/messages.py`, rendered when the help is printed — so `--lang en`
(or `DVK_LANG=en`) gives English help and the default gives Vietnamese, from
one table. Click's own words (Usage, Options, default, required, the `--help`
line) come from the catalogue too. `use_catalogue_help(app)` puts the two
classes below under every command of a typer app; typer keeps building the
commands, so nothing else about parsing changes.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Any, Iterator

import typer
from typer.core import TyperCommand, TyperGroup

from db.messages import MESSAGES, render

# The bracket click appends to a parameter's help: "[default: vi; required]".
_EXTRA = re.compile(r"\[([^\[\]]*)\]\s*$")
_EXTRA_WORDS = (("default: ", "cli.help.default"), ("env var: ", "cli.help.env"), ("required", "cli.help.required"))


def shown(text: str | None) -> str | None:
    """A help key rendered in the current language; anything else as it is."""
    return render(text) if text in MESSAGES else text


@contextmanager
def _rendered(obj: Any, *names: str) -> Iterator[None]:
    """Temporarily put the rendered text in `obj`'s help attributes (they keep the keys)."""
    saved = {name: getattr(obj, name, None) for name in names}
    try:
        for name, value in saved.items():
            if value is not None:
                setattr(obj, name, shown(value))
        yield
    finally:
        for name, value in saved.items():
            setattr(obj, name, value)


def _extra_words(text: str) -> str:
    def swap(match: re.Match[str]) -> str:
        inner = match.group(1)
        for english, key in _EXTRA_WORDS:
            word = render(key)
            inner = inner.replace(english, f"{word}: ") if english.endswith(": ") else inner.replace(english, word)
        return f"[{inner}]"

    return _EXTRA.sub(swap, text)


class _CatalogueHelp:
    """Shared by commands and groups: usage, help text and parameters from the catalogue."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=render("cli.help.usage") + " ")

    def format_help_text(self, ctx: Any, formatter: Any) -> None:
        with _rendered(self, "help"):
            super().format_help_text(ctx, formatter)  # type: ignore[misc]

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            help_key = "cli.help.help" if param.name == "help" else param.help
            saved = param.help
            param.help = shown(help_key)
            try:
                record = param.get_help_record(ctx)
            finally:
                param.help = saved
            if record is None:
                continue
            record = (record[0], _extra_words(record[1]))
            (arguments if param.param_type_name == "argument" else options).append(record)
        if arguments:
            with formatter.section(render("cli.help.arguments")):
                formatter.write_dl(arguments)
        if options:
            with formatter.section(render("cli.help.options")):
                formatter.write_dl(options)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _rendered(self, "help", "short_help"):
            return super().get_short_help_str(limit)  # type: ignore[misc]


class HelpCommand(_CatalogueHelp, TyperCommand):
    """A typer command whose help texts are catalogue keys."""


class HelpGroup(_CatalogueHelp, TyperGroup):
    """A typer group whose help texts are catalogue keys; lists its commands in the same language."""

    def format_options(self, ctx: Any, formatter: Any) -> None:
        super().format_options(ctx, formatter)
        rows = []
        commands = [(name, self.get_command(ctx, name)) for name in self.list_commands(ctx)]
        commands = [(name, cmd) for name, cmd in commands if cmd is not None and not cmd.hidden]
        if not commands:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in commands)
        for name, cmd in commands:
            rows.append((name, cmd.get_short_help_str(limit)))
        with formatter.section(render("cli.help.commands")):
            formatter.write_dl(rows)


def use_catalogue_help(app: typer.Typer) -> None:
    """Give every command and group of `app` (recursively) the catalogue's help classes."""
    app.info.cls = HelpGroup
    for command in app.registered_commands:
        if command.cls in (None, TyperCommand):  # typer fills in its own class when none is given
            command.cls = HelpCommand
    for group in app.registered_groups:
        group.cls = HelpGroup
        if group.typer_instance is not None:
            use_catalogue_help(group.typer_instance)
