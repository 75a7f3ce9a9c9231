"""AdminPin: 4-8 digits, argon2id hash, five wrong tries lock it (and a restart keeps the lock)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk_app.core.admin_pin import LOCK_S, AdminPin, PinError, PinStatus
from kiosk_app.core.store import Store


@pytest.fixture
def store(tmp_path: Path):
    store = Store.open(tmp_path)
    yield store
    store.close()


def test_pin_not_set_is_reported(store: Store) -> None:
    assert AdminPin(store).check("1234").status == PinStatus.NOT_SET


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", "", "١٢٣٤"])
def test_pin_must_be_4_to_8_ascii_digits(store: Store, pin: str) -> None:
    with pytest.raises(PinError):
        AdminPin(store).set(pin)


def test_pin_is_stored_as_salted_hash(store: Store) -> None:
    pin = AdminPin(store)
    pin.set("4711")
    record = store.get("admin_pin")
    assert isinstance(record, dict) and "4711" not in str(record)
    assert pin.check("4711").ok
    assert pin.check("4712").status == PinStatus.WRONG


def test_five_wrong_tries_lock_and_the_lock_survives_a_restart(tmp_path: Path) -> None:
    clock = [1000.0]
    store = Store.open(tmp_path)
    pin = AdminPin(store, now=lambda: clock[0])
    pin.set("2468")
    tries = [pin.check("0000") for _ in range(4)]
    assert [t.tries_left for t in tries] == [4, 3, 2, 1]
    locked = pin.check("0000")
    assert locked.status == PinStatus.LOCKED and locked.locked_until == 1000.0 + LOCK_S
    store.close()

    store = Store.open(tmp_path)
    pin = AdminPin(store, now=lambda: clock[0])
    assert pin.check("2468").status == PinStatus.LOCKED  # the right PIN does not help now
    clock[0] += LOCK_S + 1
    assert pin.check("2468").ok
    assert pin.check("0000").tries_left == 4  # a good PIN resets the count
    store.close()
