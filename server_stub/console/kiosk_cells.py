"""The Kiosks page's health cells: a stored report in the reader's words and number format."""

from __future__ import annotations

from typing import Any

from server_stub.console.i18n import Translator
from server_stub.console.web import local_time
from server_stub.kiosk_health import disk_text


def when(ts: float | None, now: float) -> str:
    """A recent time briefly: "11:03" today, else "2026-11-30 11:03"; "" for none."""
    if ts is None:
        return ""
    same_day = local_time(ts, with_date=True)[:10] == local_time(now, with_date=True)[:10]
    return local_time(ts, with_date=not same_day)


def _number(text: str, language: str) -> str:
    return text.replace(".", ",") if language == "de" else text


def _duration(seconds: float, language: str) -> str:
    """A clock offset as "4 s", "12 min" or "2.1 h" (German: "2,1 h")."""
    seconds = abs(seconds)
    if seconds < 60:
        return f"{seconds:.0f} s"
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    return _number(f"{seconds / 3600:.1f} h", language)


def _skew(skew_s: float, t: Translator) -> str:
    """The offset is server minus kiosk time: positive means the kiosk's clock is slow."""
    if abs(skew_s) < 1:
        return t("health.skew_none")
    amount = _duration(skew_s, t.language)
    return t("health.skew_slow" if skew_s > 0 else "health.skew_fast", amount=amount)


def cells(health: dict[str, Any] | None, t: Translator, now: float) -> dict[str, Any] | None:
    """Display text (and flags) of each health column; None: the kiosk never reported."""
    if health is None:
        return None
    unknown = t("health.unknown")
    camera = health["camera_ok"]
    skew, disk = health["clock_skew_s"], health["free_disk_bytes"]
    return {
        "version": health["app_version"] or unknown,
        "queue": unknown if health["queue_depth"] is None else str(health["queue_depth"]),
        "last_sync": when(health["last_sync_at"], now) or t("kiosks.never"),
        "camera": t(
            "health.no_camera"
            if camera is None
            else "health.camera_ok"
            if camera
            else "health.camera_bad"
        ),
        "camera_flagged": camera is False,
        "skew": unknown if skew is None else _skew(skew, t),
        "skew_flagged": health["clock_skew_flagged"],
        "disk": unknown if disk is None else _number(disk_text(disk), t.language),
        "disk_flagged": health["free_disk_low"],
        "reported_at": local_time(health["reported_at"], with_date=True),
    }
