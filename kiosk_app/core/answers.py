"""Typed, validated views of the server's pairing, pull and push answers, checked before storing."""

from __future__ import annotations

import dataclasses
import json
import math
import re
from dataclasses import dataclass
from typing import Any

from kiosk_app.core import flow_answers
from kiosk_app.core.flow_answers import Document, Host, VisitState, WalkInOnSite
from kiosk_app.core.passes import key_from_text

MAX_COUNTER = 2**62  # watermarks and pass times; SQLite INTEGER holds up to 2**63 - 1
MAX_TEXT = 200
ANSWER_STATUSES = frozenset({"accepted", "duplicate", "rejected"})
DEFAULT_TRUST_MAX_AGE_S = 259200.0
DEFAULT_SKEW_FLAG_S = 7200.0
MAX_POLICY_S = 10 * 365 * 86400.0
_ID = re.compile(r"[A-Za-z0-9_.:-]{1,64}")


class AnswerError(ValueError):
    """A server answer with a missing, mistyped or out-of-range field; the message names it."""


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def finite_time(value: object, name: str) -> float:
    """A finite, non-negative Unix time (NaN and Infinity, which Python's json reads, refused)."""
    if not _is_number(value) or not 0 <= value < MAX_COUNTER:  # type: ignore[operator]
        raise AnswerError(f"{name} is not a valid time")  # ints compared exactly: 10**400 too
    if not math.isfinite(value):  # type: ignore[arg-type]
        raise AnswerError(f"{name} is not a valid time")
    return float(value)  # type: ignore[arg-type]


def optional_time(value: object, name: str) -> float | None:
    return None if value is None else finite_time(value, name)


def counter(value: object, name: str) -> int:
    """A whole number in 0..2**62 (an integral float such as 42.0 is taken as 42)."""
    if _is_number(value) and isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_COUNTER:
        raise AnswerError(f"{name} is not a whole number between 0 and 2**62")
    return value


def identifier(value: object, name: str) -> str:
    """A short id (kid, jti, visit id, event id)."""
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise AnswerError(f"{name} is not a valid id")
    return value


def optional_identifier(value: object, name: str) -> str | None:
    return None if value is None else identifier(value, name)


def optional_text(value: object, name: str) -> str | None:
    """A display text of at most MAX_TEXT characters, or None."""
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise AnswerError(f"{name} is not a text of at most {MAX_TEXT} characters")
    return value


def _entries(value: object, name: str) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        raise AnswerError(f"{name} is not a list of objects")
    return value


@dataclass(frozen=True)
class PassKey:
    kid: str
    public_key: str
    retired_at: float | None

    def row(self) -> tuple[str, str, float | None]:
        return (self.kid, self.public_key, self.retired_at)


def pass_keys(value: object) -> list[PassKey]:
    """The pass-verification key set; at least one key, each a valid Ed25519 public key."""
    keys = []
    for entry in _entries(value, "keys"):
        public_key = entry.get("public_key")
        if not isinstance(public_key, str):
            raise AnswerError("a key's public_key is not text")
        try:
            key_from_text(public_key)
        except ValueError:
            raise AnswerError("a key's public_key is not an Ed25519 key") from None
        kid = identifier(entry.get("kid"), "a key's kid")
        keys.append(PassKey(kid, public_key, optional_time(entry.get("retired_at"), "retired_at")))
    if not keys:
        raise AnswerError("the server sent no pass keys")
    return keys


