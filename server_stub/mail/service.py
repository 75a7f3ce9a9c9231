"""Limits and validation of the sites' e-mail details (``server_stub.sites`` applies them)."""

from __future__ import annotations

from urllib.parse import urlsplit

from server_stub.errors import ServiceError

MAX_ADDRESS_CHARS = 300
MAX_URL_CHARS = 500


def clean_webhook_url(value: str | None) -> str | None:
    """An https:// URL (or '' to turn the webhook off)."""
    text = str(value or "").strip()
    if not text:
        return None
    parts = urlsplit(text)
    if parts.scheme != "https" or not parts.hostname or len(text) > MAX_URL_CHARS:
        raise ServiceError("invalid_webhook", "a webhook URL is https://HOST/PATH", 422)
    return text
