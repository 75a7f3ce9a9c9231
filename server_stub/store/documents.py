"""Repositories of documents, their versions and each site's ordered list of them.

A version is written once and never changed: this module has no UPDATE of
``document_versions`` (and a trigger refuses one); editing a document adds a version.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from server_stub.store.dialect import insert_ignore
from server_stub.store.schema import document_versions, documents, site_documents

V = document_versions.c


class Documents:
    def __init__(self, conn: sa.Connection, tenant_id: str) -> None:
        self.conn, self.tenant_id = conn, tenant_id

    def add(self, document_id: str, now: float, actor: str) -> bool:
        """A new document (no versions yet); False when the id is taken: draw another."""
        return insert_ignore(
            self.conn,
            documents,
            tenant_id=self.tenant_id,
            document_id=document_id,
            created_at=now,
            created_by=actor,
        )

    def exists(self, document_id: str, lock: bool = False) -> bool:
        """Does the document exist? ``lock``: hold its row until commit (publishing)."""
        query = sa.select(documents.c.document_id).where(
            documents.c.tenant_id == self.tenant_id, documents.c.document_id == document_id
        )
        if lock:
            query = query.with_for_update()
        return self.conn.execute(query).first() is not None

    def latest_version(self, document_id: str) -> int:
        """The highest published version (0 before the first)."""
        return int(
            self.conn.execute(
                sa.select(sa.func.coalesce(sa.func.max(V.version), 0)).where(
                    V.tenant_id == self.tenant_id, V.document_id == document_id
                )
            ).scalar_one()
        )

    def publish(
        self,
        document_id: str,
        version: int,
        texts: Iterable[dict[str, str]],
        now: float,
        actor: str,
    ) -> None:
        """Insert one version's texts (language, title, html, sha256); never overwrites."""
        rows = [
            {
                "tenant_id": self.tenant_id,
                "document_id": document_id,
                "version": version,
                "language": text["language"],
                "title": text["title"],
                "html": text["html"],
                "sha256": text["sha256"],
                "published_at": now,
                "published_by": actor,
            }
            for text in texts
        ]
        self.conn.execute(document_versions.insert(), rows)

    def texts(self, document_id: str, version: int) -> list[dict[str, Any]]:
        """One version's texts, in language order."""
        rows = self.conn.execute(
            sa.select(V.language, V.title, V.html, V.sha256, V.published_at)
            .where(
                V.tenant_id == self.tenant_id,
                V.document_id == document_id,
                V.version == version,
            )
            .order_by(V.language)
        )
        return [dict(r._mapping) for r in rows]

    def versions(self) -> list[dict[str, Any]]:
        """Every version of every document (no html): document, version, language, title."""
        rows = self.conn.execute(
            sa.select(V.document_id, V.version, V.language, V.title, V.sha256, V.published_at)
            .where(V.tenant_id == self.tenant_id)
            .order_by(V.document_id, V.version.desc(), V.language)
        )
        return [dict(r._mapping) for r in rows]

    def created(self) -> list[dict[str, Any]]:
        d = documents.c
        rows = self.conn.execute(
            sa.select(d.document_id, d.created_at)
            .where(d.tenant_id == self.tenant_id)
            .order_by(d.created_at, d.document_id)
        )
        return [dict(r._mapping) for r in rows]


class SiteDocuments:
    """Each site's required documents, in order."""

    def __init__(self, conn: sa.Connection, tenant_id: str) -> None:
        self.conn, self.tenant_id = conn, tenant_id

    def replace(self, site_id: str, document_ids: list[str]) -> None:
        """The site's list becomes exactly ``document_ids``, in this order."""
        s = site_documents.c
        self.conn.execute(
            site_documents.delete().where(s.tenant_id == self.tenant_id, s.site_id == site_id)
        )
        if document_ids:
            self.conn.execute(
                site_documents.insert(),
                [
                    {
                        "tenant_id": self.tenant_id,
                        "site_id": site_id,
                        "document_id": document_id,
                        "position": position,
                    }
                    for position, document_id in enumerate(document_ids, start=1)
                ],
            )

    def of_site(self, site_id: str) -> list[str]:
        s = site_documents.c
        rows = self.conn.execute(
            sa.select(s.document_id)
            .where(s.tenant_id == self.tenant_id, s.site_id == site_id)
            .order_by(s.position)
        )
        return [r.document_id for r in rows]

    def all(self) -> list[dict[str, Any]]:
        s = site_documents.c
        rows = self.conn.execute(
            sa.select(s.site_id, s.document_id, s.position)
            .where(s.tenant_id == self.tenant_id)
            .order_by(s.site_id, s.position)
        )
        return [dict(r._mapping) for r in rows]

    def current_texts(self, site_id: str) -> list[dict[str, Any]]:
        """The current version's texts of each document the site requires, in the site's order."""
        s = site_documents.c
        latest = (
            sa.select(V.document_id, sa.func.max(V.version).label("version"))
            .where(V.tenant_id == self.tenant_id)
            .group_by(V.document_id)
            .subquery()
        )
        rows = self.conn.execute(
            sa.select(s.document_id, s.position, V.version, V.language, V.title, V.html, V.sha256)
            .join(latest, latest.c.document_id == s.document_id)
            .join(
                document_versions,
                sa.and_(
                    V.tenant_id == s.tenant_id,
                    V.document_id == s.document_id,
                    V.version == latest.c.version,
                ),
            )
            .where(s.tenant_id == self.tenant_id, s.site_id == site_id)
            .order_by(s.position, V.language)
        )
        return [dict(r._mapping) for r in rows]
