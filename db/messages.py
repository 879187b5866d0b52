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
        "Tệp dữ liệu {path} bị hỏng ({reason}); đã giữ nguyên, {backup}.",
        "The data file {path} is damaged ({reason}); it was left untouched, {backup}.",
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
    # --- tui (checks the TUI raises through a form)
    "campaign.exists": ("Đã có phong trào “{name}” năm {year}.", "There is already a campaign “{name}” for {year}."),
}
