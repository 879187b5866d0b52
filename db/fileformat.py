"""The bytes on disk: the snapshot (a TinyDB file) and the lines of the journal and audit log.

Snapshot — what TinyDB and a text editor read::

    {
    "_meta":{"1":{"app":"dvk","checksum":"crc32:1a2b3c4d","id":"…","schema":2,"txn":41}},
    "documents":{
    "1":{"date":"2020-07-10","number":"4094/KH-UBND",…},
    …
    }
    }

One record per line, keys sorted, tables sorted by name, ``_meta`` first. ``txn`` is
the last transaction the snapshot contains, ``id`` names this very snapshot (the
journal says which snapshot it extends). ``checksum`` is the CRC-32 of the whole
file with the eight hex digits written as zeros. Someone who edits the file by
hand sets it to ``""``: dvk then accepts the file and checks every record instead.

Journal and audit lines — one transaction each, a JSON object ending in its own
CRC-32 (of the line up to ``,"crc"``)::

    {"at":"…","kind":"do","label":{…},"ops":[{"id":5,"new":{…},"old":null,"op":"insert","table":"tasks"}],
     "txn":42,"undo_of":null,"crc":"0badf00d"}

The journal starts with a header line ``{"app":"dvk","base":"<snapshot id>","journal":1,"crc":…}``.

Plain Python only: the data layer must not import textual or rich.
"""
from __future__ import annotations

import os
import re
import zlib
from typing import Any, Iterable, Iterator

import orjson

from db.messages import Message

SCHEMA_VERSION = 2
APP_NAME = "dvk"
META_TABLE = "_meta"
JOURNAL_VERSION = 1

_ZERO_SUM = b"crc32:00000000"
_SUM_RE = re.compile(rb'"checksum":"crc32:([0-9a-f]{8})"')
_HEADER_SPAN = 4096  # the checksum sits in the first line
_CRC_TAIL = re.compile(rb',"crc":"([0-9a-f]{8})"\}$')
_CRC_TAIL_LEN = 18  # len(',"crc":"01234567"}')
_SORTED = orjson.OPT_SORT_KEYS
_STRICT = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_SUBCLASS


class Invalid(Exception):
    """The bytes are not a usable dvk file; ``reason`` says why, as a person reads it."""

    def __init__(self, reason: Message, line: int | None = None) -> None:
        super().__init__(reason.key)
        self.reason = reason
        self.line = line


def _reject(obj: Any) -> Any:
    # Only JSON's own types go to disk: a date or a dataclass slipping through would
    # come back as a string or a dict and silently change type.
    raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")


def dumps(obj: Any) -> bytes:
    """Compact, key-sorted JSON as UTF-8 (non-ASCII kept readable)."""
    return orjson.dumps(obj, default=_reject, option=_SORTED | _STRICT)


def new_snapshot_id() -> str:
    return os.urandom(8).hex()


# --------------------------------------------------------------------------- snapshot


def serialise_snapshot(tables: Iterable[tuple[str, Iterable[tuple[int | str, dict]]]], meta: dict) -> bytes:
    """The whole file. ``tables`` yields (name, rows) with rows (id, record dict).
    Raises TypeError (nothing written yet) for a value JSON cannot hold.

    Built in one growing buffer (no list of 200 000 lines, no joined copy), checksum
    patched in place: a compaction at 100 000 records holds the file once, not three times."""
    head_meta = {k: v for k, v in meta.items() if k != "checksum"}
    buf = bytearray(b'{\n"_meta":{"1":')
    buf += dumps({**head_meta, "checksum": _ZERO_SUM.decode()})
    buf += b"}"
    for name, rows in sorted(tables, key=lambda t: t[0]):
        if name == META_TABLE:
            raise ValueError(f"table name {META_TABLE!r} is reserved by dvk storage")
        buf += b",\n" + dumps(name) + b":{"
        sep = b"\n"
        for rec_id, doc in rows:
            buf += b'%s"%d":%s' % (sep, int(rec_id), dumps(doc))
            sep = b",\n"
        buf += b"}" if sep == b"\n" else b"\n}"
    buf += b"\n}\n"
    at = buf.find(_ZERO_SUM)
    buf[at:at + len(_ZERO_SUM)] = b"crc32:%08x" % zlib.crc32(buf)
    return bytes(buf) if len(buf) < 1 << 20 else buf  # type: ignore[return-value]


def snapshot_checksum_ok(raw: bytes) -> bool | None:
    """True/False when the file carries a checksum in its first line; None when it has none there."""
    found = _SUM_RE.search(raw, 0, _HEADER_SPAN)
    if found is None:
        return None
    start, end = found.span(1)
    crc = zlib.crc32(raw[:start])
    crc = zlib.crc32(b"00000000", crc)
    crc = zlib.crc32(memoryview(raw)[end:], crc)
    return crc == int(found.group(1), 16)


