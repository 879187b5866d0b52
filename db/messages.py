"""Every message that db/ (and the CLI) shows a person, in Vietnamese and English.

A message is a key plus parameters, rendered late: an error raised in the data
layer (`DvkError("number.empty")`) or an undo label stored in the journal reads
in whichever language the person chose, even one switched after it was raised.
The TUI's own words live in `tui/i18n.py`; its `t()` looks here as well, so one
test can walk both catalogues in both languages.

Parameters are formatted with `str.format`; a parameter that is itself a
:class:`Message` (or a DvkError) is rendered in the same language, so a reason
nested in a field error ("Ngày: 31/02/2020 không tồn tại") stays in one language.

Plain Python only: the data layer must not import textual or rich.
"""
from __future__ import annotations

from typing import Any

LANGS = ("vi", "en")

_language = "vi"


def set_language(lang: str) -> None:
    """The process-wide language for `str(err)`; the CLI and TUI set it at start."""
    global _language
    if lang not in LANGS:
        raise ValueError(lang)
    _language = lang


def language() -> str:
    return _language


class Message:
    """A catalogue key and its parameters; `str()` renders it in the current language."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key = key
        self.params = params

    def render(self, lang: str | None = None) -> str:
        return render(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Message({self.key!r}, **{self.params!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.key, self.params) == (other.key, other.params)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON form for the journal: nested messages become {"key":…, "params":…} too."""
        return {"key": self.key, "params": {k: _param_json(v) for k, v in self.params.items()}}

    @classmethod
    def from_json(cls, data: Any) -> "Message":
        if isinstance(data, str):  # labels written before messages had keys
            return cls("text.raw", text=data)
        params = {k: (cls.from_json(v) if isinstance(v, dict) and "key" in v else v)
                  for k, v in (data.get("params") or {}).items()}
        return cls(str(data.get("key", "text.raw")), **params)


def _param_json(value: Any) -> Any:
    if isinstance(value, Message):
        return value.to_json()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def render(key: str, lang: str | None = None, /, **params: Any) -> str:
    """One line of text for `key` in `lang` (default: the current language).

    An unknown key renders as itself, so a missing entry is visible, never a crash.
    """
    lang = lang or _language
    pair = MESSAGES.get(key)
    if pair is None:
        return key
    template = pair[LANGS.index(lang)]
    if not params:
        return template
    shown = {name: _shown_param(value, lang) for name, value in params.items()}
    try:
        return template.format(**shown)
    except (KeyError, IndexError, ValueError):
        return template


def _shown_param(value: Any, lang: str) -> Any:
    render_in = getattr(value, "render", None)
    if callable(render_in):
        return render_in(lang)
    return value


def one_line(text: str) -> str:
    return " ".join(str(text).splitlines())


