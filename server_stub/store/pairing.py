"""Repositories of the global pairing-code pool and of the failed-redeem throttle state."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from server_stub.store.dialect import insert_ignore
from server_stub.store.schema import pairing_codes, pairing_failures, pairing_throttle

LOCK_ROW = "*"  # the server-wide row of pairing_throttle: locking it serialises pairing


class PairingCodes:
    """The global pool (see GLOBAL_TABLES): a kiosk redeems before it has a tenant."""

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn

    def _live(self, now: float) -> Any:
        return sa.and_(pairing_codes.c.redeemed_at.is_(None), pairing_codes.c.expires_at > now)

    def live_count(self, now: float) -> int:
        return int(
            self.conn.execute(
                sa.select(sa.func.count()).select_from(pairing_codes).where(self._live(now))
            ).scalar_one()
        )

    def next_expiry(self, now: float) -> float:
        """When the first live code expires (``now`` when none is live)."""
        value = self.conn.execute(
            sa.select(sa.func.min(pairing_codes.c.expires_at)).where(self._live(now))
        ).scalar_one_or_none()
        return now if value is None else float(value)

    def find_live(self, code: str, now: float) -> Any:
        return self.conn.execute(
            sa.select(
                pairing_codes.c.id,
                pairing_codes.c.tenant_id,
                pairing_codes.c.site_id,
                pairing_codes.c.kiosk_name,
            ).where(pairing_codes.c.code == code, self._live(now))
        ).first()

    def add(self, **values: Any) -> None:
        self.conn.execute(pairing_codes.insert().values(**values))

    def redeemed(self, code_id: int, now: float, device_id: str) -> None:
        self.conn.execute(
            pairing_codes.update()
            .where(pairing_codes.c.id == code_id)
            .values(redeemed_at=now, device_id=device_id)
        )


class PairingThrottle:
    """Per-address failure state and the server-wide window of failed redeems."""

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn

    def lock(self) -> None:
        """Serialise pairing across workers: a row lock on PostgreSQL, the writer on SQLite."""
        insert_ignore(
            self.conn,
            pairing_throttle,
            address=LOCK_ROW,
            failures=0,
            last_failure_at=0.0,
            blocked_until=0.0,
        )
        self.conn.execute(
            sa.select(pairing_throttle.c.address)
            .where(pairing_throttle.c.address == LOCK_ROW)
            .with_for_update()
        ).one()

    def address(self, address: str) -> Any:
        return self.conn.execute(
            sa.select(
                pairing_throttle.c.failures,
                pairing_throttle.c.last_failure_at,
                pairing_throttle.c.blocked_until,
            ).where(pairing_throttle.c.address == address)
        ).first()

    def set_address(self, address: str, failures: int, now: float, blocked_until: float) -> None:
        values = {"failures": failures, "last_failure_at": now, "blocked_until": blocked_until}
        if not insert_ignore(self.conn, pairing_throttle, address=address, **values):
            self.conn.execute(
                pairing_throttle.update()
                .where(pairing_throttle.c.address == address)
                .values(**values)
            )

    def window(self, start: float) -> list[tuple[float, int]]:
        """(time, exposure) of the failures after ``start``, oldest first."""
        rows = self.conn.execute(
            sa.select(pairing_failures.c.at, pairing_failures.c.exposure)
            .where(pairing_failures.c.at > start)
            .order_by(pairing_failures.c.at)
        )
        return [(float(r.at), int(r.exposure)) for r in rows]

    def record_failure(self, address: str, now: float, exposure: int) -> None:
        self.conn.execute(
            pairing_failures.insert().values(at=now, address=address, exposure=exposure)
        )

    def prune(self, failures_before: float, addresses_before: float, now: float) -> None:
        self.conn.execute(pairing_failures.delete().where(pairing_failures.c.at <= failures_before))
        self.conn.execute(
            pairing_throttle.delete().where(
                pairing_throttle.c.address != LOCK_ROW,
                pairing_throttle.c.last_failure_at < addresses_before,
                pairing_throttle.c.blocked_until < now,
            )
        )
