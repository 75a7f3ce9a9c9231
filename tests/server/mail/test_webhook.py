"""The per-site webhook: a real HTTPS receiver on 127.0.0.1 checks the HMAC; a 500 is retried."""

from __future__ import annotations

import http.server
import json
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from server_stub.errors import ServiceError
from server_stub.mail import webhook
from server_stub.service import AtriumService
from server_stub.tls import SERVER_CERT, SERVER_KEY
from tests.server.helpers import FakeClock, event, pair
from tests.server.mail.conftest import make_sender
from tests.server.mail.smtp_sink import SmtpSink


class Receiver:
    """An HTTPS endpoint that answers the queued statuses (then 200) and keeps every request."""

    def __init__(self, tls_dir: Path, statuses: list[int]) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.statuses = statuses
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                receiver.requests.append((dict(self.headers), self.rfile.read(length)))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args: Any) -> None:
                return

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(tls_dir / SERVER_CERT, tls_dir / SERVER_KEY)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.server.server_address[1]}/hooks/atrium"

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(tls_dir: Path) -> Iterator[Receiver]:
    with Receiver(tls_dir, [500, 503]) as running:
        yield running


def test_the_webhook_is_signed_retried_after_500_and_sent_once(
    service: AtriumService, smtp: SmtpSink, receiver: Receiver, clock: FakeClock
) -> None:
    tenant_id = service.default_tenant()
    site = service.set_site_details(tenant_id, "Berlin HQ", webhook_url=receiver.url)
    secret = site["webhook_secret"]
    assert site["webhook_url"] == receiver.url and len(secret) >= 32
    sender = make_sender(service, smtp)
    sender.webhook_ca_file = smtp.ca_file
    visit = service.create_visit(tenant_id, visitor="Ada Lovelace", host="Grace Hopper")
    device = service.authenticate(pair(service, "Lobby 1")[1])
    scan = event(visit["pass"], clock())
    assert service.push_checkins(device, [scan])[0]["status"] == "accepted"
    for _ in range(6):
        sender.run_once()
        clock.advance(1)
    assert len(receiver.requests) == 3  # 500, 503, then 200
    [message] = [m for m in service.visit_messages(tenant_id, visit["visit_id"])]
    assert (message["kind"], message["status"], message["attempts"]) == ("webhook", "sent", 2)
    for headers, body in receiver.requests:
        assert headers["Content-Type"] == "application/json"
        timestamp = headers[webhook.TIMESTAMP_HEADER]
        assert webhook.verify(secret, timestamp, body, headers[webhook.SIGNATURE_HEADER])
        assert not webhook.verify("another secret", timestamp, body,
                                  headers[webhook.SIGNATURE_HEADER])
    document = json.loads(receiver.requests[-1][1])
    assert document["text"].startswith("Ada Lovelace has arrived at Berlin HQ (Lobby 1, ")
    assert document["atrium"]["visit_id"] == visit["visit_id"]
    # a re-sent event posts nothing more
    service.push_checkins(device, [scan])
    sender.run_once()
    assert len(receiver.requests) == 3
    assert smtp.messages() == []  # no host in the directory: no e-mail


def test_a_receiver_whose_certificate_does_not_verify_holds_the_post(
    service: AtriumService, smtp: SmtpSink, receiver: Receiver, clock: FakeClock
) -> None:
    tenant_id = service.default_tenant()
    service.set_site_details(tenant_id, "Berlin HQ", webhook_url=receiver.url)
    sender = make_sender(service, smtp)  # trusts only the system CAs
    visit = service.create_visit(tenant_id, visitor="Ada Lovelace", host="Grace Hopper")
    device = service.authenticate(pair(service)[1])
    service.push_checkins(device, [event(visit["pass"], clock())])
    sender.run_once()
    [message] = service.visit_messages(tenant_id, visit["visit_id"])
    assert message["status"] == "held"
    assert "certificate of the webhook 127.0.0.1 does not verify" in message["last_error"]
    assert receiver.requests == []


@pytest.mark.parametrize("url", ["http://hooks.example.com/x", "ftp://x", "https://"])
def test_a_webhook_url_must_be_https(service: AtriumService, url: str) -> None:
    with pytest.raises(ServiceError) as caught:
        service.set_site_details(service.default_tenant(), "Berlin HQ", webhook_url=url)
    assert caught.value.code == "invalid_webhook"