# ---------------------------------------------------------------------------------
# The catalogue: key -> (Vietnamese, English). Grouped by the module that raises.
MESSAGES: dict[str, tuple[str, str]] = {
    "text.raw": ("{text}", "{text}"),
    # --- storage (db/storage.py, db/errors.py)
    "storage.locked": (
        "Tệp dữ liệu {path} đang được một phiên dvk khác ghi ({who}). Mở chỉ đọc hoặc đóng phiên kia.",
        "The data file {path} is being written by another dvk session ({who}). Open it read-only or close the other one.",
    ),
    "storage.locked.pid": ("PID {pid}", "PID {pid}"),
    "storage.locked.pid_host": ("PID {pid} trên máy {host}", "PID {pid} on {host}"),
    "storage.locked.unknown": ("PID không rõ", "PID unknown"),
    "storage.corrupt": (
        "Tệp dữ liệu {path} bị hỏng ({reason}); đã giữ nguyên. Xem chi tiết: “dvk check”; {backup}.",
        "The data file {path} is damaged ({reason}); it was left untouched. Details: “dvk check”; {backup}.",
    ),
    "storage.corrupt.backup": (
        "bản sao lưu gần nhất: {backup} — khôi phục bằng “dvk restore”",
        "newest backup: {backup} — bring it back with “dvk restore”",
    ),
    "storage.corrupt.no_backup": ("chưa có bản sao lưu nào", "there is no backup yet"),
    "storage.schema_too_new": (
        "Tệp dữ liệu {path} được ghi bởi phiên bản dvk mới hơn (lược đồ {found}, bản này chỉ hiểu tới {supported}); "
        "đã giữ nguyên tệp. Hãy cập nhật dvk hoặc mở chỉ đọc.",
        "The data file {path} was written by a newer dvk (schema {found}, this one reads up to {supported}); "
        "it was left untouched. Update dvk or open it read-only.",
    ),
    "storage.readonly": (
        "Tệp dữ liệu {path} đang mở ở chế độ chỉ đọc; thay đổi chưa được lưu.",
        "The data file {path} is open read-only; the change was not saved.",
    ),
    "storage.conflict": (
        "Tệp dữ liệu {path} đã bị một chương trình khác thay đổi sau khi dvk mở nó; chưa ghi gì để tránh đè mất "
        "dữ liệu. Hãy mở lại dvk.",
        "The data file {path} was changed by another program after dvk opened it; nothing was written, so "
        "nothing is overwritten. Open dvk again.",
    ),
    "storage.missing": ("Không tìm thấy tệp dữ liệu {path}.", "Data file {path} not found."),
    "storage.closed": ("Tệp dữ liệu {path} đã được đóng; hãy mở lại.", "The data file {path} is closed; open it again."),
    "storage.io": ("Không thể {action} tệp dữ liệu {path}: {detail}.", "Could not {action} the data file {path}: {detail}."),
    "storage.action.read": ("đọc", "read"),
    "storage.action.write": ("ghi", "write"),
    "storage.action.lock": ("khóa", "lock"),
    "storage.action.backup": ("sao lưu", "back up"),
    "storage.action.restore": ("khôi phục", "restore"),
    "os.enospc": ("ổ đĩa đã đầy", "the disk is full"),
    "os.eacces": ("không có quyền ghi", "permission denied"),
    "os.erofs": ("ổ đĩa chỉ cho phép đọc", "the disk is read-only"),
    "os.enoent": ("không tìm thấy thư mục", "folder not found"),
    "os.other": ("{detail}", "{detail}"),
    # --- corrupt-file reasons
    "corrupt.empty": ("tệp rỗng", "empty file"),
    "corrupt.not_utf8": ("không phải văn bản UTF-8", "not UTF-8 text"),
    "corrupt.json": ("JSON không hợp lệ ở dòng {line}", "invalid JSON at line {line}"),
    "corrupt.not_object": ("nội dung không phải một đối tượng JSON", "the content is not a JSON object"),
    "corrupt.table": ("bảng “{table}” không đúng cấu trúc", "table “{table}” has the wrong shape"),
    "corrupt.record": ("bản ghi “{id}” trong bảng “{table}” không đúng cấu trúc",
                       "record “{id}” in table “{table}” has the wrong shape"),
    "corrupt.meta": ("không phải tệp dữ liệu dvk (bảng _meta không hợp lệ)", "not a dvk data file (bad _meta table)"),
    "corrupt.schema": ("số phiên bản lược đồ không hợp lệ", "invalid schema version"),
    "corrupt.checksum": ("tổng kiểm tra không khớp: tệp đã bị sửa ngoài dvk hoặc hỏng trên đĩa",
                         "checksum mismatch: the file was changed outside dvk or damaged on disk"),
    "corrupt.line_json": ("một dòng không phải giao dịch hợp lệ", "a line is not a valid transaction"),
    "corrupt.journal_header": ("dòng đầu của nhật ký {name} bị hỏng", "the first line of the journal {name} is damaged"),
    "corrupt.journal_line": ("dòng {line} của nhật ký {name} bị hỏng", "line {line} of the journal {name} is damaged"),
    "corrupt.journal_order": ("dòng {line} của nhật ký {name} sai thứ tự giao dịch",
                              "line {line} of the journal {name} is out of order"),
    "corrupt.journal_base": ("nhật ký {name} không thuộc về tệp dữ liệu này (tệp đã bị thay bằng tay?)",
                             "the journal {name} belongs to another data file (was the file replaced by hand?)"),
    "corrupt.audit_line": ("dòng thứ {back} tính từ cuối của nhật ký hoàn tác bị hỏng",
                           "line {back} from the end of the undo log is damaged"),
    "corrupt.bad_records": ("{count} bản ghi có trường sai kiểu, ví dụ bảng {table} #{id} trường “{field}”",
                            "{count} records have fields of the wrong type, e.g. table {table} #{id} field “{field}”"),
    "corrupt.not_a_backup": ("không phải bản sao lưu dvk đọc được", "not a readable dvk backup"),
    # --- storage notices and whole-file operations (db/datafile.py)
    "storage.readonly_medium": (
        "Không ghi được tệp dữ liệu {path} ({detail}); chỉ có thể mở ở chế độ chỉ đọc.",
        "The data file {path} cannot be written ({detail}); it can only be opened read-only.",
    ),
    "storage.journal_tail_dropped": (
        "Đã bỏ dòng cuối dở dang của nhật ký {path}: một lần ghi bị ngắt trước khi được xác nhận{saved}.",
        "Dropped the unfinished last line of the journal {path}: a write cut off before it was confirmed{saved}.",
    ),
    "storage.saved_as": ("; nội dung được giữ ở {path}", "; its bytes are kept in {path}"),
    "storage.audit_tail_dropped": ("Đã bỏ dòng cuối dở dang của nhật ký hoàn tác {path}.",
                                   "Dropped the unfinished last line of the undo log {path}."),
    "storage.backup_failed": ("Không sao lưu tự động được ({error}); dữ liệu vẫn được lưu.",
                              "The automatic backup failed ({error}); your data is still saved."),
    "storage.compact_failed": ("Chưa gộp được nhật ký vào tệp dữ liệu ({error}); dữ liệu vẫn an toàn trong nhật ký.",
                               "Could not fold the journal into the data file ({error}); the data is safe in the journal."),
    "storage.upgraded": ("Đã nâng cấp tệp dữ liệu từ lược đồ {old} lên {new} (bản cũ được sao lưu).",
                         "Upgraded the data file from schema {old} to {new} (the old one is backed up)."),
    "storage.no_backup": ("Không có bản sao lưu nào đọc được trong {folder}.", "No readable backup in {folder}."),
    "storage.demo_has_data": ("{path} đã có dữ liệu; dùng --reset để tạo lại dữ liệu mẫu.",
                              "{path} already holds data; use --reset to create the sample data again."),
    # --- dvk check (db/integrity.py)
    "check.ok": ("Dữ liệu toàn vẹn: không phát hiện lỗi.", "The data is sound: no problem found."),
    "check.unreadable": ("Không đọc được {path}: {detail}", "Cannot read {path}: {detail}"),
    "check.snapshot": ("Tệp {path}: {reason}.", "File {path}: {reason}."),
    "check.journal": ("Nhật ký: {reason}.", "Journal: {reason}."),
    "check.journal_tail": ("Nhật ký {name}: dòng cuối dở dang (một lần ghi chưa được xác nhận); sẽ được bỏ "
                           "ở lần ghi tới.",
                           "Journal {name}: the last line is unfinished (a write never confirmed); it will be "
                           "dropped at the next write."),
    "check.audit_line": ("Nhật ký hoàn tác {name}: dòng {line} bị hỏng.", "Undo log {name}: line {line} is damaged."),
    "check.audit_tail": ("Nhật ký hoàn tác {name}: dòng cuối dở dang.", "Undo log {name}: the last line is unfinished."),
    "check.bad_field": ("Bảng {table}, bản ghi #{id}: trường “{field}” sai kiểu ({value}).",
                        "Table {table}, record #{id}: field “{field}” has the wrong type ({value})."),
    "check.note": ("Lưu ý: {text}", "Note: {text}"),
    "check.campaign_settings": ("Phong trào #{id}: {error}", "Campaign #{id}: {error}"),
    "check.model": ("Mô hình #{id}: {error}", "Model #{id}: {error}"),
    "check.document": ("Văn bản #{id}: {error}", "Document #{id}: {error}"),
    "check.document_stale_key": ("Văn bản #{id}: phần phân tích số đã cũ ({old} ≠ {new}).",
                                 "Document #{id}: the parsed number is stale ({old} ≠ {new})."),
    "check.document_link": ("Văn bản #{id}: liên kết tới văn bản #{other} không tồn tại.",
                            "Document #{id}: links to document #{other}, which does not exist."),
    "check.duplicate_number": ("Số văn bản {key} năm {year} bị trùng ({count} bản ghi).",
                               "Document number {key} of {year} is used {count} times."),
    "check.task": ("Nhiệm vụ #{id}: {error}", "Task #{id}: {error}"),
    "check.task_source": ("Nhiệm vụ #{id}: văn bản nguồn #{doc} không tồn tại.",
                          "Task #{id}: its source document #{doc} does not exist."),
    "check.task_campaign": ("Nhiệm vụ #{id}: phong trào #{campaign} không tồn tại.",
                            "Task #{id}: campaign #{campaign} does not exist."),
    "check.series": ("Chuỗi nhiệm vụ lặp #{series} có {count} kỳ đang mở (chỉ được một).",
                     "Repeating task series #{series} has {count} open instances (one allowed)."),
    "check.campaign_basis": ("Phong trào #{id}: căn cứ #{doc} không tồn tại.",
                             "Campaign #{id}: its basis #{doc} does not exist."),
    # --- storage commands of the CLI (tui/cli.py, tui/cli_common.py)
    "cli.notice": ("lưu ý: {text}", "note: {text}"),
    "cli.no_data": ("Chưa có tệp dữ liệu {path}. Chạy “dvk demo” để thử với dữ liệu mẫu, hoặc thêm văn bản đầu tiên.",
                    "There is no data file {path} yet. Run “dvk demo” to try the sample data, or add a first document."),
    "cli.demo_created": ("Đã tạo dữ liệu mẫu năm 2020 tại {path}", "Created the 2020 sample data in {path}"),
    "cli.demo_opened": ("Mở dữ liệu mẫu đã có tại {path}", "Opening the sample data in {path}"),
    "cli.backup_done": ("Đã sao lưu vào {path}", "Backed up to {path}"),
    "cli.restore_done": ("Đã khôi phục từ {backup}", "Restored from {backup}"),
    "cli.restore_aside": ("Đã khôi phục từ {backup}; tệp cũ được giữ tại {aside}",
                          "Restored from {backup}; the previous file is kept as {aside}"),
    "cli.undo_done": ("Đã hoàn tác: {label}", "Undone: {label}"),
    "cli.undo_nothing": ("Không còn gì để hoàn tác.", "Nothing left to undo."),
    "cli.redo_done": ("Đã làm lại: {label}", "Redone: {label}"),
    "cli.redo_nothing": ("Không có gì để làm lại.", "Nothing to redo."),
    "cli.none": ("(không có)", "(none)"),
    "label.restore": ("khôi phục từ bản sao lưu {backup}", "restore from the backup {backup}"),
    # --- store (db/store.py)
    "noun.documents": ("văn bản", "document"),
    "noun.tasks": ("nhiệm vụ", "task"),
    "noun.models": ("mô hình", "model"),
    "noun.campaigns": ("phong trào", "campaign"),
    "noun.profile": ("thông tin đơn vị", "unit profile"),
    "store.not_found": ("Không tìm thấy {noun} #{id}.", "No {noun} #{id}."),
    "store.no_campaign_year": ("Không có phong trào nào năm {year}.", "No campaign for {year}."),
    "store.no_campaign_named": ("Không có phong trào nào năm {year} tên “{name}”.",
                                "No campaign for {year} named “{name}”."),
    "store.duplicate_number": ("Văn bản số {number} năm {year} đã có (#{id}).",
                               "Document {number} of {year} already exists (#{id})."),
    # --- undo labels (stored in the journal, rendered when shown)
    "label.add": ("thêm {noun} “{what}”", "add {noun} “{what}”"),
    "label.edit": ("sửa {noun} “{what}”", "edit {noun} “{what}”"),
    "label.delete": ("xóa {noun} “{what}”", "delete {noun} “{what}”"),
    "label.task_status": ("đánh dấu {status} “{what}”", "mark {status} “{what}”"),
    "label.profile": ("sửa thông tin đơn vị", "edit the unit profile"),
    "label.undo": ("hoàn tác: {label}", "undo: {label}"),
    "label.redo": ("làm lại: {label}", "redo: {label}"),
    "task_status.todo": ("cần làm", "to do"),
    "task_status.doing": ("đang làm", "doing"),
    "task_status.done": ("xong", "done"),
    "task_status.cancelled": ("hủy", "cancelled"),
    # --- validation (db/rules.py)
    "field.error": ("{field}: {reason}", "{field}: {reason}"),
    "rules.number_required": ("Chưa nhập số, ký hiệu văn bản.", "The document number is empty."),
    "rules.direction": ("Chiều văn bản không hợp lệ: {value}", "Invalid direction: {value}"),
    "rules.handling": ("Trạng thái xử lý không hợp lệ: {value}", "Invalid handling state: {value}"),
    "rules.title_required": ("Chưa nhập tên nhiệm vụ.", "The task has no title."),
    "rules.task_status": ("Trạng thái không hợp lệ: {value}", "Invalid status: {value}"),
    "rules.recur": ("Chu kỳ lặp không hợp lệ: {value}", "Invalid repetition: {value}"),
    "rules.recur_needs_due": ("Nhiệm vụ lặp lại cần có hạn xử lý.", "A repeating task needs a due date."),
    "rules.model_name_required": ("Chưa nhập tên mô hình.", "The model has no name."),
    "rules.model_field": ("Lĩnh vực phải là: {choices}.", "The field must be one of: {choices}."),
    "rules.model_kind": ("Loại mô hình phải là tập thể hoặc cá nhân.", "A model is collective or individual."),
    "rules.model_status": ("Trạng thái mô hình không hợp lệ: {value}", "Invalid model status: {value}"),
    "rules.model_transition": ("Không thể chuyển mô hình từ “{old}” sang “{new}”.",
                               "A model cannot go from “{old}” to “{new}”."),
    # --- document numbers (db/numbers.py)
    "number.not_text": ("Số, ký hiệu phải là văn bản", "A document number must be text"),
    "number.empty": ("Chưa nhập số, ký hiệu văn bản", "No document number entered"),
    "number.space": ("Số, ký hiệu không được có khoảng trắng: «{text}»", "A document number has no spaces: «{text}»"),
    "number.no_seq": ("Số, ký hiệu phải bắt đầu bằng số thứ tự, ví dụ 4094/KH-UBND",
                      "A document number starts with its sequence number, e.g. 4094/KH-UBND"),
    "number.no_symbol": ("Thiếu ký hiệu sau số {seq}, ví dụ {seq}/KH-UBND", "Symbol missing after {seq}, e.g. {seq}/KH-UBND"),
    "number.seq_digits": ("Số thứ tự chỉ gồm chữ số: «{text}»", "The sequence number is digits only: «{text}»"),
    "number.group_missing": ("Thiếu ký hiệu sau dấu {after}", "Symbol missing after “{after}”"),
    "number.group_chars": ("Ký hiệu «{text}» phải bắt đầu bằng chữ cái, chỉ gồm chữ cái và chữ số",
                           "Symbol «{text}» must start with a letter and hold only letters and digits"),
    "number.unknown_type": ("Loại văn bản «{text}» không có trong danh mục viết tắt",
                            "Document type «{text}» is not in the abbreviation table"),
    "number.extra_slash": ("Ký hiệu thừa dấu /: «{text}»", "Symbol has an extra “/”: «{text}»"),
    "number.no_issuer": ("Thiếu cơ quan ban hành sau loại văn bản {code}", "Issuer missing after document type {code}"),
    "number.year_range": ("Năm {year} trong số, ký hiệu không hợp lệ ({min}–{max})",
                          "Year {year} in the number is not valid ({min}–{max})"),
    "number.no_symbol_after_year": ("Thiếu ký hiệu sau năm {year}, ví dụ {seq}/{year}/NĐ-CP",
                                    "Symbol missing after year {year}, e.g. {seq}/{year}/NĐ-CP"),
    "number.party_no_body": ("Thiếu dấu / và cơ quan ban hành sau {code}, ví dụ {seq}-{code}/TU",
                             "“/” and issuing body missing after {code}, e.g. {seq}-{code}/TU"),
    # --- dates (db/dates.py)
    "date.ascii_digits": ("Ngày chỉ dùng chữ số 0–9: «{text}»", "Dates use the digits 0–9 only: «{text}»"),
    "date.year_range": ("Năm {year} nằm ngoài khoảng {min}–{max}", "Year {year} is outside {min}–{max}"),
    "date.no_such_day": ("Ngày {date} không tồn tại", "There is no such day as {date}"),
    "date.not_text": ("Ngày phải là văn bản", "A date must be text"),
    "date.empty": ("Chưa nhập ngày", "No date entered"),
    "date.unreadable": ("Không hiểu ngày «{text}», hãy nhập ngày/tháng/năm, ví dụ 10/7/2020",
                        "Cannot read the date «{text}»; type day/month/year, e.g. 10/7/2020"),
    "date.no_such_month": ("Tháng {month} không tồn tại", "There is no month {month}"),
    "date.day_needs_month": ("Có ngày thì phải có tháng", "A day needs a month"),
    "date.partial_unreadable": ("Không hiểu ngày «{text}», ví dụ 10/2020 hoặc ngày tháng 10 năm 2020",
                                "Cannot read the date «{text}»; e.g. 10/2020 or ngày tháng 10 năm 2020"),
    # --- ranges and input checks (db/rules.py)
    "rules.year_range": ("Năm “{value}” không hợp lệ: phải từ {min} đến {max}.",
                         "Year “{value}” is not valid: it must be {min}–{max}."),
    "rules.count_range": ("Số “{value}” không hợp lệ: phải là số nguyên từ 0 đến {max}.",
                          "“{value}” is not valid: a whole number from 0 to {max}."),
    "rules.days_range": ("Số ngày “{value}” không hợp lệ: từ 0 đến {max}.", "“{value}” days is not valid: 0 to {max}."),
    "rules.section_range": ("Mục báo cáo “{value}” không có: chọn từ 1 đến {max}.",
                            "Report section “{value}” does not exist: choose 1–{max}."),
    "rules.control_chars": ("Có ký tự điều khiển ({code}) không được phép; hãy gõ lại ô này.",
                            "Contains a control character ({code}) that is not allowed; type this field again."),
    "rules.campaign_name_required": ("Chưa nhập tên phong trào.", "The campaign has no name."),
    "rules.sections_count": ("Báo cáo phải có từ 1 đến {max} mục.", "A report has 1 to {max} sections."),
    "rules.party_official_le_members": ("Số đảng viên chính thức không thể lớn hơn tổng số đảng viên.",
                                        "Full Party members cannot outnumber all Party members."),
    "rules.no_campaign_year": ("Không có phong trào nào năm {year}; tạo bằng “dvk campaign add {year}”.",
                               "No campaign for {year}; create it with “dvk campaign add {year}”."),
    # --- the command line (tui/cli*.py)
    "cli.output_is_folder": ("{path} là một thư mục; hãy ghi tên tệp, ví dụ {path}/baocao.pdf.",
                             "{path} is a folder; give a file name, e.g. {path}/report.pdf."),
    "cli.output_no_folder": ("Thư mục {folder} không tồn tại.", "The folder {folder} does not exist."),
    "cli.output_failed": ("Không ghi được tệp {path}: {detail}.", "Could not write {path}: {detail}."),
    "cli.file_missing": ("Không tìm thấy tệp {path}.", "File {path} not found."),
    "cli.file_not_utf8": ("Tệp {path} không phải văn bản UTF-8.", "File {path} is not UTF-8 text."),
    "cli.file_unreadable": ("Không đọc được tệp {path}: {detail}.", "Could not read {path}: {detail}."),
    "cli.bad_utf8": ("Tham số “{arg}” không phải văn bản UTF-8 hợp lệ.", "The argument “{arg}” is not valid UTF-8 text."),
    "cli.unexpected": ("lỗi không mong đợi ({error}); chi tiết đã ghi vào {log}. Xin báo lỗi này cho người phát triển.",
                       "unexpected error ({error}); details written to {log}. Please report it to the developers."),
    "cli.unexpected_nolog": ("lỗi không mong đợi ({error}). Xin báo lỗi này cho người phát triển.",
                             "unexpected error ({error}). Please report it to the developers."),
    "cli.usage.bad_value": ("Giá trị của {param} không hợp lệ: {reason} (xem “{command} --help”).",
                            "The value of {param} is not valid: {reason} (see “{command} --help”)."),
    "cli.usage.not_int": ("phải là số nguyên", "it must be a whole number"),
    "cli.usage.other_reason": ("{detail}", "{detail}"),
    "cli.usage.bad_param": ("Tham số {param} không hợp lệ (xem “{command} --help”).",
                            "Parameter {param} is not valid (see “{command} --help”)."),
    "cli.usage.missing": ("Thiếu {param} (xem “{command} --help”).", "{param} is missing (see “{command} --help”)."),
    "cli.usage.no_option": ("Không có tùy chọn {option} (xem “{command} --help”).",
                            "There is no option {option} (see “{command} --help”)."),
    "cli.usage.no_command": ("Không có lệnh “{name}” (xem “{command} --help”).",
                             "There is no command “{name}” (see “{command} --help”)."),
    "cli.usage.other": ("Lệnh không hợp lệ: {detail} (xem “{command} --help”).",
                        "Invalid command: {detail} (see “{command} --help”)."),
    "cli.aborted": ("Đã hủy.", "Cancelled."),
    "cli.lang": ("Ngôn ngữ phải là “vi” hoặc “en”.", "The language must be “vi” or “en”."),
    # --- refs area (issue 12, 14): numbers, dates, `dvk refs` (db/numbers.py, db/dates.py, tui/cli_refs.py)
    "number.seq_zero": ("Số thứ tự văn bản bắt đầu từ 01, không thể là {seq}",
                        "A document's sequence number starts at 01; it cannot be {seq}"),
    "number.seq_too_long": ("Số thứ tự có {digits} chữ số; tối đa {max} chữ số",
                            "The sequence number has {digits} digits; at most {max} are allowed"),
    "number.too_long": ("Số, ký hiệu quá dài ({length} ký tự, tối đa {max})",
                        "A document number is too long ({length} characters, at most {max})"),
    "date.two_digit_year": ("Năm phải đủ bốn chữ số: «{text}» — ví dụ {example}",
                            "The year needs all four digits: «{text}» — e.g. {example}"),
    "style.old": ("số kiểu cũ (trước 2004)", "old-style number (before 2004)"),
    "refs.no_file": ("Không tìm thấy tệp {path}.", "File {path} not found."),
    "refs.is_dir": ("{path} là thư mục, không phải tệp văn bản.", "{path} is a folder, not a text file."),
    "refs.unreadable": ("Không đọc được tệp {path}: {reason}.", "Cannot read {path}: {reason}."),
    "refs.not_utf8": ("Tệp {path} không phải văn bản UTF-8.", "{path} is not UTF-8 text."),
    "refs.title": ("Căn cứ tìm thấy ({count})", "References found ({count})"),
    "refs.none_to_add": ("Không tìm thấy văn bản nào được trích dẫn; không thêm gì.",
                         "No cited document found; nothing added."),
    "refs.added": ("Đã thêm {count} văn bản (hoàn tác: dvk undo):", "Added {count} documents (undo: dvk undo):"),
    "refs.nothing_new": ("Không có văn bản mới để thêm.", "No new document to add."),
    "refs.existing": ("Đã có sẵn {count} văn bản:", "{count} documents were already there:"),
    "refs.confirm_repaired": ("Số «{number}» được đọc lại từ chữ bị lỗi «{raw}» (độ tin cậy {percent}%). Thêm?",
                              "Number «{number}» was rebuilt from damaged text «{raw}» (confidence {percent}%). Add it?"),
    "refs.skipped_repaired": ("Bỏ qua {count} số đọc lại từ chữ bị lỗi (kiểm tra rồi thêm tay, hoặc dùng --add-repaired):",
                              "Skipped {count} numbers rebuilt from damaged text (check them and add by hand, or use --add-repaired):"),
    # --- registers: import, export, calendar, attached files (db/registers, exports/tables.py,
    #     exports/calendar.py, tui/cli_import.py, tui/cli_export.py)
    "register.missing": ("Không tìm thấy tệp {path}.", "File {path} not found."),
    "register.is_dir": ("{path} là một thư mục, không phải tệp sổ văn bản.", "{path} is a folder, not a register file."),
    "register.old_format": ("Tệp {path} có dạng {suffix}, dvk chưa đọc được; hãy mở trong Excel và lưu lại dạng .xlsx hoặc .csv.",
                            "{path} is a {suffix} file, which dvk cannot read; open it in Excel and save it as .xlsx or .csv."),
    "register.suffix": ("Tệp {path} không phải .xlsx hay .csv.", "{path} is not an .xlsx or .csv file."),
    "register.permission": ("Không có quyền đọc tệp {path}.", "No permission to read {path}."),
    "register.os_error": ("Không đọc được tệp {path}: {detail}.", "Could not read {path}: {detail}."),
    "register.encrypted": ("Tệp {path} được đặt mật khẩu; hãy mở trong Excel, bỏ mật khẩu rồi lưu lại.",
                           "{path} is password-protected; open it in Excel, remove the password and save it again."),
    "register.xls_renamed": ("Tệp {path} là tệp Excel cũ (.xls) bị đổi tên; hãy mở trong Excel và lưu lại dạng .xlsx.",
                             "{path} is an old Excel (.xls) file renamed; open it in Excel and save it as .xlsx."),
    "register.not_xlsx": ("Tệp {path} không phải tệp Excel .xlsx đọc được.", "{path} is not a readable Excel .xlsx file."),
    "register.not_csv": ("Tệp {path} không phải tệp CSV (văn bản).", "{path} is not a CSV (text) file."),
    "register.no_sheet": ("Tệp {path} không có trang tính “{sheet}”; các trang: {sheets}.",
                          "{path} has no sheet “{sheet}”; its sheets: {sheets}."),
    "register.encoding": ("Không nhận ra bảng mã của tệp; hãy lưu lại dạng “CSV UTF-8” trong Excel.",
                          "Cannot tell the file's encoding; save it as “CSV UTF-8” in Excel."),
    "register.empty": ("Trang “{sheet}” của tệp {path} không có dữ liệu.", "Sheet “{sheet}” of {path} is empty."),
    "register.no_header": ("Không tìm thấy dòng tiêu đề có cột “Số, ký hiệu” trong tệp {path} (đã thấy: {seen}).",
                           "No header row with a “Số, ký hiệu” (number) column in {path} (found: {seen})."),
    "register.arrival_number": ("Số đến phải là số nguyên dương, không phải «{value}»",
                                "The arrival number must be a positive whole number, not «{value}»"),
    "register.arrival_not_incoming": ("Số đến, ngày đến chỉ dành cho văn bản đến",
                                      "Arrival number and date are for incoming documents only"),
    "register.arrival_taken": ("Số đến {number} năm {year} đã dùng cho văn bản #{id}",
                               "Arrival number {number} of {year} is already used by document #{id}"),
    "register.arrival_before_date": ("Ngày đến trước ngày của văn bản", "The arrival date is before the document's date"),
    "register.control_chars": ("Có ký tự điều khiển không in được", "Contains unprintable control characters"),
    "register.attachment_relative": ("Đường dẫn tệp đính kèm phải là đường dẫn đầy đủ: {path}",
                                     "An attachment path must be absolute: {path}"),
    "register.handling": ("Tình trạng xử lý «{value}» không rõ; dùng “cần xử lý” hoặc “đã xử lý”",
                          "Unknown handling state «{value}»; use “to handle” or “handled”"),
    "filter.direction": ("Chiều văn bản “{value}” không hợp lệ: dùng “den” (nhận) hoặc “di” (ban hành).",
                         "Direction “{value}” is not valid: use “den” (received) or “di” (issued)."),
    "import.kind.in": ("sổ văn bản đến", "incoming register"),
    "import.kind.out": ("sổ văn bản đi", "outgoing register"),
    "import.source_sheet": ("Tệp {file}, trang “{sheet}”: dòng tiêu đề {rows}, {kind}.",
                            "File {file}, sheet “{sheet}”: header row {rows}, {kind}."),
    "import.source_csv": ("Tệp {file} (bảng mã {encoding}): dòng tiêu đề {rows}, {kind}.",
                          "File {file} (encoding {encoding}): header row {rows}, {kind}."),
    "import.encoding.utf-8": ("UTF-8", "UTF-8"),
    "import.encoding.utf-8-sig": ("UTF-8 có BOM", "UTF-8 with BOM"),
    "import.encoding.utf-16": ("UTF-16 (văn bản Unicode của Excel)", "UTF-16 (Excel's Unicode text)"),
    "import.encoding.cp1258": ("Windows-1258", "Windows-1258"),
    "import.kind_guessed": ("Loại sổ được đoán từ tiêu đề và các cột; nếu sai, chọn --direction den hoặc di.",
                            "The register's kind was guessed from its title and columns; if wrong, pass --direction den or di."),
    "import.columns": ("Cột đọc được: {columns}.", "Columns read: {columns}."),
    "import.column": ("{letter} “{heading}” → {field}", "{letter} “{heading}” → {field}"),
    "import.unused": ("Cột không dùng: {columns}.", "Columns not used: {columns}."),
    "import.will_add": ("Sẽ thêm {count} văn bản.", "Documents to add: {count}."),
    "import.auto_arrival": ("Cấp số đến tự động cho {count} văn bản chưa có số đến.",
                            "Documents given the next arrival number: {count}."),
    "import.duplicates": ("Trùng với văn bản đã có (cùng số, cùng năm; bỏ qua): {count}.",
                          "Already there (same number and year; skipped): {count}."),
    "import.duplicate_row": ("  Dòng {row}: {number} năm {year} đã có (#{id})",
                             "  Row {row}: {number} of {year} already exists (#{id})"),
    "import.more": ("  … và {count} dòng nữa", "  … and {count} more rows"),
    "import.problems": ("Dòng không đọc được (không thêm): {count}.", "Rows that cannot be read (not added): {count}."),
    "import.row": ("  Dòng {row}: {reason}", "  Row {row}: {reason}"),
    "import.row_column": ("  Dòng {row}, cột “{column}”: {reason}", "  Row {row}, column “{column}”: {reason}"),
    "import.skipped": ("Bỏ qua dòng {row}: {reason}.", "Skipped row {row}: {reason}."),
    "import.skip_total": ("dòng tổng cộng", "a total row"),
    "import.skip_footer": ("phần cuối sổ, không phải văn bản", "the end of the register, not a document"),
    "import.skip_heading": ("dòng tiêu đề nhóm, không phải văn bản", "a group heading, not a document"),
    "import.no_number": ("ô trống, chưa có số, ký hiệu", "empty: no document number"),
    "import.duplicate_in_file": ("trùng số và năm với dòng {row}", "same number and year as row {row}"),
    "import.arrival_in_file": ("số đến {number} năm {year} trùng với dòng {row}",
                               "arrival number {number} of {year} is also on row {row}"),
    "import.confirm": ("Thêm {count} văn bản vào dữ liệu?", "Add {count} documents to the data?"),
    "import.done": ("Đã nhập {count} văn bản từ {file} (hoàn tác cả lần nhập: dvk undo).",
                    "Imported {count} documents from {file} (undo the whole import: dvk undo)."),
    "import.nothing": ("Không có văn bản mới để nhập; chưa ghi gì.", "No new documents to import; nothing written."),
    "import.dry_run": ("Chạy thử (--dry-run): chưa ghi gì.", "Dry run (--dry-run): nothing written."),
    "import.cancelled": ("Đã hủy; chưa ghi gì.", "Cancelled; nothing written."),
    "label.import": ("nhập {count} văn bản từ “{file}”", "import {count} documents from “{file}”"),
    "col.ordinal": ("#", "#"),
    "col.number": ("Số, ký hiệu", "Number"),
    "col.seq": ("Số", "Seq"),
    "col.symbol": ("Ký hiệu", "Symbol"),
    "col.date": ("Ngày văn bản", "Document date"),
    "col.type_name": ("Tên loại", "Document type"),
    "col.issuer_name": ("Cơ quan ban hành", "Issuer"),
    "col.summary": ("Trích yếu", "Summary"),
    "col.direction": ("Chiều", "Direction"),
    "col.arrival_number": ("Số đến", "Arrival number"),
    "col.arrival_date": ("Ngày đến", "Arrival date"),
    "col.handler": ("Người xử lý", "Handler"),
    "col.due": ("Hạn xử lý", "Due"),
    "col.handling": ("Tình trạng xử lý", "Handling"),
    "col.tags": ("Nhãn", "Tags"),
    "col.attachments": ("Tệp đính kèm", "Attachments"),
    "col.note": ("Ghi chú", "Notes"),
    "col.task.title": ("Nhiệm vụ", "Task"),
    "col.task.due": ("Hạn", "Due"),
    "col.task.status": ("Trạng thái", "Status"),
    "col.task.assignee": ("Người thực hiện", "Assignee"),
    "col.task.source": ("Văn bản nguồn", "Source document"),
    "col.task.section": ("Mục báo cáo", "Report section"),
    "col.task.recur": ("Lặp lại", "Repeats"),
    "col.task.done_on": ("Ngày hoàn thành", "Done on"),
    "col.task.result": ("Kết quả", "Result"),
    "col.model.year": ("Năm", "Year"),
    "col.model.name": ("Mô hình", "Model"),
    "col.model.unit": ("Đơn vị thực hiện", "Unit"),
    "col.model.field": ("Lĩnh vực", "Field"),
    "col.model.kind": ("Loại", "Kind"),
    "col.model.status": ("Trạng thái", "Status"),
    "col.model.result": ("Kết quả", "Result"),
    "value.direction.in": ("đến", "in"),
    "value.direction.out": ("đi", "out"),
    "value.handling.pending": ("cần xử lý", "to handle"),
    "value.handling.done": ("đã xử lý", "handled"),
    "value.recur.weekly": ("hằng tuần", "weekly"),
    "value.recur.monthly": ("hằng tháng", "monthly"),
    "value.recur.yearly": ("hằng năm", "yearly"),
    "value.model_kind.collective": ("tập thể", "collective"),
    "value.model_kind.individual": ("cá nhân", "individual"),
    "value.model_status.registered": ("đăng ký", "registered"),
    "value.model_status.in_progress": ("đang thực hiện", "in progress"),
    "value.model_status.achieved": ("đạt", "achieved"),
    "value.model_status.not_achieved": ("chưa đạt", "not achieved"),
    "value.model_status.replicated": ("nhân rộng", "replicated"),
    "export.format": ("Định dạng phải là xlsx hoặc csv.", "The format must be xlsx or csv."),
    "export.sep": ("Dấu phân cách CSV phải là một ký tự: “,” “;” hoặc tab.", "The CSV separator must be one of “,” “;” or tab."),
    "export.write_failed": ("Không ghi được tệp {path}: {detail}.", "Could not write {path}: {detail}."),
    "export.no_folder": ("Thư mục {path} không tồn tại.", "Folder {path} does not exist."),
    "export.is_dir": ("{path} là một thư mục; hãy cho tên tệp, ví dụ {path}/vanban.xlsx.",
                      "{path} is a folder; give a file name, e.g. {path}/documents.xlsx."),
    "export.done": ("Đã xuất {count} {noun} ra {path}.", "Exported {count} {noun} to {path}."),
    "export.ics_done": ("Đã xuất {count} hạn (nhiệm vụ đang mở, văn bản cần xử lý) ra {path}.",
                        "Exported {count} deadlines (open tasks, documents to handle) to {path}."),
    "ics.calendar_name": ("dvk — hạn xử lý", "dvk — deadlines"),
    "ics.task": ("Hạn: {title}", "Due: {title}"),
    "ics.document": ("Hạn xử lý {number}: {summary}", "Handle {number} by: {summary}"),
    "ics.assignee": ("Người thực hiện: {name}", "Assignee: {name}"),
    "ics.handler": ("Người xử lý: {name}", "Handler: {name}"),
    "ics.source": ("Văn bản nguồn: {number}", "Source document: {number}"),
    "ics.issuer": ("Cơ quan ban hành: {name}", "Issuer: {name}"),
    "attach.missing": ("Không tìm thấy tệp {path}.", "File {path} not found."),
    "attach.not_file": ("{path} không phải là tệp.", "{path} is not a file."),
    "attach.not_attached": ("Văn bản #{id} không có tệp đính kèm {path}.", "Document #{id} has no attachment {path}."),
    "attach.none": ("Văn bản #{id} chưa có tệp đính kèm (thêm bằng: dvk doc attach {id} TỆP).",
                    "Document #{id} has no attached file (add one with: dvk doc attach {id} FILE)."),
    "attach.which": ("Văn bản #{id} có {count} tệp đính kèm; chọn số 1–{count}.",
                     "Document #{id} has {count} attached files; choose 1–{count}."),
    "attach.gone": ("Tệp đính kèm không còn ở {path}.", "The attached file is no longer at {path}."),
    "attach.no_viewer": ("Không tìm thấy chương trình mở tệp ({program}); tệp ở {path}.",
                         "No program to open the file ({program}); the file is at {path}."),
    "attach.added": ("Đã đính kèm {count} tệp vào văn bản #{id}: {number}.", "Attached {count} files to document #{id}: {number}."),
    "attach.removed": ("Đã bỏ {count} tệp đính kèm khỏi văn bản #{id}: {number}.",
                       "Removed {count} attachments from document #{id}: {number}."),
    "attach.opening": ("Đang mở {path}", "Opening {path}"),
    "check.attachment_missing": ("Văn bản #{id} ({number}): tệp đính kèm không còn: {path}",
                                 "Document #{id} ({number}): attached file is gone: {path}"),
    # --- report settings and reporting period (db/periods.py, db/report_fields.py, exports/, report CLI)
    "period.order": ("Kỳ báo cáo bắt đầu {start} sau ngày kết thúc {end}",
                     "The reporting period starts on {start}, after its end {end}"),
    "period.bad_date": ("Ngày của kỳ báo cáo ({field}) không hợp lệ: «{value}»",
                        "The reporting period date ({field}) is not valid: «{value}»"),
    "report.layout": ("Thể thức «{value}» không có; chọn một trong: {choices}",
                      "There is no layout «{value}»; choose one of: {choices}"),
    "report.body_pt": ("Cỡ chữ nội dung {value} nằm ngoài khoảng {low}–{high} của thể thức này",
                       "Body size {value} is outside {low}–{high} for this layout"),
    "report.header_pt": ("Cỡ chữ Quốc hiệu và tên cơ quan {value} không hợp lệ; chọn: {choices}",
                         "Size {value} for the national name and agencies is not allowed; choose: {choices}"),
    "report.heading_case": ("Cách viết tiêu đề phần «{value}» không có; chọn: {choices}",
                            "There is no heading style «{value}»; choose: {choices}"),
    "report.text_list": ("Nội dung báo cáo trong tệp dữ liệu sai kiểu; chạy “dvk check”",
                         "Report text in the data file has the wrong type; run “dvk check”"),
    "report.heading_key": ("Tiêu đề «{value}» không có; chọn: {choices}",
                           "There is no heading «{value}»; choose: {choices}"),
    "report.placement_section": ("Mục {value} không có (báo cáo có mục 1–{count})",
                                 "There is no section {value} (the report has sections 1–{count})"),
    "report.placement": ("Vị trí «{value}» không có; chọn: {choices}",
                         "There is no position «{value}»; choose: {choices}"),
    "report.pair": ("Cần dạng KHÓA=GIÁ TRỊ, ví dụ {example}: «{value}»",
                    "Expected KEY=VALUE, e.g. {example}: «{value}»"),
    "report.part": ("Phần «{part}» không có: dùng {choices} hoặc số mục 1–{count}",
                    "There is no part «{part}»: use {choices} or a section number 1–{count}"),
    "report.no_file": ("Không tìm thấy tệp {path}", "File not found: {path}"),
    "report.regenerate_only": ("Chỉ tạo lại được các phần: {choices}", "Only these parts can be regenerated: {choices}"),
    "report.saved_part": ("Đã lưu {count} đoạn vào phần “{part}”.", "Saved {count} paragraphs in part “{part}”."),
    "report.regenerated": ("Đã tạo lại phần “{part}” từ dữ liệu ({count} dòng).",
                           "Regenerated part “{part}” from the data ({count} lines)."),
    # labels of the report settings (db/report_fields.py FieldSpec.label), for forms
    "reportfield.layout": ("Thể thức văn bản", "Document layout"),
    "reportfield.body_pt": ("Cỡ chữ nội dung", "Body text size"),
    "reportfield.header_pt": ("Cỡ chữ Quốc hiệu, tên cơ quan", "Size of the national name and agencies"),
    "reportfield.heading_case": ("Tiêu đề phần I., II., III.", "Part titles I., II., III."),
    "reportfield.basis_lines": ("Căn cứ", "Legal bases"),
    "reportfield.stat_lines": ("Đặc điểm tình hình (số liệu)", "Situation (figures)"),
    "reportfield.intro": ("Câu mở đầu", "Opening sentence"),
    "reportfield.closing": ("Câu kết", "Closing sentence"),
    "reportfield.headings": ("Tiêu đề các phần", "Part titles"),
    "reportfield.placement": ("Nội dung tự tạo của từng mục", "Generated content of each section"),
    "reportfield.addressees": ("Kính gửi", "To (Kính gửi)"),
    "reportfield.recipients": ("Nơi nhận", "Recipients (Nơi nhận)"),
    "reportfield.period_start": ("Kỳ báo cáo từ ngày", "Reporting period from"),
    "reportfield.period_end": ("Kỳ báo cáo đến ngày", "Reporting period to"),
    "layout.state": ("Nghị định 30/2020 (cơ quan nhà nước)", "Decree 30/2020 (state body)"),
    "layout.party": ("Hướng dẫn 36-HD/VPTW (văn bản Đảng)", "Guide 36-HD/VPTW (Party document)"),
    "heading_case.upper": ("Chữ in hoa (Nghị định 30)", "Capitals (Decree 30)"),
    "heading_case.as_written": ("Như đơn vị viết", "As the unit writes them"),
    "placement.after": ("Sau phần tường thuật", "After the narrative"),
    "placement.before": ("Trước phần tường thuật", "Before the narrative"),
    "placement.off": ("Không đưa vào", "Left out"),
    # --- tui (checks the TUI raises through a form)
    "campaign.exists": ("Đã có phong trào “{name}” năm {year}.", "There is already a campaign “{name}” for {year}."),
    # --- tui lists and tasks (issue 10: priority, filters shared with the CLI)
    "rules.priority": ("Mức ưu tiên không hợp lệ: {value} (cao, thường, thấp)",
                       "Invalid priority: {value} (high, normal, low)"),
    "priority.high": ("cao", "high"),
    "priority.normal": ("thường", "normal"),
    "priority.low": ("thấp", "low"),
    "filter.priority": ("Mức ưu tiên không hợp lệ: {value} (cao, thường, thấp)",
                        "Unknown priority: {value} (high, normal, low)"),
}
