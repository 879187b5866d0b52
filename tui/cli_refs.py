"""`dvk refs FILE|-`: list the documents a text cites; `--add` registers the new ones.

The document's own number (its header "Số: …") is listed and marked ("own" in
JSON). A number rebuilt from damaged text (OCR, lost fonts) shows its
confidence and is never registered unasked: `--add` asks for each one on a
terminal, skips them with a note otherwise, unless `--add-repaired` says so.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from db.dates import format_ui
from db.errors import DvkError
from db.messages import Message, render
from db.models import Document
from db.store import Store
from db.text import visible
from tui.cli_common import open_store, print_json, print_table
from tui.cli_format import coded, headings

if TYPE_CHECKING:  # db.refs costs ~15 ms to import: only `dvk refs` pays it
    from db.refs import Reference

ADD_LABEL = Message("label.refs_import")
COLUMN_KEYS = ("cli.refs.col.raw", "col.number", "col.seq", "cli.refs.col.type", "cli.refs.col.issuer", "cli.col.year",
               "cli.col.date", "cli.refs.col.style", "col.issuer_name", "cli.refs.col.own", "cli.refs.col.confidence")


def read_source(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    path = Path(source).expanduser()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DvkError("refs.no_file", path=path) from None
    except IsADirectoryError:
        raise DvkError("refs.is_dir", path=path) from None
    except OSError as err:
        raise DvkError("refs.unreadable", path=path, reason=err.strerror or str(err)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DvkError("refs.not_utf8", path=path) from None


def ref_json(ref: Reference) -> dict[str, Any]:
    n = ref.number
    return {
        "raw": ref.raw,
        "start": ref.start,
        "end": ref.end,
        "canonical": n.canonical,
        "key": n.key,
        "seq": n.seq,
        "type_code": n.type_code,
        "type_name": ref.type_name,
        "issuer": n.issuer,
        "issuer_name": ref.issuer_name,
        "year": n.year if n.year is not None else (ref.date.year if ref.date else None),
        "date": ref.date.isoformat() if ref.date else None,
        "style": n.style,
        "own": ref.own,
        "confidence": ref.confidence,
        "repairs": list(ref.repairs),
    }


def ref_row(ref: Reference) -> list[str]:
    n = ref.number
    year = n.year if n.year is not None else (ref.date.year if ref.date else "")
    row = [" ".join(ref.raw.split()), n.canonical, n.seq, ref.type_name, n.issuer, str(year),
           format_ui(ref.date) if ref.date else "", coded("cli.style", n.style), ref.issuer_name,
           render("cli.refs.own") if ref.own else "", f"{ref.confidence:.0%}" if ref.confidence < 1 else ""]
    return [visible(cell) for cell in row]


def existing_for(store: Store, ref: Reference) -> Document | None:
    """Same canonical key and, when both carry a date, the same year (NĐ 30 Điều 15)."""
    for doc in store.document_by_number(ref.number.canonical):
        if ref.date is None or not doc.date or doc.date[:4] == str(ref.date.year):
            return doc
    return None


def add_refs(store: Store, refs: list[Reference]) -> list[tuple[Reference, Document, bool]]:
    """Register the references not in the store yet, in one undoable transaction."""
    results: list[tuple[Reference, Document, bool]] = []
    new = [ref for ref in refs if existing_for(store, ref) is None]
    if not new:
        return [(ref, existing_for(store, ref), False) for ref in refs]  # type: ignore[misc]
    with store.transaction(ADD_LABEL):
        for ref in refs:
            found = existing_for(store, ref)  # also catches one added a moment ago
            if found is not None:
                results.append((ref, found, False))
                continue
            doc = Document(
                number=ref.number.canonical,
                type_name=ref.type_name,
                issuer_name=ref.issuer_name,
                date=ref.date.isoformat() if ref.date else None,
                direction="in",
            )
            store.add(doc, ADD_LABEL)
            results.append((ref, doc, True))
    return results


def _keep_repaired(found: list[Reference], accept: bool, interactive: bool) -> tuple[list[Reference], list[Reference]]:
    """The references to add, and the repaired ones left out (asked one by one on a terminal)."""
    keep: list[Reference] = []
    skipped: list[Reference] = []
    for ref in found:
        if ref.confidence >= 1 or accept:
            keep.append(ref)
        elif interactive and typer.confirm(render("refs.confirm_repaired", number=ref.number.canonical,
                                                  raw=visible(" ".join(ref.raw.split())),
                                                  percent=round(ref.confidence * 100)), default=False):
            keep.append(ref)
        else:
            skipped.append(ref)
    return keep, skipped


def refs(
    ctx: typer.Context,
    source: str = typer.Argument(..., help="cli.help.refs.source"),
    as_json: bool = typer.Option(False, "--json", help="cli.help.json"),
    add: bool = typer.Option(False, "--add", help="cli.help.refs.add"),
    add_repaired: bool = typer.Option(False, "--add-repaired", help="cli.help.refs.add_repaired"),
) -> None:
    """`dvk refs`: the documents a text cites; `--add` registers the new ones."""
    from db.refs import extract_refs

    found = extract_refs(read_source(source))
    if not add:
        if as_json:
            print_json([ref_json(ref) for ref in found])
        else:
            print_table(render("refs.title", count=len(found)), headings(*COLUMN_KEYS), [ref_row(ref) for ref in found])
        return
    if not found:
        if as_json:
            print_json([])
        else:
            typer.echo(render("refs.none_to_add"))
        return
    # A question needs a keyboard: not when the text itself came on stdin, nor for --json.
    interactive = source != "-" and sys.stdin.isatty() and not as_json
    found, skipped = _keep_repaired(found, add_repaired, interactive)
    results = []
    if found:
        with open_store(ctx, write=True) as store:
            results = add_refs(store, found)
    if as_json:
        print_json([{**ref_json(ref), "id": doc.id, "status": "added" if is_new else "existing"}
                    for ref, doc, is_new in results]
                   + [{**ref_json(ref), "id": None, "status": "skipped_repaired"} for ref in skipped])
        return
    added = [(ref, doc) for ref, doc, is_new in results if is_new]
    kept = [(ref, doc) for ref, doc, is_new in results if not is_new]
    if added:
        typer.echo(render("refs.added", count=len(added)))
        for ref, doc in added:
            typer.echo(f"  #{doc.id} {_describe(ref)}")
    else:
        typer.echo(render("refs.nothing_new"))
    if kept:
        typer.echo(render("refs.existing", count=len(kept)))
        for ref, doc in kept:
            typer.echo(f"  #{doc.id} {_describe(ref)}")
    if skipped:
        typer.echo(render("refs.skipped_repaired", count=len(skipped)))
        for ref in skipped:
            typer.echo(f"  {_describe(ref)} ← «{visible(' '.join(ref.raw.split()))}» ({ref.confidence:.0%})")


def _describe(ref: Reference) -> str:
    """“Kế hoạch số 4094/KH-UBND ngày 10/07/2020 của …” in the current language."""
    text = render("cli.doc_ref", type=ref.type_name, number=ref.number.canonical).strip()
    if ref.date:
        text = render("cli.doc_ref.date", doc=text, date=format_ui(ref.date))
    if ref.issuer_name:
        text = render("cli.doc_ref.issuer", doc=text, issuer=ref.issuer_name)
    return visible(text)
