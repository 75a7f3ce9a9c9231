"""Visits: create (sign the pass), cancel (revoke it) and the device pull of trust data."""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

from kiosk_app.core.passes import MAX_PASS_TIME, MAX_VISIT_S, PassClaims, new_jti, sign_pass
from server_stub import ids, keys
from server_stub.errors import ServiceError, not_found
from server_stub.rules import POLICY, clean_name

if TYPE_CHECKING:
    from server_stub.service import AtriumService
    from server_stub.tokens import TokenClaims

DEFAULT_VISIT_S = 2 * 3600


def visit_window(now: float, arrive: float | None, depart: float | None) -> tuple[int, int]:
    """The pass window (nbf, exp): defaults arrive now and depart 2 h later; at most 24 h."""
    for value in (arrive, depart):
        if value is not None and not (0 < value < MAX_PASS_TIME):
            raise ServiceError("invalid_window", "arrival and departure must be real dates", 422)
    nbf = math.floor(now if arrive is None else arrive)
    exp = math.ceil(nbf + DEFAULT_VISIT_S if depart is None else depart)
    if exp <= nbf:
        raise ServiceError("invalid_window", "the departure must be after the arrival", 422)
    if exp - nbf > MAX_VISIT_S:
        raise ServiceError("invalid_window", "a visit lasts at most 24 hours", 422)
    return nbf, exp


def create_visit(
    service: AtriumService,
    tenant_id: str,
    *,
    visitor: str,
    host: str,
    arrive: float | None = None,
    depart: float | None = None,
    site: str | None = None,
) -> dict[str, Any]:
    """Register a visit and sign its pass with the tenant's active pass key."""
    visitor = clean_name(visitor, "visitor name")
    host = clean_name(host, "host name")
    site_row = service.site(tenant_id, site)
    now = service.clock()
    nbf, exp = visit_window(now, arrive, depart)
    with service.db.write() as conn:
        kid, signing_key = keys.active_pass_key(conn, tenant_id)
        while True:
            visit_id = ids.new_visit_id()
            if not conn.execute("SELECT 1 FROM visits WHERE visit_id = ?", (visit_id,)).fetchone():
                break
        claims = PassClaims(
            tenant=tenant_id,
            site=site_row["id"],
            visit_id=visit_id,
            jti=new_jti(),
            nbf=nbf,
            exp=exp,
        )
        token = sign_pass(claims, signing_key, kid)
        conn.execute(
            "INSERT INTO visits (visit_id, tenant_id, site_id, jti, kid, visitor, host, nbf, "
            "exp, pass, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                visit_id,
                tenant_id,
                site_row["id"],
                claims.jti,
                kid,
                visitor,
                host,
                nbf,
                exp,
                token,
                now,
            ),
        )
        keys.record_pass_expiry(conn, tenant_id, kid, exp)
    return {
        "visit_id": visit_id,
        "pass": token,
        "nbf": nbf,
        "exp": exp,
        "jti": claims.jti,
        "site_id": site_row["id"],
    }


def cancel_visit(service: AtriumService, tenant_id: str, visit_id: str) -> float:
    """Cancel a visit and revoke its pass; cancelling again returns the first revocation time."""
    with service.db.write() as conn:
        row = conn.execute(
            "SELECT jti, cancelled_at FROM visits WHERE tenant_id = ? AND visit_id = ?",
            (tenant_id, visit_id),
        ).fetchone()
        if row is None:
            raise not_found(f"visit {visit_id}")
        if row["cancelled_at"] is not None:
            return float(row["cancelled_at"])
        now = service.clock()
        conn.execute(
            "UPDATE visits SET cancelled_at = ? WHERE tenant_id = ? AND visit_id = ?",
            (now, tenant_id, visit_id),
        )
        conn.execute(
            "INSERT INTO revocations (tenant_id, jti, visit_id, revoked_at) VALUES (?, ?, ?, ?)",
            (tenant_id, row["jti"], visit_id, now),
        )
    return now


def _today(now: float) -> tuple[float, float]:
    """Start and end of the server's local calendar day around ``now``."""
    local = dt.datetime.fromtimestamp(now).astimezone()
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return start.timestamp(), (start + dt.timedelta(days=1)).timestamp()


def pull(service: AtriumService, device: TokenClaims, since: int) -> dict[str, Any]:
    """Keys, revocations after the watermark, today's expected visits, time and policy."""
    now = service.clock()
    day_start, day_end = _today(now)
    tenant_id, site_id = device.tenant_id, str(device.site_id)
    with service.db.read() as conn:
        published = keys.published_pass_keys(conn, tenant_id, now)
        revocations = conn.execute(
            "SELECT watermark, jti, visit_id, revoked_at FROM revocations "
            "WHERE tenant_id = ? AND watermark > ? ORDER BY watermark",
            (tenant_id, since),
        ).fetchall()
        watermark = conn.execute(
            "SELECT COALESCE(MAX(watermark), 0) FROM revocations WHERE tenant_id = ?",
            (tenant_id,),
        ).fetchone()[0]
        expected = conn.execute(
            "SELECT visit_id, jti, visitor, host, nbf, exp FROM visits WHERE tenant_id = ? "
            "AND site_id = ? AND cancelled_at IS NULL AND nbf < ? AND exp > ? "
            "ORDER BY nbf, visit_id",
            (tenant_id, site_id, day_end, day_start),
        ).fetchall()
        kiosk = conn.execute(
            "SELECT kiosk_name FROM devices WHERE tenant_id = ? AND device_id = ?",
            (tenant_id, device.subject),
        ).fetchone()
        site = service.site(tenant_id, site_id)  # joins this read transaction
    return {
        "server_time": service.clock(),
        "watermark": int(watermark),
        "keys": published,
        "revocations": [
            {"jti": r["jti"], "visit_id": r["visit_id"], "revoked_at": r["revoked_at"]}
            for r in revocations
        ],
        "expected_visits": [
            {
                "visit_id": r["visit_id"],
                "jti": r["jti"],
                "display_name": r["visitor"],
                "host_name": r["host"],
                "nbf": r["nbf"],
                "exp": r["exp"],
            }
            for r in expected
        ],
        "policy": dict(POLICY),
        "site": site,
        "kiosk_name": kiosk["kiosk_name"] if kiosk else "",
    }
