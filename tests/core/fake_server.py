"""An in-process Atrium server behind httpx.MockTransport for the core unit tests."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
import nacl.signing

from kiosk_app.core.passes import PassClaims, key_to_text, new_jti, sign_pass, verify_pass

URL = "https://atrium.test"
TENANT, SITE = "ab12", "cd34"


@dataclass
class FakeAtrium:
    """Just enough of docs/api.md: redeem, pull, checkins; with switches for failure modes."""

    code: str = "123456"
    keys: dict[str, nacl.signing.SigningKey] = field(default_factory=dict)
    revocations: list[dict[str, Any]] = field(default_factory=list)
    visits: dict[str, dict[str, Any]] = field(default_factory=dict)
    ledger: dict[str, dict[str, Any]] = field(default_factory=dict)  # jti -> first event
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)  # event_id -> answer
    offline: bool = False
    revoked: bool = False
    throttle: float | None = None
    time_shift: float = 0.0
    drop_push_response: int = 0  # answers to drop after storing them (lost responses)
    requests: list[str] = field(default_factory=list)
    batch_sizes: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.keys:
            self.rotate_keys()

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def rotate_keys(self) -> str:
        kid = f"p{len(self.keys) + 1}"
        self.keys[kid] = nacl.signing.SigningKey.generate()
        return kid

    def now(self) -> float:
        return time.time() + self.time_shift

    def make_pass(
        self,
        *,
        visitor: str = "Ada Lovelace",
        host: str = "Grace Hopper",
        kid: str | None = None,
        site: str = SITE,
        tenant: str = TENANT,
        nbf: int | None = None,
        exp: int | None = None,
        visit_id: str | None = None,
    ) -> tuple[str, PassClaims]:
        kid = kid or sorted(self.keys)[-1]
        start = int(self.now()) - 60 if nbf is None else nbf
        claims = PassClaims(
            tenant=tenant,
            site=site,
            visit_id=visit_id or f"V{len(self.visits):07d}",
            jti=new_jti(),
            nbf=start,
            exp=start + 3600 if exp is None else exp,
        )
        self.visits[claims.visit_id] = {
            "visit_id": claims.visit_id,
            "jti": claims.jti,
            "display_name": visitor,
            "host_name": host,
            "nbf": claims.nbf,
            "exp": claims.exp,
        }
        return sign_pass(claims, self.keys[kid], kid), claims

    def cancel(self, visit_id: str) -> None:
        visit = self.visits.pop(visit_id)
        self.revocations.append(
            {"jti": visit["jti"], "visit_id": visit_id, "revoked_at": self.now()}
        )

    def _error(self, status: int, code: str, **extra: Any) -> httpx.Response:
        headers = {"Retry-After": str(int(extra["retry_after"]))} if "retry_after" in extra else {}
        body = {"detail": {"code": code, "message": code.replace("_", " "), **extra}}
        return httpx.Response(status, json=body, headers=headers)

    def handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path.removeprefix("/api/v1")
        self.requests.append(path)
        if self.offline:
            raise httpx.ConnectError("connection refused", request=request)
        if path == "/pairing/redeem":
            return self._redeem(json.loads(request.content))
        if request.headers.get("Authorization") != "Bearer device-token-1":
            return self._error(401, "unauthorized")
        if self.revoked:
            return self._error(401, "device_revoked")
        if path == "/device/pull":
            return self._pull(int(request.url.params.get("since", 0)))
        if path == "/device/checkins":
            return self._checkins(json.loads(request.content)["events"])
        return self._error(404, "not_found")

    def _key_list(self) -> list[dict[str, Any]]:
        return [
            {"kid": kid, "public_key": key_to_text(key.verify_key), "retired_at": None}
            for kid, key in self.keys.items()
        ]

    def _redeem(self, body: dict[str, Any]) -> httpx.Response:
        if self.throttle is not None:
            return self._error(429, "throttled", retry_after=self.throttle)
        if body.get("code") != self.code:
            return self._error(400, "invalid_code")
        return httpx.Response(
            200,
            json={
                "device_token": "device-token-1",
                "device_id": "d_0123456789",
                "kiosk_name": body.get("kiosk_name") or "Lobby 1",
                "tenant": {"id": TENANT, "name": "Acme Corp"},
                "site": {"id": SITE, "name": "Berlin HQ"},
                "keys": self._key_list(),
                "server_time": self.now(),
                "policy": {"trust_max_age_s": 259200, "clock_skew_flag_s": 7200},
            },
        )

    def _pull(self, since: int) -> httpx.Response:
        return httpx.Response(
            200,
            json={
                "server_time": self.now(),
                "watermark": len(self.revocations),
                "keys": self._key_list(),
                "revocations": self.revocations[since:],
                "expected_visits": list(self.visits.values()),
                "policy": {"trust_max_age_s": 259200, "clock_skew_flag_s": 7200},
                "site": {"id": SITE, "name": "Berlin HQ"},
                "kiosk_name": "Lobby 1",
            },
        )

    def _checkins(self, events: list[dict[str, Any]]) -> httpx.Response:
        if len(events) > 500:
            return self._error(413, "batch_too_large")
        self.batch_sizes.append(len(events))
        results = [self._one(event) for event in events]
        if self.drop_push_response > 0:
            self.drop_push_response -= 1
            raise httpx.ReadError("connection reset")
        return httpx.Response(200, json={"results": results})

    def _one(self, event: dict[str, Any]) -> dict[str, Any]:
        event_id = event["event_id"]
        if event_id in self.answers:
            return self.answers[event_id]
        pub = {kid: key.verify_key for kid, key in self.keys.items()}
        revoked = {r["jti"] for r in self.revocations}
        claims = verify_pass(
            event["pass"],
            keys=pub,
            tenant=TENANT,
            site=SITE,
            now=event["scanned_at"],
            is_revoked=revoked.__contains__,
        )
        first = self.ledger.get(claims.jti)
        if first is None:
            self.ledger[claims.jti] = {"event_id": event_id, "used_at": event["scanned_at"]}
            answer = {"event_id": event_id, "status": "accepted"}
        else:
            answer = {
                "event_id": event_id,
                "status": "duplicate",
                "first_used_at": first["used_at"],
                "first_used_by": "Lobby 2",
                "first_event_id": first["event_id"],
            }
        self.answers[event_id] = answer
        return answer
