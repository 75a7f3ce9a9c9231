"""The sender inside a real server process: SIGKILL mid-delivery, then a restart."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from server_stub import tls
from server_stub.service import AtriumService
from tests.server.mail.conftest import FROM
from tests.server.mail.smtp_sink import SmtpSink

REPO = Path(__file__).resolve().parents[3]


class Server:
    """``atrium-server run`` as a subprocess of its own process group, to be SIGKILLed."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.log_path = data_dir / "server.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [sys.executable, "-m", "server_stub", "--data-dir", str(self.data_dir),
                   "run", "--port", str(self.port)]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(command, cwd=REPO, stdout=log, stderr=log,
                                            stdin=subprocess.DEVNULL, start_new_session=True)
        context = ssl.create_default_context(cafile=str(tls.ca_cert_path(self.data_dir)))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log_path.read_text()
            with contextlib.suppress(httpx.HTTPError):
                url = f"https://127.0.0.1:{self.port}/api/v1/health"
                if httpx.get(url, verify=context, timeout=2).is_success:
                    return
            time.sleep(0.1)
        raise AssertionError("the server did not start")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        self.process = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.process = None

pytestmark = pytest.mark.slow
COUNT = 5


def _wait(condition: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_sigkill_mid_delivery_each_message_arrives_with_the_same_message_id_on_a_repeat(
    tmp_path: Path, smtp: SmtpSink, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ATRIUM_SMTP_URL", smtp.url())
    monkeypatch.setenv("ATRIUM_SMTP_FROM", FROM)
    monkeypatch.setenv("ATRIUM_SMTP_CA_FILE", str(smtp.ca_file))
    monkeypatch.setenv("ATRIUM_SMTP_TIMEOUT", "3")  # a lease of 11 s
    data_dir = tmp_path / "server"
    service, tenant_id, _ = AtriumService.initialise(data_dir, "Acme Corp", "Berlin HQ")
    tls.create_tls_material(data_dir / tls.TLS_DIR, [], "Acme Corp")
    server = Server(data_dir)
    try:
        queued = {
            service.create_visit(tenant_id, visitor=f"Visitor {i}", host="Grace Hopper",
                                 visitor_email=f"v{i}@example.org")["invitation_id"]
            for i in range(COUNT)
        }
        smtp.answer_delay_s = 30  # the first message arrives; its "250 OK" never does
        server.start()
        assert smtp.arrived.wait(30), "the sender in the server did not deliver"
        server.kill()
        first = smtp.messages()
        assert len(first) == 1
        smtp.answer_delay_s = 0
        server.start()

        def everything_out() -> bool:
            return {m["Message-ID"] for m in smtp.messages()} >= {
                f"<{mid}@acme.example>" for mid in queued
            } and not service.outbox(tenant_id)

        _wait(everything_out, 60, "every invitation after the restart")
        ids = [m["Message-ID"] for m in smtp.messages()]
        assert set(ids) == {f"<{mid}@acme.example>" for mid in queued}
        assert ids.count(first[0]["Message-ID"]) == 2  # the unanswered one went again, same id
        assert len(ids) == COUNT + 1
        server.stop()  # a clean stop ends the sender thread with the process
        log = server.log_path.read_text(errors="replace")
        assert f"e-mail through 127.0.0.1:{smtp.port} as {FROM}" in log
        assert "s3cret-Mail-Pass" not in log
    finally:
        server.kill()
        service.close()
