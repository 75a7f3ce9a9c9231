"""Random identifiers: short tenant/site ids, visit ids, device ids and pairing codes."""

from __future__ import annotations

import secrets
import string

_LOWER_DIGITS = string.ascii_lowercase + string.digits
_ALNUM = string.ascii_letters + string.digits


def _random(alphabet: str, length: int) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(length))


def new_short_id() -> str:
    """A tenant or site id: 4 characters from [a-z0-9]."""
    return _random(_LOWER_DIGITS, 4)


def new_visit_id() -> str:
    """A visit id: 8 characters from [A-Za-z0-9]."""
    return _random(_ALNUM, 8)


def new_device_id() -> str:
    return "d_" + _random(_LOWER_DIGITS, 10)


def new_user_id() -> str:
    return "u_" + _random(_LOWER_DIGITS, 10)


def new_pairing_code() -> str:
    """Six decimal digits, uniformly drawn."""
    return f"{secrets.randbelow(10**6):06d}"
