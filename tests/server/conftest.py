"""Fixtures for the server tests: a service on a fake clock and an in-process API client."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from server_stub.app import create_app
from server_stub.service import AtriumService
from tests.server.helpers import ADMIN_EMAIL, ADMIN_PASSWORD, FakeClock


@pytest.fixture(scope="session")
def template_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One initialised data dir (argon2 hashing is slow on purpose); tests get copies."""
    data_dir = tmp_path_factory.mktemp("template") / "server"
    svc, _, _ = AtriumService.initialise(
        data_dir, "Acme Corp", "Berlin HQ", ADMIN_EMAIL, ADMIN_PASSWORD
    )
    svc.close()
    return data_dir


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def service(tmp_path: Path, clock: FakeClock, template_data_dir: Path) -> Iterator[AtriumService]:
    data_dir = tmp_path / "server"
    shutil.copytree(template_data_dir, data_dir)
    svc = AtriumService.open(data_dir, clock)
    yield svc
    svc.close()


@pytest.fixture
def client(service: AtriumService) -> Iterator[TestClient]:
    app = create_app(service.data_dir, service=service)
    with TestClient(app) as test_client:
        yield test_client
