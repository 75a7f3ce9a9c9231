"""The sites' e-mail details (address, time zone, language, webhook), behind the service."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from urllib.parse import urlsplit

from server_stub.errors import ServiceError
from server_stub.lookups import site_of
from server_stub.mail.addresses import clean_language, clean_timezone
from server_stub.store import Store
from server_stub.store.hosts import set_site_details as store_site_details
from server_stub.store.hosts import site_details

Clock = Callable[[], float]
MAX_ADDRESS_CHARS = 300
MAX_URL_CHARS = 500


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
