"""Visits: create (sign the pass), cancel (revoke it) and the device pull of trust data."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

from kiosk_app.core.passes import MAX_PASS_TIME, MAX_VISIT_S, PassClaims, new_jti, sign_pass
from server_stub import ids, keys
from server_stub.errors import ServiceError, not_found
from server_stub.lookups import site_of
from server_stub.mail import outbox as mail_outbox
from server_stub.mail.addresses import clean_language, optional_email
from server_stub.pull_arrivals import merge_arrivals, pull_arrivals
from server_stub.rules import POLICY, clean_name
from server_stub.store import Store
from server_stub.store.devices import Devices
from server_stub.store.hosts import Hosts
from server_stub.store.keys import PassKeys
from server_stub.store.visits import Revocations, Visits
from server_stub.tokens import TokenClaims

Clock = Callable[[], float]
ID_ATTEMPTS = 100

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
    store: Store,
    clock: Clock,
    tenant_id: str,
    *,
    visitor: str,
    host: str,
    arrive: float | None = None,
    depart: float | None = None,
    site: str | None = None,
    visitor_email: str | None = None,
    language: str | None = None,
) -> dict[str, Any]:
    """Register a visit and sign its pass with the tenant's active pass key.

    With a visitor e-mail the invitation is queued in the same transaction; a host found in
    the host directory by name is linked, to be told when the visitor checks in.
    """
    visitor = clean_name(visitor, "visitor name")
    host = clean_name(host, "host name")
    visitor_email = optional_email(visitor_email, "the visitor's e-mail address")
    language = clean_language(language)
    now = clock()
    nbf, exp = visit_window(now, arrive, depart)
    with store.begin(tenant_id) as conn:
        site_row = site_of(conn, tenant_id, site)
        kid, signing_key = keys.active_pass_key(conn, tenant_id)
        host_row = Hosts(conn, tenant_id).find(host, site_row["id"])
        for _ in range(ID_ATTEMPTS):  # random ids: the UNIQUE keys decide, a clash draws again
            claims = PassClaims(
                tenant=tenant_id,
                site=site_row["id"],
                visit_id=ids.new_visit_id(),
                jti=new_jti(),
                nbf=nbf,
                exp=exp,
            )
            token = sign_pass(claims, signing_key, kid)
            if Visits(conn, tenant_id).add(
                visit_id=claims.visit_id,
                site_id=site_row["id"],
                jti=claims.jti,
                kid=kid,
                visitor=visitor,
                host=host,
                nbf=nbf,
                exp=exp,
                **{"pass": token},
                created_at=now,
                visitor_email=visitor_email,
                language=language,
                host_id=host_row.host_id if host_row is not None else None,
            ):
                break
        else:
            raise ServiceError("id_space_full", "could not allocate a visit id", 500)
        PassKeys(conn, tenant_id).record_expiry(kid, exp)
        message_id = mail_outbox.on_visit_created(
            conn, tenant_id, claims.visit_id, visitor_email, now
        )
    return {
        "invitation_id": message_id,
        "visit_id": claims.visit_id,
        "pass": token,
        "nbf": nbf,
        "exp": exp,
        "jti": claims.jti,
        "site_id": site_row["id"],
    }


def cancel_visit(store: Store, clock: Clock, tenant_id: str, visit_id: str) -> float:
    """Cancel a visit and revoke its pass; cancelling again returns the first revocation time."""
    with store.begin(tenant_id) as conn:
        repo = Visits(conn, tenant_id)
        row = repo.for_cancel(visit_id)
        if row is None:
            raise not_found(f"visit {visit_id}")
        if row.cancelled_at is not None:
            return float(row.cancelled_at)
        if row.kind == "walk_in":
            raise ServiceError(
                "walk_in", "a walk-in has no pass to cancel; check the visitor out instead", 409
            )
        now = clock()
        repo.cancel(visit_id, now)
        Revocations(conn, tenant_id).add(row.jti, visit_id, now)
        mail_outbox.on_visit_cancelled(conn, tenant_id, visit_id, now)
    return now


def _today(now: float) -> tuple[float, float]:
    """Start and end of the server's local calendar day around ``now``."""
    local = dt.datetime.fromtimestamp(now).astimezone()
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return start.timestamp(), (start + dt.timedelta(days=1)).timestamp()


def pull(store: Store, clock: Clock, device: TokenClaims, since: int) -> dict[str, Any]:
    """Keys, revocations after the watermark, today's expected visits, time and policy.

    One snapshot (REPEATABLE READ on PostgreSQL): the watermark returned is the highest one
    in the same snapshot as the list, so a kiosk never moves past a revocation it was not sent.
    """
    now = clock()
    day_start, day_end = _today(now)
    tenant_id, site_id = device.tenant_id, str(device.site_id)
    with store.read(tenant_id) as conn:
        published = keys.published_pass_keys(conn, tenant_id, now)
        revoked = Revocations(conn, tenant_id)
        revocations = revoked.since(since)
        watermark = revocations[-1].watermark if revocations else revoked.latest()
        expected = Visits(conn, tenant_id).expected(site_id, day_start, day_end)
        kiosk = Devices(conn, tenant_id).get(device.subject)
        site = site_of(conn, tenant_id, site_id)
        arrivals = pull_arrivals(conn, tenant_id, site_id, day_start, day_end, now)
    answer = {
        "server_time": clock(),
        "watermark": int(watermark),
        "keys": published,
        "revocations": [
            {"jti": r.jti, "visit_id": r.visit_id, "revoked_at": r.revoked_at} for r in revocations
        ],
        "expected_visits": [
            {
                "visit_id": r.visit_id,
                "jti": r.jti,
                "display_name": r.visitor,
                "host_name": r.host,
                "nbf": r.nbf,
                "exp": r.exp,
            }
            for r in expected
        ],
        "policy": dict(POLICY),
        "site": site,
        "kiosk_name": kiosk["kiosk_name"] if kiosk else "",
    }
    return merge_arrivals(answer, arrivals)
