"""DocumentCache: the site's documents as pulled, and which of them a visitor still has to sign."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from kiosk_app.core import safe_html
from kiosk_app.core.flow_answers import Document
from kiosk_app.core.store import Store

FALLBACK_LANGUAGE = "en"


@dataclass(frozen=True)
class PendingDocument:
    """A document to show and sign, filled in for this visitor and made safe."""

    document_id: str
    version: int
    language: str
    title: str
    html: str


@dataclass(frozen=True)
class CachedDocument:
    """One cached document version (for `atrium-kiosk documents`)."""

    document_id: str
    version: int
    position: int
    languages: tuple[str, ...]
    titles: dict[str, str]
    sha256: dict[str, str]

    def to_dict(self) -> dict[str, object]:
        return {
            "document_id": self.document_id,
            "version": self.version,
            "position": self.position,
            "languages": list(self.languages),
            "titles": self.titles,
            "sha256": self.sha256,
        }


def replace_cache(conn: sqlite3.Connection, documents: Iterable[Document]) -> int:
    """The pull's list replaces the cache (inside the caller's transaction)."""
    conn.execute("DELETE FROM documents")
    rows = [row for document in documents for row in document.rows()]
    conn.executemany(
        "INSERT OR IGNORE INTO documents (document_id, version, position, language, title, html, "
        "sha256) VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return len({row[0] for row in rows})


class DocumentCache:
    """Reads the cache the sync engine fills; ``today`` gives the local date for placeholders."""

    def __init__(self, store: Store, today: Callable[[], dt.date] = dt.date.today):
        self.store = store
        self.today = today

    def _rows(self, conn: sqlite3.Connection) -> list[sqlite3.Row]:
        return conn.execute(
            "SELECT document_id, version, position, language, title, html, sha256 "
            "FROM documents ORDER BY position, document_id, rowid"
        ).fetchall()

    def list(self) -> list[CachedDocument]:
        grouped: dict[str, list[sqlite3.Row]] = {}
        for row in self._rows(self.store.conn):
            grouped.setdefault(row["document_id"], []).append(row)
        return [
            CachedDocument(
                document_id=document_id,
                version=rows[0]["version"],
                position=rows[0]["position"],
                languages=tuple(r["language"] for r in rows),
                titles={r["language"]: r["title"] for r in rows},
                sha256={r["language"]: r["sha256"] for r in rows},
            )
            for document_id, rows in grouped.items()
        ]

    def pending_for(
        self,
        visit_id: str | None,
        language: str,
        fields: Mapping[str, str | None] | None = None,
        *,
        conn: sqlite3.Connection | None = None,
    ) -> list[PendingDocument]:
        """The documents this visit has not signed yet, in the site's order, filled in.

        ``fields`` adds to or overrides what the expected-visits cache knows (a walk-in's
        typed name, company and host).
        """
        conn = conn or self.store.conn
        known, signed = self._visit(conn, visit_id)
        values = {**known, **(fields or {})}
        grouped: dict[str, list[sqlite3.Row]] = {}
        for row in self._rows(conn):
            grouped.setdefault(row["document_id"], []).append(row)
        pending = []
        for document_id, rows in grouped.items():
            version = rows[0]["version"]
            if (document_id, version) in signed:
                continue
            text = _pick(rows, language)
            pending.append(
                PendingDocument(
                    document_id=document_id,
                    version=version,
                    language=text["language"],
                    title=text["title"],
                    html=safe_html.render(text["html"], values),
                )
            )
        return pending

    def _visit(
        self, conn: sqlite3.Connection, visit_id: str | None
    ) -> tuple[dict[str, str | None], set[tuple[str, int]]]:
        identity = self.store.get("identity")
        site = identity.get("site_name") if isinstance(identity, dict) else None
        values: dict[str, str | None] = {
            "site_name": site if isinstance(site, str) else None,
            "visit_date": self.today().isoformat(),
        }
        signed: set[tuple[str, int]] = set()
        if visit_id is None:
            return values, signed
        row = conn.execute(
            "SELECT display_name, host_name, company, signed FROM expected_visits "
            "WHERE visit_id = ?",
            (visit_id,),
        ).fetchone()
        if row is not None:
            values.update(
                visitor_name=row["display_name"], host_name=row["host_name"], company=row["company"]
            )
            try:
                entries = json.loads(row["signed"] or "[]")
            except ValueError:
                entries = []
            signed |= {(e["document_id"], e["version"]) for e in entries if isinstance(e, dict)}
        signed |= {
            (r[0], r[1])
            for r in conn.execute(
                "SELECT document_id, version FROM signed_records WHERE visit_id = ?", (visit_id,)
            )
        }
        return values, signed


def _pick(rows: list[sqlite3.Row], language: str) -> sqlite3.Row:
    """The visitor's language, else English, else the first the server listed."""
    by_language = {row["language"]: row for row in rows}
    wanted = language.lower()
    return by_language.get(wanted) or by_language.get(FALLBACK_LANGUAGE) or rows[0]
