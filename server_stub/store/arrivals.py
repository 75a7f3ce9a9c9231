"""Repository of walk-ins and check-outs: the visit an exit names, its check-in, the one
check-out per visit, the walk-ins on site and the site's kiosk-facing host list."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from server_stub.store.dialect import insert_ignore
from server_stub.store.schema import checkouts, hosts, sites, used_passes, visits

WALK_IN = "walk_in"
EXPECTED = "expected"

_VISIT_COLUMNS = (
    visits.c.visit_id,
    visits.c.site_id,
    visits.c.jti,
    visits.c.kind,
    visits.c.exp,
    visits.c.cancelled_at,
)


class Arrivals:
    def __init__(self, conn: sa.Connection, tenant_id: str) -> None:
        self.conn, self.tenant_id = conn, tenant_id

    # the visit an exit names ------------------------------------------------------------
    def _visit(self, *where: Any) -> Any:
        return self.conn.execute(
            sa.select(*_VISIT_COLUMNS).where(visits.c.tenant_id == self.tenant_id, *where)
        ).first()

    def visit_by_jti(self, jti: str) -> Any:
        return self._visit(visits.c.jti == jti)

    def visit_at_site(self, site_id: str, visit_id: str) -> Any:
        return self._visit(visits.c.site_id == site_id, visits.c.visit_id == visit_id)

    def walk_in_at_site(self, site_id: str, event_id: str) -> Any:
        return self._visit(visits.c.site_id == site_id, visits.c.walk_in_event_id == event_id)

    def walk_in_visit_id(self, event_id: str) -> str | None:
        """The visit a walk-in event made (any site), if any."""
        return self.conn.execute(
            sa.select(visits.c.visit_id).where(
                visits.c.tenant_id == self.tenant_id, visits.c.walk_in_event_id == event_id
            )
        ).scalar_one_or_none()

    def first_use(self, jti: str) -> Any:
        """The check-in (ledger row) of the visit with this jti, if any."""
        u = used_passes.c
        return self.conn.execute(
            sa.select(u.used_at, u.event_id, u.device_id, u.kiosk_name).where(
                u.tenant_id == self.tenant_id, u.jti == jti
            )
        ).first()

    def record_use(self, **values: Any) -> bool:
        """A walk-in's check-in in the ledger (its own jti: never a pass's)."""
        return insert_ignore(self.conn, used_passes, tenant_id=self.tenant_id, **values)

    # check-outs -------------------------------------------------------------------------
    def check_out(
        self, visit_id: str, at: float, device_id: str, kiosk_name: str, event_id: str
    ) -> bool:
        """Record a kiosk's check-out; False when the visit was already checked out."""
        return insert_ignore(
            self.conn,
            checkouts,
            tenant_id=self.tenant_id,
            visit_id=visit_id,
            checked_out_at=at,
            device_id=device_id,
            kiosk_name=kiosk_name,
            event_id=event_id,
        )

    def checkout(self, visit_id: str) -> Any:
        c = checkouts.c
        return self.conn.execute(
            sa.select(c.checked_out_at, c.checked_out_by, c.kiosk_name, c.event_id).where(
                c.tenant_id == self.tenant_id, c.visit_id == visit_id
            )
        ).first()

    # what a kiosk pulls -----------------------------------------------------------------
    def site_takes_walk_ins(self, site_id: str) -> bool:
        value = self.conn.execute(
            sa.select(sites.c.walk_ins).where(
                sites.c.tenant_id == self.tenant_id, sites.c.site_id == site_id
            )
        ).scalar_one_or_none()
        return bool(value)

    def set_walk_ins(self, site_id: str, enabled: bool) -> None:
        self.conn.execute(
            sites.update()
            .where(sites.c.tenant_id == self.tenant_id, sites.c.site_id == site_id)
            .values(walk_ins=enabled)
        )

    def active_hosts(self, site_id: str) -> list[Any]:
        """The site's active hosts, ids and names only (no addresses reach a kiosk)."""
        h = hosts.c
        return list(
            self.conn.execute(
                sa.select(h.host_id, h.name)
                .where(h.tenant_id == self.tenant_id, h.site_id == site_id, h.disabled_at.is_(None))
                .order_by(h.name, h.host_id)
            )
        )

    def states_at_site(
        self, site_id: str, day_start: float, day_end: float
    ) -> dict[str, tuple[float, float | None]]:
        """Visit id → (checked in at, checked out at) for the site's visits overlapping the
        day that have checked in (a join, not a list of ids: a busy day has thousands)."""
        v, u, c = visits.c, used_passes.c, checkouts.c
        rows = self.conn.execute(
            sa.select(v.visit_id, u.used_at, c.checked_out_at)
            .join(used_passes, sa.and_(u.tenant_id == v.tenant_id, u.jti == v.jti))
            .outerjoin(checkouts, sa.and_(c.tenant_id == v.tenant_id, c.visit_id == v.visit_id))
            .where(
                v.tenant_id == self.tenant_id,
                v.site_id == site_id,
                v.nbf < day_end,
                v.exp > day_start,
            )
        )
        return {r.visit_id: (r.used_at, r.checked_out_at) for r in rows}

    def walk_ins_on_site(self, site_id: str, now: float) -> list[Any]:
        """Walk-ins at the site that are checked in, not checked out, not cancelled, and whose
        departure (the end of their day in the site's zone, at most 12 h on) has not passed."""
        v, u, c = visits.c, used_passes.c, checkouts.c
        return list(
            self.conn.execute(
                sa.select(v.visit_id, v.walk_in_event_id, v.visitor, u.used_at)
                .join(used_passes, sa.and_(u.tenant_id == v.tenant_id, u.jti == v.jti))
                .outerjoin(
                    checkouts, sa.and_(c.tenant_id == v.tenant_id, c.visit_id == v.visit_id)
                )
                .where(
                    v.tenant_id == self.tenant_id,
                    v.site_id == site_id,
                    v.kind == WALK_IN,
                    v.cancelled_at.is_(None),
                    v.exp > now,
                    c.visit_id.is_(None),
                )
                .order_by(u.used_at, v.visit_id)
            )
        )
