"""Fixtures for the server tests: a service on a fake clock and an in-process API client.

``service`` (and so ``client``) runs each test on both backends: SQLite in a copy of an
initialised data dir, and PostgreSQL in a fresh database cloned from an initialised template,
the service connected as the application role (the one the server runs as).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from server_stub.app import create_app
from server_stub.service import AtriumService
from tests.pg import APP_ROLE, OWNER_ROLE, Cluster, Snapshot
from tests.server.helpers import ADMIN_EMAIL, ADMIN_PASSWORD, FakeClock


def _initialise(data_dir: Path, database_url: str | None = None) -> Path:
    data_dir.mkdir(parents=True, mode=0o700)  # keys and TLS files live here on either backend
    svc, _, _ = AtriumService.initialise(
        data_dir, "Acme Corp", "Berlin HQ", ADMIN_EMAIL, ADMIN_PASSWORD, database_url=database_url
    )
    svc.close()
    return data_dir


@pytest.fixture(scope="session")
def template_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One initialised data dir (argon2 hashing is slow on purpose); tests get copies."""
    return _initialise(tmp_path_factory.mktemp("template") / "server")


@pytest.fixture(scope="session")
def pg_template(pg_cluster: Cluster, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """An initialised data dir and database (migrated by the owner role)."""
    database = "server_template"
    pg_cluster.create_app_database(database)
    data_dir = tmp_path_factory.mktemp("pg-template") / "server"
    _initialise(data_dir, pg_cluster.url(OWNER_ROLE, database))
    return data_dir, database


@pytest.fixture(scope="session")
def pg_snapshot(pg_cluster: Cluster, pg_template: tuple[Path, str]) -> Iterator[Snapshot]:
    snapshot = Snapshot(pg_cluster, pg_template[1])
    yield snapshot
    snapshot.close()


@pytest.fixture
def pg_database(pg_snapshot: Snapshot) -> str:
    """The template database with its rows as initialised (tests share it, one at a time)."""
    pg_snapshot.restore()
    return pg_snapshot.database


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def service(
    db_backend: str, request: pytest.FixtureRequest, tmp_path: Path, clock: FakeClock
) -> Iterator[AtriumService]:
    data_dir = tmp_path / "server"
    if db_backend == "postgresql":
        cluster: Cluster = request.getfixturevalue("pg_cluster")
        template, _ = request.getfixturevalue("pg_template")
        shutil.copytree(template, data_dir)
        url = cluster.url(APP_ROLE, request.getfixturevalue("pg_database"))
        svc = AtriumService.open(data_dir, clock, database_url=url)
    else:
        shutil.copytree(request.getfixturevalue("template_data_dir"), data_dir)
        svc = AtriumService.open(data_dir, clock)
    yield svc
    svc.close()


@pytest.fixture
def pg_service(
    pg_cluster: Cluster, pg_template: tuple[Path, str], pg_database: str, tmp_path: Path
) -> Iterator[tuple[AtriumService, Cluster, str]]:
    """The service over a fresh PostgreSQL database (as the app role), for PostgreSQL-only tests."""
    data_dir = tmp_path / "server"
    shutil.copytree(pg_template[0], data_dir)
    svc = AtriumService.open(
        data_dir, FakeClock(), database_url=pg_cluster.url(APP_ROLE, pg_database)
    )
    yield svc, pg_cluster, pg_database
    svc.close()


@pytest.fixture
def client(service: AtriumService) -> Iterator[TestClient]:
    app = create_app(service.data_dir, service=service)
    with TestClient(app) as test_client:
        yield test_client
