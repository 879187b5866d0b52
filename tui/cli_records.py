"""`dvk doc …`, `dvk task …`, `dvk model …`: the records, from the shell."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Optional

import typer

from db import rules
from db.errors import DvkError
from db.filters import DocumentFilter, parse_direction, select_models, select_tasks
from db.messages import Message
from db.models import DEFAULT_SECTIONS, MODEL_FIELDS, Document, DvkModel, Task
from db.numbers import try_parse_number
from db.registers.attachments import attach, detach, is_present
from db.registers.fields import assign_arrival_number, check_register_fields, parse_arrival_number
from db.store import NotFound, Store
from db.text import fold, visible
from tui.cli_common import open_store, print_json, print_table
from tui.cli_format import (
    DOCUMENT_COLUMNS, MODEL_COLUMNS, MODEL_STATUS_VI, STATUS_VI, TASK_COLUMNS,
    document_row, model_row, record_json, task_row, ui_date,
)

doc_app = typer.Typer(help="Văn bản: công văn, kế hoạch, quyết định… (documents)", no_args_is_help=True)
task_app = typer.Typer(help="Nhiệm vụ (tasks)", no_args_is_help=True)
model_app = typer.Typer(help="Mô hình “Dân vận khéo” (models)", no_args_is_help=True)

JSON = typer.Option(False, "--json", help="In JSON (máy đọc).")


def find_document(store: Store, ref: str) -> Document:
    """`12` (id) or a number as written: `4094/KH-UBND`, `2199-CV/HU`."""
    ref = ref.strip()
    if ref.lstrip("#").isdigit():
        return store.get(Document, int(ref.lstrip("#")))
    if try_parse_number(ref) is None:
        raise DvkError(f"“{ref}” không phải số văn bản hay mã số (#) văn bản.")
    found = store.document_by_number(ref)
    if not found:
        raise NotFound(f"Không có văn bản số {ref}.")
    if len(found) > 1:
        ids = ", ".join(f"#{d.id} ({ui_date(d.date)})" for d in found)
        raise DvkError(f"Có nhiều văn bản số {ref}: {ids}. Chọn bằng mã số #.")
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
@doc_app.command("add")
def doc_add(
    ctx: typer.Context,
    number: str = typer.Argument(..., help="Số, ký hiệu: 4094/KH-UBND, 2199-CV/HU, 30/2020/NĐ-CP"),
    date: str = typer.Option("", "--date", "-d", help="Ngày ban hành dd/mm/yyyy"),
    issuer: str = typer.Option("", "--issuer", "-i", help="Cơ quan ban hành (tên đầy đủ)"),
    summary: str = typer.Option("", "--summary", "-s", help="Trích yếu"),
    type_name: str = typer.Option("", "--type", "-t", help="Tên loại, nếu khác với ký hiệu"),
    direction: str = typer.Option("den", "--direction", help="den (văn bản đến) | di (văn bản đi)"),
    due: str = typer.Option("", "--due", help="Hạn xử lý dd/mm/yyyy (đánh dấu cần xử lý)"),
    tag: list[str] = typer.Option([], "--tag", help="Nhãn (lặp lại được)"),
    arrival_number: str = typer.Option("", "--arrival-number", "--so-den",
                                       help="Số đến (mặc định: số tiếp theo của năm, khi có ngày đến)"),
    arrival_date: str = typer.Option("", "--arrival-date", "--ngay-den", help="Ngày đến dd/mm/yyyy"),
    handler: str = typer.Option("", "--handler", help="Người (đơn vị) xử lý"),
    note: str = typer.Option("", "--note", help="Ghi chú"),
    attach_: list[Path] = typer.Option([], "--attach", help="Tệp đính kèm: bản quét, bản có chữ ký (lặp lại được)"),
    as_json: bool = JSON,
) -> None:
    """Thêm văn bản."""
    doc = Document(number=number, date=rules.iso_or_none(date, "date"), issuer_name=issuer, summary=summary,
                   type_name=type_name, direction=_direction(direction), due=rules.iso_or_none(due, "due"),
                   handling="pending" if due else "", tags=list(tag),
                   arrival_number=_arrival_number(arrival_number),
                   arrival_date=rules.iso_or_none(arrival_date, "arrival_date"), handler=handler, note=note)
    attach(doc, attach_)
    with open_store(ctx, write=True) as store:
        _register_fields(store, doc)
        store.add(doc)
        if as_json:
            print_json(record_json(doc))
        else:
            typer.echo(f"Đã thêm văn bản #{doc.id}: {doc.type_name} số {doc.canonical}")


@doc_app.command("list")
def doc_list(
    ctx: typer.Context,
    type_: str = typer.Option("", "--type", "-t", help="Loại: KH, QĐ, CV… hoặc tên loại"),
    issuer: str = typer.Option("", "--issuer", "-i", help="Ký hiệu hoặc tên cơ quan ban hành"),
    year: Optional[int] = typer.Option(None, "--year", "-y"),
    direction: str = typer.Option("", "--direction", help="den | di"),
    handler: str = typer.Option("", "--handler", help="Người xử lý (một phần tên)"),
    as_json: bool = JSON,
) -> None:
    """Liệt kê văn bản (mới nhất trước)."""
    chosen = DocumentFilter(type_, issuer, year, direction, handler)
    with open_store(ctx) as store:
        docs = chosen.apply(store.documents())
    if as_json:
        print_json([record_json(d) for d in docs])
    else:
        print_table(f"Văn bản ({len(docs)})", DOCUMENT_COLUMNS, [document_row(d) for d in docs])


@doc_app.command("show")
def doc_show(ctx: typer.Context, ref: str = typer.Argument(..., help="Mã số # hoặc số văn bản"), as_json: bool = JSON) -> None:
    """Xem một văn bản và các liên kết."""
    with open_store(ctx) as store:
        doc = find_document(store, ref)
        linked = [(link["kind"], store.get(Document, link["doc"])) for link in doc.links]
        cited_by = [d for d in store.all(Document) if any(link.get("doc") == doc.id for link in d.links)]
    if as_json:
        print_json(record_json(doc))
        return
    parts = doc.parts
    lines = [
        f"{doc.type_name} số {doc.canonical}" + (f" ngày {ui_date(doc.date)}" if doc.date else ""),
        f"  Cơ quan ban hành: {doc.issuer_name or '—'}",
        f"  Trích yếu:        {doc.summary or '—'}",
        f"  Chiều:            {'văn bản đến' if doc.direction == 'in' else 'văn bản đi'}",
        f"  Ký hiệu:          loại {parts.get('type_code') or '—'}, cơ quan {parts.get('issuer')}, kiểu {parts.get('style')}",
    ]
    if doc.arrival_number is not None or doc.arrival_date:
        lines.append(f"  Số đến:           {doc.arrival_number if doc.arrival_number is not None else '—'}"
                     + (f", ngày đến {ui_date(doc.arrival_date)}" if doc.arrival_date else ""))
    if doc.handler:
        lines.append(f"  Người xử lý:      {doc.handler}")
    if doc.due:
        lines.append(f"  Hạn xử lý:        {ui_date(doc.due)} ({'đã xử lý' if doc.handling == 'done' else 'cần xử lý'})")
    if doc.note:
        lines.append(f"  Ghi chú:          {doc.note}")
    for i, path in enumerate(doc.attachments, start=1):
        lines.append(f"  Tệp đính kèm {i}:   {path}" + ("" if is_present(path) else "  (không còn ở đây)"))
    lines += [f"  {'Thực hiện' if kind == 'implements' else 'Dẫn chiếu'}: {d.canonical} — {d.summary}" for kind, d in linked]
    lines += [f"  Được dẫn bởi: {d.canonical} — {d.summary}" for d in cited_by]
    if doc.tags:
        lines.append("  Nhãn: " + ", ".join(doc.tags))
    typer.echo("\n".join(visible(line) for line in lines))


@doc_app.command("edit")
def doc_edit(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Mã số # hoặc số văn bản"),
    number: Optional[str] = typer.Option(None, "--number"),
    date: Optional[str] = typer.Option(None, "--date", "-d"),
    issuer: Optional[str] = typer.Option(None, "--issuer", "-i"),
    summary: Optional[str] = typer.Option(None, "--summary", "-s"),
    type_name: Optional[str] = typer.Option(None, "--type", "-t"),
    direction: Optional[str] = typer.Option(None, "--direction"),
    due: Optional[str] = typer.Option(None, "--due"),
    handled: bool = typer.Option(False, "--handled", help="Đánh dấu đã xử lý"),
    arrival_number: Optional[str] = typer.Option(None, "--arrival-number", "--so-den", help="Số đến (\"\" để xóa)"),
    arrival_date: Optional[str] = typer.Option(None, "--arrival-date", "--ngay-den", help="Ngày đến dd/mm/yyyy"),
    handler: Optional[str] = typer.Option(None, "--handler", help="Người (đơn vị) xử lý"),
    note: Optional[str] = typer.Option(None, "--note", help="Ghi chú"),
    implements: list[str] = typer.Option([], "--implements", help="Văn bản mà văn bản này thực hiện"),
    cites: list[str] = typer.Option([], "--cites", help="Văn bản được dẫn chiếu"),
) -> None:
    """Sửa văn bản: chỉ các trường được nêu."""
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
        typer.echo(f"Đã lưu văn bản #{doc.id}: {doc.canonical}")


@doc_app.command("rm")
def doc_rm(ctx: typer.Context, ref: str = typer.Argument(...), yes: bool = typer.Option(False, "--yes", "-y", help="Không hỏi lại")) -> None:
    """Xóa văn bản (hoàn tác được bằng “dvk undo”)."""
    with open_store(ctx, write=True) as store:
        doc = find_document(store, ref)
        if not yes and not typer.confirm(f"Xóa {doc.type_name} số {doc.canonical}?"):
            raise typer.Exit(1)
        store.delete(Document, doc.id)
        typer.echo(f"Đã xóa văn bản #{doc.id}: {doc.canonical} (hoàn tác: dvk undo)")


@doc_app.command("attach")
def doc_attach(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Mã số # hoặc số văn bản"),
    paths: list[Path] = typer.Argument(..., help="Tệp: bản quét, bản có chữ ký… (chỉ lưu đường dẫn, không sao chép)"),
) -> None:
    """Đính kèm tệp vào văn bản (lưu đường dẫn đầy đủ; tệp không bị sao chép hay đọc)."""
    with open_store(ctx, write=True) as store:
        doc = replace(find_document(store, ref))
        added = attach(doc, paths)
        if added:
            store.save(doc)
        typer.echo(visible(str(Message("attach.added", count=len(added), id=doc.id, number=doc.canonical))))


@doc_app.command("detach")
def doc_detach(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Mã số # hoặc số văn bản"),
    paths: Optional[list[str]] = typer.Argument(None, help="Đường dẫn, hoặc số thứ tự như trong “dvk doc show”"),
    all_: bool = typer.Option(False, "--all", help="Bỏ mọi tệp đính kèm"),
) -> None:
    """Bỏ tệp đính kèm khỏi văn bản (tệp trên đĩa giữ nguyên)."""
    with open_store(ctx, write=True) as store:
        doc = replace(find_document(store, ref))
        if not paths and not all_:
            raise DvkError("attach.which", id=doc.id, count=len(doc.attachments)) if doc.attachments \
                else DvkError("attach.none", id=doc.id)
        removed = detach(doc, paths or [], everything=all_)
        if removed:
            store.save(doc)
        typer.echo(visible(str(Message("attach.removed", count=len(removed), id=doc.id, number=doc.canonical))))


@doc_app.command("open")
def doc_open(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Mã số # hoặc số văn bản"),
    which: Optional[int] = typer.Argument(None, help="Tệp thứ mấy (khi có nhiều tệp)"),
) -> None:
    """Mở tệp đính kèm bằng chương trình xem mặc định của máy."""
    from tui.opener import open_file

    with open_store(ctx) as store:
        doc = find_document(store, ref)
    if not doc.attachments:
        raise DvkError("attach.none", id=doc.id)
    if which is None and len(doc.attachments) > 1 or which is not None and not 1 <= which <= len(doc.attachments):
        raise DvkError("attach.which", id=doc.id, count=len(doc.attachments))
    path = doc.attachments[(which or 1) - 1]
    open_file(path)
    typer.echo(visible(str(Message("attach.opening", path=path))))


# ------------------------------------------------------------------ tasks
@task_app.command("add")
def task_add(
    ctx: typer.Context,
    title: str = typer.Argument(...),
    due: str = typer.Option("", "--due", help="Hạn dd/mm/yyyy"),
    doc: str = typer.Option("", "--doc", help="Văn bản nguồn (số hoặc #)"),
    section: Optional[int] = typer.Option(None, "--section", help="Mục của báo cáo (1–7)"),
    assignee: str = typer.Option("", "--assignee", "-a"),
    recur: str = typer.Option("", "--recur", help="weekly | monthly | yearly"),
    campaign_year: Optional[int] = typer.Option(None, "--campaign", help="Năm của phong trào"),
    as_json: bool = JSON,
) -> None:
    """Thêm nhiệm vụ."""
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
            typer.echo(f"Đã thêm nhiệm vụ #{task.id}: {task.title}" + (f" (hạn {ui_date(task.due)})" if task.due else ""))


@task_app.command("list")
def task_list(
    ctx: typer.Context,
    overdue: bool = typer.Option(False, "--overdue", help="Chỉ nhiệm vụ quá hạn"),
    due_within: Optional[int] = typer.Option(None, "--due-within", help="Đến hạn trong N ngày tới"),
    all_: bool = typer.Option(False, "--all", help="Gồm cả nhiệm vụ đã xong/hủy"),
    as_json: bool = JSON,
) -> None:
    """Liệt kê nhiệm vụ theo hạn."""
    with open_store(ctx) as store:
        today = store.today()
        tasks = select_tasks(store, overdue=overdue, due_within=due_within, all_=all_)
    if as_json:
        print_json([record_json(t, today) for t in tasks])
    else:
        print_table(f"Nhiệm vụ ({len(tasks)})", TASK_COLUMNS, [task_row(t, today) for t in tasks])


@task_app.command("done")
def task_done(ctx: typer.Context, task_id: int = typer.Argument(...), result: Optional[str] = typer.Option(None, "--result", "-r", help="Kết quả (đưa vào báo cáo)")) -> None:
    """Đánh dấu hoàn thành (nhiệm vụ lặp lại sẽ mở kỳ tiếp theo)."""
    with open_store(ctx, write=True) as store:
        task = store.set_task_status(task_id, "done", result)
        typer.echo(f"Đã hoàn thành nhiệm vụ #{task.id}: {task.title}")


@task_app.command("set")
def task_set(ctx: typer.Context, task_id: int = typer.Argument(...), status: str = typer.Argument(..., help="todo | doing | done | cancelled")) -> None:
    """Đổi trạng thái nhiệm vụ."""
    with open_store(ctx, write=True) as store:
        task = store.set_task_status(task_id, status)
        typer.echo(f"Nhiệm vụ #{task.id}: {STATUS_VI.get(task.status, task.status)}")


# ------------------------------------------------------------------ models
@model_app.command("add")
def model_add(
    ctx: typer.Context,
    name: str = typer.Argument(...),
    unit: str = typer.Option("", "--unit", "-u", help="Đơn vị thực hiện"),
    field: str = typer.Option(MODEL_FIELDS[1], "--field", "-f", help="; ".join(MODEL_FIELDS)),
    individual: bool = typer.Option(False, "--individual", help="Mô hình cá nhân (mặc định: tập thể)"),
    year: Optional[int] = typer.Option(None, "--year", "-y"),
    as_json: bool = JSON,
) -> None:
    """Đăng ký mô hình “Dân vận khéo”."""
    with open_store(ctx, write=True) as store:
        year = rules.check_year(year) if year is not None else store.today().year
        campaigns = [c for c in store.campaigns() if c.year == year]
        model = DvkModel(name=name, unit=unit, field=_model_field(field), kind="individual" if individual else "collective",
                         year=year, campaign=campaigns[0].id if campaigns else None)
        store.add(model)
        if as_json:
            print_json(record_json(model))
        else:
            typer.echo(f"Đã đăng ký mô hình #{model.id}: {model.name}")


def _model_field(value: str) -> str:
    for known in MODEL_FIELDS:
        if fold(value) and fold(value) in fold(known):
            return known
    raise DvkError("Lĩnh vực phải là: " + "; ".join(MODEL_FIELDS) + ".")


@model_app.command("list")
def model_list(ctx: typer.Context, year: Optional[int] = typer.Option(None, "--year", "-y"), as_json: bool = JSON) -> None:
    """Liệt kê mô hình."""
    with open_store(ctx) as store:
        models = select_models(store.models(), year)
    if as_json:
        print_json([record_json(m) for m in models])
    else:
        print_table(f"Mô hình ({len(models)})", MODEL_COLUMNS, [model_row(m) for m in models])


@model_app.command("set")
def model_set(
    ctx: typer.Context,
    model_id: int = typer.Argument(...),
    status: Optional[str] = typer.Option(None, "--status", help="registered | in_progress | achieved | not_achieved | replicated"),
    result: Optional[str] = typer.Option(None, "--result", "-r"),
) -> None:
    """Cập nhật trạng thái/kết quả mô hình."""
    with open_store(ctx, write=True) as store:
        model = replace(store.get(DvkModel, model_id))
        if status is not None:
            model.status = _model_status(status)
        if result is not None:
            model.result = result
        store.save(model)
        typer.echo(f"Mô hình #{model.id}: {MODEL_STATUS_VI.get(model.status)}")


def _model_status(value: str) -> str:
    for key, label in MODEL_STATUS_VI.items():
        if fold(value) in (key, fold(label)):
            return key
    raise DvkError("Trạng thái mô hình phải là: " + ", ".join(MODEL_STATUS_VI) + ".")
