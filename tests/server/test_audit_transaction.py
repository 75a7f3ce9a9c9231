"""Audit entries are written in the action's own transaction: they commit and roll back with it,
and an action answered again (a re-sent push) records nothing more (both backends)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from server_stub.service import AtriumService
from server_stub.store.audit import AuditLog
from server_stub.store.schema import audit_log, visits
from tests.server.helpers import FakeClock, event, pair


def actions(service: AtriumService, tenant_id: str) -> list[tuple[str, str]]:
    with service.store.read(tenant_id) as conn:
        rows = conn.execute(
            sa.select(audit_log.c.action, audit_log.c.subject).order_by(audit_log.c.entry_id)
        )
        return [(r.action, r.subject) for r in rows]


def test_an_action_whose_audit_entry_fails_does_not_happen(
    service: AtriumService, monkeypatch: pytest.MonkeyPatch
) -> None:
    tenant_id = service.default_tenant()
    before = actions(service, tenant_id)

    def refuse(self: AuditLog, *args: object) -> None:
        raise RuntimeError("the audit log is full")

    monkeypatch.setattr(AuditLog, "add", refuse)
    with pytest.raises(RuntimeError):
        service.create_visit(tenant_id, visitor="Ada Lovelace", host="Grace Hopper",
                             visitor_email="ada@example.org")
    monkeypatch.undo()
    with service.store.read(tenant_id) as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(visits)).scalar_one() == 0
    assert service.outbox(tenant_id) == []  # nor its invitation
    assert actions(service, tenant_id) == before


def test_each_check_in_is_recorded_once_with_its_kiosk(
    service: AtriumService, clock: FakeClock
) -> None:
    tenant_id = service.default_tenant()
    visit = service.create_visit(tenant_id, visitor="Ada Lovelace", host="Grace Hopper",
                                 actor="u1")
    device_id, token = pair(service)
    device = service.authenticate(token)
    scan = event(visit["pass"], clock())
    assert service.push_checkins(device, [scan])[0]["status"] == "accepted"
    assert service.push_checkins(device, [scan])[0]["status"] == "accepted"  # stored answer
    entries = actions(service, tenant_id)
    assert entries.count(("visit.checked_in", visit["visit_id"])) == 1
    assert ("visit.created", visit["visit_id"]) in entries
    with service.store.read(tenant_id) as conn:
        actor = conn.execute(
            sa.select(audit_log.c.actor).where(audit_log.c.action == "visit.checked_in")
        ).scalar_one()
    assert actor == device_id