@dataclass(frozen=True)
class Policy:
    """How long trust data stays fresh and how far the clock may drift before it is flagged."""

    trust_max_age_s: float = DEFAULT_TRUST_MAX_AGE_S
    clock_skew_flag_s: float = DEFAULT_SKEW_FLAG_S

    @classmethod
    def parse(cls, value: object) -> Policy:
        """Strict: each known field, when present, is a finite number of seconds above zero."""
        if not isinstance(value, dict):
            raise AnswerError("policy is not an object")
        fields = {}
        for name in ("trust_max_age_s", "clock_skew_flag_s"):
            if name in value:
                seconds = value[name]
                if not _is_number(seconds) or not 0 < seconds <= MAX_POLICY_S:
                    raise AnswerError(f"policy {name} is not a number of seconds")
                fields[name] = float(seconds)
        return cls(**fields)

    @classmethod
    def from_setting(cls, value: object) -> Policy:
        """Lenient, for what is already stored: anything unusable gives the defaults."""
        try:
            return cls.parse(value)
        except AnswerError:
            return cls()

    def to_setting(self) -> dict[str, float]:
        return {
            "trust_max_age_s": self.trust_max_age_s,
            "clock_skew_flag_s": self.clock_skew_flag_s,
        }


@dataclass(frozen=True)
class Revocation:
    jti: str
    visit_id: str | None
    revoked_at: float | None

    def row(self) -> tuple[str, str | None, float | None]:
        return (self.jti, self.visit_id, self.revoked_at)


@dataclass(frozen=True)
class ExpectedVisit:
    visit_id: str
    jti: str | None
    display_name: str | None
    host_name: str | None
    nbf: int
    exp: int
    state: VisitState = dataclasses.field(default_factory=VisitState)

    def row(self) -> tuple[object, ...]:
        """Values for expected_visits' columns, in ``EXPECTED_VISIT_COLUMNS`` order."""
        signed = [{"document_id": d, "version": v} for d, v in self.state.signed]
        return (
            self.visit_id,
            self.jti,
            self.display_name,
            self.host_name,
            self.nbf,
            self.exp,
            self.state.company,
            self.state.checked_in_at,
            self.state.checked_out_at,
            json.dumps(signed),
        )


EXPECTED_VISIT_COLUMNS = (
    "visit_id, jti, display_name, host_name, nbf, exp, company, checked_in_at, checked_out_at, "
    "signed"
)


def _revocation(entry: dict[str, Any]) -> Revocation:
    return Revocation(
        jti=identifier(entry.get("jti"), "a revocation's jti"),
        visit_id=optional_identifier(entry.get("visit_id"), "a revocation's visit_id"),
        revoked_at=optional_time(entry.get("revoked_at"), "revoked_at"),
    )


def _expected_visit(entry: dict[str, Any]) -> ExpectedVisit:
    return ExpectedVisit(
        visit_id=identifier(entry.get("visit_id"), "an expected visit's visit_id"),
        jti=optional_identifier(entry.get("jti"), "an expected visit's jti"),
        display_name=optional_text(entry.get("display_name"), "display_name"),
        host_name=optional_text(entry.get("host_name"), "host_name"),
        nbf=counter(entry.get("nbf"), "an expected visit's nbf"),
        exp=counter(entry.get("exp"), "an expected visit's exp"),
        state=flow_answers.visit_state(entry),
    )


@dataclass(frozen=True)
class PullAnswer:
    """``GET /device/pull`` as the kiosk may store it; ``policy`` None keeps the stored one."""

    server_time: float
    watermark: int
    keys: list[PassKey]
    revocations: list[Revocation]
    expected_visits: list[ExpectedVisit]
    policy: Policy | None
    site_name: str | None
    kiosk_name: str | None
    documents: list[Document] = dataclasses.field(default_factory=list)
    hosts: list[Host] = dataclasses.field(default_factory=list)
    walk_ins: list[WalkInOnSite] = dataclasses.field(default_factory=list)
    walk_ins_enabled: bool | None = None  # None: the server does not know walk-ins

    @classmethod
    def parse(cls, data: dict[str, Any], *, since: int) -> PullAnswer:
        """Raises AnswerError on the first field the kiosk cannot use; nothing half-taken."""
        site = data.get("site")
        if site is not None and not isinstance(site, dict):
            raise AnswerError("site is not an object")
        return cls(
            server_time=finite_time(data.get("server_time"), "server_time"),
            watermark=counter(data.get("watermark", since), "watermark"),
            keys=pass_keys(data.get("keys")),
            revocations=[_revocation(e) for e in _entries(data.get("revocations"), "revocations")],
            expected_visits=[
                _expected_visit(e) for e in _entries(data.get("expected_visits"), "expected_visits")
            ],
            policy=None if data.get("policy") is None else Policy.parse(data["policy"]),
            site_name=optional_text((site or {}).get("name"), "site name") or None,
            kiosk_name=optional_text(data.get("kiosk_name"), "kiosk_name") or None,
            documents=flow_answers.documents(data.get("documents")),
            hosts=flow_answers.hosts(data.get("hosts")),
            walk_ins=flow_answers.walk_ins(data.get("walk_ins")),
            walk_ins_enabled=flow_answers.walk_ins_enabled(site),
        )


