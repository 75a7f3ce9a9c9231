"""Test-wide settings: Qt runs offscreen, keyring is in memory, nothing touches the user's home.

Also the storage backends: tests that use the ``db_backend`` fixture (directly or through the
server fixtures) run once on SQLite and once on a throw-away PostgreSQL cluster shared by the
session (``tests/pg.py``). ``--db-backend sqlite`` or ``--db-backend postgresql`` runs one half.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

from tests.pg import APP_ROLE, OWNER_ROLE, Cluster, PgUnavailable, require_postgres

BACKENDS = ("sqlite", "postgresql")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db-backend",
        choices=(*BACKENDS, "both"),
        default="both",
        help="storage backend(s) for the server tests (default: both)",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_backend" in metafunc.fixturenames:
        chosen = metafunc.config.getoption("db_backend")
        backends = BACKENDS if chosen == "both" else (chosen,)
        metafunc.parametrize("db_backend", backends, indirect=True, scope="session")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """One PostgreSQL cluster for the whole session; skipped (or failed in CI) without one."""
    try:
        cluster = Cluster.start()
    except PgUnavailable as exc:
        if require_postgres():
            pytest.fail(f"ATRIUM_REQUIRE_POSTGRES is set but {exc}", pytrace=False)
        pytest.skip(str(exc))
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def db_backend(request: pytest.FixtureRequest) -> str:
    """The storage backend of this run of the test: "sqlite" or "postgresql"."""
    if request.param == "postgresql":
        request.getfixturevalue("pg_cluster")
    return str(request.param)


def new_database(request: pytest.FixtureRequest, db_backend: str) -> tuple[str, str] | None:
    """None on SQLite (the data dir's own file); on PostgreSQL a new empty database:
    (the application role's URL, the owner's URL, which initialises and administers it)."""
    if db_backend != "postgresql":
        return None
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    name = f"db_{uuid.uuid4().hex[:12]}"
    cluster.create_app_database(name)
    return cluster.url(APP_ROLE, name), cluster.url(OWNER_ROLE, name)


@pytest.fixture
def server_database(request: pytest.FixtureRequest, db_backend: str) -> tuple[str, str] | None:
    """A database for a real server in this test: see ``new_database``."""
    return new_database(request, db_backend)
