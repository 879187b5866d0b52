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
MATCH_CACHE = 6  # query words whose matches are kept (see SearchIndex._matched)
Matches = tuple[set[Ref], set[Ref], set[Ref], set[Ref], set[Ref]]


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
        # query word -> its matches, while the index is unchanged: typing "ke hoach" in the TUI searches
        # "ke" again at every later keystroke, and a short word's prefix sets are the costly part
        self._matched: dict[str, Matches] = {}
        self._joined: tuple[str, list[int], list[Ref]] | None = None  # see _numbers_containing

    # ------------------------------------------------------------------ building
    def _changed(self) -> None:
        self._matched.clear()
        self._joined = None

    def add(self, ref: Ref, number: str, text: str, sort_key: str = "") -> None:
        if ref in self._keys:
            self.remove(ref)  # no old text given: found the slow way
        num, txt, compact = _split(number, text)
        self._post(self._num, ref, num)
        self._post(self._text, ref, txt)
        self._keys[ref] = (compact, sort_key)

    def add_many(self, items: Iterable[tuple[Ref, str, str, str]]) -> None:
        """Index many new records at once (the first search of a session)."""
        self._changed()
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
        self._changed()
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
        self._changed()
        for tok in toks:
            bucket = postings.get(tok)
            if bucket is None:
                postings[tok] = [ref]
                self._vocab_dirty = True
            else:
                bucket.append(ref)

    def _unpost(self, postings: dict[str, list[Ref]], ref: Ref, toks: Iterable[str]) -> None:
        self._changed()
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

    def _matches(self, q: str) -> Matches:
        """(number exact, number prefix, text exact, text prefix, any of them) refs for one query
        word. The sets are shared with the cache: callers must never change them."""
        known = self._matched.get(q)
        if known is not None:
            return known
        if len(self._matched) >= MATCH_CACHE:
            del self._matched[next(iter(self._matched))]  # the oldest word
        found = self._matches_now(q)
        self._matched[q] = found
        return found

    def _matches_now(self, q: str) -> Matches:
        longer = [t for t in self._prefixed(q) if t != q]
        num_exact = set(self._num.get(q, ()))
        text_exact = set(self._text.get(q, ()))
        num_prefix = set().union(*(self._num.get(t, ()) for t in longer))
        text_prefix = set().union(*(self._text.get(t, ()) for t in longer))
        return num_exact, num_prefix, text_exact, text_prefix, num_exact | num_prefix | text_exact | text_prefix

    def _numbers_containing(self, text: str) -> set[Ref]:
        """Records whose compact number key contains `text`: one C-level scan of every key
        joined in one string (built once per state of the index), not one test per record."""
        if self._joined is None:
            refs = list(self._keys)
            starts, parts, at = [], [], 0
            for ref in refs:
                key = self._keys[ref][0]
                starts.append(at)
                parts.append(key)
                at += len(key) + 1
            self._joined = ("\n".join(parts), starts, refs)
        joined, starts, refs = self._joined
        found: set[Ref] = set()
        at = joined.find(text)
        while at >= 0:
            found.add(refs[bisect.bisect_right(starts, at) - 1])
            at = joined.find(text, at + 1)
        return found

    def _best(self, groups: list[tuple[float, set[Ref]]], limit: int) -> list[tuple[Ref, float]]:
        """The `limit` best (ref, score), best first; equal scores: newer date first, then the newer
        record (ids only grow). Whole groups are taken best first; only the group that crosses
        `limit` is ranked in part."""
        by_score: dict[float, list[set[Ref]]] = {}
        for score, refs in groups:
            by_score.setdefault(score, []).append(refs)
        keys = self._keys
        best: list[tuple[Ref, float]] = []
        for score in sorted(by_score, reverse=True):
            room = limit - len(best)
            if room <= 0:
                break
            # (date, id, table) tuples compared in C: no Python key function per record
            ranked = [(keys[ref][1], ref[1], ref[0]) for ref in set().union(*by_score[score])]
            chosen = sorted(ranked, reverse=True) if len(ranked) <= room else heapq.nlargest(room, ranked)
            best.extend(((table, rec_id), score) for _date, rec_id, table in chosen)
        return best

    def search(self, query: str, tables: tuple[str, ...] | None = None, limit: int = 50) -> list[Hit]:
        """Every query token must match (as a prefix) some token of the record."""
        q_tokens = list(dict.fromkeys(tokens(query)))
        if not q_tokens:
            return []
        matched = [self._matches(q) for q in q_tokens]
        found: set[Ref] | None = None
        for sets in sorted(matched, key=lambda m: len(m[4])):  # rarest word first
            found = sets[4] if found is None else found & sets[4]  # (found is read, never changed)
            if not found:
                return []
        assert found is not None
        if tables:
            found = {ref for ref in found if ref[0] in tables}
        whole = "".join(tokens(query))
        keys = self._keys
        # A record's score is the sum over the query words of how each one matched (number exact,
        # number prefix, text exact, text prefix), plus a bonus when the whole query reads as its
        # number. Records are split into groups of one score with set operations (C speed), not
        # scored one by one: a common word over 100 000 records stays within a keystroke.
        groups: list[tuple[float, set[Ref]]] = [(0.0, found)]
        for num_exact, num_prefix, text_exact, _text_prefix, _any in matched:
            cells, taken = [], set()
            for score, group in ((NUMBER_EXACT, num_exact), (NUMBER_PREFIX, num_prefix), (TEXT_EXACT, text_exact)):
                cell = found.intersection(group).difference(taken)
                cells.append((score, cell))
                taken |= cell
            cells.append((TEXT_PREFIX, found.difference(taken)))
            groups = [(total + score, inter) for total, refs in groups for score, cell in cells
                      if cell and (inter := refs & cell)]
        if whole:
            if self._joined is not None or len(found) * 4 > len(keys):
                reads_as_number = self._numbers_containing(whole) & found
            else:  # a few hits: testing them costs less than joining every number after an edit
                reads_as_number = {ref for ref in found if whole in keys[ref][0]}
            if reads_as_number:
                groups = [part for total, refs in groups
                          for part in ((total + NUMBER_EXACT, refs & reads_as_number), (total, refs - reads_as_number))
                          if part[1]]
        best = self._best(groups, limit)
        return [Hit(ref[0], ref[1], score) for ref, score in best]


def matches(query: str, *texts: str) -> bool:
    """Accent-insensitive filter for small lists (type-ahead on a screen)."""
    hay = fold(" ".join(texts))
    return all(q in hay for q in fold(query).split())
