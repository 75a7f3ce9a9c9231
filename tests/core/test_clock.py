"""Clock: offset from server time with half the round trip, skew flag over the policy limit."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk_app.core.clock import Clock, measure_offset
from kiosk_app.core.store import Store


def test_offset_uses_half_the_round_trip() -> None:
    # Request left at 100, answer at 102: the server said 1000 at about local 101.
    assert measure_offset(1000.0, 100.0, 102.0) == pytest.approx(899.0)


def test_now_is_local_time_plus_offset_and_skew_is_flagged(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    clock = Clock(store, local_time=lambda: 5000.0)
    assert clock.now() == 5000.0 and not clock.skew_flagged
    store.set_many(clock.offset_values(5000.0 + 3 * 3600, sent_at=4999.0, received_at=5001.0))
    assert clock.now() == pytest.approx(5000.0 + 3 * 3600)
    assert clock.skew_flagged
    store.set_many(clock.offset_values(5000.0 + 60, sent_at=5000.0, received_at=5000.0))
    assert not clock.skew_flagged
    store.set("policy", {"clock_skew_flag_s": 30})
    assert clock.skew_flagged
    store.close()
