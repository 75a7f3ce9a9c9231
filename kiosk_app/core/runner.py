"""SyncRunner: a background thread that syncs now and then, backing off while the server is away."""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kiosk_app.core.sync_errors import SyncErrorKind

if TYPE_CHECKING:
    from kiosk_app.core.sync import SyncEngine, SyncReport

log = logging.getLogger(__name__)

BACKOFF_KINDS = frozenset(
    {
        SyncErrorKind.UNREACHABLE,
        SyncErrorKind.SERVER_ERROR,
        SyncErrorKind.UNTRUSTED_CERTIFICATE,
        SyncErrorKind.THROTTLED,
        SyncErrorKind.STORAGE,
    }
)


class SyncRunner(threading.Thread):
    """Runs ``engine.run_once()`` every ``interval_s`` while online; full-jitter backoff otherwise.

    ``trigger()`` asks for an immediate round (ignored while offline unless ``force``), ``stop()``
    wakes and joins the thread, ``on_status`` gets a fresh status after every round.
    """

    def __init__(
        self,
        engine: SyncEngine,
        *,
        status_provider: Callable[[], Any] | None = None,
        on_status: Callable[[Any], None] | None = None,
        on_report: Callable[[SyncReport], None] | None = None,
        interval_s: float = 60.0,
        base_delay_s: float = 2.0,
        max_delay_s: float = 300.0,
        rng: random.Random | None = None,
    ):
        super().__init__(name="atrium-sync", daemon=True)
        self.engine = engine
        self.status_provider = status_provider
        self.on_status = on_status
        self.on_report = on_report
        self.interval_s = interval_s
        self.base_delay_s = base_delay_s
        self.max_delay_s = max_delay_s
        self.rng = rng or random.Random()  # noqa: S311 (jitter, not security)
        self.failures = 0
        self.online: bool | None = None
        self.last_report: SyncReport | None = None
        self._wake = threading.Event()
        self._stopping = threading.Event()

    def backoff_delay(self, failures: int) -> float:
        """Full jitter: uniform between 0 and min(cap, base * 2**failures)."""
        ceiling = min(self.max_delay_s, self.base_delay_s * (2 ** min(failures, 30)))
        return self.rng.uniform(0.0, ceiling)

    def next_delay(self, report: SyncReport) -> float:
        if report.ok or report.error_kind not in BACKOFF_KINDS:
            self.failures = 0
            return self.interval_s
        self.failures += 1
        delay = self.backoff_delay(self.failures)
        if report.retry_after is not None:
            delay = max(delay, report.retry_after)
        return max(delay, 0.05)

    def trigger(self, *, force: bool = False) -> None:
        """Sync as soon as possible: at once when online (or forced), else at the next retry."""
        if force or self.online is not False:
            self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        self._wake.set()
        if self.is_alive() and threading.current_thread() is not self:
            self.join(timeout)

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    def run(self) -> None:
        while not self._stopping.is_set():
            self._wake.clear()
            try:
                report = self.engine.run_once()
            except Exception:  # keep the thread alive; the store reports its own errors
                log.exception("sync round failed")
                report = None
            if report is None:
                delay = self.backoff_delay(self.failures + 1)
                self.failures += 1
            else:
                self.last_report = report
                self.online = report.online
                delay = self.next_delay(report)
            self.engine.next_retry_at = time.time() + delay
            self._publish(report)
            if self._wake.wait(delay):
                continue

    def _publish(self, report: SyncReport | None) -> None:
        try:
            if report is not None and self.on_report is not None:
                self.on_report(report)
            if self.on_status is not None and self.status_provider is not None:
                self.on_status(self.status_provider())
        except Exception:  # a failing listener must not stop syncing
            log.exception("sync status listener failed")
