"""Repositories for the per-tenant pass keys and the global token key."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from server_stub.store.dialect import insert_ignore
from server_stub.store.schema import pass_keys, token_keys


class PassKeys:
    def __init__(self, conn: sa.Connection, tenant_id: str) -> None:
        self.conn, self.tenant_id = conn, tenant_id

    def _mine(self) -> Any:
        return pass_keys.c.tenant_id == self.tenant_id

    def count(self) -> int:
        return int(
            self.conn.execute(
                sa.select(sa.func.count()).select_from(pass_keys).where(self._mine())
            ).scalar_one()
        )

    def add(self, kid: str, seed: str, public_key: str, now: float) -> bool:
        """Retire the active key and add ``kid``; False when ``kid`` exists (a racing rotate)."""
        self.conn.execute(
            pass_keys.update()
            .where(self._mine(), pass_keys.c.retired_at.is_(None))
            .values(retired_at=now)
        )
        return insert_ignore(
            self.conn,
            pass_keys,
            tenant_id=self.tenant_id,
            kid=kid,
            seed=seed,
            public_key=public_key,
            created_at=now,
        )

    def active(self) -> Any:
        return self.conn.execute(
            sa.select(pass_keys.c.kid, pass_keys.c.seed).where(
                self._mine(), pass_keys.c.retired_at.is_(None)
            )
        ).first()

    def record_expiry(self, kid: str, exp: int) -> None:
        """Remember the latest expiry signed by a key: it stays published until then."""
        current = sa.func.coalesce(pass_keys.c.max_exp, 0)
        self.conn.execute(
            pass_keys.update()
            .where(self._mine(), pass_keys.c.kid == kid)
            .values(max_exp=sa.case((current > exp, current), else_=exp))
        )

    def published(self, leeway: float, now: float) -> list[dict[str, object]]:
        """The active key plus retired keys whose signed passes have not all expired yet."""
        rows = self.conn.execute(
            sa.select(pass_keys.c.kid, pass_keys.c.public_key, pass_keys.c.retired_at)
            .where(
                self._mine(),
                sa.or_(
                    pass_keys.c.retired_at.is_(None),
                    sa.func.coalesce(pass_keys.c.max_exp, 0) + leeway > now,
                ),
            )
            .order_by(pass_keys.c.created_at, pass_keys.c.kid)
        )
        return [
            {"kid": r.kid, "public_key": r.public_key, "retired_at": r.retired_at} for r in rows
        ]

    def public_keys(self) -> list[tuple[str, str]]:
        rows = self.conn.execute(
            sa.select(pass_keys.c.kid, pass_keys.c.public_key).where(self._mine())
        )
        return [(r.kid, r.public_key) for r in rows]


class TokenKeys:
    """The global token signing key (see GLOBAL_TABLES)."""

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn

    def add(self, kid: str, private_pem: str, now: float) -> None:
        insert_ignore(self.conn, token_keys, kid=kid, private_pem=private_pem, created_at=now)

    def get(self, kid: str) -> str | None:
        return self.conn.execute(
            sa.select(token_keys.c.private_pem).where(token_keys.c.kid == kid)
        ).scalar_one_or_none()
