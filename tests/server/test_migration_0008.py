"""Migration 0008 (walk-ins, kiosk check-outs) keeps every row of a 0006 database."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from server_stub.store import bind_tenant, migrate
from server_stub.store.engine import make_engine
from tests.pg import OWNER_ROLE

ROWS = [
    "INSERT INTO tenants (tenant_id, name, created_at, seq) VALUES ('t1', 'Acme', 1, 1)",
    "INSERT INTO sites (site_id, tenant_id, name, created_at, seq) VALUES ('s1', 't1', 'HQ', 1, 1)",
    "INSERT INTO visits (visit_id, tenant_id, site_id, jti, kid, visitor, host, nbf, exp, "
    "\"pass\", created_at) VALUES ('V1', 't1', 's1', 'j1', 'p1', 'Ada', 'Grace', 1, 2, 'x.y.z', 1)",
    "INSERT INTO used_passes (tenant_id, jti, visit_id, event_id, device_id, kiosk_name, "
    "used_at, received_at) VALUES ('t1', 'j1', 'V1', 'e1', 'd1', 'Lobby 1', 1.5, 1.5)",
    "INSERT INTO checkin_events (tenant_id, event_id, device_id, pass_ref, jti, status, "
    "scanned_at, received_at) VALUES ('t1', 'e1', 'd1', 'jti:j1', 'j1', 'accepted', 1.5, 1.5)",
    "INSERT INTO checkouts (tenant_id, visit_id, checked_out_at, checked_out_by) "
    "VALUES ('t1', 'V1', 1.8, 'u_1')",
]


@pytest.fixture
def url(db_backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if db_backend == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        database = "mig_" + uuid.uuid4().hex[:12]
        cluster.create_app_database(database)
        yield cluster.url(OWNER_ROLE, database)
    else:
        yield f"sqlite:///{tmp_path / 'old.sqlite3'}"


def test_a_0006_database_upgrades_with_every_row_kept(url: str) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            command.upgrade(migrate._config(conn), "0006")
        with engine.begin() as conn:
            bind_tenant(conn, "t1")
            for statement in ROWS:
                conn.execute(sa.text(statement))
        assert migrate.upgrade(engine) == ("0006", migrate.head())
        with engine.begin() as conn:
            bind_tenant(conn, "t1")
            visit = conn.execute(sa.text("SELECT * FROM visits")).one()
            assert (visit.visit_id, visit.kind, visit.walk_in_event_id, visit.kid) == (
                "V1", "expected", None, "p1"
            )
            assert visit._mapping["pass"] == "x.y.z"
            answer = conn.execute(sa.text("SELECT * FROM checkin_events")).one()
            assert (answer.kind, answer.visit_id, answer.host_notified) == ("entry", None, None)
            out = conn.execute(sa.text("SELECT * FROM checkouts")).one()
            assert (out.checked_out_by, out.device_id, out.kiosk_name, out.event_id) == (
                "u_1", None, None, None
            )
            # a walk-in: no pass, no key; its event id once per tenant
            insert = sa.text(
                "INSERT INTO visits (visit_id, tenant_id, site_id, jti, visitor, host, nbf, exp, "
                "created_at, kind, walk_in_event_id) VALUES (:v, 't1', 's1', :j, 'Bob', 'Grace', "
                "1, 2, 1, 'walk_in', 'w1')"
            )
            conn.execute(insert, {"v": "W1", "j": "walk-in:1"})
        with pytest.raises(sa.exc.IntegrityError), engine.begin() as conn:
            bind_tenant(conn, "t1")
            conn.execute(insert, {"v": "W2", "j": "walk-in:2"})
    finally:
        engine.dispose()
