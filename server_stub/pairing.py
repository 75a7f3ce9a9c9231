"""Pairing codes: 6 digits, single use, 10 minutes; failed redeems throttled per address.

A kiosk sends only the code, so a failed redeem cannot be charged to the code it aimed at; it is
charged to the guesser's client address instead (never to the live codes, so an attacker cannot
kill a receptionist's code):

- per address: ``FREE_FAILURES`` failures, then each further failure blocks the address for a
  doubling time (4 s, 8 s, ... up to an hour): 429 with Retry-After, not checked, not counted;
- server-wide: every failure is recorded with its *exposure*, the number of live codes it could
  have hit. While the exposure of the last ``WINDOW_S`` seconds plus that of the next guess
  would pass ``MAX_EXPOSURE``, every redeem gets 429. So the chance that all guessing within
  any 10 minutes hits a live code is at most ``MAX_EXPOSURE`` in 10**6 (docs/api.md).
- at most ``MAX_LIVE_CODES`` codes live at once, so that one address (at most 10 failures in
  its first 10 minutes) can never reach the server-wide ceiling.

All of it runs under one lock (the throttle's lock row, FOR UPDATE on PostgreSQL; the single
writer on SQLite), so concurrent redeems on several workers are counted one by one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from server_stub import audit, ids, keys
from server_stub.errors import ServiceError
from server_stub.lookups import site_of, tenant_of
from server_stub.rules import POLICY, clean_name
from server_stub.store import Store, bind_tenant
from server_stub.store.devices import Devices
from server_stub.store.pairing import PairingCodes, PairingThrottle
from server_stub.tokens import TokenIssuer

CODE_TTL_S = 600
MAX_LIVE_CODES = 3
WINDOW_S = CODE_TTL_S
MAX_EXPOSURE = 99  # guess-code exposures per WINDOW_S: at most 99e-6 chance of any hit
FREE_FAILURES = 3
FIRST_BLOCK_S = 4
MAX_BLOCK_S = 3600
ADDRESS_MEMORY_S = 24 * 3600  # an address's count starts afresh after a quiet day
LOCAL_ADDRESS = "local"  # redeems made in-process (the CLI, tests), not over the network
_CODE = re.compile(r"[0-9]{6}")

Clock = Callable[[], float]


def block_after(failures: int) -> float:
    """Seconds an address waits after its n-th failure: 0, 0, 4, 8, 16, ... at most an hour."""
    if failures < FREE_FAILURES:
        return 0.0
    return float(min(MAX_BLOCK_S, FIRST_BLOCK_S * 2 ** (failures - FREE_FAILURES)))


def create_code(
    store: Store,
    clock: Clock,
    tenant_id: str,
    site: dict[str, str],
    kiosk_name: str,
    actor: str = "-",
) -> dict[str, Any]:
    kiosk_name = clean_name(kiosk_name, "kiosk name")
    now = clock()
    with store.begin(tenant_id) as conn:
        PairingThrottle(conn).lock()
        codes = PairingCodes(conn)
        if codes.live_count(now) >= MAX_LIVE_CODES:
            raise ServiceError(
                "too_many_codes",
                f"{MAX_LIVE_CODES} pairing codes are live; use one or wait until one expires",
                429,
                max(1, math.ceil(codes.next_expiry(now) - now)),
            )
        code = ids.new_pairing_code()
        while codes.find_live(code, now) is not None:
            code = ids.new_pairing_code()
        codes.add(
            code=code,
            tenant_id=tenant_id,
            site_id=site["id"],
            kiosk_name=kiosk_name,
            created_at=now,
            expires_at=now + CODE_TTL_S,
        )
        audit.record(conn, tenant_id, now, actor, "kiosk.pairing_code", site["id"])
    return {"code": code, "expires_at": now + CODE_TTL_S, "site": site, "kiosk_name": kiosk_name}


def _throttled(message: str, wait: float) -> ServiceError:
    return ServiceError("throttled", message, 429, max(1, math.ceil(wait)))


def _global_wait(window: list[tuple[float, int]], exposure: int, now: float) -> float | None:
    """Seconds until a guess of this exposure fits under the ceiling; None when it fits now."""
    total = sum(weight for _, weight in window)
    if total + exposure <= MAX_EXPOSURE:
        return None
    for at, weight in window:  # oldest first: wait until enough of them leave the window
        total -= weight
        if total + exposure <= MAX_EXPOSURE:
            return at + WINDOW_S - now
    return WINDOW_S


def redeem(
    store: Store, tokens: TokenIssuer, clock: Clock, code: str, address: str
) -> dict[str, Any]:
    """Trade a live code for a device token; a failure counts against ``address``.

    The code names the kiosk, so there is no kiosk name to take from the kiosk here.
    """
    now = clock()
    code = str(code).strip()
    with store.begin() as conn:
        throttle, codes = PairingThrottle(conn), PairingCodes(conn)
        throttle.lock()
        state = throttle.address(address)
        if state is not None and state.blocked_until > now:
            raise _throttled(
                "too many failed pairing attempts from this address; try again later",
                state.blocked_until - now,
            )
        exposure = codes.live_count(now)
        wait = _global_wait(throttle.window(now - WINDOW_S), exposure, now)
        if wait is not None:
            raise _throttled("too many failed pairing attempts; try again later", wait)
        row = codes.find_live(code, now) if _CODE.fullmatch(code) else None
        if row is None:
            failures = 1
            if state is not None and state.last_failure_at > now - ADDRESS_MEMORY_S:
                failures = state.failures + 1
            throttle.record_failure(address, now, exposure)
            throttle.set_address(address, failures, now, now + block_after(failures))
            throttle.prune(now - WINDOW_S, now - ADDRESS_MEMORY_S, now)
            result = None
        else:
            bind_tenant(conn, row.tenant_id)  # from here on the code's tenant
            devices = Devices(conn, row.tenant_id)
            device_id = devices.add(ids.new_device_id, row.site_id, row.kiosk_name, now)
            codes.redeemed(row.id, now, device_id)
            audit.record(conn, row.tenant_id, now, device_id, "kiosk.paired", device_id)
            result = {
                "device_id": device_id,
                "kiosk_name": row.kiosk_name,
                "tenant": tenant_of(conn, row.tenant_id),
                "site": site_of(conn, row.tenant_id, row.site_id),
                "keys": keys.published_pass_keys(conn, row.tenant_id, now),
            }
    if result is None:
        raise ServiceError("invalid_code", "this pairing code is wrong, used or expired", 400)
    token, _ = tokens.issue_device(device_id, row.tenant_id, row.site_id, now)
    return {
        "device_token": token,
        **result,
        "server_time": clock(),
        "policy": dict(POLICY),
    }
