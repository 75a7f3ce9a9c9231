"""The kiosk's corrected clock: local time plus the offset measured at the last server contact."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from kiosk_app.core.answers import Policy
from kiosk_app.core.store import Store

OFFSET_KEY = "clock_offset"


def measure_offset(server_time: float, sent_at: float, received_at: float) -> float:
    """Offset so that local + offset = server time, assuming the reply took half the round trip."""
    return float(server_time) + (received_at - sent_at) / 2.0 - received_at


class Clock:
    """``now()`` is the local wall clock corrected by the stored server offset."""

    def __init__(self, store: Store, *, local_time: Callable[[], float] = time.time):
        self.store = store
        self.local_time = local_time

    @property
    def offset(self) -> float:
        """The stored offset; anything but a finite number (never stored now) counts as 0."""
        value = self.store.get(OFFSET_KEY, 0.0)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return 0.0
        return float(value) if math.isfinite(value) else 0.0

    def now(self) -> float:
        return self.local_time() + self.offset

    def offset_values(
        self, server_time: float, sent_at: float, received_at: float
    ) -> dict[str, object]:
        """Settings to store (inside the caller's transaction) for a fresh measurement."""
        return {OFFSET_KEY: measure_offset(server_time, sent_at, received_at)}

    @property
    def skew_flag_s(self) -> float:
        return Policy.from_setting(self.store.get("policy")).clock_skew_flag_s

    @property
    def skew_flagged(self) -> bool:
        """True when the local clock is off from the server by more than the policy allows."""
        return abs(self.offset) > self.skew_flag_s
