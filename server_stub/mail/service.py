"""The host directory and the sites' e-mail details, behind the service."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from server_stub import ids
from server_stub.errors import ServiceError
from server_stub.lookups import site_of
from server_stub.mail.addresses import clean_email, clean_language, clean_timezone
from server_stub.rules import clean_name
from server_stub.store import Store
from server_stub.store.hosts import Hosts, site_details
from server_stub.store.hosts import set_site_details as store_site_details
from server_stub.store.tenancy import IdSpaceFull

Clock = Callable[[], float]
MAX_ADDRESS_CHARS = 300
MAX_URL_CHARS = 500


def add_host(
    store: Store, clock: Clock, tenant_id: str, name: str, email: str, site: str | None
) -> str:
    """A host in the directory; arrivals of visits naming them (by name) are e-mailed to them."""
    name = clean_name(name, "host name")
    email = clean_email(email, "the host's e-mail address")
    with store.begin(tenant_id) as conn:
        site_id = site_of(conn, tenant_id, site)["id"] if site else None
        try:
            host_id = Hosts(conn, tenant_id).add(ids.new_short_id, name, email, site_id, clock())
        except IdSpaceFull as exc:
            raise ServiceError("id_space_full", "could not allocate an id", 500) from exc
    if host_id is None:
        raise ServiceError("duplicate_host", f"a host with the e-mail {email} exists", 409)
    return host_id


def hosts(store: Store, tenant_id: str) -> list[dict[str, Any]]:
    with store.read(tenant_id) as conn:
        return Hosts(conn, tenant_id).list()


def set_site_details(store: Store, tenant_id: str, site: str, **details: str | None) -> dict:
    """Set any of address, timezone and language ('' clears one); returns the site's details."""
    values: dict[str, str | None] = {}
    if "address" in details:
        address = " ".join(str(details["address"] or "").split())
        if len(address) > MAX_ADDRESS_CHARS or not address.isprintable():
            raise ServiceError(
                "invalid_address", f"an address has at most {MAX_ADDRESS_CHARS} characters", 422
            )
        values["address"] = address or None
    if "timezone" in details:
        values["timezone"] = clean_timezone(details["timezone"])
    if "language" in details:
        values["language"] = clean_language(details["language"])
    secret = None
    if "webhook_url" in details:
        values["webhook_url"] = clean_webhook_url(details["webhook_url"])
        secret = secrets.token_urlsafe(32) if values["webhook_url"] else None
        values["webhook_secret"] = secret
    with store.begin(tenant_id) as conn:
        site_id = site_of(conn, tenant_id, site)["id"]
        if values:
            store_site_details(conn, tenant_id, site_id, **values)
        row = site_details(conn, tenant_id, site_id)
    answer = {
        "id": row.site_id,
        "name": row.name,
        "address": row.address,
        "timezone": row.timezone,
        "language": row.language,
        "webhook_url": row.webhook_url,
    }
    if secret is not None:
        answer["webhook_secret"] = secret  # shown once, when the webhook is set
    return answer


def clean_webhook_url(value: str | None) -> str | None:
    """An https:// URL (or '' to turn the webhook off)."""
    text = str(value or "").strip()
    if not text:
        return None
    parts = urlsplit(text)
    if parts.scheme != "https" or not parts.hostname or len(text) > MAX_URL_CHARS:
        raise ServiceError("invalid_webhook", "a webhook URL is https://HOST/PATH", 422)
    return text
