"""The mail server down, wrong credentials, a certificate that does not verify."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from server_stub.mail.smtp import SmtpConfig
from server_stub.service import AtriumService
from tests.server.helpers import FakeClock
from tests.server.mail.conftest import make_sender
from tests.server.mail.smtp_sink import PASSWORD, USER, SmtpSink, make_tls


def _visits(service: AtriumService, count: int) -> list[dict]:
    tenant_id = service.default_tenant()
    return [
        service.create_visit(tenant_id, visitor=f"Visitor {i}", host="Grace Hopper",
                             visitor_email=f"visitor{i}@example.org")
        for i in range(count)
    ]


def test_mail_server_down_then_up_delivers_each_invitation_once(
    service: AtriumService, smtp: SmtpSink, clock: FakeClock
) -> None:
    sender = make_sender(service, smtp, batch=5)
    smtp.stop()
    visits = _visits(service, 20)
    for _ in range(5):  # 4 rounds of 5 reach all 20
        sender.run_once()
        clock.advance(1)
    tenant_id = service.default_tenant()
    waiting = service.outbox(tenant_id)
    assert len(waiting) == 20
    assert {row["status"] for row in waiting} == {"pending"}
    assert all(row["attempts"] >= 1 for row in waiting)
    assert "cannot reach the mail server 127.0.0.1:" in waiting[0]["last_error"]

    smtp.start()
    for _ in range(20):
        clock.advance(1)
        if sender.run_once() == 0 and not service.outbox(tenant_id):
            break
    assert service.outbox(tenant_id) == []
    received = sorted(str(m["To"]) for m in smtp.messages())
    assert received == sorted(f"visitor{i}@example.org" for i in range(20))
    ids = {m["Message-ID"] for m in smtp.messages()}
    assert ids == {f"<{v['invitation_id']}@acme.example>" for v in visits}


def test_the_backoff_grows_and_the_message_fails_after_the_last_attempt(
    service: AtriumService, smtp: SmtpSink, clock: FakeClock
) -> None:
    sender = make_sender(service, smtp, backoff_s=10, max_backoff_s=1000, max_attempts=4)
    smtp.stop()
    _visits(service, 1)
    tenant_id = service.default_tenant()
    due = []
    for _ in range(3):
        assert sender.run_once() == 1
        [row] = service.outbox(tenant_id)
        due.append(row["due_at"] - clock())
        assert sender.run_once() == 0  # not due yet
        clock.advance(row["due_at"] - clock())
    assert due == [10, 20, 40]
    sender.run_once()
    [row] = service.outbox(tenant_id)
    assert (row["status"], row["attempts"]) == ("failed", 4)
    assert "cannot reach the mail server" in row["last_error"]
    smtp.start()
    clock.advance(10_000)
    assert sender.run_once() == 0  # failed stays failed until a retry
    service.retry_message(tenant_id, row["message_id"], "test")
    assert sender.run_once() == 1
    assert len(smtp.messages()) == 1


def test_wrong_credentials_hold_the_message_audited_and_no_password_anywhere(
    service: AtriumService, smtp: SmtpSink, caplog: pytest.LogCaptureFixture
) -> None:
    wrong = "Wr0ng-Pa55word"
    sender = make_sender(service, smtp, url=smtp.url(USER, wrong))
    _visits(service, 2)
    caplog.set_level(logging.DEBUG)
    sender.run_once()
    tenant_id = service.default_tenant()
    rows = service.outbox(tenant_id)
    assert [r["status"] for r in rows] == ["held", "held"]
    assert "refused the user name or password (535" in rows[0]["last_error"]
    audits = [r for r in caplog.records if r.name == "atrium.audit"]
    assert audits and all("mail held" in r.getMessage() for r in audits)
    everything = caplog.text + repr(rows) + repr(sender.smtp)
    assert wrong not in everything and PASSWORD not in everything
    assert sender.run_once() == 0  # held: not retried under the same settings
    assert smtp.messages() == []

    fixed = make_sender(service, smtp)  # the operator corrects the URL and restarts
    fixed.release_held()
    assert fixed.run_once() == 2
    assert len(smtp.messages()) == 2


def test_a_certificate_that_does_not_verify_holds_the_message(
    service: AtriumService, smtp: SmtpSink, tmp_path: Path
) -> None:
    other_ca = make_tls(tmp_path / "other") / "ca.pem"
    sender = make_sender(service, smtp)
    sender.smtp = SmtpConfig.from_url(smtp.url(), other_ca, timeout_s=5)
    _visits(service, 1)
    sender.run_once()
    [row] = service.outbox(service.default_tenant())
    assert row["status"] == "held"
    assert "certificate of the mail server 127.0.0.1:" in row["last_error"]
    assert "does not verify" in row["last_error"]
    assert smtp.auth_attempts == []  # the password never went to the unverified server


def test_plain_smtp_works_to_this_machine_only(
    service: AtriumService, tls_dir: Path
) -> None:
    plain = SmtpSink(tls_dir, starttls=False, auth=False).start()
    try:
        sender = make_sender(service, plain, url=f"smtp://127.0.0.1:{plain.port}")
        _visits(service, 1)
        assert sender.run_once() == 1
        assert len(plain.messages()) == 1
    finally:
        plain.stop()
    from server_stub.mail.smtp import is_local

    assert is_local("localhost") and is_local("127.0.0.1") and is_local("::1")
    assert not is_local("mail.example.com") and not is_local("192.0.2.1")
