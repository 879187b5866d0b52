from hypothesis import given, settings
from hypothesis import strategies as st

from db.models import Document
from db.search import NUMBER_EXACT, NUMBER_PREFIX, TEXT_EXACT, TEXT_PREFIX, SearchIndex, _split, matches
from db.text import tokens
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


def _reference_ranking(index: SearchIndex, query: str, limit: int) -> list[tuple[str, int, float]]:
    """The ranking rule written out record by record: the index must give the same answer, whatever
    shortcuts (word cache, score groups, number scan) it takes."""
    words = list(dict.fromkeys(tokens(query)))
    whole = "".join(words)
    rows = []
    for ref, (compact, date_key) in index._keys.items():
        num_tokens, text_tokens, _ = _split(*index_texts[ref])
        score = 0.0
        for word in words:
            if word in num_tokens:
                score += NUMBER_EXACT
            elif any(t.startswith(word) for t in num_tokens):
                score += NUMBER_PREFIX
            elif word in text_tokens:
                score += TEXT_EXACT
            elif any(t.startswith(word) for t in text_tokens):
                score += TEXT_PREFIX
            else:
                break
        else:
            if whole and whole in compact:
                score += NUMBER_EXACT
            rows.append((score, date_key, ref[1], ref[0]))
    rows.sort(reverse=True)
    return [(table, rec_id, score) for score, _date, rec_id, table in rows[:limit]]


index_texts: dict = {}

NUMBERS = st.sampled_from(["4094/KH-UBND", "212/KH-UBND", "1746/QĐ-PGDĐT", "2199-CV/HU", "56-NQ/TW", "14094/KH-UBND", ""])
WORDS = st.sampled_from(["kế", "hoạch", "kế hoạch", "dân vận", "khéo", "kiểm tra", "4094", "ubnd", "kh", "cải cách"])
QUERIES = st.sampled_from(["ke", "ke hoach", "4094", "kh ubnd", "4094/KH-UBND", "k", "dan van kheo", "kh 4094",
                           "hoach ke", "u", "1", "kiem", "cai cach hoach"])


@given(records=st.lists(st.tuples(NUMBERS, st.lists(WORDS, max_size=4), st.dates().map(str)), max_size=25),
       queries=st.lists(QUERIES, min_size=1, max_size=4), limit=st.sampled_from([1, 3, 50]))
@settings(max_examples=150, deadline=None)
def test_ranking_is_the_rule_whatever_the_shortcuts(records, queries, limit):
    index = SearchIndex()
    index_texts.clear()
    for i, (number, words, day) in enumerate(records, 1):
        ref = ("documents" if i % 2 else "tasks", i)
        index_texts[ref] = (number, " ".join(words))
        index.add(ref, number, " ".join(words), day)
    for query in queries:  # several in a row: later ones read the word cache
        got = [(h.table, h.id, h.score) for h in index.search(query, limit=limit)]
        assert got == _reference_ranking(index, query, limit)


def test_the_word_cache_never_answers_for_an_older_index():
    index = SearchIndex()
    index.add(("documents", 1), "4094/KH-UBND", "Kế hoạch dân vận")
    assert [h.id for h in index.search("ke hoach")] == [1]
    index.add(("documents", 2), "", "Kế hoạch kiểm tra")  # a new record after the words were cached
    assert {h.id for h in index.search("ke hoach")} == {1, 2}
    index.replace(("documents", 1), ("4094/KH-UBND", "Kế hoạch dân vận"), "4094/KH-UBND", "Báo cáo")
    assert [h.id for h in index.search("ke hoach")] == [2]
    index.replace(("documents", 1), ("4094/KH-UBND", "Báo cáo"), "15/KH-UBND", "Báo cáo")
    index.add(("documents", 3), "4094/KH-UBND", "Báo cáo")
    # the whole-number bonus read from the current numbers, not the ones scanned before the change
    assert [(h.id, h.score) for h in index.search("4094/KH-UBND")] == [(3, 4 * NUMBER_EXACT)]
    index.remove(("documents", 3))
    assert index.search("4094") == []
