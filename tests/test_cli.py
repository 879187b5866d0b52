"""The `dvk` command as a user runs it: a real subprocess, real files."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DVK = [sys.executable, "-c", "from tui.cli import main; main()"]


def dvk(*args, db: Path | None = None, input: str | None = None):
    cmd = DVK + (["--db", str(db)] if db else []) + list(args)
    env = {**os.environ, "DVK_DB": ""}
    return subprocess.run(cmd, capture_output=True, text=True, input=input, env=env, timeout=60)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "x.json"
    done = dvk("demo", "--no-open", "--db", str(path))
    assert done.returncode == 0, done.stderr
    return path


def test_find_4094_returns_the_plan_with_its_date(demo_db):
    out = dvk("find", "4094", "--json", db=demo_db)
    assert out.returncode == 0, out.stderr
    first = json.loads(out.stdout)[0]
    assert (first["type_name"], first["canonical"], first["date"]) == ("Kế hoạch", "4094/KH-UBND", "2020-07-10")


def test_doc_add_then_show_by_number_in_any_spelling(tmp_path):
    db = tmp_path / "d.json"
    added = dvk("doc", "add", "1353/ KH-PGDDT", "--date", "05/10/2020", "--issuer", "Phòng GD&ĐT", "--direction", "di", db=db)
    assert added.returncode == 0, added.stderr
    shown = dvk("doc", "show", "1353/KH-PGDĐT", "--json", db=db)
    data = json.loads(shown.stdout)
    assert (data["canonical"], data["date"], data["direction"]) == ("1353/KH-PGDĐT", "2020-10-05", "out")


def test_doc_add_direction_follows_the_units_own_code_unless_given(tmp_path):
    db = tmp_path / "d.json"
    assert dvk("profile", "--unit-code", "PGDĐT", db=db).returncode == 0
    for number, given, expected in (("15/KH-PGDĐT", [], "out"), ("4094/KH-UBND", [], "in"),
                                    ("16/KH-PGDĐT", ["--direction", "den"], "in")):
        added = dvk("doc", "add", number, "--date", "1/3/2026", *given, "--json", db=db)
        assert added.returncode == 0, added.stderr
        assert json.loads(added.stdout)["direction"] == expected, number


@pytest.mark.parametrize("args, words", [
    (["doc", "add", "4094/", "--date", "10/7/2020"], "ký hiệu"),
    (["doc", "add", "4094/KH-UBND", "--date", "31/02/2020"], "31/02/2020"),
    (["task", "add", "Báo cáo", "--due", "hôm qua"], "hôm qua"),
    (["task", "done", "999"], "#999"),
])
def test_bad_input_is_one_clear_line_and_nonzero(tmp_path, args, words):
    db = tmp_path / "d.json"
    dvk("doc", "add", "1/KH-UBND", db=db)
    before = db.read_bytes()
    out = dvk(*args, db=db)
    assert out.returncode != 0
    assert out.stderr.startswith("dvk: ") and out.stderr.count("\n") == 1, out.stderr
    assert words.lower() in out.stderr.lower()
    assert "Traceback" not in out.stderr
    assert db.read_bytes() == before


def test_corrupt_file_is_reported_and_left_untouched(tmp_path):
    db = tmp_path / "d.json"
    db.write_text('{"documents": {"1": {"number": "4094/KH-UB', encoding="utf-8")
    before = db.read_bytes()
    for args in (["doc", "list"], ["doc", "add", "1/KH-UBND"]):
        out = dvk(*args, db=db)
        assert out.returncode == 1 and out.stderr.count("\n") == 1 and "hỏng" in out.stderr
    assert db.read_bytes() == before


def test_task_lists_and_done(demo_db, tmp_path):
    overdue = json.loads(dvk("task", "list", "--overdue", "--json", db=demo_db).stdout)
    assert overdue and all(t["overdue"] for t in overdue)
    soon = json.loads(dvk("task", "list", "--due-within", "7", "--json", db=demo_db).stdout)
    assert soon and all(t["due_soon"] for t in soon)
    db = tmp_path / "t.json"
    tid = json.loads(dvk("task", "add", "Họp chi bộ", "--due", "01/12/2020", "--json", db=db).stdout)["id"]
    assert dvk("task", "done", str(tid), "--result", "Đã họp", db=db).returncode == 0
    everything = json.loads(dvk("task", "list", "--all", "--json", db=db).stdout)
    assert [(t["status"], t["result"]) for t in everything] == [("done", "Đã họp")]


def test_model_add_set_list(tmp_path):
    db = tmp_path / "m.json"
    out = dvk("model", "add", "Cổng trường an toàn", "--unit", "TH Nhị Thành", "--field", "quoc phong", "--year", "2020", "--json", db=db)
    mid = json.loads(out.stdout)["id"]
    assert dvk("model", "set", str(mid), "--status", "đạt", db=db).returncode == 0
    models = json.loads(dvk("model", "list", "--json", db=db).stdout)
    assert (models[0]["field"], models[0]["status"]) == ("quốc phòng - an ninh", "achieved")


def test_check_undo_backup_paths(demo_db, tmp_path):
    assert "toàn vẹn" in dvk("check", db=demo_db).stdout
    db = tmp_path / "u.json"
    dvk("doc", "add", "5/KH-UBND", db=db)
    assert "Đã hoàn tác" in dvk("undo", db=db).stdout
    assert json.loads(dvk("doc", "list", "--json", db=db).stdout) == []
    backup = dvk("backup", db=db)
    assert backup.returncode == 0 and Path(backup.stdout.split()[-1]).exists()
    assert json.loads(dvk("paths", "--json", db=db).stdout)["db"] == str(db)


def test_db_env_var_is_used(tmp_path):
    db = tmp_path / "env.json"
    env = {**os.environ, "DVK_DB": str(db)}
    subprocess.run(DVK + ["doc", "add", "7/KH-UBND"], env=env, check=True, capture_output=True)
    assert db.exists()


def test_report_markdown_to_stdout(demo_db):
    out = dvk("report", "2020", db=demo_db)
    assert out.returncode == 0, out.stderr
    assert "# BÁO CÁO" in out.stdout and "Căn cứ Kế hoạch 4094/KH-UBND ngày 10/7/2020" in out.stdout


def test_report_for_a_year_without_campaign_is_a_clear_error(demo_db):
    out = dvk("report", "2019", db=demo_db)
    assert out.returncode == 1 and "2019" in out.stderr


def test_a_new_year_report_from_the_command_line(tmp_path):
    db = tmp_path / "n.json"
    assert dvk("profile", "--parent-body", "UBND HUYỆN TÂN TRỤ", "--unit-name", "Phòng Giáo dục và Đào tạo",
               "--unit-code", "PGDĐT", "--place", "Tân Trụ", db=db).returncode == 0
    assert dvk("campaign", "add", "2021", db=db).returncode == 0
    assert "năm 2021" in dvk("report", "2021", db=db).stdout  # a fresh campaign already renders
    dvk("doc", "add", "12/KH-UBND", "-d", "3/2/2021", "-i", "Ủy ban nhân dân huyện Tân Trụ", "-s", "Thực hiện “Năm dân vận khéo” năm 2021", db=db)
    assert dvk("campaign", "set", "2021", "--staff", "9", "--basis", "12/KH-UBND", "--signer-name", "Nguyễn Văn A",
               "--recipient", "Lưu: VT.", "--date", "/12/2021", db=db).returncode == 0
    assert dvk("campaign", "text", "2021", "thuan-loi", "-", db=db, input="Đoàn kết.\n\nNhiệt tình.\n").returncode == 0
    md = dvk("report", "2021", db=db).stdout
    assert "*Căn cứ Kế hoạch số 12/KH-UBND ngày 03/02/2021 của Ủy ban nhân dân huyện Tân Trụ" in md
    assert "- Đoàn kết.\n- Nhiệt tình." in md and "Tổng số CBCC: 09 người." in md
    assert "*Tân Trụ, ngày tháng 12 năm 2021*" in " ".join(md.split(" ")).replace("  ", " ").replace("  ", " ")
    bad = dvk("campaign", "set", "2021", "--date", "31/02/2021", db=db)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "31/02/2021" in bad.stderr


def test_restore_sets_the_corrupt_file_aside_and_brings_back_the_backup(tmp_path):
    db = tmp_path / "r.json"
    dvk("doc", "add", "4094/KH-UBND", "-d", "10/7/2020", db=db)
    assert dvk("backup", db=db).returncode == 0
    db.write_text("{ hỏng", encoding="utf-8")
    assert dvk("doc", "list", db=db).returncode == 1
    out = dvk("restore", db=db)
    assert out.returncode == 0, out.stderr
    docs = json.loads(dvk("doc", "list", "--json", db=db).stdout)
    assert [d["canonical"] for d in docs] == ["4094/KH-UBND"]
    aside = list(tmp_path.glob("r.replaced-*.json"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == "{ hỏng"


# ------------------------------------------------------------------ storage commands

HOLD = "import sys; from db.store import Store; s = Store(sys.argv[1]); print('held', flush=True); sys.stdin.readline()"


def _hold(db: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])})
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_demo_reset_takes_the_lock_first_and_refuses_while_held(tmp_path):
    db = tmp_path / "demo.json"
    assert dvk("demo", "--no-open", "--db", str(db)).returncode == 0
    before = db.read_bytes()
    holder = _hold(db)
    try:
        out = dvk("demo", "--no-open", "--reset", "--db", str(db))
        assert out.returncode == 1 and out.stderr.count("\n") == 1 and "đang được một phiên dvk khác ghi" in out.stderr
        assert db.read_bytes() == before
    finally:
        holder.communicate("\n", timeout=30)
    dvk("doc", "add", "99/KH-UBND", db=db)
    out = dvk("demo", "--no-open", "--reset", "--db", str(db))
    assert out.returncode == 0, out.stderr
    numbers = [d["canonical"] for d in json.loads(dvk("doc", "list", "--json", db=db).stdout)]
    assert "99/KH-UBND" not in numbers and "4094/KH-UBND" in numbers
    kept = [json.loads(b.read_text(encoding="utf-8")) for b in (tmp_path / "backups").glob("demo-*.json")]
    assert any("99/KH-UBND" in json.dumps(k, ensure_ascii=False) for k in kept)  # the old data was backed up first


def test_backup_of_a_damaged_file_is_refused_in_one_line(tmp_path):
    db = tmp_path / "b.json"
    dvk("task", "add", "Họp chi bộ", db=db)
    assert dvk("backup", db=db).returncode == 0
    backups = sorted((tmp_path / "backups").iterdir())
    db.write_bytes(db.read_bytes().replace(b'"_meta"', b'"_mota"'))
    out = dvk("backup", db=db)
    assert out.returncode == 1 and out.stderr.startswith("dvk: ") and out.stderr.count("\n") == 1
    assert "dvk check" in out.stderr and "Traceback" not in out.stderr
    assert sorted((tmp_path / "backups").iterdir()) == backups


def test_check_lists_each_bad_record_with_table_id_and_field(tmp_path):
    db = tmp_path / "c.json"
    db.write_text(json.dumps({"_meta": {"1": {"app": "dvk", "schema": 1}},
                              "tasks": {"1": {"title": 5}, "2": {"title": "tốt"}, "3": {"title": "x", "due": "2020-13-45"}},
                              "documents": {"4": {"number": ["4094/KH-UBND"]}}}), encoding="utf-8")
    out = dvk("check", db=db)
    assert out.returncode == 1
    assert sorted(out.stdout.splitlines()) == sorted([
        "Bảng tasks, bản ghi #1: trường “title” sai kiểu (5).",
        "Bảng tasks, bản ghi #3: trường “due” sai kiểu ('2020-13-45').",
        "Bảng documents, bản ghi #4: trường “number” sai kiểu (['4094/KH-UBND']).",
    ])
    for args in (["task", "list"], ["task", "add", "x"], ["undo"], ["report", "2020"], ["backup"]):
        bad = dvk(*args, db=db)
        assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "dvk check" in bad.stderr, (args, bad.stderr)


def test_a_failed_automatic_backup_is_told_not_swallowed(tmp_path):
    db = tmp_path / "n.json"
    (tmp_path / "backups").write_text("một tệp, không phải thư mục")
    out = dvk("task", "add", "Họp chi bộ", db=db)
    assert out.returncode == 0 and "Đã thêm nhiệm vụ" in out.stdout
    assert out.stderr.startswith("dvk: lưu ý: Không sao lưu tự động được") and out.stderr.count("\n") == 1


def test_undo_and_redo_from_the_command_line(tmp_path):
    db = tmp_path / "u.json"
    dvk("task", "add", "Họp chi bộ", db=db)
    assert dvk("undo", db=db).stdout.strip() == "Đã hoàn tác: thêm nhiệm vụ “Họp chi bộ”"
    assert dvk("redo", db=db).stdout.strip() == "Đã làm lại: thêm nhiệm vụ “Họp chi bộ”"
    assert [t["title"] for t in json.loads(dvk("task", "list", "--json", db=db).stdout)] == ["Họp chi bộ"]


def test_quick_commands_load_neither_rich_nor_pydantic_nor_textual(tmp_path):
    db = tmp_path / "q.json"
    dvk("task", "add", "Họp", "--due", "01/01/2020", db=db)
    for args in (["paths", "--json"], ["task", "list", "--overdue", "--json"], ["task", "list"]):
        code = ("import sys; sys.argv = ['dvk', '--db', sys.argv[1], *sys.argv[2:]]\n"
                "from tui.cli import app\n"
                "try:\n    app()\nexcept SystemExit:\n    pass\n"
                "sys.stderr.write(' '.join(sorted({m.split('.')[0] for m in sys.modules})))")
        out = subprocess.run([sys.executable, "-c", code, str(db), *args], capture_output=True, text=True,
                             env={**os.environ, "DVK_DB": ""})
        loaded = set(out.stderr.split())
        assert not loaded & {"rich", "pydantic", "textual", "filelock", "asyncio"}, (args, loaded & {"rich", "pydantic"})


def test_a_long_table_is_streamed_as_plain_rows_and_user_text_cannot_drive_the_terminal(tmp_path, monkeypatch):
    from db import rules
    from db.models import Task
    from db.store import Store

    monkeypatch.setattr(rules, "check_one_line", lambda value, field: None)  # as if typed by an older dvk
    db = tmp_path / "t.json"
    with Store(db) as store, store.transaction("nhiều việc"):
        store.add(Task(title="Tiêu đề \x1b]0;PWNED\x07 có mã điều khiển", due="2030-01-01", assignee="Văn phòng"))
        for i in range(499):
            store.add(Task(title=f"Việc số {i}", due="2030-01-02"))
    out = dvk("task", "list", db=db)
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    assert lines[0] == "Nhiệm vụ (500)" and len(lines) == 3 + 500
    assert "\x1b" not in out.stdout and "\x07" not in out.stdout and "␛]0;PWNED␇" in out.stdout
    starts = {line.index("Việc số") for line in lines[4:]}
    assert len(starts) == 1  # one column, aligned
