"""`dvk doc …`, `dvk task …`, `dvk model …`: the records, from the shell."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Optional

import typer

from db import rules
from db.errors import DvkError
from db.filters import DocumentFilter, parse_direction, select_models, select_tasks
from db.messages import Message, render
from db.models import DEFAULT_SECTIONS, MODEL_FIELD_KEYS, MODEL_FIELDS, MODEL_STATUSES, Document, DvkModel, Task
from db.numbers import try_parse_number
from db.registers.attachments import attach, detach, is_present
from db.registers.fields import assign_arrival_number, check_register_fields, parse_arrival_number
from db.store import NotFound, Store
from db.text import fold, visible
from tui.cli_common import open_store, print_json, print_table, say
from tui.cli_format import (
    coded, document_columns, document_row, model_columns, model_row, model_status_text, record_json, status_text,
    task_columns, task_row, ui_date,
)

doc_app = typer.Typer(help="cli.help.doc", no_args_is_help=True)
task_app = typer.Typer(help="cli.help.task", no_args_is_help=True)
model_app = typer.Typer(help="cli.help.model", no_args_is_help=True)

JSON = typer.Option(False, "--json", help="cli.help.json")
DOC_REF = "cli.help.doc.ref"


def doc_label(doc: Document) -> Message:
    """“Kế hoạch số 4094/KH-UBND”: how a document is named in a sentence."""
    return Message("cli.doc_ref", type=doc.type_name, number=doc.canonical)


def find_document(store: Store, ref: str) -> Document:
    """`12` (id) or a number as written: `4094/KH-UBND`, `2199-CV/HU`."""
    ref = ref.strip()
    if ref.lstrip("#").isdigit():
        return store.get(Document, int(ref.lstrip("#")))
    if try_parse_number(ref) is None:
        raise DvkError("cli.doc_ref_invalid", ref=ref)
    found = store.document_by_number(ref)
    if not found:
        raise NotFound("cli.doc_not_found", ref=ref)
    if len(found) > 1:
        ids = ", ".join(f"#{d.id} ({ui_date(d.date)})" for d in found)
        raise DvkError("cli.doc_ambiguous", ref=ref, ids=ids)
    return found[0]


def _direction(value: str) -> str:
    return parse_direction(value)


def _arrival_number(value: str) -> int | None:
    return parse_arrival_number(value)


def _register_fields(store: Store, doc: Document, *, number: bool = True) -> None:
    """Số đến given when an incoming document has arrived without one (unless `number` is
    False: an edit that did not touch the arrival); the register fields checked."""
    others = store.all(Document)
    if number:
        assign_arrival_number(doc, others)
    check_register_fields(doc, others)


# ------------------------------------------------------------------ documents
@doc_app.command("add", help="cli.help.doc.add")
def doc_add(
    ctx: typer.Context,
    number: str = typer.Argument(..., help="cli.help.doc.number"),
    date: str = typer.Option("", "--date", "-d", help="cli.help.doc.date"),
    issuer: str = typer.Option("", "--issuer", "-i", help="cli.help.doc.issuer"),
    summary: str = typer.Option("", "--summary", "-s", help="cli.help.doc.summary"),
    type_name: str = typer.Option("", "--type", "-t", help="cli.help.doc.type"),
    direction: str = typer.Option("", "--direction", help="cli.help.doc.direction_new"),
    due: str = typer.Option("", "--due", help="cli.help.doc.due"),
    tag: list[str] = typer.Option([], "--tag", help="cli.help.doc.tag"),
    arrival_number: str = typer.Option("", "--arrival-number", "--so-den", help="cli.help.doc.arrival_number"),
    arrival_date: str = typer.Option("", "--arrival-date", "--ngay-den", help="cli.help.doc.arrival_date"),
    handler: str = typer.Option("", "--handler", help="cli.help.doc.handler"),
    note: str = typer.Option("", "--note", help="cli.help.doc.note"),
    attach_: list[Path] = typer.Option([], "--attach", help="cli.help.doc.attach"),
    as_json: bool = JSON,
) -> None:
    doc = Document(number=number, date=rules.iso_or_none(date, "date"), issuer_name=issuer, summary=summary,
                   type_name=type_name, direction=_direction(direction) if direction else "in",
                   due=rules.iso_or_none(due, "due"), handling="pending" if due else "", tags=list(tag),
                   arrival_number=_arrival_number(arrival_number),
                   arrival_date=rules.iso_or_none(arrival_date, "arrival_date"), handler=handler, note=note)
    attach(doc, attach_)
    with open_store(ctx, write=True) as store:
        if not direction:
            doc.direction = rules.likely_direction(number, store.profile())
        _register_fields(store, doc)
        store.add(doc)
        if as_json:
            print_json(record_json(doc))
        else:
            say("cli.doc_added", id=doc.id, doc=doc_label(doc))


@doc_app.command("list", help="cli.help.doc.list")
def doc_list(
    ctx: typer.Context,
    type_: str = typer.Option("", "--type", "-t", help="cli.help.doc.type_filter"),
    issuer: str = typer.Option("", "--issuer", "-i", help="cli.help.doc.issuer_filter"),
    year: Optional[int] = typer.Option(None, "--year", "-y", help="cli.help.model.year"),
    direction: str = typer.Option("", "--direction", help="cli.help.doc.direction_filter"),
    handler: str = typer.Option("", "--handler", help="cli.help.doc.handler_filter"),
    as_json: bool = JSON,
) -> None:
    chosen = DocumentFilter(type_, issuer, year, direction, handler)
    with open_store(ctx) as store:
        docs = chosen.apply(store.documents())
    if as_json:
        print_json([record_json(d) for d in docs])
    else:
        print_table(render("cli.doc_list", count=len(docs)), document_columns(), [document_row(d) for d in docs])


@doc_app.command("show", help="cli.help.doc.show")
def doc_show(ctx: typer.Context, ref: str = typer.Argument(..., help=DOC_REF), as_json: bool = JSON) -> None:
    with open_store(ctx) as store:
        doc = find_document(store, ref)
        linked = [(link["kind"], store.get(Document, link["doc"])) for link in doc.links]
        cited_by = [d for d in store.all(Document) if any(link.get("doc") == doc.id for link in d.links)]
    if as_json:
        print_json(record_json(doc))
        return
    typer.echo("\n".join(visible(line) for line in show_lines(doc, linked, cited_by)))


def show_lines(doc: Document, linked: list[tuple[str, Document]], cited_by: list[Document]) -> list[str]:
    """`dvk doc show`: a heading, then one labelled line per field, values aligned."""
    def field(label: str | Message, value: object) -> str:
        return "  " + f"{render('cli.show.field', label=label)}".ljust(18) + str(value)

    def short(label: str) -> str:
        return render("cli.show.field", label=Message(label))

    parts = doc.parts
    title = doc_label(doc)
    lines = [render("cli.doc_ref.date", doc=title, date=ui_date(doc.date)) if doc.date else title.render(),
             field(Message("col.issuer_name"), doc.issuer_name or "—"),
             field(Message("col.summary"), doc.summary or "—"),
             field(Message("col.direction"), coded("cli.show.direction", doc.direction)),
             field(Message("col.symbol"), render("cli.show.symbol", type=parts.get("type_code") or "—",
                                                  issuer=parts.get("issuer"), style=coded("cli.style", parts.get("style"))))]
    if doc.arrival_number is not None or doc.arrival_date:
        number = doc.arrival_number if doc.arrival_number is not None else "—"
        lines.append(field(Message("col.arrival_number"), render("cli.show.arrival", number=number,
                                                                 date=ui_date(doc.arrival_date))
                           if doc.arrival_date else number))
    if doc.handler:
        lines.append(field(Message("col.handler"), doc.handler))
    if doc.due:
        handling = Message("value.handling.done" if doc.handling == "done" else "value.handling.pending")
        lines.append(field(Message("col.due"), render("cli.show.due", date=ui_date(doc.due), handling=handling)))
    if doc.note:
        lines.append(field(Message("col.note"), doc.note))
    for i, path in enumerate(doc.attachments, start=1):
        shown = path if is_present(path) else render("cli.show.attachment_gone", path=path)
        lines.append(field(Message("cli.show.attachment", n=i), shown))
    lines += [f"  {short('cli.show.link.implements' if kind == 'implements' else 'cli.show.link.cites')} "
              f"{d.canonical} — {d.summary}" for kind, d in linked]
    lines += [f"  {short('cli.show.cited_by')} {d.canonical} — {d.summary}" for d in cited_by]
    if doc.tags:
        lines.append(f"  {short('col.tags')} " + ", ".join(doc.tags))
    return lines


@doc_app.command("edit", help="cli.help.doc.edit")
def doc_edit(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help=DOC_REF),
    number: Optional[str] = typer.Option(None, "--number", help="cli.help.doc.number"),
    date: Optional[str] = typer.Option(None, "--date", "-d", help="cli.help.doc.date"),
    issuer: Optional[str] = typer.Option(None, "--issuer", "-i", help="cli.help.doc.issuer"),
    summary: Optional[str] = typer.Option(None, "--summary", "-s", help="cli.help.doc.summary"),
    type_name: Optional[str] = typer.Option(None, "--type", "-t", help="cli.help.doc.type"),
    direction: Optional[str] = typer.Option(None, "--direction", help="cli.help.doc.direction"),
    due: Optional[str] = typer.Option(None, "--due", help="cli.help.doc.due"),
    handled: bool = typer.Option(False, "--handled", help="cli.help.doc.handled"),
    arrival_number: Optional[str] = typer.Option(None, "--arrival-number", "--so-den",
                                                 help="cli.help.doc.arrival_number_edit"),
    arrival_date: Optional[str] = typer.Option(None, "--arrival-date", "--ngay-den", help="cli.help.doc.arrival_date"),
    handler: Optional[str] = typer.Option(None, "--handler", help="cli.help.doc.handler"),
    note: Optional[str] = typer.Option(None, "--note", help="cli.help.doc.note"),
    implements: list[str] = typer.Option([], "--implements", help="cli.help.doc.implements"),
    cites: list[str] = typer.Option([], "--cites", help="cli.help.doc.cites"),
) -> None:
    with open_store(ctx, write=True) as store:
        doc = replace(find_document(store, ref))
        if number is not None:
            doc.number, doc.type_name = number, type_name or ""
        if date is not None:
            doc.date = rules.iso_or_none(date, "date")
        if issuer is not None:
            doc.issuer_name = issuer
        if summary is not None:
            doc.summary = summary
        if type_name is not None:
            doc.type_name = type_name
        if direction is not None:
            doc.direction = _direction(direction)
        if due is not None:
            doc.due = rules.iso_or_none(due, "due")
            doc.handling = "pending" if doc.due else ""
        if handled:
            doc.handling = "done"
        if arrival_number is not None:
            doc.arrival_number = _arrival_number(arrival_number)
        if arrival_date is not None:
            doc.arrival_date = rules.iso_or_none(arrival_date, "arrival_date")
        if handler is not None:
            doc.handler = handler
        if note is not None:
            doc.note = note
        _register_fields(store, doc, number=arrival_date is not None and arrival_number is None)
        links = list(doc.links)
        for kind, refs in (("implements", implements), ("cites", cites)):
            links += [{"kind": kind, "doc": find_document(store, r).id} for r in refs]
        doc.links = links
        store.save(doc)
        say("cli.doc_saved", id=doc.id, number=doc.canonical)


@doc_app.command("rm", help="cli.help.doc.rm")
def doc_rm(ctx: typer.Context, ref: str = typer.Argument(..., help=DOC_REF),
           yes: bool = typer.Option(False, "--yes", "-y", help="cli.help.yes")) -> None:
    with open_store(ctx, write=True) as store:
        doc = find_document(store, ref)
        if not yes and not typer.confirm(visible(render("cli.doc_rm_confirm", doc=doc_label(doc)))):
            raise typer.Exit(1)
        store.delete(Document, doc.id)
        say("cli.doc_removed", id=doc.id, number=doc.canonical)


@doc_app.command("attach", help="cli.help.doc.attach_cmd")
def doc_attach(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help=DOC_REF),
    paths: list[Path] = typer.Argument(..., help="cli.help.doc.attach_paths"),
) -> None:
    with open_store(ctx, write=True) as store:
        doc = replace(find_document(store, ref))
        added = attach(doc, paths)
        if added:
            store.save(doc)
        say("attach.added", count=len(added), id=doc.id, number=doc.canonical)


@doc_app.command("detach", help="cli.help.doc.detach")
def doc_detach(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help=DOC_REF),
    paths: Optional[list[str]] = typer.Argument(None, help="cli.help.doc.detach_paths"),
    all_: bool = typer.Option(False, "--all", help="cli.help.doc.detach_all"),
) -> None:
    with open_store(ctx, write=True) as store:
        doc = replace(find_document(store, ref))
        if not paths and not all_:
            raise DvkError("attach.which", id=doc.id, count=len(doc.attachments)) if doc.attachments \
                else DvkError("attach.none", id=doc.id)
        removed = detach(doc, paths or [], everything=all_)
        if removed:
            store.save(doc)
        say("attach.removed", count=len(removed), id=doc.id, number=doc.canonical)


@doc_app.command("open", help="cli.help.doc.open")
def doc_open(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help=DOC_REF),
    which: Optional[int] = typer.Argument(None, help="cli.help.doc.open_which"),
) -> None:
    from tui.opener import open_file

    with open_store(ctx) as store:
        doc = find_document(store, ref)
    if not doc.attachments:
        raise DvkError("attach.none", id=doc.id)
    if which is None and len(doc.attachments) > 1 or which is not None and not 1 <= which <= len(doc.attachments):
        raise DvkError("attach.which", id=doc.id, count=len(doc.attachments))
    path = doc.attachments[(which or 1) - 1]
    open_file(path)
    say("attach.opening", path=path)


# ------------------------------------------------------------------ tasks
@task_app.command("add", help="cli.help.task.add")
def task_add(
    ctx: typer.Context,
    title: str = typer.Argument(..., help="cli.help.task.title"),
    due: str = typer.Option("", "--due", help="cli.help.task.due"),
    doc: str = typer.Option("", "--doc", help="cli.help.task.doc"),
    section: Optional[int] = typer.Option(None, "--section", help="cli.help.task.section"),
    assignee: str = typer.Option("", "--assignee", "-a", help="cli.help.task.assignee"),
    recur: str = typer.Option("", "--recur", help="cli.help.task.recur"),
    campaign_year: Optional[int] = typer.Option(None, "--campaign", help="cli.help.task.campaign"),
    as_json: bool = JSON,
) -> None:
    with open_store(ctx, write=True) as store:
        task = Task(title=title, due=rules.iso_or_none(due, "due"), section=section, assignee=assignee, recur=recur)
        if doc:
            task.source_doc = find_document(store, doc).id
        if campaign_year is not None:
            rules.check_year(campaign_year, "campaign")
        year = campaign_year if campaign_year is not None else (int(task.due[:4]) if task.due else store.today().year)
        campaigns = [c for c in store.campaigns() if c.year == year]
        if campaign_year is not None and not campaigns:
            raise rules.ValidationError("campaign", "rules.no_campaign_year", year=campaign_year)
        task.campaign = campaigns[0].id if campaigns else None
        if section is not None:
            rules.check_section(section, len(campaigns[0].sections) if campaigns else len(DEFAULT_SECTIONS))
        store.add(task)
        if as_json:
            print_json(record_json(task, store.today()))
        else:
            say("cli.task_added_due" if task.due else "cli.task_added", id=task.id, title=task.title,
                due=ui_date(task.due))


@task_app.command("list", help="cli.help.task.list")
def task_list(
    ctx: typer.Context,
    overdue: bool = typer.Option(False, "--overdue", help="cli.help.task.overdue"),
    due_within: Optional[int] = typer.Option(None, "--due-within", help="cli.help.task.due_within"),
    all_: bool = typer.Option(False, "--all", help="cli.help.task.all"),
    as_json: bool = JSON,
) -> None:
    with open_store(ctx) as store:
        today = store.today()
        tasks = select_tasks(store, overdue=overdue, due_within=due_within, all_=all_)
    if as_json:
        print_json([record_json(t, today) for t in tasks])
    else:
        print_table(render("cli.task_list", count=len(tasks)), task_columns(), [task_row(t, today) for t in tasks])


@task_app.command("done", help="cli.help.task.done")
def task_done(ctx: typer.Context, task_id: int = typer.Argument(..., help="cli.help.task.id"),
              result: Optional[str] = typer.Option(None, "--result", "-r", help="cli.help.task.result")) -> None:
    with open_store(ctx, write=True) as store:
        task = store.set_task_status(task_id, "done", result)
        say("cli.task_done", id=task.id, title=task.title)


@task_app.command("set", help="cli.help.task.set")
def task_set(ctx: typer.Context, task_id: int = typer.Argument(..., help="cli.help.task.id"),
             status: str = typer.Argument(..., help="cli.help.task.status")) -> None:
    with open_store(ctx, write=True) as store:
        task = store.set_task_status(task_id, status)
        say("cli.task_status", id=task.id, status=status_text(task.status))


# ------------------------------------------------------------------ models
@model_app.command("add", help="cli.help.model.add")
def model_add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="cli.help.model.name"),
    unit: str = typer.Option("", "--unit", "-u", help="cli.help.model.unit"),
    field: str = typer.Option("", "--field", "-f", help="cli.help.model.field", show_default=False),
    individual: bool = typer.Option(False, "--individual", help="cli.help.model.individual"),
    year: Optional[int] = typer.Option(None, "--year", "-y", help="cli.help.model.year"),
    as_json: bool = JSON,
) -> None:
    with open_store(ctx, write=True) as store:
        year = rules.check_year(year) if year is not None else store.today().year
        campaigns = [c for c in store.campaigns() if c.year == year]
        model = DvkModel(name=name, unit=unit, field=_model_field(field or MODEL_FIELDS[1]), kind="individual" if individual else "collective",
                         year=year, campaign=campaigns[0].id if campaigns else None)
        store.add(model)
        if as_json:
            print_json(record_json(model))
        else:
            say("cli.model_added", id=model.id, name=model.name)


def _model_field(value: str) -> str:
    """A field typed in part, with or without accents, in Vietnamese or English (`van hoa`, `culture`)."""
    typed = fold(value)
    for known in MODEL_FIELDS:
        names = (known, *(render(MODEL_FIELD_KEYS[known], lang) for lang in ("vi", "en")))
        if typed and any(typed in fold(name) for name in names):
            return known
    raise DvkError("rules.model_field", choices="; ".join(render(MODEL_FIELD_KEYS[f]) for f in MODEL_FIELDS))


@model_app.command("list", help="cli.help.model.list")
def model_list(ctx: typer.Context, year: Optional[int] = typer.Option(None, "--year", "-y", help="cli.help.model.year"),
               as_json: bool = JSON) -> None:
    with open_store(ctx) as store:
        models = select_models(store.models(), year)
    if as_json:
        print_json([record_json(m) for m in models])
    else:
        print_table(render("cli.model_list", count=len(models)), model_columns(), [model_row(m) for m in models])


@model_app.command("set", help="cli.help.model.set")
def model_set(
    ctx: typer.Context,
    model_id: int = typer.Argument(..., help="cli.help.model.id"),
    status: Optional[str] = typer.Option(None, "--status", help="cli.help.model.status"),
    result: Optional[str] = typer.Option(None, "--result", "-r", help="cli.help.model.result"),
) -> None:
    with open_store(ctx, write=True) as store:
        model = replace(store.get(DvkModel, model_id))
        if status is not None:
            model.status = _model_status(status)
        if result is not None:
            model.result = result
        store.save(model)
        say("cli.model_status", id=model.id, status=model_status_text(model.status))


def _model_status(value: str) -> str:
    """A status code (`achieved`) or its name in either language (`đạt`, `dat`, `achieved`)."""
    typed = fold(value)
    for key in MODEL_STATUSES:
        names = (key, *(fold(render(f"value.model_status.{key}", lang)) for lang in ("vi", "en")))
        if typed in names:
            return key
    raise DvkError("cli.model_status_choices", choices=", ".join(MODEL_STATUSES))
