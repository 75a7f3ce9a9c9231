"""Row-level security on PostgreSQL, checked as the application role the server connects as."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest

from server_stub.store import GLOBAL_TABLES
from server_stub.store.rls import POLICY, PREDICATE, TENANT_SETTING
from tests.pg import APP_ROLE, OWNER_ROLE, Cluster

pytestmark = pytest.mark.usefixtures("pg_cluster")


@dataclass
class TwoTenants:
    cluster: Cluster
    database: str
    a: str
    b: str

    def connect(self, role: str = APP_ROLE) -> Any:
        return self.cluster.connect(role, self.database)


@pytest.fixture
def two_tenants(pg_service: Any) -> Iterator[TwoTenants]:
    """Tenants A and B in one database, each with a visit, a cancellation and a device."""
    service, cluster, database = pg_service
    a = service.default_tenant()
    b = service.add_tenant("Globex")
    service.add_site(b, "Paris")
    for tenant in (a, b):
        for n in range(2):
            visit = service.create_visit(tenant, visitor=f"V{n}", host="H")
        service.cancel_visit(tenant, visit["visit_id"])
        code = service.create_pairing_code(tenant, None, "Lobby")["code"]
        service.redeem_pairing_code(code)
    yield TwoTenants(cluster, database, a, b)


def tenant_rows(conn: Any, table: str, tenant: str | None) -> list[str]:
    """tenant_id of every row a plain SELECT (no WHERE) returns, with ``tenant`` bound."""
    with conn.transaction():
        if tenant is not None:
            conn.execute("SELECT set_config(%s, %s, true)", (TENANT_SETTING, tenant))
        return [row[0] for row in conn.execute(f"SELECT tenant_id FROM {table}")]  # type: ignore[arg-type]


def tenant_tables(conn: Any) -> set[str]:
    rows = conn.execute(
        "SELECT table_name FROM information_schema.columns "
        "WHERE table_schema = 'public' AND column_name = 'tenant_id'"
    )
    return {row[0] for row in rows}


def unprotected(conn: Any) -> dict[str, str]:
    """Tables with a tenant_id column outside GLOBAL_TABLES that lack the full protection."""
    problems: dict[str, str] = {}
    for table in sorted(tenant_tables(conn) - set(GLOBAL_TABLES)):
        flags = conn.execute(
            "SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE oid = %s::regclass",
            (f"public.{table}",),
        ).fetchone()
        policies = conn.execute(
            "SELECT policyname, cmd, permissive, roles, qual, with_check FROM pg_policies "
            "WHERE schemaname = 'public' AND tablename = %s",
            (table,),
        ).fetchall()
        if flags != (True, True):
            problems[table] = f"row security enabled/forced: {flags}"
        elif [(p[0], p[1], p[2], p[3]) for p in policies] != [
            (POLICY, "ALL", "PERMISSIVE", ["public"])
        ]:
            problems[table] = f"policies: {policies}"
        elif not all(_same_predicate(p[4]) and _same_predicate(p[5]) for p in policies):
            problems[table] = f"predicate: {policies}"
    return problems


def _same_predicate(expression: str | None) -> bool:
    """pg_policies shows the predicate deparsed: compare without casts and brackets."""
    if expression is None:
        return False
    simplified = expression.replace("::text", "").replace("(", "").replace(")", "")
    return simplified == PREDICATE.replace("(", "").replace(")", "")


def test_a_plain_select_sees_only_the_bound_tenants_rows(two_tenants: TwoTenants) -> None:
    with two_tenants.connect() as conn:
        for tenant in (two_tenants.a, two_tenants.b):
            for table in ("visits", "revocations", "devices", "sites", "pass_keys"):
                rows = tenant_rows(conn, table, tenant)
                assert rows and set(rows) == {tenant}, table
        assert len(tenant_rows(conn, "visits", two_tenants.a)) == 2


def test_without_a_tenant_nothing_is_visible(two_tenants: TwoTenants) -> None:
    with two_tenants.connect() as conn:
        for table in sorted(tenant_tables(conn) - set(GLOBAL_TABLES)):
            assert tenant_rows(conn, table, None) == [], table
        # the setting left behind as '' by an earlier transaction matches nothing either
        assert tenant_rows(conn, "visits", two_tenants.a)
        assert tenant_rows(conn, "visits", None) == []


def test_the_owner_is_bound_by_the_policies_too(two_tenants: TwoTenants) -> None:
    with two_tenants.connect(OWNER_ROLE) as conn:
        assert tenant_rows(conn, "visits", None) == []
        assert set(tenant_rows(conn, "visits", two_tenants.b)) == {two_tenants.b}


def test_rows_of_another_tenant_cannot_be_written(two_tenants: TwoTenants) -> None:
    with two_tenants.connect() as conn:
        conn.execute("SELECT set_config(%s, %s, false)", (TENANT_SETTING, two_tenants.a))
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(
                "INSERT INTO sites (site_id, tenant_id, name, created_at) "
                "VALUES ('zz', %s, 'Sneaky', 0)",
                (two_tenants.b,),
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("UPDATE sites SET tenant_id = %s", (two_tenants.b,))
        changed = conn.execute(
            "UPDATE visits SET host = 'X' WHERE tenant_id = %s", (two_tenants.b,)
        )
        assert changed.rowcount == 0
        assert conn.execute("DELETE FROM devices").rowcount == 1  # A's only
    with two_tenants.connect() as conn:
        assert len(tenant_rows(conn, "devices", two_tenants.b)) == 1
        with conn.transaction():
            conn.execute("SELECT set_config(%s, %s, true)", (TENANT_SETTING, two_tenants.b))
            assert {r[0] for r in conn.execute("SELECT host FROM visits")} == {"H"}


def test_the_app_role_cannot_switch_row_security_off(two_tenants: TwoTenants) -> None:
    with two_tenants.connect() as conn:
        conn.execute("SET row_security = off")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("SELECT * FROM visits")


@pytest.mark.parametrize(
    "ddl",
    [
        "ALTER TABLE visits DISABLE ROW LEVEL SECURITY",
        "ALTER TABLE visits NO FORCE ROW LEVEL SECURITY",
        "ALTER TABLE visits ADD COLUMN note text",
        "DROP POLICY tenant_isolation ON visits",
        "ALTER POLICY tenant_isolation ON visits USING (true)",
        "CREATE POLICY open ON visits USING (true)",
        "ALTER TABLE visits OWNER TO atrium_app",
        "SET ROLE atrium_owner",
        "CREATE TABLE mine (tenant_id text)",
    ],
)
def test_the_app_role_cannot_change_the_schema_or_its_policies(
    two_tenants: TwoTenants, ddl: str
) -> None:
    with two_tenants.connect() as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(ddl)  # type: ignore[arg-type]


def test_the_app_role_owns_nothing_and_cannot_bypass(two_tenants: TwoTenants) -> None:
    with two_tenants.connect() as conn:
        role = conn.execute(
            "SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles "
            "WHERE rolname = current_user"
        ).fetchone()
        assert role == (False, False, False, False)
        owners = conn.execute(
            "SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
        ).fetchall()
        assert owners == [(OWNER_ROLE,)]
        member_of = conn.execute(
            "SELECT count(*) FROM pg_auth_members WHERE member = "
            "(SELECT oid FROM pg_roles WHERE rolname = current_user)"
        ).fetchone()
        assert member_of == (0,)


def test_every_table_with_a_tenant_id_has_the_policy(two_tenants: TwoTenants) -> None:
    with two_tenants.connect() as conn:
        tables = tenant_tables(conn)
        assert {"visits", "used_passes", "revocations", "checkin_events"} <= tables
        assert unprotected(conn) == {}
        existing = {r[0] for r in conn.execute("SELECT tablename FROM pg_tables")}
        assert set(GLOBAL_TABLES) <= existing  # the list names real tables only


def test_a_new_tenant_table_without_a_policy_is_found(two_tenants: TwoTenants) -> None:
    with two_tenants.connect(OWNER_ROLE) as conn, conn.transaction(force_rollback=True):
        conn.execute("CREATE TABLE notes (tenant_id text NOT NULL, body text)")
        conn.execute("CREATE TABLE halfway (tenant_id text NOT NULL)")
        conn.execute("ALTER TABLE halfway ENABLE ROW LEVEL SECURITY")
        conn.execute("CREATE TABLE loose (tenant_id text NOT NULL)")
        conn.execute("ALTER TABLE loose ENABLE ROW LEVEL SECURITY")
        conn.execute("ALTER TABLE loose FORCE ROW LEVEL SECURITY")
        conn.execute("CREATE POLICY tenant_isolation ON loose USING (true)")
        assert set(unprotected(conn)) == {"notes", "halfway", "loose"}