def parse_snapshot(raw: bytes) -> tuple[dict[str, dict[str, dict]], dict | None]:
    """Bytes -> (tables without _meta, meta or None for a bare TinyDB file).

    Checks the checksum (schema 2 and later), the JSON and the shape TinyDB needs:
    ``{name: {"<int>": {...}}}``. Raises :class:`Invalid`.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a BOM from a Windows editor
    if not raw or raw.isspace():
        raise Invalid(Message("corrupt.empty"))
    summed = snapshot_checksum_ok(raw)
    if summed is False:
        raise Invalid(Message("corrupt.checksum"))
    try:
        obj = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            raise Invalid(Message("corrupt.not_utf8")) from None
        raise Invalid(Message("corrupt.json", line=exc.lineno), line=exc.lineno) from None
    if not isinstance(obj, dict):
        raise Invalid(Message("corrupt.not_object"))
    meta = check_meta(obj.pop(META_TABLE, None))
    if meta is not None and 2 <= meta["schema"] <= SCHEMA_VERSION:  # a newer dvk's rules are its own
        checksum = meta.get("checksum")
        if checksum == "":
            pass  # edited by hand on purpose: the records are checked instead
        elif summed is None or not isinstance(checksum, str):
            raise Invalid(Message("corrupt.checksum"))
    check_tables(obj)
    return obj, meta


def check_tables(obj: dict) -> None:
    # TinyDB would crash later, far from the cause, on anything but {name: {"<int>": {...}}}.
    for name, table in obj.items():
        if not isinstance(table, dict):
            raise Invalid(Message("corrupt.table", table=name))
        keys = "".join(table)  # one C pass over 100 000 ids instead of a Python loop
        if (keys.isascii() and keys.isdigit() or not keys) and "" not in table \
                and all(type(doc) is dict for doc in table.values()):
            continue
        for doc_id, doc in table.items():
            if not (doc_id.isascii() and doc_id.isdigit()) or not isinstance(doc, dict):
                raise Invalid(Message("corrupt.record", id=doc_id, table=name))


def check_meta(meta_table: Any) -> dict | None:
    if meta_table is None:
        return None  # a plain TinyDB file from before dvk kept metadata: schema 0
    meta = meta_table.get("1") if isinstance(meta_table, dict) else None
    if not isinstance(meta, dict) or meta.get("app") != APP_NAME:
        raise Invalid(Message("corrupt.meta"))
    schema = meta.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise Invalid(Message("corrupt.schema"))
    txn = meta.get("txn", 0)
    if not isinstance(txn, int) or isinstance(txn, bool) or txn < 0:
        raise Invalid(Message("corrupt.meta"))
    return meta


# --------------------------------------------------------------------------- lines


def encode_line(entry: dict) -> bytes:
    """One journal/audit line, newline included, carrying its own checksum."""
    body = dumps(entry)[:-1]  # without the closing brace
    return body + b',"crc":"%08x"}\n' % zlib.crc32(body)


def line_ok(line: bytes) -> bool:
    """The line (without its newline) is whole and its checksum matches."""
    tail = _CRC_TAIL.search(line, max(len(line) - _CRC_TAIL_LEN, 0))
    return tail is not None and zlib.crc32(memoryview(line)[:-_CRC_TAIL_LEN]) == int(tail.group(1), 16)


def decode_line(line: bytes) -> dict:
    """A verified line -> its entry (without "crc"). Raises Invalid if it is not an object."""
    try:
        entry = orjson.loads(line)
    except orjson.JSONDecodeError:
        raise Invalid(Message("corrupt.line_json")) from None
    if not isinstance(entry, dict):
        raise Invalid(Message("corrupt.line_json"))
    entry.pop("crc", None)
    return entry


def journal_header(base: str) -> bytes:
    return encode_line({"app": APP_NAME, "base": base, "journal": JOURNAL_VERSION})


def split_lines(raw: bytes) -> tuple[list[bytes], bytes]:
    """Complete lines and the unterminated rest (b"" when the file ends with a newline)."""
    *lines, rest = raw.split(b"\n")
    return lines, rest


def iter_ops(entry: dict) -> Iterator[dict]:
    ops = entry.get("ops")
    return iter(ops) if isinstance(ops, list) else iter(())


# --------------------------------------------------------------------------- lazy snapshot


class Snapshot:
    """A verified snapshot whose tables are parsed one at a time, when first asked for.

    A command about tasks never parses the 40 MB of documents, and the parse of one
    table never holds every table's objects at once (``records`` even hands them out
    line by line). Works on the layout dvk writes (one table per block, one record per
    line, checksum in the first line); anything else — a file edited by hand, a schema-1
    file — is parsed whole (``whole`` is then True).
    """

    def __init__(self, raw: bytes) -> None:
        self.meta: dict | None = None
        self.whole = False
        self._blocks: dict[str, tuple[bytes, int, int]] = {}  # table -> (buffer, start, stop)
        self._parsed: dict[str, dict] = {}
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw or raw.isspace():  # (not strip(): that would copy 70 MB)
            raise Invalid(Message("corrupt.empty"))
        summed = snapshot_checksum_ok(raw)
        if summed is False:
            raise Invalid(Message("corrupt.checksum"))
        if not (summed and self._locate(raw)):
            self._blocks = {}
            self._parsed, self.meta = parse_snapshot(raw)
            self.whole = True

    def _locate(self, raw: bytes) -> bool:
        """Find each table's bytes; False if the file is not laid out as dvk writes it."""
        newline = raw.find(b"\n", 2)
        if not raw.startswith(b'{\n"_meta":{"1":') or newline < 0:
            return False
        pos = newline - 1 if raw[newline - 1:newline] == b"," else newline
        try:
            meta = check_meta(orjson.loads(raw[2:pos].partition(b":")[2]))
        except (orjson.JSONDecodeError, Invalid):
            return False
        if meta is None or not 2 <= meta["schema"] <= SCHEMA_VERSION or not isinstance(meta.get("checksum"), str):
            return False
        end = len(raw) - 3
        while pos < end:
            if raw[pos:pos + 3] != b',\n"':
                return False
            name_end = raw.find(b'":{', pos + 3)
            if name_end < 0:
                return False
            try:
                name = orjson.loads(raw[pos + 2:name_end + 1])
            except orjson.JSONDecodeError:
                return False
            start = name_end + 2
            if raw[start + 1:start + 2] == b"}":
                stop = start + 2  # {}
            else:
                close = raw.find(b"\n}", start)  # a record line never starts with "}"
                if close < 0:
                    return False
                stop = close + 2
            if not isinstance(name, str) or name in self._blocks or name == META_TABLE:
                return False
            self._blocks[name] = (raw, start, stop)
            pos = stop
        if raw[pos:] != b"\n}\n":
            return False
        self.meta = meta
        return True

    def names(self) -> list[str]:
        return list(self._parsed) + [n for n in self._blocks if n not in self._parsed]

    def last_id(self, name: str) -> int | None:
        """The highest record id of a table without parsing it (dvk writes ids in order);
        None when the table was taken already or the file is not laid out that way."""
        block = self._blocks.get(name)
        if block is None:
            return None if name in self._parsed else 0  # parsed whole / not in the file at all
        raw, start, stop = block
        if stop - start <= 2:
            return 0  # {}
        line = raw.rfind(b'\n"', start, stop)
        end = raw.find(b'":', line + 2, stop)
        digits = raw[line + 2:end]
        return int(digits) if line >= 0 and end >= 0 and digits.isdigit() else None

    def _take(self, name: str) -> tuple[bytes, int, int] | None:
        block = self._blocks.pop(name, None)
        # Once the big tables are taken, copy the small ones out so the whole file's
        # bytes (70 MB at 100 000 records) can go.
        if block is not None and self._blocks:
            big = block[0]
            left = sum(stop - start for buf, start, stop in self._blocks.values() if buf is big)
            if left * 8 < len(big):
                self._blocks = {n: ((buf[a:b], 0, b - a) if buf is big else (buf, a, b))
                                for n, (buf, a, b) in self._blocks.items()}
        return block

    def table(self, name: str) -> dict[str, dict]:
        """The table's records (parsed now; each table is handed out once)."""
        if name in self._parsed:
            return self._parsed.pop(name)
        block = self._take(name)
        if block is None:
            return {}
        raw, start, stop = block
        try:
            table = orjson.loads(memoryview(raw)[start:stop])
        except orjson.JSONDecodeError as exc:
            raise Invalid(Message("corrupt.json", line=exc.lineno), line=exc.lineno) from None
        check_tables({name: table})
        return table

    def records(self, name: str) -> Iterator[tuple[int, dict]]:
        """The table's records one line at a time, (id, record): its parsed objects are
        never all alive at once. Raises Invalid on a line that is not a record."""
        if name in self._parsed:
            table = self._parsed.pop(name)
            for key in list(table):
                yield int(key), table.pop(key)
            return
        block = self._take(name)
        if block is None:
            return
        raw, start, stop = block
        view, find, loads = memoryview(raw), raw.find, orjson.loads
        pos, last = start + 2, stop - 2  # after "{\n"; the "\n" before "}"
        while pos < last:
            newline = find(b"\n", pos, last + 1)
            end = newline - 1 if raw[newline - 1] == 0x2C else newline  # without the ","
            colon = find(b'":', pos, end)
            key = raw[pos + 1:colon]
            if raw[pos] != 0x22 or colon < 0 or not key.isdigit():
                raise Invalid(Message("corrupt.record", id=key.decode(errors="replace"), table=name))
            try:
                rec = loads(view[colon + 2:end])
            except orjson.JSONDecodeError:
                line = raw.count(b"\n", 0, pos) + 1
                raise Invalid(Message("corrupt.json", line=line), line=line) from None
            if type(rec) is not dict:
                raise Invalid(Message("corrupt.record", id=key.decode(), table=name))
            yield int(key), rec
            pos = newline + 1
