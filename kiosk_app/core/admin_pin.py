"""AdminPin: the staff PIN for the kiosk's admin screen (salted scrypt, lock-out after 5 tries)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from kiosk_app.core.store import Store

PIN_KEY = "admin_pin"
FAILURES_KEY = "admin_pin_failures"
MAX_TRIES = 5
LOCK_S = 300.0
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


class PinError(ValueError):
    """A PIN that cannot be set (not 4 to 8 digits)."""


class PinStatus(StrEnum):
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"
    NOT_SET = "not_set"


@dataclass(frozen=True)
class PinCheck:
    """The answer to a PIN attempt: ``ok``, tries left after a wrong one, or locked until when."""

    status: PinStatus
    tries_left: int = MAX_TRIES
    locked_until: float | None = None

    @property
    def ok(self) -> bool:
        return self.status == PinStatus.OK


def validate_pin(pin: str) -> str:
    if not isinstance(pin, str) or not pin.isascii() or not pin.isdigit() or not 4 <= len(pin) <= 8:
        raise PinError("The admin PIN must have 4 to 8 digits.")
    return pin


def _hash(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode("ascii"), salt=salt, n=n, r=r, p=p, dklen=32)


class AdminPin:
    """Stored in the settings table; wrong tries persist, so a restart does not reset the lock."""

    def __init__(self, store: Store, *, now: Callable[[], float] = time.time):
        self.store = store
        self.now = now

    @property
    def is_set(self) -> bool:
        return isinstance(self.store.get(PIN_KEY), dict)

    def set(self, pin: str) -> None:
        validate_pin(pin)
        salt = secrets.token_bytes(16)
        record = {"salt": salt.hex(), "hash": _hash(pin, salt, **_SCRYPT).hex(), **_SCRYPT}
        self.store.set_many({PIN_KEY: record, FAILURES_KEY: {"count": 0, "locked_until": None}})

    def clear(self) -> None:
        self.store.delete_settings(PIN_KEY, FAILURES_KEY)

    def _failures(self) -> tuple[int, float | None]:
        raw = self.store.get(FAILURES_KEY) or {}
        if not isinstance(raw, dict):
            return 0, None
        return int(raw.get("count", 0)), raw.get("locked_until")

    def check(self, pin: str) -> PinCheck:
        record = self.store.get(PIN_KEY)
        if not isinstance(record, dict):
            return PinCheck(PinStatus.NOT_SET)
        count, locked_until = self._failures()
        now = self.now()
        if locked_until is not None and now < float(locked_until):
            return PinCheck(PinStatus.LOCKED, 0, float(locked_until))
        if locked_until is not None:
            count = 0  # the lock has run out: a fresh set of tries
        candidate = pin if isinstance(pin, str) and pin.isascii() else ""
        expected = bytes.fromhex(record["hash"])
        actual = _hash(
            candidate, bytes.fromhex(record["salt"]), record["n"], record["r"], record["p"]
        )
        if hmac.compare_digest(actual, expected) and candidate:
            self.store.set(FAILURES_KEY, {"count": 0, "locked_until": None})
            return PinCheck(PinStatus.OK)
        count += 1
        if count >= MAX_TRIES:
            until = now + LOCK_S
            self.store.set(FAILURES_KEY, {"count": count, "locked_until": until})
            return PinCheck(PinStatus.LOCKED, 0, until)
        self.store.set(FAILURES_KEY, {"count": count, "locked_until": None})
        return PinCheck(PinStatus.WRONG, MAX_TRIES - count)
