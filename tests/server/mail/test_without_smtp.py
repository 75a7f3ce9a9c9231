"""Without a mail server the sender still delivers the sites' webhooks; e-mails wait (and the
console says e-mail is off). An erased visit's messages never go out."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from server_stub.app import create_app
from server_stub.service import AtriumService
from server_stub.settings import Settings
from tests.console.helpers import ConsoleClient
from tests.server.helpers import ADMIN_EMAIL, ADMIN_PASSWORD, FakeClock, event, pair
from tests.server.mail.smtp_sink import SmtpSink
from tests.server.mail.test_webhook import Receiver


@pytest.fixture
def receiver(tls_dir: Path) -> Receiver:
    with Receiver(tls_dir, []) as running:
        yield running


def test_webhooks_go_out_without_smtp_and_e_mails_wait(
    service: AtriumService, receiver: Receiver, tls_dir: Path, clock: FakeClock
) -> None:
    tenant_id = service.default_tenant()
    service.set_site_details(tenant_id, "Berlin HQ", webhook_url=receiver.url)
    service.add_host(tenant_id, "Grace Hopper", "grace@example.org")
    settings = Settings.load({}, data_dir=service.data_dir,
                             webhook_ca_file=tls_dir / "ca.pem")
    app = create_app(service.data_dir, service=service, settings=settings)
    sender = app.state.mail_sender
    assert sender is not None and sender.smtp is None
    visit = service.create_visit(tenant_id, visitor="Ada Lovelace", host="Grace Hopper",
                                 visitor_email="ada@example.org")
    device = service.authenticate(pair(service)[1])
    assert service.push_checkins(device, [event(visit["pass"], clock())])[0]["status"] == (
        "accepted"
    )
    assert sender.run_once() == 1  # the webhook only
    assert sender.run_once() == 0
    assert len(receiver.requests) == 1
    states = {m["kind"]: m["status"] for m in service.visit_messages(tenant_id, visit["visit_id"])}
    assert states == {"invitation": "pending", "arrival": "pending", "webhook": "sent"}
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as http:
        console = ConsoleClient(http)
        assert console.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).status_code == 303
        page = console.get(f"/console/visits/{visit['visit_id']}").text
    assert 'id="mail-off"' in page and "E-mail is off" in page


def test_an_erased_visit_sends_nothing(
    service: AtriumService, smtp: SmtpSink, sender: object, clock: FakeClock
) -> None:
    tenant_id = service.default_tenant()
    service.add_host(tenant_id, "Grace Hopper", "grace@example.org")
    visit = service.create_visit(tenant_id, visitor="Ada Lovelace", host="Grace Hopper",
                                 visitor_email="ada@example.org")
    device = service.authenticate(pair(service)[1])
    service.push_checkins(device, [event(visit["pass"], clock())])
    service.erase_visits(tenant_id, [visit["visit_id"]])
    assert sender.run_once() == 0  # type: ignore[attr-defined]
    assert smtp.messages() == []
    assert {m["status"] for m in service.visit_messages(tenant_id, visit["visit_id"])} == {
        "superseded"
    }
