"""Erasure of a visitor's personal data: nothing of it is left in any table, the visit stays as
an id-only tombstone, everything happens in one transaction (both backends)."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from server_stub import erasure, reception
from server_stub.errors import ServiceError
from server_stub.service import AtriumService
from server_stub.store.schema import metadata, outbox, visits
from tests.server.helpers import START, FakeClock, event, pair

NAME, EMAIL, COMPANY = "Zebulon Quaxwright", "zebulon.q@example.org", "Quaxwright Widgets"
NEEDLES = ("zebulon", "quaxwright")


def every_value(service: AtriumService, tenant_id: str) -> list[tuple[str, str, Any]]:
    """(table, column, value) of every cell of every table the tenant can read."""
    found = []
    with service.store.read(tenant_id) as conn:
        for table in metadata.sorted_tables:
            for row in conn.execute(sa.select(table)):
                for column, value in row._mapping.items():
                    found.append((table.name, column, value))
    return found


def traces(service: AtriumService, tenant_id: str) -> list[tuple[str, str]]:
    return [
        (table, column)
        for table, column, value in every_value(service, tenant_id)
        if isinstance(value, str) and any(n in value.lower() for n in NEEDLES)
    ]


def checked_in_visit(service: AtriumService, clock: FakeClock) -> tuple[str, dict[str, Any]]:
    """A visit with every kind of personal data: e-mail, company, a host's arrival notice, a
    conflict (shown at a second kiosk) resolved with a note that names the visitor."""
    tenant_id = service.default_tenant()
    service.add_host(tenant_id, "Grace Hopper", "grace@example.org")
    visit = service.create_visit(
        tenant_id, visitor=NAME, host="Grace Hopper", visitor_email=EMAIL, company=COMPANY,
        arrive=START, depart=START + 4 * 3600,
    )
    _, lobby = pair(service, "Lobby 1")
    _, annex = pair(service, "Annex")
    clock.advance(60)
    assert service.push_checkins(service.authenticate(lobby), [event(visit["pass"], clock())])[
        0
    ]["status"] == "accepted"
    [again] = service.push_checkins(service.authenticate(annex), [event(visit["pass"], clock())])
    assert again["status"] == "duplicate"
    [conflict] = reception.conflicts(service, tenant_id)
    reception.resolve_conflict(
        service, tenant_id, conflict["event_id"], f"{NAME} of {COMPANY} came back", "u1"
    )
    return tenant_id, visit


def test_erasure_leaves_nothing_of_the_visitor_and_keeps_the_ids(
    service: AtriumService, clock: FakeClock
) -> None:
    tenant_id, visit = checked_in_visit(service, clock)
    assert traces(service, tenant_id)  # the check below would see them
    result = service.erase_visits(tenant_id, [visit["visit_id"]], actor="u1")
    assert result == {"erased": [visit["visit_id"]], "already_erased": []}
    assert traces(service, tenant_id) == []
    row = reception.visit(service, tenant_id, visit["visit_id"])
    assert row["visitor"] == erasure.ERASED_NAME
    assert row["visitor_email"] is None and row["company"] is None
    assert row["erased_at"] == clock()
    assert [e["kind"] for e in row["timeline"]][:2] == ["created", "checked_in"]
    assert "erased" in [e["kind"] for e in row["timeline"]]
    assert [c["visit_id"] for c in service.checkins(tenant_id)] == [visit["visit_id"]]
    with service.store.read(tenant_id) as conn:
        states = set(
            conn.execute(
                sa.select(outbox.c.status).where(outbox.c.visit_id == visit["visit_id"])
            ).scalars()
        )
        erased = conn.execute(
            sa.text("SELECT subject FROM audit_log WHERE action = 'visit.erased'")
        ).scalars().all()
    assert states == {"superseded"}  # the invitation and the host's notice never go out
    assert erased == [visit["visit_id"]]


def test_an_erased_visit_is_never_pulled_again_and_its_pass_is_revoked(
    service: AtriumService, clock: FakeClock
) -> None:
    tenant_id = service.default_tenant()
    visit = service.create_visit(tenant_id, visitor=NAME, host="Grace Hopper", company=COMPANY)
    kept = service.create_visit(tenant_id, visitor="Ada Lovelace", host="Grace Hopper")
    _, token = pair(service)
    device = service.authenticate(token)
    before = service.pull(device, 0)
    assert {v["visit_id"] for v in before["expected_visits"]} == {
        visit["visit_id"], kept["visit_id"]
    }
    assert {v["company"] for v in before["expected_visits"]} == {COMPANY, None}
    service.erase_visits(tenant_id, [visit["visit_id"]])
    after = service.pull(device, before["watermark"])
    assert [v["visit_id"] for v in after["expected_visits"]] == [kept["visit_id"]]
    assert [r["visit_id"] for r in after["revocations"]] == [visit["visit_id"]]
    [answer] = service.push_checkins(device, [event(visit["pass"], clock())])
    assert (answer["status"], answer["reason"]) == ("rejected", "revoked")


def test_erasing_again_changes_nothing_and_an_unknown_id_changes_nothing(
    service: AtriumService, clock: FakeClock
) -> None:
    tenant_id = service.default_tenant()
    first = service.create_visit(tenant_id, visitor=NAME, host="Grace Hopper")
    second = service.create_visit(tenant_id, visitor="Ada Lovelace", host="Grace Hopper")
    service.erase_visits(tenant_id, [first["visit_id"]])
    clock.advance(10)
    assert service.erase_visits(tenant_id, [first["visit_id"]]) == {
        "erased": [], "already_erased": [first["visit_id"]]
    }
    assert reception.visit(service, tenant_id, first["visit_id"])["erased_at"] == clock() - 10
    with pytest.raises(ServiceError) as caught:
        service.erase_visits(tenant_id, [second["visit_id"], "nosuchvisit"])
    assert caught.value.status == 404
    assert reception.visit(service, tenant_id, second["visit_id"])["visitor"] == "Ada Lovelace"


def test_erasure_is_one_transaction(
    service: AtriumService, monkeypatch: pytest.MonkeyPatch
) -> None:
    tenant_id = service.default_tenant()
    visit = service.create_visit(tenant_id, visitor=NAME, host="Grace Hopper",
                                 visitor_email=EMAIL)

    def broken(conn: sa.Connection, tenant: str, ids: Any) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(erasure, "ERASERS", [*erasure.ERASERS])
    erasure.register("a place that fails", broken)
    with pytest.raises(RuntimeError):
        service.erase_visits(tenant_id, [visit["visit_id"]])
    assert traces(service, tenant_id)  # nothing was erased: the outbox row is still pending
    with service.store.read(tenant_id) as conn:
        assert conn.execute(sa.select(outbox.c.status)).scalars().all() == ["pending"]
        assert conn.execute(sa.select(visits.c.erased_at)).scalars().all() == [None]


def test_other_modules_add_their_places_to_the_one_list(
    service: AtriumService, monkeypatch: pytest.MonkeyPatch
) -> None:
    tenant_id = service.default_tenant()
    visit = service.create_visit(tenant_id, visitor=NAME, host="Grace Hopper")
    seen: list[tuple[str, list[str]]] = []

    def documents(conn: sa.Connection, tenant: str, ids: Any) -> int:
        seen.append((tenant, list(ids)))
        return len(ids)

    monkeypatch.setattr(erasure, "ERASERS", [*erasure.ERASERS])
    erasure.register("signed documents", documents)
    assert [what for what, _ in erasure.ERASERS][-1].startswith("visits")  # visits stay last
    service.erase_visits(tenant_id, [visit["visit_id"]])
    service.erase_visits(tenant_id, [visit["visit_id"]])  # erased before: not called again
    assert seen == [(tenant_id, [visit["visit_id"]])]
