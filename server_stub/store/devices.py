"""Repository of paired kiosks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from server_stub.store.schema import devices
from server_stub.store.tenancy import insert_with_new_id

_COLUMNS = (
    devices.c.device_id,
    devices.c.kiosk_name,
    devices.c.site_id,
    devices.c.created_at,
    devices.c.revoked_at,
    devices.c.last_seen_at,
)


class Devices:
    def __init__(self, conn: sa.Connection, tenant_id: str) -> None:
        self.conn, self.tenant_id = conn, tenant_id

    def _one(self, device_id: str) -> Any:
        return sa.and_(devices.c.tenant_id == self.tenant_id, devices.c.device_id == device_id)

    def add(self, new_id: Callable[[], str], site_id: str, kiosk_name: str, now: float) -> str:
        """A new device under a fresh random id (a collision draws again)."""
        device_id = insert_with_new_id(
            self.conn,
            devices,
            "device_id",
            new_id,
            tenant_id=self.tenant_id,
            site_id=site_id,
            kiosk_name=kiosk_name,
            created_at=now,
        )
        assert device_id is not None  # devices have no other unique column
        return device_id

    def list(self) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            sa.select(*_COLUMNS)
            .where(devices.c.tenant_id == self.tenant_id)
            .order_by(devices.c.created_at, devices.c.device_id)
        )
        return [dict(r._mapping) for r in rows]

    def get(self, device_id: str) -> dict[str, Any] | None:
        row = self.conn.execute(sa.select(*_COLUMNS).where(self._one(device_id))).first()
        return None if row is None else dict(row._mapping)

    def lock_seen(self, device_id: str, now: float) -> dict[str, Any] | None:
        """Mark the device seen now and return it; the UPDATE locks its row until commit, so
        one push per kiosk runs at a time (one statement, not a SELECT FOR UPDATE and an
        UPDATE)."""
        row = self.conn.execute(
            devices.update()
            .where(self._one(device_id))
            .values(last_seen_at=now)
            .returning(*_COLUMNS)
        ).first()
        return None if row is None else dict(row._mapping)

    def revoke(self, device_id: str, now: float) -> float | None:
        """Revoke once; returns the (first) revocation time, None for an unknown device."""
        self.conn.execute(
            devices.update()
            .where(self._one(device_id), devices.c.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        row = self.conn.execute(sa.select(devices.c.revoked_at).where(self._one(device_id)))
        return row.scalar_one_or_none()

    def seen(self, device_id: str, now: float) -> None:
        self.conn.execute(devices.update().where(self._one(device_id)).values(last_seen_at=now))
