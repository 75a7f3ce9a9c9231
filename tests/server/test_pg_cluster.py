"""The throw-away PostgreSQL cluster and its two roles, as the README tells an operator to make."""

from __future__ import annotations

import uuid

import psycopg
import pytest

from tests.pg import APP_ROLE, OWNER_ROLE, Cluster


@pytest.fixture
def database(pg_cluster: Cluster) -> str:
    name = f"roles_{uuid.uuid4().hex[:8]}"
    pg_cluster.create_app_database(name)
    return name


def test_the_owner_owns_the_database_and_the_app_role_nothing(
    pg_cluster: Cluster, database: str
) -> None:
    with pg_cluster.connect(OWNER_ROLE, database) as conn:
        conn.execute("CREATE TABLE things (id serial PRIMARY KEY, name text NOT NULL)")
        owner = conn.execute(
            "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"
        ).fetchone()
        assert owner == (OWNER_ROLE,)
    with pg_cluster.connect(APP_ROLE, database) as conn:
        flags = conn.execute(
            "SELECT rolsuper, rolbypassrls, rolcreatedb, rolcreaterole FROM pg_roles "
            "WHERE rolname = current_user"
        ).fetchone()
        assert flags == (False, False, False, False)
        owned = conn.execute(
            "SELECT count(*) FROM pg_class WHERE relowner = "
            "(SELECT oid FROM pg_roles WHERE rolname = current_user)"
        ).fetchone()
        assert owned == (0,)


def test_the_app_role_gets_dml_on_new_tables_and_sequences_but_no_ddl(
    pg_cluster: Cluster, database: str
) -> None:
    with pg_cluster.connect(OWNER_ROLE, database) as conn:
        conn.execute("CREATE TABLE things (id serial PRIMARY KEY, name text NOT NULL)")
    with pg_cluster.connect(APP_ROLE, database) as conn:
        conn.execute("INSERT INTO things (name) VALUES ('a')")
        conn.execute("UPDATE things SET name = 'b'")
        assert conn.execute("SELECT name FROM things").fetchall() == [("b",)]
        conn.execute("DELETE FROM things")
        for ddl in (
            "CREATE TABLE mine (id int)",
            "ALTER TABLE things ADD COLUMN x int",
            "DROP TABLE things",
            "TRUNCATE things",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(ddl)  # type: ignore[arg-type]


def test_passwords_are_required_even_on_localhost(pg_cluster: Cluster, database: str) -> None:
    url = pg_cluster.url(APP_ROLE, database).replace(pg_cluster.passwords[APP_ROLE], "wrong")
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(url)


def test_without_postgresql_the_message_says_how_to_enable_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tests.pg

    monkeypatch.setattr(tests.pg, "find_bindir", lambda: None)
    with pytest.raises(tests.pg.PgUnavailable, match=r"apt-get install postgresql"):
        Cluster.start()


def test_the_readme_creates_the_roles_as_the_tests_do() -> None:
    """The SQL an operator copies from the README is what the tests' cluster runs."""
    import re
    from pathlib import Path

    from tests.pg import grants_sql, role_setup_sql

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    block = re.search(r"```sql\n(.*?)```", readme, re.S)
    assert block is not None
    shown = [line.rstrip(";") for line in block.group(1).splitlines() if line.strip()]
    expected = [
        *role_setup_sql("atrium", OWNER_ROLE, APP_ROLE, "owner-secret", "app-secret"),
        "\\connect atrium",
        *grants_sql(OWNER_ROLE, APP_ROLE),
    ]
    assert shown == expected
