"""Fixtures for the console tests: a service on a fake clock and signed-in browser clients."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from server_stub.app import create_app
from server_stub.embedded import EmbeddedServer
from server_stub.service import AtriumService
from tests.console.browser import chromium, require_browser, trusting_home
from tests.console.helpers import ConsoleClient
from tests.server.helpers import ADMIN_EMAIL, ADMIN_PASSWORD, FakeClock

RECEPTION_EMAIL = "desk@example.com"
RECEPTION_PASSWORD = "front desk password"


@pytest.fixture(scope="session")
def console_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One initialised data dir with an admin and a receptionist; tests get copies."""
    data_dir = tmp_path_factory.mktemp("console-template") / "server"
    svc, tenant_id, _ = AtriumService.initialise(
        data_dir, "Acme Corp", "Berlin HQ", ADMIN_EMAIL, ADMIN_PASSWORD
    )
    svc.add_user(tenant_id, RECEPTION_EMAIL, RECEPTION_PASSWORD, role="receptionist")
    svc.close()
    return data_dir


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def service(tmp_path: Path, clock: FakeClock, console_template: Path) -> Iterator[AtriumService]:
    data_dir = tmp_path / "server"
    shutil.copytree(console_template, data_dir)
    svc = AtriumService.open(data_dir, clock)
    yield svc
    svc.close()


@pytest.fixture
def browser_factory(service: AtriumService) -> Iterator[Callable[[], ConsoleClient]]:
    app = create_app(service.data_dir, service=service)
    opened: list[TestClient] = []

    def make() -> ConsoleClient:
        client = TestClient(app, base_url="https://testserver", follow_redirects=False)
        opened.append(client)
        return ConsoleClient(client)

    yield make
    for client in opened:
        client.close()


@pytest.fixture
def admin(browser_factory: Callable[[], ConsoleClient]) -> ConsoleClient:
    browser = browser_factory()
    assert browser.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).status_code == 303
    return browser


@pytest.fixture
def desk(browser_factory: Callable[[], ConsoleClient]) -> ConsoleClient:
    browser = browser_factory()
    assert browser.sign_in(RECEPTION_EMAIL, RECEPTION_PASSWORD).status_code == 303
    return browser


WAIT_MS = 15_000


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    require_browser()
    server = EmbeddedServer(tmp_path_factory.mktemp("console-live") / "server").start()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="module")
def browser(live: EmbeddedServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    home = trusting_home(tmp_path_factory.mktemp("chromium-home"), live.ca_cert)
    with chromium(home) as instance:
        yield instance


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-GB")
    tab = context.new_page()
    tab.set_default_timeout(WAIT_MS)
    try:
        yield tab
    finally:
        context.close()
