"""Attached files: a document points to its scanned copy or signed file.

Only the path is kept (absolute, resolved): the file stays where the office
keeps it, is never copied, and nothing here opens or reads it — existence is
checked with a stat, so `dvk check` stays fast on a network share.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from db.errors import DvkError
from db.messages import Message
from db.models import Document
from db.text import visible


def resolved(path: str | Path, base: Path | None = None) -> str:
    """The form stored: `~` expanded, relative to `base` (or the current folder), symlinks resolved."""
    p = Path(path).expanduser()
    if not p.is_absolute():
        p = (base or Path.cwd()) / p
    return str(p.resolve(strict=False))


def attach(doc: Document, paths: Iterable[str | Path]) -> list[str]:
    """Add files to `doc.attachments` (each must exist and be a file); returns the ones newly added."""
    added = []
    for raw in paths:
        path = resolved(raw)
        if not os.path.exists(path):
            raise DvkError("attach.missing", path=path)
        if not os.path.isfile(path):
            raise DvkError("attach.not_file", path=path)
        if path not in doc.attachments and path not in added:
            added.append(path)
    doc.attachments = [*doc.attachments, *added]
    return added


def detach(doc: Document, paths: Iterable[str | Path], *, everything: bool = False) -> list[str]:
    """Remove attachments by path (as given or resolved) or by their 1-based position; returns those removed."""
    if everything:
        removed, doc.attachments = list(doc.attachments), []
        return removed
    removed = []
    for raw in paths:
        text = str(raw)
        if text.isdigit() and 1 <= int(text) <= len(doc.attachments) and not os.path.exists(text):
            target = doc.attachments[int(text) - 1]
        else:
            target = text if text in doc.attachments else resolved(text)
        if target not in doc.attachments:
            raise DvkError("attach.not_attached", path=text, id=doc.id)
        if target not in removed:
            removed.append(target)
    doc.attachments = [p for p in doc.attachments if p not in removed]
    return removed


def is_present(path: str) -> bool:
    return os.path.isfile(path)


def missing_attachments(docs: Iterable[Document]) -> list[Message]:
    """One message per attachment that is no longer a file where it was stored (for `dvk check`)."""
    problems = []
    for doc in sorted(docs, key=lambda d: d.id):
        for path in doc.attachments:
            if not is_present(path):
                problems.append(Message("check.attachment_missing", id=doc.id, number=visible(doc.canonical),
                                        path=visible(path)))
    return problems
