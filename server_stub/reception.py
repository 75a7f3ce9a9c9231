"""What reception reads: today's visits by state, one visit's timeline, kiosks, conflicts."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from server_stub.errors import not_found

if TYPE_CHECKING:
    from server_stub.service import AtriumService

ONLINE_WITHIN_S = 180  # kiosks sync every minute; three missed rounds mean offline
MAX_SEARCH_CHARS = 100
ROWS_PER_GROUP = 100  # a busy site has thousands a day: the search finds the rest


def day_bounds(now: float) -> tuple[float, float]:
    """Start and end of the server's local calendar day around ``now``."""
    local = dt.datetime.fromtimestamp(now).astimezone()
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return start.timestamp(), (start + dt.timedelta(days=1)).timestamp()


def user_email(service: AtriumService, tenant_id: str, user_id: str) -> str:
    with service.db.read() as conn:
        row = conn.execute(
            "SELECT email FROM users WHERE tenant_id = ? AND user_id = ?", (tenant_id, user_id)
        ).fetchone()
    if row is None:
        raise not_found("user")
    return str(row["email"])


def users(service: AtriumService, tenant_id: str) -> list[dict[str, Any]]:
    """The tenant's console users (no password hashes)."""
    with service.db.read() as conn:
        rows = conn.execute(
            "SELECT user_id, email, role, created_at FROM users WHERE tenant_id = ? "
            "ORDER BY email",
            (tenant_id,),
        ).fetchall()
    return [dict(r) for r in rows]


def sites(service: AtriumService, tenant_id: str) -> list[dict[str, str]]:
    with service.db.read() as conn:
        rows = conn.execute(
            "SELECT site_id, name FROM sites WHERE tenant_id = ? ORDER BY created_at, rowid",
            (tenant_id,),
        ).fetchall()
    return [{"id": r["site_id"], "name": r["name"]} for r in rows]


def pairing_status(service: AtriumService, tenant_id: str, code: str) -> dict[str, Any]:
    """The newest pairing code of the tenant with these digits: waiting, paired or expired."""
    now = service.clock()
    with service.db.read() as conn:
        row = conn.execute(
            "SELECT p.code, p.kiosk_name, p.expires_at, p.redeemed_at, p.device_id, "
            "p.wrong_guesses, s.name AS site_name FROM pairing_codes p JOIN sites s "
            "ON s.site_id = p.site_id AND s.tenant_id = p.tenant_id "
            "WHERE p.tenant_id = ? AND p.code = ? ORDER BY p.created_at DESC LIMIT 1",
            (tenant_id, code),
        ).fetchone()
    if row is None:
        raise not_found("pairing code")
    from server_stub.pairing import MAX_WRONG_GUESSES

    if row["redeemed_at"] is not None:
        state = "paired"
    elif row["expires_at"] <= now or row["wrong_guesses"] >= MAX_WRONG_GUESSES:
        state = "expired"
    else:
        state = "waiting"
    return {
        "code": row["code"],
        "state": state,
        "kiosk_name": row["kiosk_name"],
        "site_name": row["site_name"],
        "expires_at": row["expires_at"],
        "remaining_s": max(0, int(row["expires_at"] - now)) if state == "waiting" else 0,
        "device_id": row["device_id"],
    }


def kiosks(service: AtriumService, tenant_id: str) -> list[dict[str, Any]]:
    """Paired kiosks with their site name and whether they were seen recently."""
    now = service.clock()
    with service.db.read() as conn:
        rows = conn.execute(
            "SELECT d.device_id, d.kiosk_name, d.site_id, s.name AS site_name, d.created_at, "
            "d.revoked_at, d.last_seen_at FROM devices d JOIN sites s "
            "ON s.site_id = d.site_id AND s.tenant_id = d.tenant_id WHERE d.tenant_id = ? "
            "ORDER BY d.revoked_at IS NOT NULL, s.name, d.kiosk_name, d.device_id",
            (tenant_id,),
        ).fetchall()
    result = []
    for r in rows:
        item = dict(r)
        seen = r["last_seen_at"]
        recent = seen is not None and now - seen < ONLINE_WITHIN_S
        item["online"] = r["revoked_at"] is None and recent
        result.append(item)
    return result


_TODAY_SQL = (
    "SELECT v.visit_id, v.visitor, v.host, v.nbf, v.exp, v.cancelled_at, u.used_at, "
    "u.kiosk_name FROM visits v LEFT JOIN used_passes u "
    "ON u.tenant_id = v.tenant_id AND u.jti = v.jti "
    "WHERE v.tenant_id = ? AND v.site_id = ? AND v.nbf < ? AND v.exp > ? "
    "ORDER BY v.nbf, v.visitor, v.visit_id"
)


