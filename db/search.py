"""In-memory search over documents, tasks and models.

A prefix-searchable inverted index (sorted vocabulary + bisect) keeps a query at
100 000+ records in tens of milliseconds, without touching the JSON file. Number
tokens weigh more than text tokens, so `4094` finds the plan numbered 4094 before
a task that merely mentions it.

Memory is what limits a big archive, so the index holds only posting lists (plain
lists of the shared ``(table, id)`` tuples) plus each record's number key and date.
It does not keep every record's tokens: an update or a removal passes the record's
old text, and only the tokens that changed are touched. A query turns each word's
postings into sets and intersects them (in C), then scores the few records left.
"""
from __future__ import annotations

import bisect
import heapq
from dataclasses import dataclass
from typing import Iterable

from db.text import fold, tokens

Ref = tuple[str, int]  # (table, id)

NUMBER_EXACT, NUMBER_PREFIX, TEXT_EXACT, TEXT_PREFIX = 10.0, 6.0, 2.0, 1.0


@dataclass(frozen=True)
class Hit:
    table: str
    id: int
    score: float


def _split(number: str, text: str) -> tuple[list[str], list[str], str]:
    """(number tokens, text tokens that are not number tokens, compact number key)."""
    num_list = tokens(number) if number else []
    num = list(dict.fromkeys(num_list))
    txt = dict.fromkeys(tokens(text))
    for tok in num:
        txt.pop(tok, None)
    return num, list(txt), "".join(num_list)


