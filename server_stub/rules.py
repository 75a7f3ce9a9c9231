"""Shared limits and input rules of the server (names, passwords, policy, batch sizes)."""

from __future__ import annotations

from server_stub.errors import ServiceError

MIN_PASSWORD_CHARS = 10
ROLES = ("admin", "receptionist")  # admin: everything; receptionist: not users or settings
MAX_NAME_CHARS = 100
MAX_BATCH_EVENTS = 500
MAX_BODY_BYTES = 2 * 1024 * 1024
POLICY = {"trust_max_age_s": 259200, "clock_skew_flag_s": 7200}


def clean_name(value: str, what: str) -> str:
    """A display name: trimmed, non-empty, at most 100 characters, no control characters."""
    text = " ".join(str(value).split())
    if not text or len(text) > MAX_NAME_CHARS or not text.isprintable():
        raise ServiceError("invalid_name", f"{what} must be 1 to {MAX_NAME_CHARS} characters", 422)
    return text


def optional_company(value: str | None) -> str | None:
    """A visitor's company: like a name, or None when not given (blank counts as not given)."""
    if value is None or not str(value).strip():
        return None
    return clean_name(value, "company")
