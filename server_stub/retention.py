"""Retention of visitors' personal data: the tenant's setting and the purge that applies it.

A visit whose departure is more than the tenant's retention (days, 30 unless set) in the
past is erased with the one erasure (``erasure.erase``). The purge takes its visits with
``FOR UPDATE SKIP LOCKED`` on PostgreSQL and the erasure skips visits erased before, so two
workers purging at once erase each visit once; on SQLite the single writer serialises them.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from server_stub import audit, erasure
from server_stub.errors import ServiceError
from server_stub.store.schema import visits
from server_stub.store.settings import DEFAULT_RETENTION_DAYS, TenantSettings
from server_stub.store.tenancy import all_tenant_ids

if TYPE_CHECKING:
    from server_stub.service import AtriumService

log = logging.getLogger("atrium.retention")
DAY_S = 86400
MIN_DAYS, MAX_DAYS = 1, 3650
BATCH = 500  # visits per transaction
PURGE_ACTOR = "retention"
INTERVAL_S = 3600.0


def clean_days(value: object) -> int:
    """A retention in whole days, 1 to 3650."""
    try:
        days = int(str(value).strip())
    except ValueError:
        days = 0
    if not MIN_DAYS <= days <= MAX_DAYS:
        raise ServiceError(
            "invalid_retention", f"the retention is {MIN_DAYS} to {MAX_DAYS} days", 422
        )
    return days


def retention_days(service: AtriumService, tenant_id: str) -> int:
    with service.store.read(tenant_id) as conn:
        return TenantSettings(conn, tenant_id).retention_days()


def set_retention_days(service: AtriumService, tenant_id: str, days: object, actor: str) -> int:
    """Set the tenant's retention (audited by the tenant's id; the value is no personal data)."""
    value = clean_days(days)
    with service.store.begin(tenant_id) as conn:
        now = service.clock()
        TenantSettings(conn, tenant_id).set_retention_days(value, now)
        audit.record(conn, tenant_id, now, actor, "settings.retention", tenant_id)
    return value


def _due(conn: sa.Connection, tenant_id: str, cutoff: float, limit: int) -> list[str]:
    v = visits.c
    return list(
        conn.execute(
            sa.select(v.visit_id)
            .where(v.tenant_id == tenant_id, v.erased_at.is_(None), v.exp < cutoff)
            .order_by(v.exp, v.visit_id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        ).scalars()
    )


def purge_tenant(
    service: AtriumService, tenant_id: str, dry_run: bool = False
) -> dict[str, Any]:
    """Erase the tenant's visits past the retention (or count them, with ``dry_run``)."""
    now = service.clock()
    with service.store.read(tenant_id) as conn:
        days = TenantSettings(conn, tenant_id).retention_days()
    cutoff = now - days * DAY_S
    erased = 0
    if dry_run:
        with service.store.read(tenant_id) as conn:
            v = visits.c
            erased = int(
                conn.execute(
                    sa.select(sa.func.count()).where(
                        v.tenant_id == tenant_id, v.erased_at.is_(None), v.exp < cutoff
                    )
                ).scalar_one()
            )
    else:
        while True:
            with service.store.begin(tenant_id) as conn:
                due = _due(conn, tenant_id, cutoff, BATCH)
                done = erasure.erase(conn, tenant_id, due, now, PURGE_ACTOR, audit_each=False)
                if done:
                    audit.record(conn, tenant_id, now, PURGE_ACTOR, "retention.purged",
                                 str(len(done)))
            erased += len(done)
            if len(due) < BATCH:
                break
    if erased and not dry_run:
        log.info("retention purge: tenant %s: %d visits erased (older than %d days)",
                 tenant_id, erased, days)
    key = "would_erase" if dry_run else "erased"
    return {"tenant_id": tenant_id, "retention_days": days, "cutoff": cutoff, key: erased}


def purge(service: AtriumService, dry_run: bool = False) -> list[dict[str, Any]]:
    """One purge over every tenant."""
    with service.store.read() as conn:
        tenants = all_tenant_ids(conn)
    return [purge_tenant(service, tenant_id, dry_run) for tenant_id in tenants]


@dataclass
class PurgeJob:
    """The purge inside the server: once at start, then every ``interval_s``."""

    service: AtriumService
    interval_s: float = INTERVAL_S

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.rounds = 0

    def start(self) -> PurgeJob:
        self._thread = threading.Thread(target=self._loop, name="atrium-retention", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def run_once(self) -> int:
        """One purge; returns how many visits it erased (errors are logged, not raised)."""
        started = time.monotonic()
        try:
            erased = sum(r["erased"] for r in purge(self.service))
        except Exception as exc:  # the database away: the next round tries again
            log.warning("retention purge failed: %s", type(exc).__name__)
            return 0
        finally:
            self.rounds += 1
        if erased:
            log.info("retention purge: %d visits erased in %.1f s", erased,
                     time.monotonic() - started)
        return erased

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.run_once()
            self._stop.wait(self.interval_s)


__all__ = ["DEFAULT_RETENTION_DAYS", "PurgeJob", "clean_days", "purge", "retention_days",
           "set_retention_days"]
