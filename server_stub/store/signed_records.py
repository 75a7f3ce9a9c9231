"""Repository of signed records (what a visitor signed) and their archival PDFs.

Records and PDFs are written once (no UPDATE here; triggers refuse one) and deleted only with
the visit they belong to (``erase_signed_records``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from server_stub.store.dialect import insert_ignore
from server_stub.store.schema import (
    checkin_events,
    devices,
    signed_pdfs,
    signed_records,
    tenants,
    visits,
)

R = signed_records.c
P = signed_pdfs.c

# What a listing shows: no HTML, signature or PDF (those are read one at a time).
_SUMMARY = (
    R.record_id,
    R.event_id,
    R.device_id,
    R.visit_id,
    R.document_id,
    R.version,
    R.language,
    R.signed_at,
    R.received_at,
    R.sha256,
)


class SignedRecords:
    def __init__(self, conn: sa.Connection, tenant_id: str) -> None:
        self.conn, self.tenant_id = conn, tenant_id

    def _one(self, record_id: str) -> Any:
        return sa.and_(R.tenant_id == self.tenant_id, R.record_id == record_id)

    def add(self, **values: Any) -> bool:
        """Insert a record; False when its record id is already stored."""
        return insert_ignore(self.conn, signed_records, tenant_id=self.tenant_id, **values)

    def identity(self, record_id: str, lock: bool = False) -> Any:
        """The stored record's device and digest (to tell a resend from a reused id), or None.

        ``lock``: hold the record's row until commit (storing its PDF: erasure waits).
        """
        query = sa.select(R.device_id, R.sha256).where(self._one(record_id))
        if lock:
            query = query.with_for_update()
        return self.conn.execute(query).first()

    def for_visit(self, visit_id: str) -> list[dict[str, Any]]:
        """A visit's records, oldest first, with the kiosk's name."""
        d = devices.c
        rows = self.conn.execute(
            sa.select(*_SUMMARY, d.kiosk_name)
            .outerjoin(devices, sa.and_(d.tenant_id == R.tenant_id, d.device_id == R.device_id))
            .where(R.tenant_id == self.tenant_id, R.visit_id == visit_id)
            .order_by(R.signed_at, R.record_id)
        )
        return [dict(r._mapping) for r in rows]

    def signed_versions(self, visit_ids: list[str]) -> dict[str, list[tuple[str, int]]]:
        """For each visit, the (document, version) pairs it signed, in document order."""
        if not visit_ids:
            return {}
        rows = self.conn.execute(
            sa.select(R.visit_id, R.document_id, R.version)
            .distinct()
            .where(R.tenant_id == self.tenant_id, R.visit_id.in_(visit_ids))
            .order_by(R.visit_id, R.document_id, R.version)
        )
        signed: dict[str, list[tuple[str, int]]] = {}
        for row in rows:
            signed.setdefault(row.visit_id, []).append((row.document_id, int(row.version)))
        return signed

    def pdf(self, record_id: str) -> Any:
        """The record's PDF (None before it is rendered) with what names it (visit, document,
        version, language); None for no such record."""
        return self.conn.execute(
            sa.select(R.visit_id, R.document_id, R.version, R.language, P.pdf)
            .outerjoin(
                signed_pdfs, sa.and_(P.tenant_id == R.tenant_id, P.record_id == R.record_id)
            )
            .where(self._one(record_id))
        ).first()

    def add_pdf(self, record_id: str, pdf: bytes, now: float) -> bool:
        """Store the record's archival PDF; False when it was already there."""
        return insert_ignore(
            self.conn,
            signed_pdfs,
            tenant_id=self.tenant_id,
            record_id=record_id,
            pdf=pdf,
            rendered_at=now,
        )

    def without_pdf(self, limit: int) -> list[str]:
        """Records whose PDF is still to render, oldest first."""
        rows = self.conn.execute(
            sa.select(R.record_id)
            .outerjoin(
                signed_pdfs, sa.and_(P.tenant_id == R.tenant_id, P.record_id == R.record_id)
            )
            .where(R.tenant_id == self.tenant_id, P.record_id.is_(None))
            .order_by(R.received_at, R.record_id)
            .limit(limit)
        )
        return [r.record_id for r in rows]

    def full(self, record_id: str) -> Any:
        """Every column of one record."""
        return self.conn.execute(sa.select(signed_records).where(self._one(record_id))).first()

    def event_of_device(self, event_id: str, device_id: str) -> Any:
        """The pushed event this record follows (its jti), if this device sent it."""
        e = checkin_events.c
        return self.conn.execute(
            sa.select(e.event_id, e.jti, e.status).where(
                e.tenant_id == self.tenant_id, e.event_id == event_id, e.device_id == device_id
            )
        ).first()

    def visit_by_jti(self, jti: str) -> Any:
        v = visits.c
        return self.conn.execute(
            sa.select(v.visit_id, v.site_id).where(v.tenant_id == self.tenant_id, v.jti == jti)
        ).first()

    def visit_site(self, visit_id: str) -> str | None:
        v = visits.c
        return self.conn.execute(
            sa.select(v.site_id).where(v.tenant_id == self.tenant_id, v.visit_id == visit_id)
        ).scalar_one_or_none()


def erase_signed_records(conn: sa.Connection, tenant_id: str, visit_ids: Iterable[str]) -> int:
    """Delete the signed records of these visits, signatures and PDFs with them; the count.

    Records first (a PDF being rendered holds its record's row, so this waits for it), then
    the PDFs of exactly those records, which then include one committed meanwhile.
    """
    chosen = sorted(set(visit_ids))
    if not chosen:
        return 0
    gone = [
        row.record_id
        for row in conn.execute(
            signed_records.delete()
            .where(R.tenant_id == tenant_id, R.visit_id.in_(chosen))
            .returning(R.record_id)
        )
    ]
    if gone:
        conn.execute(signed_pdfs.delete().where(P.tenant_id == tenant_id, P.record_id.in_(gone)))
    return len(gone)


def tenant_ids(conn: sa.Connection) -> list[str]:
    """Every tenant (a global table), for the renderer's sweep of PDFs still to render."""
    return [r.tenant_id for r in conn.execute(sa.select(tenants.c.tenant_id))]
