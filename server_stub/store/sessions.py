"""Repository of console refresh tokens: one family per sign-in, each token used once."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from server_stub.store.schema import refresh_tokens, users


class RefreshTokens:
    def __init__(self, conn: sa.Connection, tenant_id: str) -> None:
        self.conn, self.tenant_id = conn, tenant_id

    def add(
        self, token_hash: str, family_id: str, user_id: str, now: float, expires_at: float
    ) -> None:
        self.conn.execute(
            refresh_tokens.insert().values(
                token_hash=token_hash,
                tenant_id=self.tenant_id,
                family_id=family_id,
                user_id=user_id,
                issued_at=now,
                expires_at=expires_at,
            )
        )

    def get(self, token_hash: str) -> Any:
        r = refresh_tokens.c
        return self.conn.execute(
            sa.select(r.family_id, r.user_id, r.expires_at, r.rotated_at, r.revoked_at).where(
                r.tenant_id == self.tenant_id, r.token_hash == token_hash
            )
        ).first()

    def rotate(self, token_hash: str, now: float) -> bool:
        """Mark the token used; False when it already was (another request won the race)."""
        r = refresh_tokens.c
        result = self.conn.execute(
            refresh_tokens.update()
            .where(
                r.tenant_id == self.tenant_id,
                r.token_hash == token_hash,
                r.rotated_at.is_(None),
                r.revoked_at.is_(None),
            )
            .values(rotated_at=now)
        )
        return result.rowcount == 1

    def revoke_family(self, family_id: str, now: float) -> None:
        r = refresh_tokens.c
        self.conn.execute(
            refresh_tokens.update()
            .where(r.tenant_id == self.tenant_id, r.family_id == family_id, r.revoked_at.is_(None))
            .values(revoked_at=now)
        )

    def forget_expired(self, now: float) -> None:
        r = refresh_tokens.c
        self.conn.execute(
            refresh_tokens.delete().where(r.tenant_id == self.tenant_id, r.expires_at < now)
        )

    def user_role(self, user_id: str) -> str | None:
        """The user's current role (None when the user is gone)."""
        return self.conn.execute(
            sa.select(users.c.role).where(
                users.c.tenant_id == self.tenant_id, users.c.user_id == user_id
            )
        ).scalar_one_or_none()
