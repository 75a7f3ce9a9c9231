"""Walk-ins: a kiosk's visitor without a code becomes a visit, checked in, its host told.

A walk-in has no pass. Its visit gets a jti of the server's own (``walk-in:`` and random
text, never the shape of a pass's), so the single-use ledger records its check-in like any
other: the reception views, the arrival e-mail and the roll call need nothing new, and no pass
can ever consume it. Its name and company are kept in the visit's ``visitor`` and ``company``
columns, the personal data that erasure and the retention purge already cover.
"""

from __future__ import annotations

import datetime as dt
import math
import secrets
import zoneinfo
from typing import TYPE_CHECKING, Any

from server_stub import ids, push_reasons
from server_stub.errors import ServiceError
from server_stub.lookups import site_of
from server_stub.mail import outbox as mail_outbox
from server_stub.mail.addresses import clean_language
from server_stub.rules import clean_name
from server_stub.store import Store
from server_stub.store.arrivals import WALK_IN, Arrivals
from server_stub.store.hosts import Hosts, site_details
from server_stub.store.visits import Visits

if TYPE_CHECKING:
    from server_stub.arrivals import PushContext

MAX_WALK_IN_S = 12 * 3600
ID_ATTEMPTS = 100
JTI_PREFIX = "walk-in:"


def _rejected(reason: str) -> dict[str, Any]:
    return {"status": "rejected", "reason": reason}


def short_name(name: str) -> str:
    """The first name and the initial of the last: "Ada Lovelace" → "Ada L."."""
    parts = name.split()
    if len(parts) < 2:
        return parts[0] if parts else ""
    return f"{parts[0]} {parts[-1][0].upper()}."


def window(scanned_at: float, timezone: str | None) -> tuple[int, int]:
    """Arrival at the scan, departure at the end of that day in the site's zone (the
    server's zone when it names none), at most 12 hours later."""
    zone = zoneinfo.ZoneInfo(timezone) if timezone else None
    local = dt.datetime.fromtimestamp(scanned_at, zone) if zone else (
        dt.datetime.fromtimestamp(scanned_at).astimezone()
    )
    next_day = local.date() + dt.timedelta(days=1)
    midnight = dt.datetime.combine(next_day, dt.time(0), tzinfo=zone or local.tzinfo)
    nbf = math.floor(scanned_at)
    return nbf, min(math.ceil(midnight.timestamp()), nbf + MAX_WALK_IN_S)


def _clean(event: dict[str, Any]) -> tuple[str, str | None] | None:
    """The visitor's name and company, or None when either is not a name."""
    try:
        name = clean_name(str(event.get("name") or ""), "the visitor's name")
        company = event.get("company")
        if company is not None and str(company).strip():
            company = clean_name(str(company), "the company")
        else:
            company = None
    except ServiceError:
        return None
    return name, company


def _language(value: Any) -> str | None:
    try:
        return clean_language(value if isinstance(value, str) else None)
    except ServiceError:  # a language the server's e-mails do not speak: the site's
        return None


def register(context: PushContext, event: dict[str, Any]) -> dict[str, Any]:
    """Create the visit, check it in and queue the host's arrival message: one transaction."""
    if context.walk_ins_enabled is None:
        context.walk_ins_enabled = context.repo.site_takes_walk_ins(context.site_id)
    if not context.walk_ins_enabled:
        return _rejected(push_reasons.WALK_INS_DISABLED)
    cleaned = _clean(event)
    if cleaned is None:
        return _rejected(push_reasons.INVALID_NAME)
    name, company = cleaned
    host = Hosts(context.conn, context.tenant_id).get(str(event.get("host_id") or ""))
    if host is None or host.disabled_at is not None or host.site_id != context.site_id:
        return _rejected(push_reasons.UNKNOWN_HOST)
    site = site_details(context.conn, context.tenant_id, context.site_id)
    scanned_at = float(event["scanned_at"])
    nbf, exp = window(scanned_at, site.timezone if site is not None else None)
    visits = Visits(context.conn, context.tenant_id)
    for _ in range(ID_ATTEMPTS):  # random ids: the UNIQUE keys decide, a clash draws again
        visit_id, jti = ids.new_visit_id(), JTI_PREFIX + secrets.token_urlsafe(16)
        if visits.add(
            visit_id=visit_id, site_id=context.site_id, jti=jti, kid=None, visitor=name,
            host=host.name, nbf=nbf, exp=exp, created_at=context.now,
            language=_language(event.get("language")), host_id=host.host_id, company=company,
            kind=WALK_IN, walk_in_event_id=event["event_id"], **{"pass": None},
        ):
            break
        if context.repo.walk_in_visit_id(event["event_id"]) is not None:
            return _rejected(push_reasons.EVENT_ID_REUSED)  # another kiosk's walk-in's id
    else:
        raise ServiceError("id_space_full", "could not allocate a visit id", 500)
    context.repo.record_use(
        jti=jti, visit_id=visit_id, event_id=event["event_id"], device_id=context.device_id,
        kiosk_name=context.kiosk_name, used_at=scanned_at, received_at=context.now,
    )
    queued = mail_outbox.on_checkin_accepted(
        context.conn, context.tenant_id, visit_id, event["event_id"], context.now
    )
    context.audit("visit.created", visit_id)
    context.audit("visit.checked_in", visit_id)
    return {"status": "accepted", "visit_id": visit_id, "host_notified": bool(queued)}


def set_enabled(store: Store, tenant_id: str, site: str, enabled: bool) -> dict[str, Any]:
    """Switch walk-ins on or off at a site (kiosks learn it on their next pull)."""
    with store.begin(tenant_id) as conn:
        row = site_of(conn, tenant_id, site)
        Arrivals(conn, tenant_id).set_walk_ins(row["id"], enabled)
    return {**row, "walk_ins": enabled}
