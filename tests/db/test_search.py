from db.models import Document
from db.search import SearchIndex, matches
from tests.helpers import demo_store


def _numbers(store, query):
    return [rec.canonical for hit, rec in store.find(query, tables=("documents",))]


def test_number_fragments_find_the_document_first(tmp_path):
    store = demo_store(tmp_path)
    assert _numbers(store, "4094")[0] == "4094/KH-UBND"
    assert _numbers(store, "qd pgddt 1746")[0] == "1746/QĐ-PGDĐT"
    assert _numbers(store, "2199-CV/HU")[0] == "2199-CV/HU"
    assert set(_numbers(store, "kh-ubnd")) == {"4094/KH-UBND", "212/KH-UBND"}


def test_text_search_ignores_accents_and_case(tmp_path):
    store = demo_store(tmp_path)
    tables = {hit.table for hit, _ in store.find("dan van kheo")}
    assert tables == {"documents", "tasks"}
    assert store.find("DÂN VẬN KHÉO") and len(store.find("dân vận khéo")) == len(store.find("dan van kheo"))


def test_every_word_must_match(tmp_path):
    store = demo_store(tmp_path)
    assert store.find("tiếp công dân")
    assert store.find("tiếp công dân xyzzy") == []


def test_index_follows_edits_and_deletes(tmp_path):
    store = demo_store(tmp_path)
    doc = store.add(Document(number="55/KH-PGDĐT", date="2020-02-02", summary="Hội thi giáo viên dạy giỏi"))
    assert _numbers(store, "day gioi") == ["55/KH-PGDĐT"]
    store.delete(Document, doc.id)
    assert _numbers(store, "day gioi") == []


def test_a_number_outranks_a_mention_in_text():
    index = SearchIndex()
    index.add(("tasks", 1), "", "Thực hiện kế hoạch 4094 của huyện")
    index.add(("documents", 2), "4094/KH-UBND", "Kế hoạch")
    assert [h.id for h in index.search("4094")] == [2, 1]


def test_matches_filters_without_accents():
    assert matches("van ban", "Văn bản đến")
    assert not matches("quyet dinh", "Kế hoạch")
