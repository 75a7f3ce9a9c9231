"""What a queued message needs at send time, read from the visit, site, host and ledger rows."""

from __future__ import annotations

import dataclasses
import datetime as dt
import zoneinfo
from typing import Any

import sqlalchemy as sa

from server_stub.store.hosts import Hosts, site_details
from server_stub.store.schema import used_passes, visits

LATE_AFTER_S = 300  # a check-in reported more than 5 minutes after the scan is "late"


class Unsendable(Exception):
    """The message can no longer be built (visit erased, host left): nothing to send."""


@dataclasses.dataclass(frozen=True)
class Site:
    site_id: str
    name: str
    address: str | None
    timezone: str | None
    language: str | None

    def local(self, ts: float) -> dt.datetime:
        """A Unix time in the site's zone (the server's zone when the site names none)."""
        if self.timezone:
            return dt.datetime.fromtimestamp(ts, zoneinfo.ZoneInfo(self.timezone))
        return dt.datetime.fromtimestamp(ts).astimezone()


@dataclasses.dataclass(frozen=True)
class Arrival:
    kiosk_name: str
    used_at: float
    received_at: float

    @property
    def late(self) -> bool:
        return self.received_at - self.used_at > LATE_AFTER_S


@dataclasses.dataclass(frozen=True)
class MessageContext:
    """One message's facts: kind, recipient address, language, visit, site, arrival."""

    message_id: str
    kind: str
    recipient: str
    language: str | None
    visit_id: str
    visitor: str
    host: str
    nbf: int
    exp: int
    pass_token: str
    site: Site
    arrival: Arrival | None = None
    secret: str | None = dataclasses.field(default=None, repr=False)  # a webhook's HMAC key


def _visit(conn: sa.Connection, tenant_id: str, visit_id: str) -> Any:
    return conn.execute(
        sa.select(visits).where(visits.c.tenant_id == tenant_id, visits.c.visit_id == visit_id)
    ).first()


def _arrival(conn: sa.Connection, tenant_id: str, event_id: str | None) -> Arrival | None:
    row = conn.execute(
        sa.select(used_passes.c.kiosk_name, used_passes.c.used_at, used_passes.c.received_at)
        .where(used_passes.c.tenant_id == tenant_id, used_passes.c.event_id == event_id)
    ).first()
    return None if row is None else Arrival(row.kiosk_name, row.used_at, row.received_at)


def load(conn: sa.Connection, tenant_id: str, row: Any) -> MessageContext:
    """The context of a claimed outbox row; Unsendable when its recipient is gone."""
    visit = _visit(conn, tenant_id, row.visit_id)
    if visit is None:
        raise Unsendable("the visit no longer exists")
    site_row = site_details(conn, tenant_id, visit.site_id)
    if site_row is None:
        raise Unsendable("the site no longer exists")
    site = Site(site_row.site_id, site_row.name, site_row.address, site_row.timezone,
                site_row.language)
    arrival = None
    secret = None
    if row.kind == "webhook":
        if not site_row.webhook_url:
            raise Unsendable("the site has no webhook any more")
        recipient, language, secret = site_row.webhook_url, site.language, site_row.webhook_secret
        arrival = _arrival(conn, tenant_id, row.event_id)
        if arrival is None:
            raise Unsendable("the check-in is no longer in the ledger")
    elif row.kind == "arrival":
        host = Hosts(conn, tenant_id).get(row.host_id) if row.host_id else None
        if host is None or host.disabled_at is not None:
            raise Unsendable("the host is no longer in the directory")
        recipient, language = host.email, site.language
        arrival = _arrival(conn, tenant_id, row.event_id)
        if arrival is None:
            raise Unsendable("the check-in is no longer in the ledger")
    else:
        if not visit.visitor_email:
            raise Unsendable("the visit has no visitor e-mail any more")
        recipient, language = visit.visitor_email, visit.language or site.language
    return MessageContext(
        message_id=row.message_id,
        kind=row.kind,
        recipient=recipient,
        language=language,
        visit_id=visit.visit_id,
        visitor=visit.visitor,
        host=visit.host,
        nbf=int(visit.nbf),
        exp=int(visit.exp),
        pass_token=visit._mapping["pass"] or "",  # a walk-in has none
        site=site,
        arrival=arrival,
        secret=secret,
    )