@dataclass(frozen=True)
class PushResult:
    """One per-event answer of ``POST /device/checkins``; mistyped detail fields become None."""

    event_id: str
    status: str
    reason: str | None = None
    first_used_at: float | None = None
    first_used_by: str | None = None
    first_event_id: str | None = None
    visit_id: str | None = None  # walk-in: the visit the server made
    host_notified: bool | None = None  # walk-in: an arrival message was queued

    @classmethod
    def parse(cls, entry: object) -> PushResult | None:
        """None for an entry that names no event or no known status (the event stays queued)."""
        if not isinstance(entry, dict):
            return None
        event_id, status = entry.get("event_id"), entry.get("status")
        if not isinstance(event_id, str) or not isinstance(status, str):
            return None
        if status not in ANSWER_STATUSES:
            return None
        return cls(
            event_id=event_id,
            status=status,
            reason=_or_none(optional_text, entry.get("reason"), "reason"),
            first_used_at=_or_none(optional_time, entry.get("first_used_at"), "first_used_at"),
            first_used_by=_or_none(optional_text, entry.get("first_used_by"), "first_used_by"),
            first_event_id=_or_none(optional_text, entry.get("first_event_id"), "first_event_id"),
            visit_id=_or_none(optional_identifier, entry.get("visit_id"), "visit_id"),
            host_notified=(
                entry["host_notified"] if isinstance(entry.get("host_notified"), bool) else None
            ),
        )

    def to_dict(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


def push_results(value: object) -> list[PushResult]:
    """The usable entries of a push answer's ``results`` (anything else is skipped)."""
    entries = value if isinstance(value, list) else []
    return [result for result in map(PushResult.parse, entries) if result is not None]


def _or_none(parse: Any, value: object, name: str) -> Any:
    try:
        return parse(value, name)
    except AnswerError:
        return None


@dataclass(frozen=True)
class PairingAnswer:
    """``POST /pairing/redeem`` as the kiosk may store it."""

    device_token: str
    device_id: str
    kiosk_name: str | None
    tenant_id: str
    tenant_name: str | None
    site_id: str
    site_name: str | None
    keys: list[PassKey]
    server_time: float
    policy: Policy

    @classmethod
    def parse(cls, data: dict[str, Any]) -> PairingAnswer:
        tenant, site, token = data.get("tenant"), data.get("site"), data.get("device_token")
        if not isinstance(tenant, dict) or not isinstance(site, dict):
            raise AnswerError("tenant or site is not an object")
        if not isinstance(token, str) or not token.strip() or len(token) > 8192:
            raise AnswerError("device_token is not a token")
        policy = data.get("policy")
        return cls(
            device_token=token.strip(),
            device_id=identifier(data.get("device_id"), "device_id"),
            kiosk_name=optional_text(data.get("kiosk_name"), "kiosk_name") or None,
            tenant_id=identifier(tenant.get("id"), "tenant id"),
            tenant_name=optional_text(tenant.get("name"), "tenant name") or None,
            site_id=identifier(site.get("id"), "site id"),
            site_name=optional_text(site.get("name"), "site name") or None,
            keys=pass_keys(data.get("keys")),
            server_time=finite_time(data.get("server_time"), "server_time"),
            policy=Policy() if policy is None else Policy.parse(policy),
        )