def _state(row: Any, now: float) -> str:
    if row["used_at"] is not None:
        return "left" if row["exp"] <= now else "on_site"
    if row["cancelled_at"] is not None:
        return "cancelled"
    return "expected" if row["exp"] > now else "missed"


def today(service: AtriumService, tenant_id: str, site_id: str, query: str = "") -> dict[str, Any]:
    """Today's visits at a site grouped by state, filtered by a name/host search."""
    now = service.clock()
    start, end = day_bounds(now)
    needle = " ".join(query.split())[:MAX_SEARCH_CHARS].casefold()
    with service.db.read() as conn:
        rows = conn.execute(_TODAY_SQL, (tenant_id, site_id, end, start)).fetchall()
    groups: dict[str, list[dict[str, Any]]] = {
        "expected": [],
        "on_site": [],
        "left": [],
        "cancelled": [],
    }
    counts = dict.fromkeys(groups, 0)
    matched = dict.fromkeys(groups, 0)
    for row in rows:
        state = _state(row, now)
        if state not in groups:
            continue
        counts[state] += 1
        if needle and needle not in f"{row['visitor']} {row['host']}".casefold():
            continue
        matched[state] += 1
        if len(groups[state]) >= ROWS_PER_GROUP:
            continue
        groups[state].append(
            {
                "visit_id": row["visit_id"],
                "visitor": row["visitor"],
                "host": row["host"],
                "nbf": row["nbf"],
                "exp": row["exp"],
                "arrived_at": row["used_at"],
                "kiosk": row["kiosk_name"],
            }
        )
    return {"groups": groups, "counts": counts, "matched": matched, "now": now}


def visit(service: AtriumService, tenant_id: str, visit_id: str) -> dict[str, Any]:
    """One visit with its site and its timeline (registered, check-in, repeats, cancel, end)."""
    with service.db.read() as conn:
        row = conn.execute(
            "SELECT v.visit_id, v.visitor, v.host, v.nbf, v.exp, v.created_at, v.cancelled_at, "
            "v.jti, v.pass, v.site_id, s.name AS site_name FROM visits v JOIN sites s "
            "ON s.site_id = v.site_id AND s.tenant_id = v.tenant_id "
            "WHERE v.tenant_id = ? AND v.visit_id = ?",
            (tenant_id, visit_id),
        ).fetchone()
        if row is None:
            raise not_found(f"visit {visit_id}")
        used = conn.execute(
            "SELECT used_at, kiosk_name FROM used_passes WHERE tenant_id = ? AND jti = ?",
            (tenant_id, row["jti"]),
        ).fetchone()
        repeats = conn.execute(
            "SELECT e.scanned_at, d.kiosk_name FROM checkin_events e LEFT JOIN devices d "
            "ON d.device_id = e.device_id AND d.tenant_id = e.tenant_id "
            "WHERE e.tenant_id = ? AND e.jti = ? AND e.status = 'duplicate' ORDER BY e.scanned_at",
            (tenant_id, row["jti"]),
        ).fetchall()
    events: list[dict[str, Any]] = [{"at": row["created_at"], "kind": "created", "kiosk": ""}]
    if used is not None:
        events.append({"at": used["used_at"], "kind": "checked_in", "kiosk": used["kiosk_name"]})
    events += [
        {"at": r["scanned_at"], "kind": "duplicate", "kiosk": r["kiosk_name"] or ""}
        for r in repeats
    ]
    if row["cancelled_at"] is not None:
        events.append({"at": row["cancelled_at"], "kind": "cancelled", "kiosk": ""})
    events.sort(key=lambda e: e["at"])
    info = dict(row)
    info["checked_in_at"] = used["used_at"] if used else None
    info["timeline"] = events
    return info


def conflicts(service: AtriumService, tenant_id: str) -> list[dict[str, Any]]:
    """Passes presented again after their first use: who, where and when, first use first."""
    with service.db.read() as conn:
        rows = conn.execute(
            "SELECT e.event_id, e.scanned_at, d.kiosk_name, e.first_used_at, e.first_used_by, "
            "v.visit_id, v.visitor FROM checkin_events e LEFT JOIN devices d "
            "ON d.device_id = e.device_id AND d.tenant_id = e.tenant_id "
            "LEFT JOIN visits v ON v.tenant_id = e.tenant_id AND v.jti = e.jti "
            "WHERE e.tenant_id = ? AND e.status = 'duplicate' ORDER BY e.scanned_at DESC",
            (tenant_id,),
        ).fetchall()
    return [dict(r) for r in rows]
