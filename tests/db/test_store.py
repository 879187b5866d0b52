from dataclasses import replace
from datetime import date

import pytest

from db.errors import DvkError, ReadOnlyError
from db.models import Campaign, Document, DvkModel, Task
from db.rules import ValidationError
from db.store import NotFound, Store
from tests.helpers import TODAY, demo_store


def test_added_document_survives_reopen_with_parsed_number(tmp_path):
    path = tmp_path / "d.json"
    with Store(path) as store:
        doc = store.add(Document(number="Số: 1746/QD-PGDDT", date="2019-12-31", summary="Quy chế chi tiêu nội bộ"))
    with Store(path) as store:
        again = store.get(Document, doc.id)
    assert again.canonical == "1746/QĐ-PGDĐT"
    assert again.type_name == "Quyết định"
    assert again.parts["style"] == "state"


def test_malformed_number_is_refused_and_nothing_written(tmp_path):
    path = tmp_path / "d.json"
    with Store(path) as store:
        store.add(Document(number="4094/KH-UBND", date="2020-07-10"))
    before = path.read_bytes()
    with Store(path) as store:
        with pytest.raises(ValidationError) as err:
            store.add(Document(number="4094/", date="2020-07-10"))
        assert err.value.field == "number"
        assert len(store.all(Document)) == 1
    assert path.read_bytes() == before


def test_same_number_twice_in_a_year_is_refused(tmp_path):
    with Store(tmp_path / "d.json") as store:
        store.add(Document(number="617/KH-PGDĐT", date="2020-05-25"))
        with pytest.raises(ValidationError, match="đã có"):
            store.add(Document(number="617/KH-PGDDT", date="2020-09-01"))
        store.add(Document(number="617/KH-PGDĐT", date="2021-05-25"))  # numbering restarts each year
        assert len(store.all(Document)) == 2


def test_undo_takes_back_add_edit_and_delete_in_order(tmp_path):
    with Store(tmp_path / "d.json") as store:
        doc = store.add(Document(number="4094/KH-UBND", summary="gốc"))
        store.save(replace(doc, summary="đã sửa"))
        store.delete(Document, doc.id)
        assert store.all(Document) == []
        label = store.undo()
        assert label.render("vi") == "xóa văn bản “4094/KH-UBND”"
        assert label.render("en") == "delete document “4094/KH-UBND”"
        assert store.get(Document, doc.id).summary == "đã sửa"
        store.undo()
        assert store.get(Document, doc.id).summary == "gốc"
        store.undo()
        assert store.all(Document) == []
        assert store.undo() is None


def test_redo_puts_back_what_undo_took_and_a_new_change_ends_redo(tmp_path):
    with Store(tmp_path / "d.json") as store:
        task = store.add(Task(title="Báo cáo tháng 3", due="2020-03-31"))
        store.set_task_status(task.id, "done", "Đã gửi")
        assert store.undo().render("vi") == "đánh dấu xong “Báo cáo tháng 3”"
        assert store.get(Task, task.id).status == "todo"
        assert store.redo().render("en") == "mark done “Báo cáo tháng 3”"
        assert store.get(Task, task.id).status == "done"
        assert store.redo() is None
        store.undo()
        store.undo()
        assert store.all(Task) == []
        assert store.redo().render("vi") == "thêm nhiệm vụ “Báo cáo tháng 3”"
        store.add(Task(title="Việc mới"))
        assert not store.can_redo()
        assert store.redo() is None


def test_redo_survives_restart(tmp_path):
    path = tmp_path / "d.json"
    with Store(path) as store:
        task = store.add(Task(title="Họp chi bộ", due="2020-03-01"))
        store.undo()
    with Store(path) as store:
        assert store.can_redo()
        store.redo()
        assert store.get(Task, task.id).title == "Họp chi bộ"


def test_undo_survives_restart(tmp_path):
    path = tmp_path / "d.json"
    with Store(path) as store:
        task = store.add(Task(title="Họp chi bộ", due="2020-03-01"))
        store.set_task_status(task.id, "done", "Đã họp")
    with Store(path) as store:
        store.undo()
        assert store.get(Task, task.id).status == "todo"


