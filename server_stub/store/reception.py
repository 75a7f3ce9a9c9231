"""Repository of what reception reads: users, sites, kiosks, the day, timelines, conflicts."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from server_stub.store.dialect import insert_ignore
from server_stub.store.schema import (
    checkin_events,
    checkouts,
    conflict_resolutions,
    credentials,
    devices,
    pairing_codes,
    sites,
    used_passes,
    users,
    visits,
)


def _dicts(rows: Any) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in rows]


class ReceptionViews:
    """Read-only joins for the console, every one filtered by the tenant."""

    def __init__(self, conn: sa.Connection, tenant_id: str) -> None:
        self.conn, self.tenant_id = conn, tenant_id

    def users(self) -> list[dict[str, Any]]:
        u, c = users.c, credentials.c
        return _dicts(
            self.conn.execute(
                sa.select(u.user_id, u.email, u.role, u.created_at, c.totp_enabled_at)
                .outerjoin(credentials, sa.and_(c.user_id == u.user_id, c.tenant_id == u.tenant_id))
                .where(u.tenant_id == self.tenant_id)
                .order_by(u.email)
            )
        )

    def user_email(self, user_id: str) -> str | None:
        return self.conn.execute(
            sa.select(users.c.email).where(
                users.c.tenant_id == self.tenant_id, users.c.user_id == user_id
            )
        ).scalar_one_or_none()

    def sites(self) -> list[dict[str, str]]:
        rows = self.conn.execute(
            sa.select(sites.c.site_id, sites.c.name)
            .where(sites.c.tenant_id == self.tenant_id)
            .order_by(sites.c.seq, sites.c.created_at)
        )
        return [{"id": r.site_id, "name": r.name} for r in rows]

    def pairing_code(self, code: str) -> Any:
        """The tenant's newest pairing code with these digits, with its site's name."""
        p = pairing_codes.c
        return self.conn.execute(
            sa.select(
                p.code,
                p.kiosk_name,
                p.expires_at,
                p.redeemed_at,
                p.device_id,
                sites.c.name.label("site_name"),
            )
            .join(sites, sa.and_(sites.c.site_id == p.site_id, sites.c.tenant_id == p.tenant_id))
            .where(p.tenant_id == self.tenant_id, p.code == code)
            .order_by(p.created_at.desc())
            .limit(1)
        ).first()

    def kiosks(self) -> list[dict[str, Any]]:
        d = devices.c
        return _dicts(
            self.conn.execute(
                sa.select(
                    d.device_id,
                    d.kiosk_name,
                    d.site_id,
                    sites.c.name.label("site_name"),
                    d.created_at,
                    d.revoked_at,
                    d.last_seen_at,
                )
                .join(
                    sites, sa.and_(sites.c.site_id == d.site_id, sites.c.tenant_id == d.tenant_id)
                )
                .where(d.tenant_id == self.tenant_id)
                .order_by(d.revoked_at.is_not(None), sites.c.name, d.kiosk_name, d.device_id)
            )
        )

    def day(self, site_id: str, start: float, end: float) -> list[Any]:
        """Visits at a site overlapping [start, end) with their first use, if any."""
        v, u = visits.c, used_passes.c
        return list(
            self.conn.execute(
                sa.select(
                    v.visit_id,
                    v.visitor,
                    v.host,
                    v.nbf,
                    v.exp,
                    v.cancelled_at,
                    u.used_at,
                    u.kiosk_name,
                    v.kind,
                    checkouts.c.checked_out_at,
                    checkouts.c.kiosk_name.label("checked_out_kiosk"),
                )
                .outerjoin(used_passes, sa.and_(u.tenant_id == v.tenant_id, u.jti == v.jti))
                .outerjoin(
                    checkouts,
                    sa.and_(
                        checkouts.c.tenant_id == v.tenant_id, checkouts.c.visit_id == v.visit_id
                    ),
                )
                .where(
                    v.tenant_id == self.tenant_id, v.site_id == site_id, v.nbf < end, v.exp > start
                )
                .order_by(v.nbf, v.visitor, v.visit_id)
            )
        )

    def visit(self, visit_id: str) -> Any:
        v = visits.c
        return self.conn.execute(
            sa.select(
                v.visit_id,
                v.visitor,
                v.host,
                v.nbf,
                v.exp,
                v.created_at,
                v.cancelled_at,
                v.jti,
                v.site_id,
                v["pass"].label("pass"),
                v.visitor_email,
                v.language,
                v.kind,
                sites.c.name.label("site_name"),
            )
            .join(sites, sa.and_(sites.c.site_id == v.site_id, sites.c.tenant_id == v.tenant_id))
            .where(v.tenant_id == self.tenant_id, v.visit_id == visit_id)
        ).first()

    def first_use(self, jti: str) -> Any:
        u = used_passes.c
        return self.conn.execute(
            sa.select(u.used_at, u.kiosk_name).where(u.tenant_id == self.tenant_id, u.jti == jti)
        ).first()

    def repeats(self, jti: str) -> list[Any]:
        """Events that showed this pass again after its first use, with the kiosk's name."""
        e = checkin_events.c
        return list(
            self.conn.execute(
                sa.select(e.scanned_at, devices.c.kiosk_name)
                .outerjoin(
                    devices,
                    sa.and_(devices.c.device_id == e.device_id, devices.c.tenant_id == e.tenant_id),
                )
                .where(
                    e.tenant_id == self.tenant_id,
                    e.jti == jti,
                    e.status == "duplicate",
                    e.kind == "entry",
                )
                .order_by(e.scanned_at)
            )
        )

    def conflicts(self) -> list[dict[str, Any]]:
        """Every pass shown again: the event, both kiosks and times, and the visit."""
        e, r = checkin_events.c, conflict_resolutions.c
        return _dicts(
            self.conn.execute(
                sa.select(
                    e.event_id,
                    e.scanned_at,
                    devices.c.kiosk_name,
                    e.first_used_at,
                    e.first_used_by,
                    visits.c.visit_id,
                    visits.c.visitor,
                    r.note,
                    r.resolved_at,
                )
                .outerjoin(
                    conflict_resolutions,
                    sa.and_(r.tenant_id == e.tenant_id, r.event_id == e.event_id),
                )
                .outerjoin(
                    devices,
                    sa.and_(devices.c.device_id == e.device_id, devices.c.tenant_id == e.tenant_id),
                )
                .outerjoin(
                    visits, sa.and_(visits.c.tenant_id == e.tenant_id, visits.c.jti == e.jti)
                )
                .where(e.tenant_id == self.tenant_id, e.status == "duplicate", e.kind == "entry")
                .order_by(e.scanned_at.desc())
            )
        )

    def is_conflict(self, event_id: str) -> bool:
        e = checkin_events.c
        row = self.conn.execute(
            sa.select(e.event_id).where(
                e.tenant_id == self.tenant_id,
                e.event_id == event_id,
                e.status == "duplicate",
                e.kind == "entry",
            )
        ).first()
        return row is not None

    def resolve(self, event_id: str, note: str, user_id: str, now: float) -> bool:
        """Record the resolution; False when the conflict was already resolved (the first stays)."""
        return insert_ignore(
            self.conn,
            conflict_resolutions,
            tenant_id=self.tenant_id,
            event_id=event_id,
            note=note,
            resolved_by=user_id,
            resolved_at=now,
        )

    def checkout(self, visit_id: str) -> Any:
        """The visit's check-out (its time, and its kiosk when one made it), if any."""
        c = checkouts.c
        return self.conn.execute(
            sa.select(c.checked_out_at, c.kiosk_name).where(
                c.tenant_id == self.tenant_id, c.visit_id == visit_id
            )
        ).first()

    def check_out(self, visit_id: str, user_id: str, now: float) -> bool:
        """Record the check-out; False when the visitor was already checked out."""
        return insert_ignore(
            self.conn,
            checkouts,
            tenant_id=self.tenant_id,
            visit_id=visit_id,
            checked_out_at=now,
            checked_out_by=user_id,
        )
