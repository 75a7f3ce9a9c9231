"""The kiosk's health, reported to the server as query parameters of every pull.

App version, queue depth, last complete sync, whether the camera delivered a frame in the last
minute (a kiosk without a camera, the CLI one, leaves it out), the measured clock offset and
the free disk of the data directory (``docs/visit-flows.md``, "Kiosk health").
"""

from __future__ import annotations

import logging
import math
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable

from kiosk_app import __version__
from kiosk_app.core.clock import OFFSET_KEY, Clock
from kiosk_app.core.store import Store, StoreError

log = logging.getLogger(__name__)

CAMERA_FRAME_KEY = "camera_frame_at"  # local time of a recent frame; 0.0: a camera, no frame yet
CAMERA_WRITE_EVERY_S = 30.0  # the camera thread writes the store at most this often
CAMERA_FRESH_S = 60.0  # a frame older than this means the camera is not working
MAX_VERSION_CHARS = 40


class CameraHeartbeat:
    """Records when the camera last delivered a frame: a store setting, written at most every
    ``every_s`` seconds, from whatever thread reads the camera."""

    def __init__(
        self,
        store: Store,
        *,
        every_s: float = CAMERA_WRITE_EVERY_S,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.store, self.every_s, self.now = store, every_s, now
        self._written_at: float | None = None
        self._lock = threading.Lock()

    def started(self) -> None:
        """A camera is in use: until its first frame it counts as not working."""
        if not isinstance(self.store.get(CAMERA_FRAME_KEY), int | float):
            self._write(0.0)

    def beat(self) -> None:
        """A frame arrived; cheap unless a write is due."""
        now = self.now()
        with self._lock:
            if self._written_at is not None and now - self._written_at < self.every_s:
                return
            self._written_at = now
        self._write(now)

    def _write(self, value: float) -> None:
        try:
            self.store.set(CAMERA_FRAME_KEY, value)
        except (sqlite3.Error, StoreError) as exc:  # a full disk must not stop the camera
            log.warning("cannot record the camera's last frame: %s", exc)


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def camera_ok(store: Store, now: float) -> bool | None:
    """Whether the camera delivered a frame in the last minute; None: this kiosk has none."""
    frame_at = _number(store.get(CAMERA_FRAME_KEY))
    if frame_at is None:
        return None
    return frame_at > 0 and now - frame_at <= CAMERA_FRESH_S


def free_disk_bytes(store: Store) -> int | None:
    try:
        return shutil.disk_usage(store.data_dir).free
    except OSError:
        return None


def report(store: Store, clock: Clock, *, queue_depth: int) -> dict[str, str]:
    """The health parameters of a pull, as query strings; unknown values are left out."""
    params: dict[str, str] = {
        "app_version": __version__[:MAX_VERSION_CHARS],
        "queue_depth": str(max(0, queue_depth)),
    }
    last_sync = _number(store.get("last_sync_at"))
    if last_sync is not None and last_sync >= 0:
        params["last_sync_at"] = f"{last_sync:.3f}"
    camera = camera_ok(store, clock.local_time())
    if camera is not None:
        params["camera_ok"] = "1" if camera else "0"
    if _number(store.get(OFFSET_KEY)) is not None:
        params["clock_skew_s"] = f"{clock.offset:.3f}"
    disk = free_disk_bytes(store)
    if disk is not None:
        params["free_disk_bytes"] = str(disk)
    return params
