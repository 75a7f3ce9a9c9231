"""Fixtures for the walk-in and check-out tests (with the server fixtures): two kiosks, a host
in the directory and a visit with a pass."""

from __future__ import annotations

from typing import Any

import pytest

from server_stub.service import AtriumService
from tests.server.arrivals.helpers import HOST_EMAIL
from tests.server.helpers import FakeClock, pair


@pytest.fixture
def kiosks(service: AtriumService, clock: FakeClock) -> tuple[str, str]:
    """Two kiosks at the first site, paired a day ago."""
    clock.advance(-86400)
    paired = pair(service, "Lobby 1")[1], pair(service, "Lobby 2")[1]
    clock.advance(86400)
    return paired


@pytest.fixture
def host_id(service: AtriumService) -> str:
    return service.add_host(service.default_tenant(), "Grace Hopper", HOST_EMAIL)


@pytest.fixture
def visit(service: AtriumService, clock: FakeClock) -> dict[str, Any]:
    return service.create_visit(
        service.default_tenant(), visitor="Ada Lovelace", host="Grace Hopper", arrive=clock() - 60
    )
