"""E-mail in the console: the form's address and language, the visit's messages, e-mail off,
held messages with their reason, retry and re-send by a receptionist."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from server_stub import audit
from server_stub.app import create_app
from server_stub.service import AtriumService
from server_stub.settings import Settings
from tests.console.helpers import ConsoleClient
from tests.server.mail.smtp_sink import USER, SmtpSink, make_tls

FORM = {"visitor": "Ada Lovelace", "host": "Grace Hopper", "arrive": "2027-01-15T10:00",
        "depart": "2027-01-15T12:00"}


def _create(desk: ConsoleClient, **extra: str) -> str:
    desk.get("/console/visits/new")
    answer = desk.post("/console/visits", {**FORM, **extra})
    assert answer.status_code == 303, answer.text
    return str(answer.headers["location"]).split("/visits/")[1].split("?")[0]


def test_the_form_refuses_a_bad_address_and_keeps_what_was_typed(
    desk: ConsoleClient, service: AtriumService
) -> None:
    page = desk.get("/console/visits/new")
    assert 'name="visitor_email"' in page.text and 'name="language"' in page.text
    answer = desk.post("/console/visits", {**FORM, "visitor_email": "ada at home"})
    assert answer.status_code == 422
    assert "is not valid" in answer.text and 'value="ada at home"' in answer.text
    assert service.outbox(service.default_tenant()) == []


def test_with_email_off_the_visit_page_says_so_and_the_invitation_waits(
    desk: ConsoleClient, service: AtriumService
) -> None:
    visit_id = _create(desk, visitor_email="ada@example.org", language="de")
    page = desk.get(f"/console/visits/{visit_id}").text
    assert 'id="mail-off"' in page and "E-mail is off" in page
    assert "Invitation to the visitor" in page and "not sent yet" in page
    assert "ada@example.org" in page
    german = desk.get(f"/console/visits/{visit_id}?lang=de").text
    assert "E-Mail ist aus" in german and "noch nicht gesendet" in german
    assert "Printable invitation" in desk.get(f"/console/visits/{visit_id}?lang=en").text


@pytest.fixture
def mail_desk(
    service: AtriumService, tmp_path: Path, desk: ConsoleClient
) -> Iterator[tuple[ConsoleClient, SmtpSink, TestClient]]:
    """The console of a server whose SMTP password is wrong (the sender is run by hand)."""
    sink = SmtpSink(make_tls(tmp_path / "tls")).start()
    settings = Settings.load(
        {}, data_dir=service.data_dir, smtp_url=sink.url(USER, "wrong-password-1"),
        smtp_from="reception@acme.example", smtp_ca_file=sink.ca_file,
    )
    app = create_app(service.data_dir, service=service, settings=settings)
    client = TestClient(app, base_url="https://testserver", follow_redirects=False)
    console = ConsoleClient(client)
    console.http.cookies = desk.http.cookies  # the receptionist's session
    try:
        yield console, sink, client
    finally:
        client.close()
        sink.stop()


def test_a_held_message_shows_its_reason_and_a_receptionist_retries_it(
    mail_desk: tuple[ConsoleClient, SmtpSink, TestClient], service: AtriumService
) -> None:
    console, sink, client = mail_desk
    visit_id = _create(console, visitor_email="ada@example.org")
    sender = client.app.state.mail_sender  # type: ignore[attr-defined]
    sender.run_once()
    page = console.get(f"/console/visits/{visit_id}").text
    assert 'id="mail-off"' not in page
    assert 'data-status="held"' in page
    assert "refused the user name or password" in page and "wrong-password-1" not in page
    outbox = console.get("/console/outbox").text
    assert "refused the user name or password" in outbox and visit_id in outbox
    tenant_id = service.default_tenant()
    [message] = service.outbox(tenant_id)
    answer = console.post(f"/console/outbox/{message['message_id']}/retry",
                          {"visit_id": visit_id})
    assert answer.status_code == 303
    assert service.outbox(tenant_id)[0]["status"] == "pending"
    assert "The message will be sent again" in console.get(answer.headers["location"]).text
    actions = [(e["action"], e["subject"]) for e in audit.entries(service, tenant_id)]
    assert ("mail.held", message["message_id"]) in actions
    assert ("mail.retried", message["message_id"]) in actions
    assert sink.messages() == []


def test_resend_from_the_visit_page_queues_a_new_invitation(
    desk: ConsoleClient, service: AtriumService
) -> None:
    visit_id = _create(desk, visitor_email="ada@example.org")
    desk.get(f"/console/visits/{visit_id}")
    answer = desk.post(f"/console/visits/{visit_id}/resend")
    assert answer.status_code == 303
    rows = service.visit_messages(service.default_tenant(), visit_id)
    assert [r["kind"] for r in rows] == ["invitation", "invitation"]
    assert "will be sent again" in desk.get(answer.headers["location"]).text
    assert desk.post(f"/console/visits/{visit_id}/resend", csrf="").status_code in (400, 403)
