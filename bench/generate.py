"""Build a realistic dvk data file with N documents and N tasks, fast.

    python bench/generate.py OUT.json 10000 [--no-audit] [--seed 1]

The built-in sample year (db.demo: profile, the 2020 campaign with its report,
16 documents, 13 tasks, 2 models) goes in first through the Store; the rest is
appended through TinyDB on dvk's storage (db/storage.py) in ONE ``storage.batch()``
-- one atomic, durable snapshot for the whole file -- so 100 000 + 100 000 records
take seconds instead of 200 000 fsync'd journal lines.

What is generated:

* documents: state (``4094/KH-UBND``), công văn (``123/UBND-VP``), Party
  (``2199-CV/HU``) and legal (``30/2020/NĐ-CP``) numbers, unique per year as
  NĐ 30 requires, parsed by ``rules.validate_document`` exactly as the Store
  would; dates over the last four years; ~5 % mention “Năm dân vận khéo”;
* tasks: due dates around today -- ~30 % done, ~10 % overdue, ~55 % due later,
  ~5 % without a due date; a few recurring; most belong to a campaign of the
  current year, so the 2020 report (the export benchmark) stays the same size;
* one campaign for the current year, N/200 models;
* an audit log entry per generated record, as if each had been added one by
  one in the app (``--no-audit`` leaves it out): the realistic, bigger file.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from db import rules  # noqa: E402
from db.demo import load_demo  # noqa: E402
from db.models import MODEL_FIELDS, Campaign, Document, DvkModel, Task  # noqa: E402
from db.audit import AuditLog  # noqa: E402
from db.fileformat import encode_line  # noqa: E402
from db.storage import open_tinydb  # noqa: E402
from db.store import Store  # noqa: E402

# (symbol pattern, issuer name, type name override or "") -- {seq}, {year} filled in.
SYMBOLS = [
    ("{seq}/KH-UBND", "Ủy ban nhân dân huyện Thủ Thừa"),
    ("{seq}/QĐ-UBND", "Ủy ban nhân dân huyện Thủ Thừa"),
    ("{seq}/UBND-VP", "Ủy ban nhân dân huyện Thủ Thừa"),
    ("{seq}/UBND-NV", "Ủy ban nhân dân huyện Thủ Thừa"),
    ("{seq}/TB-UBND", "Ủy ban nhân dân huyện Thủ Thừa"),
    ("{seq}/KH-PGDĐT", "Phòng Giáo dục và Đào tạo Thủ Thừa"),
    ("{seq}/QĐ-PGDĐT", "Phòng Giáo dục và Đào tạo Thủ Thừa"),
    ("{seq}/BC-PGDĐT", "Phòng Giáo dục và Đào tạo Thủ Thừa"),
    ("{seq}/PGDĐT", "Phòng Giáo dục và Đào tạo Thủ Thừa"),
    ("{seq}/SGDĐT-VP", "Sở Giáo dục và Đào tạo Long An"),
    ("{seq}/HD-SGDĐT", "Sở Giáo dục và Đào tạo Long An"),
    ("{seq}-CV/HU", "Huyện ủy Thủ Thừa"),
    ("{seq}-KH/HU", "Huyện ủy Thủ Thừa"),
    ("{seq}-KL/HU", "Huyện ủy Thủ Thừa"),
    ("{seq}-CT/TU", "Ban Thường vụ Tỉnh ủy Long An"),
    ("{seq}-KH/TU", "Tỉnh ủy Long An"),
    ("{seq}-HD/BDVTU", "Ban Dân vận Tỉnh ủy Long An"),
    ("{seq}-HD/BDVHU", "Ban Dân vận Huyện ủy Thủ Thừa"),
    ("{seq}-NQ/TW", "Ban Chấp hành Trung ương Đảng"),
    ("{seq}/{year}/NĐ-CP", "Chính phủ"),
    ("{seq}/{year}/TT-BGDĐT", "Bộ Giáo dục và Đào tạo"),
    ("{seq}/{year}/QĐ-TTg", "Thủ tướng Chính phủ"),
    ("{seq}/{year}/NQ-HĐND", "Hội đồng nhân dân tỉnh Long An"),
]

TOPICS = [
    "thực hiện công tác dân vận của cơ quan nhà nước",
    "cải cách hành chính năm {year}",
    "tuyên truyền cải cách hành chính",
    "thực hiện quy chế dân chủ ở cơ sở",
    "kiểm tra chuyên ngành năm học {year}-{next}",
    "tổ chức Hội nghị cán bộ, công chức, viên chức",
    "chăm lo đời sống cán bộ, công chức, viên chức và người lao động",
    "sắp xếp tinh gọn tổ chức bộ máy các trường học",
    "tiếp công dân và giải quyết khiếu nại, tố cáo",
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "phòng, chống dịch bệnh trong trường học",
    "xây dựng văn hóa ứng xử trong trường học",
    "thi đua yêu nước của ngành giáo dục",
    "thực hành tiết kiệm, chống lãng phí",
    "quy tắc ứng xử và văn minh công sở",
    "phổ cập giáo dục, xóa mù chữ",
    "an toàn giao thông cho học sinh",
    "tổng kết năm học {year}-{next}",
]
DVK_TOPIC = "thực hiện “Năm dân vận khéo” năm {year}"
OPENINGS = ["Về việc", "Kế hoạch", "Hướng dẫn", "Triển khai", "Báo cáo kết quả", "Tăng cường", ""]
TASK_VERBS = ["Triển khai", "Tổng hợp báo cáo", "Kiểm tra", "Rà soát", "Tham mưu", "Tổ chức", "Phối hợp",
              "Quán triệt", "Gửi báo cáo", "Lập danh sách"]
ASSIGNEES = ["Văn phòng", "Tổ chuyên môn Tiểu học", "Tổ chuyên môn THCS", "Tổ Mầm non", "Kế toán",
             "Nguyễn Văn An", "Trần Thị Bích", "Lê Hoàng Nam", "Phạm Thị Thu Hà", "Võ Minh Tuấn"]
SCHOOLS = ["Trường Tiểu học Nhị Thành", "Trường THCS Thủ Thừa", "Trường Mầm non Hoa Sen", "Trường Tiểu học Mỹ Lạc",
           "Trường THCS Long Thạnh", "Phòng Giáo dục và Đào tạo"]


@dataclass
class Generated:
    path: Path
    n: int
    today: date
    docs: int = 0
    tasks: int = 0
    models: int = 0
    overdue: int = 0
    lookup_numbers: list[str] = field(default_factory=list)  # numbers present in the data, as a user types them
    seconds: float = 0.0
    mb: float = 0.0  # file size


def _row(rec) -> dict:
    """What Record.to_dict() gives, without dataclasses.asdict's deep copy (fresh objects here)."""
    row = dict(vars(rec))
    row.pop("id", None)
    return row


