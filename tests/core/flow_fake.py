"""FakeAtrium plus documents, hosts, walk-ins, exits and signed-record uploads (visit-flows.md)."""

from __future__ import annotations

import base64
import hashlib
import json
import struct
import threading
import zlib
from dataclasses import dataclass, field
from typing import Any

import httpx

from kiosk_app.core.signed_records import record_digest
from tests.core.fake_server import FakeAtrium


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def make_png(marker: bytes = b"", size: int = 1) -> bytes:
    """A valid transparent RGBA PNG; ``marker`` goes into a tEXt chunk (to find it in files)."""
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    pixels = b"".join(b"\0" + b"\0\0\0\0" * size for _ in range(size))
    chunks = _chunk(b"IHDR", header)
    if marker:
        chunks += _chunk(b"tEXt", b"Comment\0" + marker)
    chunks += _chunk(b"IDAT", zlib.compress(pixels)) + _chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


PNG = make_png()


def document(
    document_id: str, version: int, position: int, texts: dict[str, tuple[str, str]]
) -> dict[str, Any]:
    """A pull entry: texts maps language to (title, html)."""
    return {
        "document_id": document_id,
        "version": version,
        "position": position,
        "texts": [
            {
                "language": lang,
                "title": title,
                "html": html,
                "sha256": hashlib.sha256(html.encode()).hexdigest(),
            }
            for lang, (title, html) in texts.items()
        ],
    }


@dataclass
class FlowAtrium(FakeAtrium):
    documents: list[dict[str, Any]] = field(default_factory=list)
    hosts: list[dict[str, Any]] = field(default_factory=list)
    walk_ins_enabled: bool | None = True
    walk_ins: list[dict[str, Any]] = field(default_factory=list)
    visit_extra: dict[str, dict[str, Any]] = field(default_factory=dict)  # visit id -> fields
    checked_out: set[str] = field(default_factory=set)  # jti or walk-in event id
    stored: dict[str, dict[str, Any]] = field(default_factory=dict)  # record id -> record
    signature_status: int | None = None  # answer every upload with this error status
    signature_code: str = "hash_mismatch"
    fail_after_stored: int | None = None  # 503 for every upload once this many are stored
    host_notified: bool = True
    lock: threading.Lock = field(default_factory=threading.Lock)  # uploads run in parallel

    def handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path.removeprefix("/api/v1")
        if path != "/device/signatures" or self.offline:
            return super().handle(request)
        self.requests.append(path)
        if request.headers.get("Authorization") != "Bearer device-token-1":
            return self._error(401, "unauthorized")
        with self.lock:
            return self._signature(json.loads(request.content))

    def _signature(self, body: dict[str, Any]) -> httpx.Response:
        if self.signature_status is not None:
            return self._error(self.signature_status, self.signature_code)
        if self.fail_after_stored is not None and len(self.stored) >= self.fail_after_stored:
            return self._error(503, "server_busy")
        if body["event_id"] not in self.answers:
            return self._error(409, "unknown_event")
        png = base64.b64decode(body["signature_png"])
        if record_digest(body["html"], png) != body["sha256"]:
            return self._error(422, "hash_mismatch")
        self.stored[body["record_id"]] = body
        return httpx.Response(200, json={"record_id": body["record_id"], "status": "stored"})

    def _pull(self, since: int) -> httpx.Response:
        response = super()._pull(since)
        data = json.loads(response.content)
        for visit in data["expected_visits"]:
            visit.update(self.visit_extra.get(visit["visit_id"], {}))
        data["documents"] = self.documents
        data["hosts"] = self.hosts
        data["walk_ins"] = self.walk_ins
        if self.walk_ins_enabled is not None:
            data["site"]["walk_ins"] = self.walk_ins_enabled
        return httpx.Response(200, json=data)

    def _one(self, event: dict[str, Any]) -> dict[str, Any]:
        kind = event.get("kind", "entry")
        if kind == "entry":
            return super()._one(event)
        event_id = event["event_id"]
        if event_id in self.answers:
            return self.answers[event_id]
        if kind == "walk_in":
            answer = {
                "event_id": event_id,
                "status": "accepted",
                "visit_id": f"W{len(self.answers):07d}",
                "host_notified": self.host_notified,
            }
            self.walk_in_events = [*getattr(self, "walk_in_events", []), event]
        else:
            key = event.get("walk_in_event_id") or self._jti(event)
            if key in self.checked_out:
                answer = {
                    "event_id": event_id,
                    "status": "duplicate",
                    "reason": "already_checked_out",
                }
            else:
                self.checked_out.add(key)
                answer = {"event_id": event_id, "status": "accepted"}
        self.answers[event_id] = answer
        return answer

    @staticmethod
    def _jti(event: dict[str, Any]) -> str:
        from kiosk_app.core.passes import peek_claims

        claims = peek_claims(event["pass"])
        assert claims is not None
        return claims.jti
