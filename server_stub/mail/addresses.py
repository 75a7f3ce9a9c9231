"""E-mail addresses and languages on input: validated once here for the form, API and CLI."""

from __future__ import annotations

import zoneinfo

import email_validator

from kiosk_app.core.catalogue import LANGUAGES  # the product's languages, defined once
from server_stub.errors import ServiceError


def clean_email(value: str, what: str = "the e-mail address") -> str:
    """A syntactically valid address, normalised (no DNS look-up: the server may be offline)."""
    text = str(value).strip()
    try:
        checked = email_validator.validate_email(text, check_deliverability=False)
    except email_validator.EmailNotValidError as exc:
        message = f"{what} {text[:80]!r} is not valid: {exc}"
        raise ServiceError("invalid_email", message, 422) from None
    return str(checked.normalized)


def optional_email(value: str | None, what: str = "the e-mail address") -> str | None:
    if value is None or not str(value).strip():
        return None
    return clean_email(value, what)


def clean_language(value: str | None) -> str | None:
    """en or de; None or empty means "the site's"."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip().lower()
    if text not in LANGUAGES:
        raise ServiceError(
            "invalid_language", f"language must be one of {', '.join(LANGUAGES)}, not {text!r}", 422
        )
    return text


def clean_timezone(value: str | None) -> str | None:
    """An IANA time zone name such as Europe/Berlin; None or empty means the server's zone."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    try:
        zoneinfo.ZoneInfo(text)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ServiceError(
            "invalid_timezone", f"{text[:60]!r} is not a time zone (e.g. Europe/Berlin)", 422
        ) from None
    return text
