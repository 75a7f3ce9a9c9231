"""What reception reads: today's visits by state, one visit's timeline, kiosks, conflicts."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from server_stub import audit
from server_stub.errors import ServiceError, not_found
from server_stub.store.reception import ReceptionViews

if TYPE_CHECKING:
    from server_stub.service import AtriumService

ONLINE_WITHIN_S = 180  # kiosks sync every minute; three missed rounds mean offline
MAX_SEARCH_CHARS = 100
MAX_NOTE_CHARS = 500
ROWS_PER_GROUP = 100  # a busy site has thousands a day: the search finds the rest


def day_bounds(now: float) -> tuple[float, float]:
    """Start and end of the server's local calendar day around ``now``."""
    local = dt.datetime.fromtimestamp(now).astimezone()
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return start.timestamp(), (start + dt.timedelta(days=1)).timestamp()


def user_email(service: AtriumService, tenant_id: str, user_id: str) -> str:
    with service.store.read(tenant_id) as conn:
        email = ReceptionViews(conn, tenant_id).user_email(user_id)
    if email is None:
        raise not_found("user")
    return email


def users(service: AtriumService, tenant_id: str) -> list[dict[str, Any]]:
    """The tenant's console users (no password hashes)."""
    with service.store.read(tenant_id) as conn:
        return ReceptionViews(conn, tenant_id).users()


def sites(service: AtriumService, tenant_id: str) -> list[dict[str, str]]:
    with service.store.read(tenant_id) as conn:
        return ReceptionViews(conn, tenant_id).sites()


def pairing_status(service: AtriumService, tenant_id: str, code: str) -> dict[str, Any]:
    """The newest pairing code of the tenant with these digits: waiting, paired or expired."""
    now = service.clock()
    with service.store.read(tenant_id) as conn:
        row = ReceptionViews(conn, tenant_id).pairing_code(code)
    if row is None:
        raise not_found("pairing code")
    if row.redeemed_at is not None:
        state = "paired"
    elif row.expires_at <= now:
        state = "expired"
    else:
        state = "waiting"
    return {
        "code": row.code,
        "state": state,
        "kiosk_name": row.kiosk_name,
        "site_name": row.site_name,
        "expires_at": row.expires_at,
        "remaining_s": max(0, int(row.expires_at - now)) if state == "waiting" else 0,
        "device_id": row.device_id,
    }


def kiosks(service: AtriumService, tenant_id: str) -> list[dict[str, Any]]:
    """Paired kiosks with their site name and whether they were seen recently."""
    now = service.clock()
    with service.store.read(tenant_id) as conn:
        rows = ReceptionViews(conn, tenant_id).kiosks()
    result = []
    for item in rows:
        seen = item["last_seen_at"]
        recent = seen is not None and now - seen < ONLINE_WITHIN_S
        item["online"] = item["revoked_at"] is None and recent
        result.append(item)
    return result


def _state(row: Any, now: float) -> str:
    if row.used_at is not None:
        return "left" if departure(row, now) is not None else "on_site"
    if row.cancelled_at is not None:
        return "cancelled"
    return "expected" if row.exp > now else "missed"


def departure(row: Any, now: float) -> dict[str, Any] | None:
    """How a checked-in visitor left (a row with ``checked_out_at``, ``checked_out_kiosk``
    and ``exp``); None while they are on site."""
    return left_by(row.checked_out_at, row.checked_out_kiosk, float(row.exp), now)


def left_by(
    checked_out_at: float | None, kiosk: str | None, exp: float, now: float
) -> dict[str, Any] | None:
    """Checked out (at a kiosk or by hand at reception), or expired (the departure passed
    without a check-out); None while on site.

    Expiry is judged when read, from the departure time and the clock: no job has to run at
    departure (several workers, a server that was down then), and nothing can disagree with
    the check-outs."""
    if checked_out_at is not None:
        return {"how": "kiosk" if kiosk else "reception", "at": checked_out_at,
                "kiosk": kiosk or ""}
    if exp <= now:
        return {"how": "expired", "at": exp, "kiosk": ""}
    return None


def today(service: AtriumService, tenant_id: str, site_id: str, query: str = "") -> dict[str, Any]:
    """Today's visits at a site grouped by state, filtered by a name/host search; ``expired``
    counts those who left by their departure passing, without a check-out (the roll call's
    note)."""
    now = service.clock()
    start, end = day_bounds(now)
    needle = " ".join(query.split())[:MAX_SEARCH_CHARS].casefold()
    with service.store.read(tenant_id) as conn:
        rows = ReceptionViews(conn, tenant_id).day(site_id, start, end)
    groups: dict[str, list[dict[str, Any]]] = {
        "expected": [],
        "on_site": [],
        "left": [],
        "cancelled": [],
    }
    counts = dict.fromkeys(groups, 0)
    matched = dict.fromkeys(groups, 0)
    expired = 0
    for row in rows:
        state = _state(row, now)
        if state not in groups:
            continue
        counts[state] += 1
        left = departure(row, now) if state == "left" else None
        expired += left is not None and left["how"] == "expired"
        if needle and needle not in f"{row.visitor} {row.host}".casefold():
            continue
        matched[state] += 1
        if len(groups[state]) >= ROWS_PER_GROUP:
            continue
        groups[state].append(
            {
                "visit_id": row.visit_id,
                "visitor": row.visitor,
                "host": row.host,
                "nbf": row.nbf,
                "exp": row.exp,
                "arrived_at": row.used_at,
                "kiosk": row.kiosk_name,
                "walk_in": row.kind == "walk_in",
                "left": left,
            }
        )
    return {"groups": groups, "counts": counts, "matched": matched, "now": now,
            "expired": expired}


