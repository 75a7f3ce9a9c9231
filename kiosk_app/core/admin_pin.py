"""AdminPin: the staff PIN for the kiosk's admin screen (salted argon2id, lock-out after 5 tries).

The lock-out protects the touchscreen; the stored record must protect itself offline, so one
guess costs about a quarter of a second and 128 MiB (see benchmarks/pin_cost.py). Records of
older versions (scrypt) keep verifying and are rewritten with the current cost on the next
successful unlock.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

import argon2.low_level

from kiosk_app.core.catalogue import QT_TRANSLATE_NOOP, Translate, untranslated
from kiosk_app.core.store import Store

PIN_KEY = "admin_pin"
FAILURES_KEY = "admin_pin_failures"
MAX_TRIES = 5
LOCK_S = 300.0
KDF = "argon2id"
ARGON2 = {"t": 2, "m": 128 * 1024, "p": 1}  # time cost, memory in KiB, lanes
RECOMMENDED_DIGITS = 6  # 6 to 8 digits: an offline search of every PIN takes days
PIN_GUESS_S = 0.25  # one guess with ARGON2 on one core (benchmarks/pin_cost.py measures it)


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


def _argon2(pin: str, salt: bytes, t: int, m: int, p: int) -> bytes:
    return argon2.low_level.hash_secret_raw(
        pin.encode("ascii"),
        salt,
        time_cost=t,
        memory_cost=m,
        parallelism=p,
        hash_len=32,
        type=argon2.low_level.Type.ID,
    )


def new_record(pin: str) -> dict[str, object]:
    """The stored form of a PIN: salt, argon2id hash and its parameters."""
    salt = secrets.token_bytes(16)
    return {"kdf": KDF, "salt": salt.hex(), "hash": _argon2(pin, salt, **ARGON2).hex(), **ARGON2}


def record_hash(record: dict[str, object], pin: str) -> bytes:
    """The hash of ``pin`` under the record's own KDF and parameters (current or older)."""
    salt = bytes.fromhex(str(record["salt"]))
    if record.get("kdf") == KDF:
        return _argon2(pin, salt, int(record["t"]), int(record["m"]), int(record["p"]))  # type: ignore[call-overload]
    # records written before argon2id: scrypt with n, r, p
    n, r, p = (int(record[k]) for k in ("n", "r", "p"))  # type: ignore[call-overload]
    return hashlib.scrypt(pin.encode("ascii"), salt=salt, n=n, r=r, p=p, dklen=32, maxmem=2**28)


def is_current(record: dict[str, object]) -> bool:
    return record.get("kdf") == KDF and all(record.get(k) == v for k, v in ARGON2.items())


def offline_search_hours(digits: int) -> float:
    """Hours one core needs to try every PIN of this length against a stolen record."""
    return 10**digits * PIN_GUESS_S / 3600


# what a short PIN costs: %1 is its length, %n the time one core needs to try every such PIN
WEAK_PIN_MINUTES = QT_TRANSLATE_NOOP(
    "Pairing",
    "A %1-digit PIN can be found in about %n minutes from a stolen copy of this kiosk's data. "
    "6 to 8 digits are recommended.",
)
WEAK_PIN_HOURS = QT_TRANSLATE_NOOP(
    "Pairing",
    "A %1-digit PIN can be found in about %n hours from a stolen copy of this kiosk's data. "
    "6 to 8 digits are recommended.",
)


def short_pin_warning(pin: str, translate: Translate = untranslated) -> str | None:
    """What a PIN shorter than recommended costs; None for 6 to 8 digits."""
    if len(pin) >= RECOMMENDED_DIGITS:
        return None
    hours = offline_search_hours(len(pin))
    if hours < 2:
        text = translate("Pairing", WEAK_PIN_MINUTES, max(2, round(hours * 60)))
    else:
        text = translate("Pairing", WEAK_PIN_HOURS, round(hours))
    return text.replace("%1", str(len(pin)))


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
        record = new_record(pin)
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
        if hmac.compare_digest(record_hash(record, candidate), expected) and candidate:
            updates: dict[str, object] = {FAILURES_KEY: {"count": 0, "locked_until": None}}
            if not is_current(record):
                updates[PIN_KEY] = new_record(candidate)  # upgrade an older, cheaper record
            self.store.set_many(updates)
            return PinCheck(PinStatus.OK)
        count += 1
        if count >= MAX_TRIES:
            until = now + LOCK_S
            self.store.set(FAILURES_KEY, {"count": count, "locked_until": until})
            return PinCheck(PinStatus.LOCKED, 0, until)
        self.store.set(FAILURES_KEY, {"count": count, "locked_until": None})
        return PinCheck(PinStatus.WRONG, MAX_TRIES - count)
