"""Repository of a user's second factor: the TOTP secret and the one-time recovery codes."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from server_stub.store.schema import credentials, recovery_codes


class Credentials:
    def __init__(self, conn: sa.Connection, tenant_id: str) -> None:
        self.conn, self.tenant_id = conn, tenant_id

    def _one(self, user_id: str) -> Any:
        return sa.and_(credentials.c.tenant_id == self.tenant_id, credentials.c.user_id == user_id)

    def totp(self, user_id: str) -> Any:
        c = credentials.c
        return self.conn.execute(
            sa.select(c.totp_secret, c.totp_pending, c.totp_enabled_at, c.totp_last_step).where(
                self._one(user_id)
            )
        ).first()

    def set_pending(self, user_id: str, secret: str) -> None:
        self.conn.execute(
            credentials.update().where(self._one(user_id)).values(totp_pending=secret)
        )

    def enable(self, user_id: str, now: float, step: int) -> None:
        self.conn.execute(
            credentials.update()
            .where(self._one(user_id))
            .values(
                totp_secret=credentials.c.totp_pending,
                totp_pending=None,
                totp_enabled_at=now,
                totp_last_step=step,
            )
        )

    def accept_step(self, user_id: str, step: int) -> bool:
        """Record a used time step; False when this or a later step was already used."""
        c = credentials.c
        result = self.conn.execute(
            credentials.update()
            .where(
                self._one(user_id),
                sa.or_(c.totp_last_step.is_(None), c.totp_last_step < step),
            )
            .values(totp_last_step=step)
        )
        return result.rowcount == 1

    def disable(self, user_id: str) -> None:
        self.conn.execute(
            credentials.update()
            .where(self._one(user_id))
            .values(totp_secret=None, totp_pending=None, totp_enabled_at=None, totp_last_step=None)
        )
        r = recovery_codes.c
        self.conn.execute(
            recovery_codes.delete().where(r.tenant_id == self.tenant_id, r.user_id == user_id)
        )

    def replace_recovery_codes(self, user_id: str, digests: list[str]) -> None:
        r = recovery_codes.c
        self.conn.execute(
            recovery_codes.delete().where(r.tenant_id == self.tenant_id, r.user_id == user_id)
        )
        self.conn.execute(
            recovery_codes.insert(),
            [{"tenant_id": self.tenant_id, "user_id": user_id, "code_hash": d} for d in digests],
        )

    def use_recovery_code(self, user_id: str, digest: str, now: float) -> bool:
        r = recovery_codes.c
        result = self.conn.execute(
            recovery_codes.update()
            .where(
                r.tenant_id == self.tenant_id,
                r.user_id == user_id,
                r.code_hash == digest,
                r.used_at.is_(None),
            )
            .values(used_at=now)
        )
        return result.rowcount == 1
