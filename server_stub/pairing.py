"""Pairing codes: 6 digits, single use, 10 minutes, killed by wrong guesses, throttled globally.

A kiosk sends only the code, so a wrong guess cannot be charged to the code it aimed at. The
rule is therefore global: every failed redeem (1) is recorded for the server-wide throttle
(more than ``THROTTLE_FAILURES`` failures within ``THROTTLE_WINDOW_S`` → 429 with Retry-After)
and (2) counts as a wrong guess against *every* live code; a code with ``MAX_WRONG_GUESSES``
wrong guesses is dead. An attacker thus gets at most 5 guesses against any one code
(a 5 in 1,000,000 chance), at the price that a burst of typos makes the receptionist issue a
fresh code.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from server_stub import ids
from server_stub.errors import ServiceError
from server_stub.rules import POLICY, clean_name

if TYPE_CHECKING:
    from server_stub.service import AtriumService

CODE_TTL_S = 600
MAX_WRONG_GUESSES = 5
THROTTLE_FAILURES = 10
THROTTLE_WINDOW_S = 60
_CODE = re.compile(r"[0-9]{6}")


def create_code(
    service: AtriumService, tenant_id: str, site: dict[str, str], kiosk_name: str
) -> dict[str, Any]:
    kiosk_name = clean_name(kiosk_name, "kiosk name")
    now = service.clock()
    with service.db.write() as conn:
        for _ in range(1000):
            code = ids.new_pairing_code()
            clash = conn.execute(
                "SELECT 1 FROM pairing_codes WHERE code = ? AND redeemed_at IS NULL "
                "AND expires_at > ?",
                (code, now),
            ).fetchone()
            if clash is None:
                break
        else:
            raise ServiceError("too_many_codes", "too many live pairing codes", 503)
        conn.execute(
            "INSERT INTO pairing_codes (code, tenant_id, site_id, kiosk_name, created_at, "
            "expires_at) VALUES (?, ?, ?, ?, ?, ?)",
            (code, tenant_id, site["id"], kiosk_name, now, now + CODE_TTL_S),
        )
    return {"code": code, "expires_at": now + CODE_TTL_S, "site": site, "kiosk_name": kiosk_name}


def _retry_after(conn: Any, now: float) -> int | None:
    """Seconds until the throttle lifts, or None when a redeem may be tried now."""
    rows = conn.execute(
        "SELECT at FROM pairing_failures WHERE at > ? ORDER BY at DESC LIMIT ?",
        (now - THROTTLE_WINDOW_S, THROTTLE_FAILURES),
    ).fetchall()
    if len(rows) < THROTTLE_FAILURES:
        return None
    oldest_counted = rows[-1]["at"]
    return max(1, math.ceil(oldest_counted + THROTTLE_WINDOW_S - now))


def redeem(service: AtriumService, code: str) -> dict[str, Any]:
    """Trade a live code for a device token; every failure counts (see module docstring).

    The code names the kiosk, so there is no kiosk name to take from the kiosk here.
    """
    now = service.clock()
    code = str(code).strip()
    with service.db.write() as conn:
        wait = _retry_after(conn, now)
        if wait is not None:
            raise ServiceError(
                "throttled", "too many failed pairing attempts; try again later", 429, wait
            )
        row = None
        if _CODE.fullmatch(code):
            row = conn.execute(
                "SELECT id, tenant_id, site_id, kiosk_name FROM pairing_codes WHERE code = ? "
                "AND redeemed_at IS NULL AND expires_at > ? AND wrong_guesses < ?",
                (code, now, MAX_WRONG_GUESSES),
            ).fetchone()
        if row is None:
            conn.execute("INSERT INTO pairing_failures (at) VALUES (?)", (now,))
            conn.execute(
                "UPDATE pairing_codes SET wrong_guesses = wrong_guesses + 1 "
                "WHERE redeemed_at IS NULL AND expires_at > ?",
                (now,),
            )
            conn.execute(
                "DELETE FROM pairing_failures WHERE at < ?", (now - 10 * THROTTLE_WINDOW_S,)
            )
        else:
            device_id = _new_device(conn, row, now)
    if row is None:
        raise ServiceError("invalid_code", "this pairing code is wrong, used or expired", 400)
    token, _ = service.tokens.issue_device(device_id, row["tenant_id"], row["site_id"], now)
    return {
        "device_token": token,
        "device_id": device_id,
        "kiosk_name": row["kiosk_name"],
        "tenant": service.tenant(row["tenant_id"]),
        "site": service.site(row["tenant_id"], row["site_id"]),
        "keys": service.published_keys(row["tenant_id"]),
        "server_time": service.clock(),
        "policy": dict(POLICY),
    }


def _new_device(conn: Any, code_row: Any, now: float) -> str:
    device_id = ids.new_device_id()
    conn.execute(
        "UPDATE pairing_codes SET redeemed_at = ?, device_id = ? WHERE id = ?",
        (now, device_id, code_row["id"]),
    )
    conn.execute(
        "INSERT INTO devices (device_id, tenant_id, site_id, kiosk_name, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (device_id, code_row["tenant_id"], code_row["site_id"], code_row["kiosk_name"], now),
    )
    return device_id
