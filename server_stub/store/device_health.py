"""Repository of the kiosks' health reports: the last one per device."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from server_stub.store.dialect import insert
from server_stub.store.schema import device_health

FIELDS = (
    "app_version",
    "queue_depth",
    "last_sync_at",
    "camera_ok",
    "clock_skew_s",
    "free_disk_bytes",
)


class DeviceHealth:
    def __init__(self, conn: sa.Connection, tenant_id: str) -> None:
        self.conn, self.tenant_id = conn, tenant_id

    def record(self, device_id: str, report: dict[str, Any], now: float) -> None:
        """Replace the device's last report (fields it did not send are stored as unknown)."""
        values = {name: report.get(name) for name in FIELDS}
        statement = insert(self.conn, device_health).values(
            tenant_id=self.tenant_id, device_id=device_id, reported_at=now, **values
        )
        self.conn.execute(
            statement.on_conflict_do_update(
                index_elements=["tenant_id", "device_id"], set_={"reported_at": now, **values}
            )
        )

    def all(self) -> dict[str, dict[str, Any]]:
        """Every device's last report, by device id."""
        rows = self.conn.execute(
            sa.select(device_health).where(device_health.c.tenant_id == self.tenant_id)
        )
        result = {}
        for row in rows:
            item = dict(row._mapping)
            item.pop("tenant_id")
            result[item.pop("device_id")] = item
        return result