def test_deleting_a_document_unlinks_it_and_undo_relinks(tmp_path):
    store = demo_store(tmp_path)
    base = store.document_by_number("4094/KH-UBND")[0]
    campaign = store.campaigns()[0]
    assert base.id in campaign.bases
    store.delete(Document, base.id)
    assert base.id not in store.get(Campaign, campaign.id).bases
    store.undo()
    assert base.id in store.get(Campaign, campaign.id).bases


def test_recurring_task_keeps_exactly_one_live_instance(tmp_path):
    with Store(tmp_path / "d.json", today=lambda: date(2020, 1, 31)) as store:
        task = store.add(Task(title="Báo cáo tháng", due="2020-01-31", recur="monthly"))
        store.set_task_status(task.id, "done")
        live = [t for t in store.tasks() if t.status == "todo"]
        assert [t.due for t in live] == ["2020-02-29"]  # end of month clamps
        store.set_task_status(task.id, "todo")  # reopening must not spawn a second live copy
        store.set_task_status(task.id, "done")
        assert len([t for t in store.tasks() if t.status == "todo"]) == 1


def test_recurring_task_needs_a_due_date(tmp_path):
    with Store(tmp_path / "d.json") as store, pytest.raises(ValidationError, match="hạn"):
        store.add(Task(title="Báo cáo tuần", recur="weekly"))


def test_overdue_and_due_soon_follow_today(tmp_path):
    store = demo_store(tmp_path)
    overdue = store.overdue()
    assert [t.title for t in overdue] == ["Tổng hợp báo cáo “Năm dân vận khéo” gửi Ban Dân vận Huyện ủy"]
    soon = {t.title for t in store.due_within(7)}
    assert "Kiểm tra công tác dân vận tại các trường học" in soon
    assert "Bình xét mô hình “Dân vận khéo” cấp cơ sở" not in soon  # due in 20 days
    assert all(t.status in ("todo", "doing") for t in overdue)


def test_model_status_follows_the_campaign_cycle(tmp_path):
    with Store(tmp_path / "d.json") as store:
        model = store.add(DvkModel(name="Trường học thân thiện", unit="THCS Nhị Thành"))
        with pytest.raises(ValidationError):
            store.save(replace(model, status="replicated"))  # only an achieved model is replicated
        store.save(replace(model, status="achieved"))
        assert store.save(replace(store.get(DvkModel, model.id), status="replicated")).status == "replicated"


def test_model_field_must_be_one_of_the_four(tmp_path):
    with Store(tmp_path / "d.json") as store, pytest.raises(ValidationError, match="Lĩnh vực"):
        store.add(DvkModel(name="X", field="thể thao"))


def test_readonly_store_refuses_changes(tmp_path):
    path = tmp_path / "d.json"
    Store(path).close()
    with Store(path, readonly=True) as store, pytest.raises(ReadOnlyError):
        store.add(Task(title="x"))


def test_failed_transaction_leaves_memory_and_disk_as_before(tmp_path):
    path = tmp_path / "d.json"
    with Store(path) as store:
        store.add(Task(title="giữ lại"))
        before = path.read_bytes()
        with pytest.raises(RuntimeError):
            with store.transaction("hỏng giữa chừng"):
                store.add(Task(title="mất"))
                raise RuntimeError
        assert [t.title for t in store.tasks()] == ["giữ lại"]
        assert path.read_bytes() == before


def test_get_unknown_id_is_a_clear_error(tmp_path):
    with Store(tmp_path / "d.json") as store, pytest.raises(NotFound, match="#99"):
        store.get(Task, 99)
    assert issubclass(NotFound, DvkError)


def test_every_change_is_audited_with_old_and_new(tmp_path):
    with Store(tmp_path / "d.json") as store:
        task = store.add(Task(title="a"))
        store.save(replace(task, title="b"))
        last = store.history(1)[0]
    assert (last["op"], last["old"]["title"], last["new"]["title"]) == ("update", "a", "b")