def _number(rng: random.Random, seqs: dict, year: int, used: set) -> tuple[str, str]:
    while True:
        pattern, issuer = rng.choice(SYMBOLS)
        key = (pattern, year)
        seqs[key] = seqs.get(key, rng.randint(1, 60)) + rng.randint(1, 3)
        number = pattern.format(seq=seqs[key], year=year)
        if (number, year) not in used:
            used.add((number, year))
            return number, issuer


def _topic(rng: random.Random, year: int) -> str:
    text = DVK_TOPIC if rng.random() < 0.05 else rng.choice(TOPICS)
    return text.format(year=year, next=year + 1)


def generate(path: str | Path, n: int, *, seed: int = 1, audit: bool = True, today: date | None = None) -> Generated:
    """Write a fresh data file at ``path`` (replaced if it exists)."""
    t0 = time.perf_counter()
    path = Path(path)
    today = today or date.today()
    for suffix in ("", ".journal", ".audit", ".lock"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    rng = random.Random(seed)
    with Store(path, today=lambda: today) as store:
        load_demo(store, today)
        demo_docs = {(d.canonical, (d.date or "")[:4]) for d in store.all(Document)}
        n_docs, n_tasks, n_models = len(store.all(Document)), len(store.all(Task)), len(store.all(DvkModel))
        info_overdue = len(store.overdue())
        last_txn = store._file.next_txn() - 1
    info = Generated(path, n, today, overdue=info_overdue, lookup_numbers=["4094", "4094/KH-UBND", "2199-CV/HU"])

    used = {(num, int(y)) for num, y in demo_docs if y}
    seqs: dict = {}
    docs: list[dict] = []
    for i in range(max(n - n_docs, 0)):
        when = today - timedelta(days=rng.randint(0, 4 * 365))
        number, issuer = _number(rng, seqs, when.year, used)
        opening = rng.choice(OPENINGS)
        summary = (opening + " " if opening else "") + _topic(rng, when.year)
        pending = rng.random() < 0.1
        doc = Document(number=number, issuer_name=issuer, date=when.isoformat(), summary=summary[:1].upper() + summary[1:],
                       direction="out" if "PGDĐT" in number else "in",
                       handling="pending" if pending else "",
                       due=(today + timedelta(days=rng.randint(-20, 40))).isoformat() if pending else None,
                       tags=["dân vận"] if "dân vận" in summary else [])
        rules.validate_document(doc)  # fills parts and type_name as Store.add would
        docs.append(_row(doc))
        if i in (n // 3, n // 2) or (i == 0):
            info.lookup_numbers.append(number)

    with open_tinydb(path, backups=0) as db:
        with db.storage.batch():  # ONE durable write for everything below
            doc_ids = db.table(Document.table).insert_multiple(docs) if docs else []
            all_doc_ids = list(range(1, n_docs + 1)) + doc_ids
            camp = Campaign(name="Năm dân vận khéo", year=today.year, bases=rng.sample(all_doc_ids, 2),
                            advantages=["Đa số CBCC đoàn kết, nhiệt tình."], recipients=["Lưu: VT."])
            camp_id = db.table(Campaign.table).insert(camp.to_dict())
            tasks: list[dict] = []
            for _ in range(max(n - n_tasks, 0)):
                r = rng.random()
                topic = _topic(rng, today.year)
                task = Task(title=f"{rng.choice(TASK_VERBS)} {topic}", assignee=rng.choice(ASSIGNEES),
                            source_doc=rng.choice(all_doc_ids) if rng.random() < 0.6 else None,
                            campaign=camp_id if rng.random() < 0.8 else None, section=rng.randint(1, 7))
                if r < 0.30:
                    task.due = (today - timedelta(days=rng.randint(1, 300))).isoformat()
                    task.status, task.done_on = "done", task.due
                    task.result = f"Đã {topic}; đạt yêu cầu đề ra."
                elif r < 0.40:
                    task.due = (today - timedelta(days=rng.randint(1, 60))).isoformat()
                    task.status = rng.choice(("todo", "doing"))
                elif r < 0.95:
                    task.due = (today + timedelta(days=rng.randint(0, 120))).isoformat()
                    task.status = rng.choice(("todo", "todo", "doing"))
                    if rng.random() < 0.02:
                        task.recur = "monthly"
                else:
                    task.status = "todo"
                info.overdue += rules.is_overdue(task, today)
                tasks.append(_row(task))
            task_ids = db.table(Task.table).insert_multiple(tasks) if tasks else []
            models = [DvkModel(name=f"Mô hình “{rng.choice(TOPICS).format(year=today.year, next=today.year + 1)}”",
                               campaign=camp_id, year=today.year, unit=rng.choice(SCHOOLS),
                               field=rng.choice(MODEL_FIELDS), kind=rng.choice(("collective", "individual")),
                               status=rng.choice(("registered", "in_progress", "achieved")))
                      for _ in range(max(n // 200, 5))]
            models = [_row(m) for m in models]
            model_ids = db.table(DvkModel.table).insert_multiple(models)
    if audit:
        stamp = datetime.now().isoformat(timespec="seconds")
        lines = []
        txn = last_txn
        for table, ids, rows, noun in ((Document.table, doc_ids, docs, "noun.documents"),
                                       (Campaign.table, [camp_id], [camp.to_dict()], "noun.campaigns"),
                                       (Task.table, task_ids, tasks, "noun.tasks"),
                                       (DvkModel.table, model_ids, models, "noun.models")):
            for rec_id, row in zip(ids, rows):
                txn += 1
                label = {"key": "label.add", "params": {"noun": {"key": noun, "params": {}}, "what": ""}}
                lines.append(encode_line({"txn": txn, "label": label, "at": stamp, "kind": "do", "undo_of": None,
                                          "ops": [{"op": "insert", "table": table, "id": rec_id, "old": None,
                                                   "new": row}]}))
        AuditLog(path.with_name(path.name + ".audit")).append(lines)

    info.docs, info.tasks, info.models = n_docs + len(docs), n_tasks + len(tasks), n_models + len(models)
    info.mb = path.stat().st_size / 1e6
    info.seconds = time.perf_counter() - t0
    return info


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-audit", action="store_true")
    args = ap.parse_args()
    g = generate(args.out, args.n, seed=args.seed, audit=not args.no_audit)
    print(f"{g.path}: {g.docs} documents, {g.tasks} tasks ({g.overdue} overdue), {g.models} models, "
          f"{g.mb:.1f} MB in {g.seconds:.1f} s; numbers to look up: {', '.join(g.lookup_numbers)}")


if __name__ == "__main__":
    main()
