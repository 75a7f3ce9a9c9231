"""Archival PDFs rendered in the background: the upload is answered once the record is stored.

One daemon thread per server process, started by the first upload. It first takes the
records that still lack a PDF (a process that stopped before rendering them), then each
record submitted since. A PDF that fails to render is logged (no names, no ids of people)
and rendered when someone downloads it (``signatures.pdf`` renders a missing one on demand).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable

log = logging.getLogger("atrium.server")
Job = tuple[str, str]  # (tenant id, record id)
_STOP: Job = ("", "")
# Rendering is pure Python and competes with the request threads for the interpreter: a burst
# of uploads (a kiosk draining its queue) is answered first, and rendering starts once no
# upload came for QUIET_S, or when a PDF has waited MAX_WAIT_S (docs/figures.md).
QUIET_S = 1.0
MAX_WAIT_S = 60.0


class PdfWorker:
    def __init__(
        self, render: Callable[[str, str], object], pending: Callable[[], list[Job]]
    ) -> None:
        self._render, self._pending = render, pending
        self._queue: queue.Queue[tuple[Job, float]] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._last_submit = 0.0

    def submit(self, tenant_id: str, record_id: str) -> None:
        """Render this record's PDF soon (starting the thread on first use)."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="atrium-pdf", daemon=True
                )
                self._thread.start()
        self._last_submit = time.monotonic()
        self._queue.put(((tenant_id, record_id), self._last_submit))

    def drain(self, timeout: float = 30.0) -> bool:
        """Wait until every submitted PDF is rendered (tests, benchmarks); False on timeout."""
        deadline = time.monotonic() + timeout
        while self._queue.unfinished_tasks:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    def close(self) -> None:
        with self._lock:
            thread = self._thread
        if thread is not None and thread.is_alive():
            self._queue.put((_STOP, 0.0))
            thread.join(timeout=10)

    def _wait_for_quiet(self, queued_at: float) -> None:
        while True:
            now = time.monotonic()
            quiet_for = now - self._last_submit
            if quiet_for >= QUIET_S or now - queued_at >= MAX_WAIT_S:
                return
            time.sleep(min(QUIET_S - quiet_for, 0.25))

    def _run(self) -> None:
        try:
            for job in self._pending():
                self._queue.put((job, time.monotonic()))
        except Exception as exc:
            log.warning("archival PDFs: could not list the missing ones (%s)", type(exc).__name__)
        while True:
            job, queued_at = self._queue.get()
            try:
                if job == _STOP:
                    return
                self._wait_for_quiet(queued_at)
                self._render(*job)
            except Exception as exc:
                log.warning(
                    "archival PDF not rendered (%s); it is rendered when downloaded",
                    type(exc).__name__,
                )
            finally:
                self._queue.task_done()
