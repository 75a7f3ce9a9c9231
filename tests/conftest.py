"""Test-wide settings: Qt runs offscreen, keyring is in memory, nothing touches the user's home.

Also the storage backends: tests that use the ``backend`` fixture (directly or through the
server fixtures) run once on SQLite and once on a throw-away PostgreSQL cluster shared by the
session (``tests/pg.py``). ``--backend sqlite`` or ``--backend postgresql`` runs one half only.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

from tests.pg import Cluster, PgUnavailable, require_postgres

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
