"""The stored admin-PIN record is expensive offline; old scrypt records verify and upgrade."""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path

import pytest

from kiosk_app.core.admin_pin import (
    ARGON2,
    PIN_KEY,
    AdminPin,
    PinStatus,
    offline_search_hours,
    short_pin_warning,
)
from kiosk_app.core.store import Store


@pytest.fixture
def store(tmp_path: Path):
    store = Store.open(tmp_path)
    yield store
    store.close()


def old_scrypt_record(pin: str) -> dict[str, object]:
    """A record as earlier versions wrote it (scrypt n=2^14: 40 ms a guess)."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    return {"salt": salt.hex(), "hash": digest.hex(), "n": 2**14, "r": 8, "p": 1}


def test_a_new_record_is_argon2id_with_128_mib(store: Store) -> None:
    AdminPin(store).set("246813")
    record = store.get(PIN_KEY)
    assert record["kdf"] == "argon2id"
    assert record["m"] >= 128 * 1024 and record["t"] >= 2
    assert {k: record[k] for k in ARGON2} == ARGON2


def test_an_old_scrypt_record_verifies_and_is_upgraded_on_unlock(store: Store) -> None:
    store.set(PIN_KEY, old_scrypt_record("2468"))
    pin = AdminPin(store)
    assert pin.check("1357").status == PinStatus.WRONG
    assert "kdf" not in store.get(PIN_KEY), "a wrong PIN never rewrites the record"
    assert pin.check("2468").ok
    upgraded = store.get(PIN_KEY)
    assert upgraded["kdf"] == "argon2id"
    assert pin.check("2468").ok
    assert pin.check("1357").status == PinStatus.WRONG


def test_every_six_digit_pin_takes_days_and_short_pins_are_warned() -> None:
    assert offline_search_hours(6) / 24 >= 2
    assert short_pin_warning("246813") is None
    assert short_pin_warning("24681357") is None
    warning = short_pin_warning("2468")
    assert warning is not None and "4-digit" in warning and "6 to 8" in warning
