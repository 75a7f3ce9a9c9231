"""The pull's fields for documents, walk-ins and check-out, parsed tolerantly.

An old server sends none of them and the kiosk works as before; a broken entry is skipped (the
rest of the pull is still taken), never a crash. See docs/visit-flows.md.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from typing import Any

MAX_HTML_CHARS = 256 * 1024
MAX_TITLE = 200
MAX_NAME = 200
MAX_LANGUAGE = 16
_ID = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})?")
_HEX64 = re.compile(r"[0-9a-f]{64}")


def _id(value: object) -> str | None:
    return value if isinstance(value, str) and _ID.fullmatch(value) else None


def _text(value: object, limit: int) -> str | None:
    if not isinstance(value, str) or "\0" in value or len(value) > limit:
        return None
    return value


def _whole(value: object, low: int = 0, high: int = 2**31) -> int | None:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return None
    return value


def _time(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return float(value) if 0 <= value < 2**40 else None  # ints compared exactly (10**400 too)


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


@dataclass(frozen=True)
class DocumentText:
    language: str
    title: str
    html: str
    sha256: str


@dataclass(frozen=True)
class Document:
    """The current version of one document the site requires, with its text per language."""

    document_id: str
    version: int
    position: int
    texts: tuple[DocumentText, ...]

    def rows(self) -> list[tuple[str, int, int, str, str, str, str]]:
        return [
            (self.document_id, self.version, self.position, t.language, t.title, t.html, t.sha256)
            for t in self.texts
        ]


def _document_text(entry: object) -> DocumentText | None:
    """A text whose html matches its sha256 (a text altered on the way is dropped)."""
    if not isinstance(entry, dict):
        return None
    language = entry.get("language")
    if not isinstance(language, str) or not _LANGUAGE.fullmatch(language):
        return None
    title, html = _text(entry.get("title"), MAX_TITLE), _text(entry.get("html"), MAX_HTML_CHARS)
    digest = entry.get("sha256")
    if title is None or html is None or not isinstance(digest, str):
        return None
    digest = digest.lower()
    if not _HEX64.fullmatch(digest) or hashlib.sha256(html.encode()).hexdigest() != digest:
        return None
    return DocumentText(language.lower(), title, html, digest)


def _document(entry: object) -> Document | None:
    if not isinstance(entry, dict):
        return None
    document_id, version = _id(entry.get("document_id")), _whole(entry.get("version"), 1)
    position = _whole(entry.get("position", 0))
    if document_id is None or version is None or position is None:
        return None
    texts: dict[str, DocumentText] = {}
    for text in map(_document_text, _list(entry.get("texts"))):
        if text is not None:
            texts.setdefault(text.language, text)
    if not texts:
        return None
    return Document(document_id, version, position, tuple(texts.values()))


def documents(value: object) -> list[Document]:
    """The site's required documents in order; one entry per document id."""
    found: dict[str, Document] = {}
    for document in map(_document, _list(value)):
        if document is not None:
            found.setdefault(document.document_id, document)
    return sorted(found.values(), key=lambda d: (d.position, d.document_id))


@dataclass(frozen=True)
class Host:
    host_id: str
    name: str


def hosts(value: object) -> list[Host]:
    found: dict[str, Host] = {}
    for entry in _list(value):
        if not isinstance(entry, dict):
            continue
        host_id, name = _id(entry.get("host_id")), _text(entry.get("name"), MAX_NAME)
        if host_id is not None and name and name.strip():
            found.setdefault(host_id, Host(host_id, name.strip()))
    return list(found.values())


@dataclass(frozen=True)
class WalkInOnSite:
    """One of today's walk-ins on site, as the server knows them (for the check-out list)."""

    event_id: str
    visit_id: str | None
    short_name: str
    checked_in_at: float | None

    def row(self) -> tuple[str, str | None, str, float | None]:
        return (self.event_id, self.visit_id, self.short_name, self.checked_in_at)


def walk_ins(value: object) -> list[WalkInOnSite]:
    found: dict[str, WalkInOnSite] = {}
    for entry in _list(value):
        if not isinstance(entry, dict):
            continue
        event_id, short_name = _id(entry.get("event_id")), _text(entry.get("short_name"), 80)
        if event_id is None or not short_name or not short_name.strip():
            continue
        visit_id = _id(entry.get("visit_id"))
        found.setdefault(
            event_id,
            WalkInOnSite(event_id, visit_id, short_name.strip(), _time(entry.get("checked_in_at"))),
        )
    return list(found.values())


@dataclass(frozen=True)
class VisitState:
    """What an expected visit's new fields say (each one None when absent or unusable)."""

    company: str | None = None
    checked_in_at: float | None = None
    checked_out_at: float | None = None
    signed: tuple[tuple[str, int], ...] = ()


def visit_state(entry: dict[str, Any]) -> VisitState:
    signed = []
    for item in _list(entry.get("signed")):
        if isinstance(item, dict):
            document_id, version = _id(item.get("document_id")), _whole(item.get("version"), 1)
            if document_id is not None and version is not None:
                signed.append((document_id, version))
    return VisitState(
        company=_text(entry.get("company"), MAX_NAME) or None,
        checked_in_at=_time(entry.get("checked_in_at")),
        checked_out_at=_time(entry.get("checked_out_at")),
        signed=tuple(signed),
    )


def walk_ins_enabled(site: object) -> bool | None:
    """``site.walk_ins``: None from a server that does not know walk-ins."""
    value = site.get("walk_ins") if isinstance(site, dict) else None
    return value if isinstance(value, bool) else None