class SearchIndex:
    """Not thread-safe by itself: the Store serialises changes and searches."""

    def __init__(self) -> None:
        self._num: dict[str, list[Ref]] = {}  # number token -> refs
        self._text: dict[str, list[Ref]] = {}  # text token -> refs
        self._vocab: list[str] = []
        self._vocab_dirty = False
        self._keys: dict[Ref, tuple[str, str]] = {}  # ref -> (compact number key, tie-break: newer date first)

    # ------------------------------------------------------------------ building
    def add(self, ref: Ref, number: str, text: str, sort_key: str = "") -> None:
        if ref in self._keys:
            self.remove(ref)  # no old text given: found the slow way
        num, txt, compact = _split(number, text)
        self._post(self._num, ref, num)
        self._post(self._text, ref, txt)
        self._keys[ref] = (compact, sort_key)

    def add_many(self, items: Iterable[tuple[Ref, str, str, str]]) -> None:
        """Index many new records at once (the first search of a session)."""
        num_post, text_post, keys = self._num, self._text, self._keys
        num_get, text_get = num_post.get, text_post.get
        for ref, number, text, sort_key in items:
            if ref in keys:
                self.add(ref, number, text, sort_key)
                continue
            num, txt, compact = _split(number, text)
            for tok in num:
                bucket = num_get(tok)
                if bucket is None:
                    num_post[tok] = [ref]
                else:
                    bucket.append(ref)
            for tok in txt:
                bucket = text_get(tok)
                if bucket is None:
                    text_post[tok] = [ref]
                else:
                    bucket.append(ref)
            keys[ref] = (compact, sort_key)
        self._vocab_dirty = True

    def replace(self, ref: Ref, old: tuple[str, str], number: str, text: str, sort_key: str = "") -> None:
        """The record changed from ``old`` = (number, text): only changed tokens are touched."""
        if ref not in self._keys:
            self.add(ref, number, text, sort_key)
            return
        old_num, old_txt, _ = _split(*old)
        num, txt, compact = _split(number, text)
        self._unpost(self._num, ref, [t for t in old_num if t not in num])
        self._unpost(self._text, ref, [t for t in old_txt if t not in txt])
        self._post(self._num, ref, [t for t in num if t not in old_num])
        self._post(self._text, ref, [t for t in txt if t not in old_txt])
        self._keys[ref] = (compact, sort_key)

    def remove(self, ref: Ref, old: tuple[str, str] | None = None) -> None:
        """Forget ``ref``; ``old`` = (number, text) it was indexed with makes this cheap."""
        if self._keys.pop(ref, None) is None:
            return
        if old is not None:
            old_num, old_txt, _ = _split(*old)
            self._unpost(self._num, ref, old_num)
            self._unpost(self._text, ref, old_txt)
            return
        for postings in (self._num, self._text):
            self._unpost(postings, ref, [tok for tok, refs in postings.items() if ref in refs])

    def _post(self, postings: dict[str, list[Ref]], ref: Ref, toks: Iterable[str]) -> None:
        for tok in toks:
            bucket = postings.get(tok)
            if bucket is None:
                postings[tok] = [ref]
                self._vocab_dirty = True
            else:
                bucket.append(ref)

    def _unpost(self, postings: dict[str, list[Ref]], ref: Ref, toks: Iterable[str]) -> None:
        for tok in toks:
            bucket = postings.get(tok)
            if bucket is None:
                continue
            try:
                bucket.remove(ref)
            except ValueError:
                continue
            if not bucket:
                del postings[tok]
                self._vocab_dirty = True

    def __len__(self) -> int:
        return len(self._keys)

    # ------------------------------------------------------------------ searching
    def _prefixed(self, prefix: str) -> list[str]:
        if self._vocab_dirty:
            self._vocab = sorted(self._num.keys() | self._text.keys())
            self._vocab_dirty = False
        start = bisect.bisect_left(self._vocab, prefix)
        end = bisect.bisect_left(self._vocab, prefix + "\x7f")
        return self._vocab[start:end]

    def _matches(self, q: str) -> tuple[set[Ref], set[Ref], set[Ref], set[Ref]]:
        """(number exact, number prefix, text exact, text prefix) refs for one query word."""
        longer = [t for t in self._prefixed(q) if t != q]
        num_exact = set(self._num.get(q, ()))
        text_exact = set(self._text.get(q, ()))
        num_prefix = set().union(*(self._num.get(t, ()) for t in longer))
        text_prefix = set().union(*(self._text.get(t, ()) for t in longer))
        return num_exact, num_prefix, text_exact, text_prefix

    def search(self, query: str, tables: tuple[str, ...] | None = None, limit: int = 50) -> list[Hit]:
        """Every query token must match (as a prefix) some token of the record."""
        q_tokens = list(dict.fromkeys(tokens(query)))
        if not q_tokens:
            return []
        matched = [self._matches(q) for q in q_tokens]
        found: set[Ref] | None = None
        for sets in sorted(matched, key=lambda m: sum(map(len, m))):  # rarest word first
            union = sets[0] | sets[1] | sets[2] | sets[3]
            found = union if found is None else found & union
            if not found:
                return []
        assert found is not None
        if tables:
            found = {ref for ref in found if ref[0] in tables}
        whole = "".join(tokens(query))
        keys = self._keys
        scores: dict[Ref, float] = {}
        for ref in found:
            score = 0.0
            for num_exact, num_prefix, text_exact, text_prefix in matched:
                if ref in num_exact:
                    score += NUMBER_EXACT
                elif ref in num_prefix:
                    score += NUMBER_PREFIX
                elif ref in text_exact:
                    score += TEXT_EXACT
                else:
                    score += TEXT_PREFIX
            if whole and whole in keys[ref][0]:
                score += NUMBER_EXACT  # the query reads as this record's number
            scores[ref] = score
        # equal scores: newer date first, then the newer record (ids only grow)
        best = heapq.nlargest(limit, scores.items(), key=lambda kv: (kv[1], keys[kv[0]][1], kv[0][1], kv[0][0]))
        return [Hit(ref[0], ref[1], score) for ref, score in best]


def matches(query: str, *texts: str) -> bool:
    """Accent-insensitive filter for small lists (type-ahead on a screen)."""
    hay = fold(" ".join(texts))
    return all(q in hay for q in fold(query).split())