def visit(service: AtriumService, tenant_id: str, visit_id: str) -> dict[str, Any]:
    """One visit with its site and its timeline (registered, check-in, repeats, cancel, end)."""
    now = service.clock()
    with service.store.read(tenant_id) as conn:
        views = ReceptionViews(conn, tenant_id)
        row = views.visit(visit_id)
        if row is None:
            raise not_found(f"visit {visit_id}")
        used = views.first_use(row.jti)
        repeats = views.repeats(row.jti)
        checkout = views.checkout(visit_id)
    walk_in = row.kind == "walk_in"
    if walk_in and used is not None:  # registered and checked in at once, at the scan
        events = [{"at": used.used_at, "kind": "walked_in", "kiosk": used.kiosk_name}]
    else:
        events = [{"at": row.created_at, "kind": "created", "kiosk": ""}]
        if used is not None:
            events.append({"at": used.used_at, "kind": "checked_in", "kiosk": used.kiosk_name})
    events += [
        {"at": r.scanned_at, "kind": "duplicate", "kiosk": r.kiosk_name or ""} for r in repeats
    ]
    if row.cancelled_at is not None:
        events.append({"at": row.cancelled_at, "kind": "cancelled", "kiosk": ""})
    left = None
    if used is not None:
        left = left_by(checkout.checked_out_at if checkout else None,
                       checkout.kiosk_name if checkout else None, float(row.exp), now)
    if left is not None:
        kind = {"kiosk": "checked_out_kiosk", "reception": "checked_out", "expired": "expired"}
        events.append({"at": left["at"], "kind": kind[left["how"]], "kiosk": left["kiosk"]})
    events.sort(key=lambda e: e["at"])
    info = dict(row._mapping)
    info["checked_in_at"] = used.used_at if used else None
    info["checked_out_at"] = checkout.checked_out_at if checkout else None
    info["walk_in"] = walk_in
    info["kiosk"] = used.kiosk_name if used else None
    info["left"] = left
    info["timeline"] = events
    return info


def conflicts(service: AtriumService, tenant_id: str) -> list[dict[str, Any]]:
    """Passes presented again after their first use: who, where and when, first use first."""
    with service.store.read(tenant_id) as conn:
        return ReceptionViews(conn, tenant_id).conflicts()


def resolve_conflict(
    service: AtriumService, tenant_id: str, event_id: str, note: str, user_id: str
) -> None:
    """Mark a conflict resolved with a note (1 to 500 characters); the first resolution stays."""
    note = " ".join(str(note).split())
    if not note or len(note) > MAX_NOTE_CHARS or not note.isprintable():
        raise ServiceError("invalid_note", f"a note must be 1 to {MAX_NOTE_CHARS} characters", 422)
    with service.store.begin(tenant_id) as conn:
        views = ReceptionViews(conn, tenant_id)
        if not views.is_conflict(event_id):
            raise not_found("conflict")
        resolved = views.resolve(event_id, note, user_id, service.clock())
    if resolved:
        audit.record(service, tenant_id, user_id, "conflict.resolved", event_id)


def check_out(service: AtriumService, tenant_id: str, visit_id: str, user_id: str) -> None:
    """Check a visitor out by hand (they leave before their pass expires); once."""
    with service.store.begin(tenant_id) as conn:
        views = ReceptionViews(conn, tenant_id)
        row = views.visit(visit_id)
        if row is None:
            raise not_found(f"visit {visit_id}")
        if views.first_use(row.jti) is None:
            raise ServiceError("not_checked_in", "this visitor has not checked in", 409)
        done = views.check_out(visit_id, user_id, service.clock())
    if done:
        audit.record(service, tenant_id, user_id, "visit.checked_out", visit_id)


def visit_state(info: dict[str, Any], now: float) -> str:
    """A visit (as ``visit()`` returns it): expected, on_site, left, cancelled or missed."""
    row = SimpleNamespace(
        used_at=info["checked_in_at"],
        checked_out_at=info["checked_out_at"],
        exp=info["exp"],
        cancelled_at=info["cancelled_at"],
    )
    return _state(row, now)
