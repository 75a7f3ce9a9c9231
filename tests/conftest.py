"""Test-wide settings: Qt runs offscreen, keyring is in memory, nothing touches the user's home.

Also the storage backends: tests that use the ``backend`` fixture (directly or through the
server fixtures) run once on SQLite and once on a throw-away PostgreSQL cluster shared by the
session (``tests/pg.py``). ``--backend sqlite`` or ``--backend postgresql`` runs one half only.
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
        "--backend",
        choices=(*BACKENDS, "both"),
        default="both",
        help="storage backend(s) for the server tests (default: both)",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        chosen = metafunc.config.getoption("backend")
        backends = BACKENDS if chosen == "both" else (chosen,)
        metafunc.parametrize("backend", backends, indirect=True, scope="session")


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
def backend(request: pytest.FixtureRequest) -> str:
    """The storage backend of this run of the test: "sqlite" or "postgresql"."""
    if request.param == "postgresql":
        request.getfixturevalue("pg_cluster")
    return str(request.param)


def new_database(request: pytest.FixtureRequest, backend: str) -> tuple[str, str] | None:
    """None on SQLite (the data dir's own file); on PostgreSQL a new empty database:
    (the application role's URL, the owner's URL, which initialises and administers it)."""
    if backend != "postgresql":
        return None
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    name = f"db_{uuid.uuid4().hex[:12]}"
    cluster.create_app_database(name)
    return cluster.url(APP_ROLE, name), cluster.url(OWNER_ROLE, name)


@pytest.fixture
def server_database(request: pytest.FixtureRequest, backend: str) -> tuple[str, str] | None:
    """A database for a real server in this test: see ``new_database``."""
    return new_database(request, backend)
