"""The real server app in this process, reached by the kiosk's httpx client without sockets.

``RealAtrium`` serves ``server_stub.app.create_app`` through Starlette's test transport (ASGI
in-process), so the kiosk tests exercise the real wire contract, not a copy of it. The
administration (pairing codes, visits, cancellations, key rotation, revocation) goes through
an ``EmbeddedServer`` over the same data dir that is never started. ``FaultTransport`` sits in
between for the faults a real server does not produce on demand: refused connections and
answers lost after the server stored them.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient

from kiosk_app.core.passes import PassClaims, peek_claims
from server_stub.app import create_app
from server_stub.embedded import EmbeddedServer

URL = "https://atrium.test"  # any host: the transport never opens a socket


class FaultTransport(httpx.BaseTransport):
    """Records paths and batch sizes; can refuse connections or lose push answers."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.offline = False
        self.drop_push_response = 0  # answers to lose after the server stored them
        self.requests: list[str] = []
        self.batch_sizes: list[int] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path.removeprefix("/api/v1")
        self.requests.append(path)
        if self.offline:
            raise httpx.ConnectError("connection refused", request=request)
        if path == "/device/checkins":
            self.batch_sizes.append(len(json.loads(request.read())["events"]))
        response = self.inner.handle_request(request)
        if path == "/device/checkins" and self.drop_push_response > 0:
            self.drop_push_response -= 1
            response.read()
            raise httpx.ReadError("connection reset", request=request)
        return response


class RealAtrium:
    """The real app behind a FaultTransport, with helpers that administer its data dir."""

    def __init__(self, data_dir: Path) -> None:
        self.admin = EmbeddedServer(data_dir)
        self.admin.devices()  # opens (or initialises) the data dir
        self.time_shift = 0.0
        self.app = create_app(data_dir, clock=lambda: time.time() + self.time_shift)
        self._client = TestClient(self.app, base_url=URL)
        self._client.__enter__()
        self.transport = FaultTransport(self._client._transport)

    @classmethod
    def copy_of(cls, template: Path, data_dir: Path) -> RealAtrium:
        shutil.copytree(template, data_dir)
        return cls(data_dir)

    def close(self) -> None:
        self._client.__exit__(None, None, None)
        self.app.state.service.close()
        self.admin.close()

    @property
    def offline(self) -> bool:
        return self.transport.offline

    @offline.setter
    def offline(self, value: bool) -> None:
        self.transport.offline = value

    def code(self, kiosk_name: str = "Lobby 1") -> str:
        """A fresh pairing code (each code pairs one kiosk)."""
        return self.admin.pairing_code(kiosk_name)

    def make_pass(
        self,
        *,
        visitor: str = "Ada Lovelace",
        host: str = "Grace Hopper",
        nbf: float | None = None,
        exp: float | None = None,
    ) -> tuple[str, PassClaims]:
        """Register a visit on the server; its pass text and claims."""
        visit = self.admin.create_visit(
            visitor,
            host,
            dt.datetime.fromtimestamp(nbf, dt.UTC) if nbf is not None else None,
            dt.datetime.fromtimestamp(exp, dt.UTC) if exp is not None else None,
        )
        claims = peek_claims(visit["pass"])
        assert claims is not None
        return visit["pass"], claims

    def rotate_keys(self) -> str:
        """A new active pass key; the old one stays published while its passes are valid."""
        return self.admin.rotate_keys()

    def cancel(self, visit_id: str) -> None:
        self.admin.cancel_visit(visit_id)

    def checkins(self) -> list[dict[str, Any]]:
        return self.admin.checkins()

    def revoke(self, device_id: str) -> None:
        self.admin.revoke_device(device_id)
