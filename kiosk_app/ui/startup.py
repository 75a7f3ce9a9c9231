"""Startup timing for the packaging probe: seconds since this process started."""

from __future__ import annotations

import os
import time

ENV_STARTUP_PROBE = "ATRIUM_KIOSK_STARTUP_PROBE"
_IMPORTED_AT = time.time()


def _linux_process_start() -> float | None:
    """The process start time from /proc (Linux), as a Unix timestamp; None elsewhere."""
    try:
        with open("/proc/self/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])  # field 22 overall: starttime, in clock ticks since boot
        with open("/proc/uptime", encoding="ascii") as handle:
            uptime = float(handle.read().split()[0])
        ticks = os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None
    return time.time() - uptime + start_ticks / ticks


def process_start_time() -> float:
    """When this process started: /proc on Linux, else when the UI was first imported."""
    return _linux_process_start() or _IMPORTED_AT


def seconds_since_process_start() -> float:
    return max(0.0, time.time() - process_start_time())
