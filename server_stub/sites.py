"""Sites as the Settings page and ``site set`` change them: name, address, time zone, language,
webhook (URL and its signing secret) and walk-ins; every change audited by the site's id."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from server_stub import audit
from server_stub.errors import ServiceError
from server_stub.lookups import site_of
from server_stub.mail.addresses import clean_language, clean_timezone
from server_stub.mail.service import MAX_ADDRESS_CHARS, clean_webhook_url
from server_stub.rules import clean_name
from server_stub.store import Store
from server_stub.store.hosts import set_site_details, site_details
from server_stub.store.schema import sites

Clock = Callable[[], float]
FIELDS = ("name", "address", "timezone", "language", "webhook_url", "walk_ins")


def _address(value: object) -> str | None:
    address = " ".join(str(value or "").split())
    if len(address) > MAX_ADDRESS_CHARS or not address.isprintable():
        raise ServiceError(
            "invalid_address", f"an address has at most {MAX_ADDRESS_CHARS} characters", 422
        )
    return address or None


def _clean(details: dict[str, Any]) -> dict[str, Any]:
    """The given fields, validated ('' clears address, time zone, language and webhook)."""
    unknown = set(details) - set(FIELDS)
    if unknown:
        raise ServiceError("invalid_request", f"unknown site fields: {sorted(unknown)}", 422)
    values: dict[str, Any] = {}
    if "name" in details:
        values["name"] = clean_name(details["name"], "site name")
    if "address" in details:
        values["address"] = _address(details["address"])
    if "timezone" in details:
        values["timezone"] = clean_timezone(details["timezone"])
    if "language" in details:
        values["language"] = clean_language(details["language"])
    if "webhook_url" in details:
        values["webhook_url"] = clean_webhook_url(details["webhook_url"])
    if "walk_ins" in details:
        values["walk_ins"] = bool(details["walk_ins"])
    return values


def _answer(row: Any, walk_ins: bool) -> dict[str, Any]:
    return {
        "id": row.site_id,
        "name": row.name,
        "address": row.address,
        "timezone": row.timezone,
        "language": row.language,
        "webhook_url": row.webhook_url,
        "walk_ins": walk_ins,
    }


def _walk_ins(conn: sa.Connection, tenant_id: str, site_id: str) -> bool:
    value = conn.execute(
        sa.select(sites.c.walk_ins).where(
            sites.c.tenant_id == tenant_id, sites.c.site_id == site_id
        )
    ).scalar_one()
    return bool(value)


def update_site(
    store: Store,
    clock: Clock,
    tenant_id: str,
    site: str,
    actor: str = "-",
    new_webhook_secret: bool = False,
    **details: Any,
) -> dict[str, Any]:
    """Change any of ``FIELDS`` of a site in one transaction with its audit entry.

    A webhook gets a new signing secret when its URL changes (or on request); the answer
    carries it (``webhook_secret``) that once only.
    """
    values = _clean(details)
    with store.begin(tenant_id) as conn:
        now = clock()
        site_id = site_of(conn, tenant_id, site)["id"]
        before = site_details(conn, tenant_id, site_id)
        if "name" in values and values["name"] != before.name:
            clash = conn.execute(
                sa.select(sites.c.site_id).where(
                    sites.c.tenant_id == tenant_id, sites.c.name == values["name"],
                    sites.c.site_id != site_id,
                )
            ).first()
            if clash is not None:
                raise ServiceError("duplicate_name", f"site {values['name']!r} already exists", 409)
        url = values.get("webhook_url", before.webhook_url)
        if new_webhook_secret and not url:
            raise ServiceError("no_webhook", "the site has no webhook", 409)
        secret = None
        if url and (url != before.webhook_url or new_webhook_secret or not before.webhook_secret):
            secret = secrets.token_urlsafe(32)
            values["webhook_secret"] = secret
        elif not url:
            values["webhook_secret"] = None
        changed = {k: v for k, v in values.items() if getattr(before, k, object()) != v}
        if "walk_ins" in values and values["walk_ins"] == _walk_ins(conn, tenant_id, site_id):
            changed.pop("walk_ins", None)
        if changed:
            set_site_details(conn, tenant_id, site_id, **changed)
            audit.record(conn, tenant_id, now, actor, "site.changed", site_id)
        if secret is not None:
            audit.record(conn, tenant_id, now, actor, "site.webhook_secret", site_id)
        row = site_details(conn, tenant_id, site_id)
        answer = _answer(row, _walk_ins(conn, tenant_id, site_id))
    if secret is not None:
        answer["webhook_secret"] = secret  # shown once
    return answer


def all_sites(store: Store, tenant_id: str) -> list[dict[str, Any]]:
    """Every site of the tenant with its details (never the webhook secret), in order."""
    s = sites.c
    with store.read(tenant_id) as conn:
        rows = conn.execute(
            sa.select(s.site_id, s.name, s.address, s.timezone, s.language, s.webhook_url,
                      s.walk_ins)
            .where(s.tenant_id == tenant_id)
            .order_by(s.seq, s.created_at)
        )
        return [_answer(row, bool(row.walk_ins)) for row in rows]
