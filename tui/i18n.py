"""Every user-facing string of the TUI, Vietnamese first, English second.

One table so a missing translation is visible at a glance: each key maps to
``(vi, en)``. Screens call ``self.app.t(key, **kw)``; binding descriptions are
keys too and are translated when a screen is built (see ``tui.widgets.keys``).
Messages that come from ``db`` (errors, undo labels) are in ``db/messages.py``; ``t`` finds them too.
"""
from __future__ import annotations

from db.messages import render

LANGS = ("vi", "en")

MESSAGES: dict[str, tuple[str, str]] = {
    # sections
    "section.dashboard": ("Tổng quan", "Overview"),
    "section.documents": ("Văn bản", "Documents"),
    "section.tasks": ("Nhiệm vụ", "Tasks"),
    "section.models": ("Mô hình", "Models"),
    "section.report": ("Báo cáo", "Report"),
    "group.sections": ("Mục", "Sections"),
    # global keys
    "key.help": ("Trợ giúp", "Help"),
    "key.undo": ("Hoàn tác", "Undo"),
    "key.quit": ("Thoát", "Quit"),
    "key.palette": ("Lệnh", "Commands"),
    # list keys
    "key.search": ("Tìm", "Search"),
    "key.add": ("Thêm", "Add"),
    "key.edit": ("Sửa", "Edit"),
    "key.delete": ("Xóa", "Delete"),
    "key.filters": ("Lọc", "Filter"),
    "key.clear": ("Bỏ lọc", "Clear"),
    "key.toggle_status": ("Đổi trạng thái", "Next status"),
    "key.result": ("Kết quả", "Result"),
    "key.model_status": ("Trạng thái", "Status"),
    "key.campaign": ("Phong trào", "Campaign"),
    "key.export_md": ("Xuất MD", "Export MD"),
    "key.export_pdf": ("Xuất PDF", "Export PDF"),
    "key.export_docx": ("Xuất DOCX", "Export DOCX"),
    "key.save": ("Lưu", "Save"),
    "key.cancel": ("Hủy", "Cancel"),
    "key.yes": ("Đồng ý", "Yes"),
    "key.no": ("Không", "No"),
    "key.close": ("Đóng", "Close"),
    "key.down": ("Xuống", "Down"),
    "key.up": ("Lên", "Up"),
    # app
    "app.title": ("dvk — Năm dân vận khéo", "dvk — Skilful mass mobilisation"),
    "readonly.banner": (
        "CHỈ ĐỌC — một phiên dvk khác đang ghi tệp này; không thể thêm, sửa, xóa.",
        "READ-ONLY — another dvk session is writing this file; adding, editing and deleting are off.",
    ),
    "readonly.notify": ("Đang mở chỉ đọc: {reason}", "Opened read-only: {reason}"),
    "readonly.refused": ("Đang mở chỉ đọc: không thể thay đổi dữ liệu.", "Read-only: changes are not possible."),
    "undo.done": ("Đã hoàn tác: {label}", "Undone: {label}"),
    "undo.nothing": ("Không còn gì để hoàn tác.", "Nothing left to undo."),
    "error.store": ("Lỗi: {message}", "Error: {message}"),
    "help.title": ("Trợ giúp", "Help"),
    # search / lists
    "search.placeholder": ("Tìm (số, nội dung, không dấu cũng được) — / để tìm, Esc để thôi",
                           "Search (number or words, accents optional) — / to search, Esc to leave"),
    "list.count": ("{shown} / {total} dòng", "{shown} / {total} rows"),
    "list.capped": ("{shown} / {total} dòng — chỉ hiện {shown} dòng đầu; gõ / để tìm hoặc lọc để thấy phần còn lại …",
                    "{shown} / {total} rows — first {shown} shown; press / to search or filter for the rest …"),
    "list.empty": ("Không có dòng nào khớp.", "No matching rows."),
    "filter.all_types": ("Loại: tất cả", "Type: all"),
    "filter.all_issuers": ("Cơ quan: tất cả", "Issuer: all"),
    "filter.all_years": ("Năm: tất cả", "Year: all"),
    "filter.all_directions": ("Chiều: tất cả", "Direction: all"),
    # documents
    "doc.col.number": ("Số, ký hiệu", "Number"),
    "doc.col.date": ("Ngày", "Date"),
    "doc.col.type": ("Loại", "Type"),
    "doc.col.issuer": ("Cơ quan ban hành", "Issuer"),
    "doc.col.summary": ("Trích yếu", "Summary"),
    "doc.col.direction": ("Chiều", "Dir."),
    "doc.col.handling": ("Xử lý", "Handling"),
    "direction.in": ("đến", "in"),
    "direction.out": ("đi", "out"),
    "handling.": ("", ""),
    "handling.pending": ("đang xử lý", "pending"),
    "handling.done": ("đã xử lý", "done"),
    "handling.none": ("không cần xử lý", "nothing to do"),
    "doc.detail.due": ("hạn xử lý {due}", "due {due}"),
    "doc.detail.links": ("Liên quan: {links}", "Related: {links}"),
    "link.implements": ("thực hiện", "implements"),
    "link.cites": ("căn cứ", "cites"),
    "doc.added": ("Đã thêm văn bản {number}", "Document {number} added"),
    "doc.saved": ("Đã lưu văn bản {number}", "Document {number} saved"),
    "doc.deleted": ("Đã xóa văn bản {number} (Ctrl+Z để hoàn tác)", "Document {number} deleted (Ctrl+Z to undo)"),
    "doc.confirm_delete": ("Xóa văn bản {number}?\n{summary}", "Delete document {number}?\n{summary}"),
    "doc.title.add": ("Thêm văn bản", "Add document"),
    "doc.title.edit": ("Sửa văn bản", "Edit document"),
    # document form
    "field.number": ("Số, ký hiệu", "Number"),
    "field.date": ("Ngày ban hành", "Date issued"),
    "field.type": ("Loại văn bản", "Type"),
    "field.issuer": ("Cơ quan ban hành", "Issuer"),
    "field.summary": ("Trích yếu", "Summary"),
    "field.direction": ("Chiều", "Direction"),
    "field.handling": ("Xử lý", "Handling"),
    "field.due": ("Hạn", "Due"),
    "field.title": ("Tên nhiệm vụ", "Task"),
    "field.assignee": ("Người thực hiện", "Assignee"),
    "field.section": ("Mục báo cáo", "Report section"),
    "field.recur": ("Lặp lại", "Repeats"),
    "field.name": ("Tên mô hình", "Model name"),
    "field.unit": ("Đơn vị thực hiện", "Unit"),
    "field.year": ("Năm", "Year"),
    "field.field": ("Lĩnh vực", "Field"),
    "field.kind": ("Loại", "Kind"),
    "field.path": ("Lưu vào tệp", "Save to file"),
    "hint.number": ("ví dụ 4094/KH-UBND, 2199-CV/HU, 30/2020/NĐ-CP", "e.g. 4094/KH-UBND, 2199-CV/HU, 30/2020/NĐ-CP"),
    "hint.date": ("ngày/tháng/năm, ví dụ 10/7/2020", "day/month/year, e.g. 10/7/2020"),
    "hint.type": ("để trống: lấy theo số ({type})", "blank: taken from the number ({type})"),
    "hint.optional": ("(không bắt buộc)", "(optional)"),
    "parse.ok": ("{canonical} · {type} · {issuer} · {style}", "{canonical} · {type} · {issuer} · {style}"),
    "style.state": ("văn bản hành chính", "administrative"),
    "style.congvan": ("công văn", "official letter"),
    "style.legal": ("văn bản QPPL", "legal normative"),
    "style.party": ("văn bản của Đảng", "Party document"),
    "date.ok": ("{date}", "{date}"),
    "required": ("Không được để trống.", "Required."),
    "year.invalid": ("Năm phải là số có 4 chữ số, ví dụ 2020.", "Year must have 4 digits, e.g. 2020."),
    "form.fix": ("Còn ô chưa hợp lệ — sửa ô có dấu ✗ rồi lưu lại.", "Some fields are invalid — fix the ✗ fields and save again."),
    "path.keys": ("Enter xuất · Esc hủy", "Enter export · Esc cancel"),
    "text.keys": ("Ctrl+S lưu · Esc hủy", "Ctrl+S save · Esc cancel"),
    "form.keys": ("Ctrl+S lưu · Esc hủy · Tab chuyển ô", "Ctrl+S save · Esc cancel · Tab next field"),
    # tasks
    "task.col.due": ("Hạn", "Due"),
    "task.col.status": ("Trạng thái", "Status"),
    "task.col.flag": ("", ""),
    "task.col.title": ("Nhiệm vụ", "Task"),
    "task.col.assignee": ("Người thực hiện", "Assignee"),
    "task.col.section": ("Mục", "Sec."),
    "status.todo": ("cần làm", "to do"),
    "status.doing": ("đang làm", "doing"),
    "status.done": ("xong", "done"),
    "status.cancelled": ("hủy", "cancelled"),
    "flag.overdue": ("QUÁ HẠN", "OVERDUE"),
    "flag.soon": ("sắp đến hạn", "due soon"),
    "task.status_set": ("Nhiệm vụ “{title}”: {status}", "Task “{title}”: {status}"),
    "task.title.add": ("Thêm nhiệm vụ", "Add task"),
    "task.title.edit": ("Sửa nhiệm vụ", "Edit task"),
    "task.title.result": ("Kết quả thực hiện — {title}", "Result — {title}"),
    "task.result_saved": ("Đã lưu kết quả.", "Result saved."),
    "task.added": ("Đã thêm nhiệm vụ.", "Task added."),
    "task.saved": ("Đã lưu nhiệm vụ.", "Task saved."),
    "task.deleted": ("Đã xóa nhiệm vụ (Ctrl+Z để hoàn tác)", "Task deleted (Ctrl+Z to undo)"),
    "task.confirm_delete": ("Xóa nhiệm vụ?\n{title}", "Delete task?\n{title}"),
    "task.detail": ("Kết quả: {result}", "Result: {result}"),
    "task.no_result": ("(chưa ghi kết quả — phím r để ghi)", "(no result yet — press r to write it)"),
    "recur.": ("không", "no"),
    "recur.weekly": ("hằng tuần", "weekly"),
    "recur.monthly": ("hằng tháng", "monthly"),
    "recur.yearly": ("hằng năm", "yearly"),
    "section.none": ("(không thuộc mục nào)", "(no section)"),
    # models
    "model.col.year": ("Năm", "Year"),
    "model.col.name": ("Mô hình", "Model"),
    "model.col.unit": ("Đơn vị", "Unit"),
    "model.col.field": ("Lĩnh vực", "Field"),
    "model.col.kind": ("Loại", "Kind"),
    "model.col.status": ("Trạng thái", "Status"),
    "kind.collective": ("tập thể", "collective"),
    "kind.individual": ("cá nhân", "individual"),
    "mstatus.registered": ("đăng ký", "registered"),
    "mstatus.in_progress": ("đang thực hiện", "in progress"),
    "mstatus.achieved": ("đạt", "achieved"),
    "mstatus.not_achieved": ("chưa đạt", "not achieved"),
    "mstatus.replicated": ("nhân rộng", "replicated"),
    "model.title.add": ("Thêm mô hình", "Add model"),
    "model.title.edit": ("Sửa mô hình", "Edit model"),
    "model.title.status": ("Chuyển trạng thái — {name}", "Change status — {name}"),
    "model.status_set": ("Mô hình “{name}”: {status}", "Model “{name}”: {status}"),
    "model.added": ("Đã thêm mô hình.", "Model added."),
    "model.saved": ("Đã lưu mô hình.", "Model saved."),
    "model.deleted": ("Đã xóa mô hình (Ctrl+Z để hoàn tác)", "Model deleted (Ctrl+Z to undo)"),
    "model.confirm_delete": ("Xóa mô hình?\n{name}", "Delete model?\n{name}"),
    # dashboard
    "dash.overdue": ("Quá hạn ({count})", "Overdue ({count})"),
    "dash.soon": ("Đến hạn trong 7 ngày ({count})", "Due within 7 days ({count})"),
    "dash.none": ("Không có.", "None."),
    "dash.task_line": ("{due}  {title}  — {assignee}", "{due}  {title}  — {assignee}"),
    "dash.sections": ("{campaign} {year}: nhiệm vụ theo mục báo cáo", "{campaign} {year}: tasks per report section"),
    "dash.col.section": ("Mục", "Section"),
    "dash.col.done": ("Xong", "Done"),
    "dash.col.live": ("Đang mở", "Open"),
    "dash.models": ("Mô hình theo trạng thái", "Models by status"),
    "dash.no_campaign": ("Chưa có phong trào nào.", "No campaign yet."),
    "dash.counts": ("{documents} văn bản · {tasks} nhiệm vụ · {models} mô hình",
                    "{documents} documents · {tasks} tasks · {models} models"),
    # report
    "report.title": ("Báo cáo {campaign} {year}", "Report {campaign} {year}"),
    "report.none": ("Chưa có phong trào nào để lập báo cáo.", "No campaign to report on yet."),
    "report.exporting": ("Đang xuất {fmt} …", "Exporting {fmt} …"),
    "report.exported": ("Đã xuất báo cáo ra {path}", "Report written to {path}"),
    "report.failed": ("Xuất báo cáo thất bại: {message}", "Export failed: {message}"),
    "report.ask_path": ("Xuất báo cáo {fmt}", "Export report as {fmt}"),
    "report.path_invalid": ("Thư mục không tồn tại.", "That folder does not exist."),
    # palette
    "palette.open_doc": ("Mở văn bản {number}", "Open document {number}"),
    "palette.placeholder": ("Gõ số văn bản (4094, 2199-CV/HU, qd 1746) hoặc lệnh …",
                            "Type a document number (4094, 2199-CV/HU, qd 1746) or a command …"),
    "palette.goto": ("Đi tới: {section}", "Go to: {section}"),
}


class Catalogue:
    """`t(key, **kw)` for one language; an unknown key shows itself so it gets noticed."""

    def __init__(self, lang: str = "vi") -> None:
        if lang not in LANGS:
            raise ValueError(lang)
        self.lang = lang
        self._index = LANGS.index(lang)

    def __call__(self, key: str, **kw: object) -> str:
        pair = MESSAGES.get(key)
        if pair is None:  # messages of the data layer (errors, undo labels) share the lookup
            return render(key, self.lang, **kw)
        text = pair[self._index]
        return text.format(**kw) if kw else text


def t(key: str, lang: str = "vi", **kw: object) -> str:
    return Catalogue(lang)(key, **kw)
