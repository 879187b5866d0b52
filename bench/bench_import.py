"""How long `dvk import` takes on a large register (target: 5 000 rows in under 5 s).

    python bench/bench_import.py [--rows 5000] [--repeat 3] [--existing 0] [--keep DIR]

Writes a sổ đến of N rows (title rows, two-row merged header, Excel date cells,
a few bad rows, a total row) as .xlsx and as a cp1258 .csv, then prints the
median (min–max) seconds of:

* read + preview of the .xlsx and of the .csv (`read_register`: parse, check,
  duplicates against the store) — the part the import code owns;
* apply (`apply_import`: one transaction with every row, through `Store.add`) into
  a fresh store holding `--existing` documents — the part the store owns;
* the whole `dvk import FILE --yes` as a subprocess (Python start-up included).

Each figure is given as wall-clock time and as CPU time of the process: on a shared,
loaded machine the CPU time is the one that says what the code costs.
"""
from __future__ import annotations

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import openpyxl  # noqa: E402

from tests.register_files import to_cp1258  # noqa: E402

from db.models import Document  # noqa: E402
from db.registers import apply_import, read_register  # noqa: E402
from db.store import Store  # noqa: E402

ISSUERS = ["Ủy ban nhân dân huyện Thủ Thừa", "Huyện ủy Thủ Thừa", "Sở Giáo dục và Đào tạo Long An",
           "Ban Dân vận Tỉnh ủy Long An", "Phòng Nội vụ huyện Thủ Thừa"]
SYMBOLS = ["KH-UBND", "UBND-VX", "QĐ-SGDĐT", "TB-PNV", "CV/HU", "HD/BDVTU"]
HANDLERS = ["Nguyễn Thị Lan", "Trần Văn Tâm", "Lê Thị Hoa", "Phạm Minh Đức"]


def _number(i: int) -> str:
    symbol = SYMBOLS[i % len(SYMBOLS)]
    return f"{i}-{symbol}" if "/" in symbol else f"{i}/{symbol}"


def write_register(path: Path, rows: int) -> None:
    # Not write_only: like Excel, the normal writer puts the strings in a shared table and
    # records the sheet's size, which is what the reader meets in the files offices send.
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sổ đến"
    sheet.append(["UBND HUYỆN THỦ THỪA"])
    sheet.append(["SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"])
    sheet.append(["Ngày đến", "Số đến", "Tác giả", "Văn bản", None, "Tên loại và trích yếu nội dung",
                  "Đơn vị hoặc người nhận", "Hạn xử lý", "Ghi chú"])
    sheet.append([None, None, None, "Số, ký hiệu", "Ngày tháng"])
    sheet.append([f"({i})" for i in range(1, 10)])
    start = datetime.datetime(2020, 1, 2)
    for i in range(1, rows + 1):
        issued = start + datetime.timedelta(days=(i * 3) % 360)
        arrived = issued + datetime.timedelta(days=2)
        date = issued if i % 3 else issued.strftime("%d/%m/%Y")  # date cells and typed text
        number = _number(i) if i % 997 else ""  # a few rows without a number
        due = arrived + datetime.timedelta(days=10) if i % 5 == 0 else None
        sheet.append([arrived, None if i % 2 else i, ISSUERS[i % len(ISSUERS)], number, date,
                      f"Về việc triển khai công tác dân vận khéo đợt {i} năm 2020", HANDLERS[i % len(HANDLERS)],
                      due, "khẩn" if i % 11 == 0 else None])
    sheet.append([f"Tổng cộng: {rows} văn bản"])
    book.save(path)


def write_csv(xlsx: Path, path: Path) -> None:
    sheet = openpyxl.load_workbook(xlsx, read_only=True).active
    lines = []
    for row in sheet.iter_rows(values_only=True):
        cells = [v.strftime("%d/%m/%Y") if isinstance(v, datetime.datetime) else ("" if v is None else str(v))
                 for v in row]
        lines.append(";".join(c.replace(";", ",") for c in cells))
    path.write_bytes(to_cp1258("\r\n".join(lines)))  # as a Vietnamese Windows Excel saves "CSV"


def _median(samples: list[tuple[float, float]]) -> str:
    """Wall-clock median (min–max), and the process CPU median: on a shared, loaded machine the
    CPU figure is what the code costs, the wall figure what a person would have waited here."""
    wall = [w for w, _ in samples]
    cpu = [c for _, c in samples]
    return (f"{statistics.median(wall):6.2f} s wall (min {min(wall):.2f}, max {max(wall):.2f}, n={len(wall)}), "
            f"{statistics.median(cpu):.2f} s CPU")


class _Timer:
    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.sample = (time.perf_counter() - self.wall, time.process_time() - self.cpu)


def _fresh_store(folder: Path, existing: int) -> Store:
    path = folder / f"dvk-{time.monotonic_ns()}.json"
    store = Store(path)
    if existing:
        with store.transaction("bench"):
            for i in range(existing):
                store.add(Document(number=f"{i + 1}/UBND-VP", date="2019-06-01", summary="cũ"))
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--existing", type=int, default=0, help="documents already in the store")
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    args = parser.parse_args()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="dvk-bench-import-"))
    folder.mkdir(parents=True, exist_ok=True)
    xlsx, csv_path = folder / "so-den.xlsx", folder / "so-den.csv"
    write_register(xlsx, args.rows)
    write_csv(xlsx, csv_path)
    print(f"register: {args.rows} rows, {xlsx.stat().st_size // 1024} KiB xlsx; store with {args.existing} documents")

    base = _fresh_store(folder, args.existing)
    for label, path in (("read + preview  xlsx", xlsx), ("read + preview  csv ", csv_path)):
        samples, preview = [], None
        for _ in range(args.repeat):
            with _Timer() as timer:
                preview = read_register(path, base)
            samples.append(timer.sample)
        print(f"{label}  {_median(samples)}   -> {len(preview.to_add)} to add, "
              f"{len(preview.problems)} bad rows, {len(preview.skipped)} skipped")
    base.close()

    samples = []
    for _ in range(args.repeat):
        store = _fresh_store(folder, args.existing)
        preview = read_register(xlsx, store)
        with _Timer() as timer:
            result = apply_import(store, preview)
        samples.append(timer.sample)
        store.close()
    print(f"apply (one transaction)  {_median(samples)}   -> {len(result.added)} added")

    samples = []
    for _ in range(args.repeat):
        store = _fresh_store(folder, args.existing)
        db = store.path
        store.close()
        cmd = [sys.executable, "-c", "from tui.cli import main; main()", "--db", str(db), "import", str(xlsx), "--yes"]
        t = time.perf_counter()
        before = os.times()
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
        after = os.times()
        cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
        samples.append((time.perf_counter() - t, cpu))
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
    print(f"dvk import --yes (whole) {_median(samples)}   target: under 5 s for 5 000 rows")
    if not args.keep:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
