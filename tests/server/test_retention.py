"""Retention: visits whose departure is older than the tenant's setting are erased by the purge,
with an injected clock, on both backends; two purges at once erase each visit once."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from server_stub import erasure, reception, retention
from server_stub.errors import ServiceError
from server_stub.service import AtriumService
from server_stub.store.schema import audit_log, visits
from tests.server.helpers import START, FakeClock

DAY = 86400


def visit_at(service: AtriumService, tenant_id: str, name: str, depart: float) -> str:
    return service.create_visit(
        tenant_id, visitor=name, host="Grace Hopper", arrive=depart - 3600, depart=depart,
        company="Initech", visitor_email="someone@example.org",
    )["visit_id"]


def purged_entries(service: AtriumService, tenant_id: str) -> list[tuple[str, str]]:
    a = audit_log.c
    with service.store.read(tenant_id) as conn:
        rows = conn.execute(
            sa.select(a.actor, a.subject).where(a.action == "retention.purged")
            .order_by(a.entry_id)
        )
        return [(r.actor, r.subject) for r in rows]


def test_retention_defaults_to_30_days_and_is_checked(service: AtriumService) -> None:
    tenant_id = service.default_tenant()
    assert service.retention_days(tenant_id) == 30
    assert service.set_retention_days(tenant_id, "45", actor="u1") == 45
    assert service.retention_days(tenant_id) == 45
    for bad in ("0", "3651", "-3", "ten", ""):
        with pytest.raises(ServiceError) as caught:
            service.set_retention_days(tenant_id, bad)
        assert caught.value.code == "invalid_retention"
    assert service.retention_days(tenant_id) == 45


def test_the_purge_erases_visits_that_left_before_the_retention(
    service: AtriumService, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    tenant_id = service.default_tenant()
    old = visit_at(service, tenant_id, "Old Visitor", START + 3600)
    recent = visit_at(service, tenant_id, "Recent Visitor", START + 20 * DAY)
    clock.advance(30 * DAY + 2 * 3600)  # the old visit left 30 days and 1 hour ago
    [dry] = service.purge(dry_run=True)
    assert dry["would_erase"] == 1
    assert reception.visit(service, tenant_id, old)["erased_at"] is None
    with caplog.at_level(logging.INFO, logger="atrium.retention"):
        [result] = service.purge()
    assert (result["tenant_id"], result["retention_days"], result["erased"]) == (tenant_id, 30, 1)
    assert reception.visit(service, tenant_id, old)["visitor"] == erasure.ERASED_NAME
    assert reception.visit(service, tenant_id, old)["company"] is None
    assert reception.visit(service, tenant_id, recent)["visitor"] == "Recent Visitor"
    assert purged_entries(service, tenant_id) == [("retention", "1")]
    assert "1 visits erased" in caplog.text and "Old Visitor" not in caplog.text
    assert service.purge()[0]["erased"] == 0  # nothing more: no entry either
    assert purged_entries(service, tenant_id) == [("retention", "1")]
    clock.advance(20 * DAY)
    assert service.purge()[0]["erased"] == 1
    assert reception.visit(service, tenant_id, recent)["visitor"] == erasure.ERASED_NAME


def test_each_tenant_has_its_own_retention(service: AtriumService, clock: FakeClock) -> None:
    first = service.default_tenant()
    second = service.add_tenant("Other Corp")
    service.add_site(second, "Paris")
    service.set_retention_days(second, 90)
    mine = visit_at(service, first, "First Tenant", START + 3600)
    theirs = visit_at(service, second, "Second Tenant", START + 3600)
    clock.advance(31 * DAY)
    results = {r["tenant_id"]: r["erased"] for r in service.purge()}
    assert results == {first: 1, second: 0}
    assert reception.visit(service, first, mine)["visitor"] == erasure.ERASED_NAME
    assert reception.visit(service, second, theirs)["visitor"] == "Second Tenant"


def test_two_purges_at_once_erase_each_visit_once(
    service: AtriumService, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two servers (each its own engine and pool, as two workers) purge at the same time."""
    tenant_id = service.default_tenant()
    count = 300
    for i in range(count):
        visit_at(service, tenant_id, f"Visitor {i}", START + 3600 + i)
    clock.advance(40 * DAY)
    monkeypatch.setattr(retention, "BATCH", 40)  # many transactions, so the two interleave
    assert service.data_dir is not None
    others = [
        AtriumService.open(Path(service.data_dir), clock, database_url=service.store.url)
        for _ in range(2)
    ]
    totals: list[int] = []
    start = threading.Barrier(2)

    def run(svc: AtriumService) -> None:
        start.wait()
        totals.append(sum(r["erased"] for r in svc.purge()))

    threads = [threading.Thread(target=run, args=(svc,)) for svc in others]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for svc in others:
        svc.close()
    assert sum(totals) == count
    with service.store.read(tenant_id) as conn:
        left = conn.execute(
            sa.select(sa.func.count()).where(visits.c.erased_at.is_(None))
        ).scalar_one()
    assert left == 0
    assert sum(int(n) for _, n in purged_entries(service, tenant_id)) == count


def test_the_job_purges_once_at_start(service: AtriumService, clock: FakeClock) -> None:
    tenant_id = service.default_tenant()
    old = visit_at(service, tenant_id, "Old Visitor", START + 3600)
    clock.advance(31 * DAY)
    job = retention.PurgeJob(service, interval_s=3600).start()
    try:
        for _ in range(200):
            if job.rounds:
                break
            threading.Event().wait(0.05)
    finally:
        job.stop()
    assert job.rounds == 1
    assert reception.visit(service, tenant_id, old)["visitor"] == erasure.ERASED_NAME
