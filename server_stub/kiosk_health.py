"""Kiosk health: the bounds of a report sent with a pull, storing it, and reading it back.

The kiosk reports on every pull (``docs/visit-flows.md``); the route refuses out-of-range
values, this module keeps the last report per device and says what the console flags.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from server_stub.rules import POLICY
from server_stub.store.device_health import FIELDS, DeviceHealth

if TYPE_CHECKING:
    import sqlalchemy as sa

MAX_VERSION_CHARS = 40
VERSION_PATTERN = r"^[ -~]{1,40}$"  # printable ASCII
MAX_QUEUE_DEPTH = 10**9
MAX_TIME_S = 2.0**33  # Unix seconds, far past any real clock
MAX_SKEW_S = 10.0 * 366 * 86400  # ten years either way
MAX_DISK_BYTES = 2**62
LOW_DISK_BYTES = 500 * 2**20  # under this a kiosk soon cannot queue check-ins or records


def clean_report(values: dict[str, Any]) -> dict[str, Any] | None:
    """The parameters the kiosk sent (already validated by the route); None when it sent none."""
    report = {name: values.get(name) for name in FIELDS}
    if all(value is None for value in report.values()):
        return None
    if report["camera_ok"] is not None:
        report["camera_ok"] = bool(report["camera_ok"])
    return report


def record(conn: sa.Connection, tenant_id: str, device_id: str, report: dict, now: float) -> None:
    """Store the report inside the caller's transaction (the pull's "seen")."""
    DeviceHealth(conn, tenant_id).record(device_id, report, now)


def view(report: dict[str, Any] | None) -> dict[str, Any] | None:
    """A stored report with what the console flags; None for a kiosk that never reported."""
    if report is None:
        return None
    skew, disk = report.get("clock_skew_s"), report.get("free_disk_bytes")
    return {
        **report,
        "clock_skew_flagged": skew is not None and abs(skew) > POLICY["clock_skew_flag_s"],
        "free_disk_low": disk is not None and disk < LOW_DISK_BYTES,
    }


def reports(conn: sa.Connection, tenant_id: str) -> dict[str, dict[str, Any]]:
    """Every device's last report, by device id, read in the caller's transaction."""
    return DeviceHealth(conn, tenant_id).all()


def with_health(devices: list[dict[str, Any]], stored: dict[str, dict[str, Any]]) -> list[dict]:
    """Each device with its ``health`` (None: not reported)."""
    return [{**item, "health": view(stored.get(item["device_id"]))} for item in devices]


def disk_text(free_bytes: int) -> str:
    """Free disk in the largest fitting unit: "812 MB", "12.5 GB"."""
    if free_bytes >= 2**30:
        return f"{free_bytes / 2**30:.1f} GB"
    return f"{free_bytes / 2**20:.0f} MB"


def summary(health: dict[str, Any] | None, when: Callable[[float | None], str]) -> str:
    """One line for the CLI: version, queue, last sync, camera, clock skew and free disk."""
    if health is None:
        return "health not reported"
    parts = [f"version {health['app_version'] or '-'}"]
    if health["queue_depth"] is not None:
        parts.append(f"queue {health['queue_depth']}")
    parts.append(f"last sync {when(health['last_sync_at'])}")
    if health["camera_ok"] is not None:
        parts.append("camera ok" if health["camera_ok"] else "camera NOT WORKING")
    if health["clock_skew_s"] is not None:
        flag = " (FLAGGED)" if health["clock_skew_flagged"] else ""
        parts.append(f"clock skew {health['clock_skew_s']:+.1f} s{flag}")
    if health["free_disk_bytes"] is not None:
        low = " (LOW)" if health["free_disk_low"] else ""
        parts.append(f"free disk {disk_text(health['free_disk_bytes'])}{low}")
    parts.append(f"reported {when(health['reported_at'])}")
    return ", ".join(parts)
