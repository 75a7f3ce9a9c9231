"""Fixtures for the e-mail tests (with the server fixtures): a real SMTP server and a sender."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from server_stub.mail.sender import Sender, SenderPolicy
from server_stub.mail.smtp import SmtpConfig
from server_stub.service import AtriumService
from tests.server.mail.smtp_sink import SmtpSink, make_tls

FROM = "Atrium Reception <reception@acme.example>"
FAST = SenderPolicy(batch=10, poll_s=0.05, backoff_s=0.05, max_backoff_s=0.2, max_attempts=8)


@pytest.fixture(scope="session")
def tls_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The server's own CA and a localhost certificate from it, for the mail server."""
    return make_tls(tmp_path_factory.mktemp("mail-tls"))


@pytest.fixture
def smtp(tls_dir: Path) -> Iterator[SmtpSink]:
    sink = SmtpSink(tls_dir).start()
    yield sink
    sink.stop()


def make_sender(
    service: AtriumService, sink: SmtpSink, url: str | None = None, **policy: float
) -> Sender:
    config = SmtpConfig.from_url(url or sink.url(), sink.ca_file, timeout_s=5)
    rules = SenderPolicy(**{**FAST.__dict__, **policy})
    return Sender(service.store, config, FROM, service.clock, rules)


@pytest.fixture
def sender(service: AtriumService, smtp: SmtpSink) -> Sender:
    return make_sender(service, smtp)