def test_editing_a_fetched_record_changes_nothing_until_saved(tmp_path):
    with Store(tmp_path / "d.json") as store:
        doc = store.add(Document(number="4094/KH-UBND", tags=["a"]))
        fetched = store.get(Document, doc.id)
        fetched.tags.append("b")
        doc.tags.append("c")
        assert store.get(Document, doc.id).tags == ["a"]
        store.save(fetched)
        assert store.undo()
        assert store.get(Document, doc.id).tags == ["a"]


def test_text_is_stored_in_nfc_so_one_agency_stays_one(tmp_path):
    import unicodedata

    composed = "Ủy ban nhân dân huyện Thủ Thừa"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    with Store(tmp_path / "d.json") as store:
        store.add(Document(number="1/KH-UBND", issuer_name=composed, tags=[decomposed]))
        doc = store.add(Document(number="2/KH-UBND", issuer_name=decomposed, summary=decomposed))
        assert doc.issuer_name == composed and doc.summary == composed
        assert {d.issuer_name for d in store.all(Document)} == {composed}
        assert store.all(Document)[0].tags == [composed]
        assert len(store.find(decomposed)) == 2


def test_sorted_views_page_without_building_the_whole_list(tmp_path):
    with Store(tmp_path / "d.json") as store:
        for day in (5, 1, 3, 2, 4):
            store.add(Task(title=f"ngày {day}", due=f"2020-03-0{day}"))
            store.add(Document(number=f"{day}/KH-UBND", date=f"2020-03-0{day}"))
        assert store.count(Task) == 5
        assert [t.title for t in store.slice(Task, 1, 3)] == ["ngày 2", "ngày 3"]
        assert [d.canonical for d in store.slice(Document, 0, 2)] == ["5/KH-UBND", "4/KH-UBND"]  # newest first
        moved = replace(store.get(Task, store.slice(Task, 0, 1)[0].id), due="2020-03-09")
        store.save(moved)
        assert [t.title for t in store.tasks()] == ["ngày 2", "ngày 3", "ngày 4", "ngày 5", "ngày 1"]
        assert store.version > 0


def _tasks_file(path, n, compact):
    store = Store(path)
    for i in range(n):
        store.add(Task(title=f"việc {i}", due=f"2020-01-{i + 1:02d}"))
    store.close(compact=compact)


@pytest.mark.parametrize("compact", [True, False], ids=["in the snapshot", "in the journal"])
def test_adding_a_task_does_not_read_the_others_and_ids_still_follow(tmp_path, compact):
    path = tmp_path / "d.json"
    _tasks_file(path, 3, compact)
    with Store(path) as store:
        added = store.add(Task(title="mới"))
        assert added.id == 4
        assert not store._records["tasks"]._parsed  # the three others were never parsed
        assert [t.title for t in store.all(Task)] == ["việc 0", "việc 1", "việc 2", "mới"]
        assert store.undo() and [t.id for t in store.all(Task)] == [1, 2, 3]
    with Store(path) as store:
        assert store.add(Task(title="sau")).id not in (1, 2, 3)
        assert store.count(Task) == 4


@pytest.mark.parametrize("compact", [True, False], ids=["in the snapshot", "in the journal"])
def test_single_records_are_built_on_demand_and_the_order_stays(tmp_path, compact):
    path = tmp_path / "d.json"
    _tasks_file(path, 5, compact)
    with Store(path, today=lambda: date(2020, 1, 4)) as store:
        store.set_task_status(2, "done")
        store.delete(Task, 4)
        assert [t.title for t in store.overdue()] == ["việc 0", "việc 2"]  # before building all
        assert [(t.id, t.status) for t in store.all(Task)] == [(1, "todo"), (2, "done"), (3, "todo"), (5, "todo")]
    with Store(path) as store:
        assert [t.id for t in store.tasks()] == [1, 2, 3, 5]
