"""The service layer: the one set of rules behind the routes, the CLI and EmbeddedServer."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import argon2

from server_stub import ids, keys, ledger, pairing, visits
from server_stub.db import Database
from server_stub.errors import ServiceError, not_found
from server_stub.rules import MIN_PASSWORD_CHARS, clean_name
from server_stub.signin_guard import SignInGuard
from server_stub.tokens import TokenClaims, TokenInvalid, TokenIssuer

Clock = Callable[[], float]


class AtriumService:
    """Tenants, sites, users, devices, pairing, visits and the check-in ledger over one DB."""

    def __init__(self, db: Database, clock: Clock = time.time) -> None:
        self.db = db
        self.clock = clock
        self._hasher = argon2.PasswordHasher()  # argon2id with the library's defaults
        self.pass_keys = keys.PassKeyCache()
        with db.read() as conn:
            if conn.execute("SELECT 1 FROM token_keys").fetchone() is None:
                raise ServiceError("not_initialised", "the server has no keys; run init", 500)
            private, public = keys.load_token_key(conn)
        self.tokens = TokenIssuer(private, public)
        self._dummy_hash: str | None = None  # for unknown e-mails: the same work as a real check
        self.signin_guard = SignInGuard(clock)

    @classmethod
    def open(cls, data_dir: Path, clock: Clock = time.time) -> AtriumService:
        return cls(Database.open(data_dir), clock)

    @classmethod
    def initialise(
        cls,
        data_dir: Path,
        tenant: str,
        site: str,
        admin_email: str | None = None,
        admin_password: str | None = None,
        clock: Clock = time.time,
    ) -> tuple[AtriumService, str, str]:
        """Create the database, the token key, the first tenant, site and admin."""
        db = Database.create(data_dir)
        with db.read() as conn:
            initialised = conn.execute("SELECT 1 FROM tenants").fetchone() is not None
        if initialised:
            db.close()
            raise ServiceError("already_initialised", f"{data_dir} is already initialised")
        with db.write() as conn:
            keys.ensure_token_key(conn, clock())
        service = cls(db, clock)
        tenant_id = service.add_tenant(tenant)
        site_id = service.add_site(tenant_id, site)
        if admin_email is not None or admin_password is not None:
            if not admin_email or not admin_password:
                raise ServiceError("invalid_user", "give both an admin e-mail and a password")
            service.add_user(tenant_id, admin_email, admin_password)
        return service, tenant_id, site_id

    def close(self) -> None:
        self.db.close()

    # tenants and sites ------------------------------------------------------------------
    def add_tenant(self, name: str) -> str:
        name = clean_name(name, "tenant name")
        with self.db.write() as conn:
            if conn.execute("SELECT 1 FROM tenants WHERE name = ?", (name,)).fetchone():
                raise ServiceError("duplicate_name", f"tenant {name!r} already exists", 409)
            tenant_id = _unused_id(conn, "SELECT 1 FROM tenants WHERE tenant_id = ?")
            conn.execute(
                "INSERT INTO tenants (tenant_id, name, created_at) VALUES (?, ?, ?)",
                (tenant_id, name, self.clock()),
            )
            keys.add_pass_key(conn, tenant_id, self.clock())
        return tenant_id

    def default_tenant(self) -> str:
        with self.db.read() as conn:
            row = conn.execute(
                "SELECT tenant_id FROM tenants ORDER BY created_at, rowid LIMIT 1"
            ).fetchone()
        if row is None:
            raise ServiceError("not_initialised", "no tenant yet; run init", 500)
        return str(row["tenant_id"])

    def tenant_id_for(self, tenant: str) -> str:
        """A tenant id from its id or name."""
        with self.db.read() as conn:
            row = conn.execute(
                "SELECT tenant_id FROM tenants WHERE tenant_id = ? OR name = ?", (tenant, tenant)
            ).fetchone()
        if row is None:
            raise ServiceError("unknown_tenant", f"unknown tenant {tenant!r}", 404)
        return str(row["tenant_id"])

    def tenant(self, tenant_id: str) -> dict[str, str]:
        with self.db.read() as conn:
            row = conn.execute(
                "SELECT tenant_id, name FROM tenants WHERE tenant_id = ?", (tenant_id,)
            ).fetchone()
        if row is None:
            raise not_found("tenant")
        return {"id": row["tenant_id"], "name": row["name"]}

    def add_site(self, tenant_id: str, name: str) -> str:
        name = clean_name(name, "site name")
        with self.db.write() as conn:
            if conn.execute(
                "SELECT 1 FROM sites WHERE tenant_id = ? AND name = ?", (tenant_id, name)
            ).fetchone():
                raise ServiceError("duplicate_name", f"site {name!r} already exists", 409)
            site_id = _unused_id(conn, "SELECT 1 FROM sites WHERE site_id = ?")
            conn.execute(
                "INSERT INTO sites (site_id, tenant_id, name, created_at) VALUES (?, ?, ?, ?)",
                (site_id, tenant_id, name, self.clock()),
            )
        return site_id

    def site(self, tenant_id: str, site: str | None = None) -> dict[str, str]:
        """A site of the tenant by id or name; the tenant's first site when none is given."""
        with self.db.read() as conn:
            if site is None:
                row = conn.execute(
                    "SELECT site_id, name FROM sites WHERE tenant_id = ? "
                    "ORDER BY created_at, rowid LIMIT 1",
                    (tenant_id,),
                ).fetchone()
            else:
                row = conn.execute(
                    "SELECT site_id, name FROM sites WHERE tenant_id = ? "
                    "AND (site_id = ? OR name = ?) ORDER BY site_id = ? DESC LIMIT 1",
                    (tenant_id, site, site, site),
                ).fetchone()
        if row is None:
            raise ServiceError("unknown_site", f"unknown site {site!r}", 404)
        return {"id": row["site_id"], "name": row["name"]}

    # users and tokens -------------------------------------------------------------------
    def add_user(self, tenant_id: str, email: str, password: str, role: str = "admin") -> str:
        email = email.strip().lower()
        if "@" not in email or len(email) > 254 or not email.isprintable() or " " in email:
            raise ServiceError("invalid_user", "give a valid e-mail address", 422)
        if len(password) < MIN_PASSWORD_CHARS:
            raise ServiceError(
                "weak_password", f"a password needs at least {MIN_PASSWORD_CHARS} characters", 422
            )
        password_hash = self._hasher.hash(password)
        with self.db.write() as conn:
            if conn.execute("SELECT 1 FROM users WHERE email = ?", (email,)).fetchone():
                raise ServiceError("duplicate_user", f"user {email} already exists", 409)
            user_id = ids.new_user_id()
            conn.execute(
                "INSERT INTO users (user_id, tenant_id, email, password_hash, role, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (user_id, tenant_id, email, password_hash, role, self.clock()),
            )
        return user_id

    def login(self, email: str, password: str, client: str | None = None) -> tuple[str, int]:
        """A 15-minute user token for valid credentials; the same refusal for any mistake.

        ``client`` is the caller's address; failures are throttled per address and account.
        """
        account, address = email.strip().lower(), client or "local"
        self.signin_guard.check(account, address)
        with self.db.read() as conn:
            row = conn.execute(
                "SELECT user_id, tenant_id, password_hash, role FROM users WHERE email = ?",
                (account,),
            ).fetchone()
        with self.signin_guard.hashing():
            if row is None and self._dummy_hash is None:
                self._dummy_hash = self._hasher.hash(secrets.token_urlsafe(16))
            try:
                self._hasher.verify(row["password_hash"] if row else self._dummy_hash, password)
            except (argon2.exceptions.VerificationError, argon2.exceptions.InvalidHashError):
                row = None
        if row is None:
            self.signin_guard.failed(account, address)
            raise ServiceError("invalid_credentials", "wrong e-mail or password", 401)
        self.signin_guard.succeeded(account, address)
        return self.tokens.issue_user(row["user_id"], row["tenant_id"], row["role"], self.clock())

    def user_token(self, tenant_id: str) -> str:
        """A fresh token for the tenant's first admin (for EmbeddedServer and tests)."""
        with self.db.read() as conn:
            row = conn.execute(
                "SELECT user_id, role FROM users WHERE tenant_id = ? ORDER BY created_at LIMIT 1",
                (tenant_id,),
            ).fetchone()
        if row is None:
            raise ServiceError("no_user", "this tenant has no user", 404)
        return self.tokens.issue_user(row["user_id"], tenant_id, row["role"], self.clock())[0]

    def authenticate(self, token: str) -> TokenClaims:
        """Verify a token and that its subject still exists (devices: not revoked)."""
        try:
            claims = self.tokens.verify(token, self.clock())
        except TokenInvalid as exc:
            raise ServiceError("unauthorized", "missing or invalid token", 401) from exc
        with self.db.read() as conn:
            if claims.token_type == "device":  # noqa: S105 (a claim value)
                row = conn.execute(
                    "SELECT revoked_at FROM devices WHERE device_id = ? AND tenant_id = ?",
                    (claims.subject, claims.tenant_id),
                ).fetchone()
                if row is None:
                    raise ServiceError("unauthorized", "unknown device", 401)
                if row["revoked_at"] is not None:
                    raise ServiceError("device_revoked", "this kiosk has been unpaired", 401)
            else:
                row = conn.execute(
                    "SELECT 1 FROM users WHERE user_id = ? AND tenant_id = ?",
                    (claims.subject, claims.tenant_id),
                ).fetchone()
                if row is None:
                    raise ServiceError("unauthorized", "unknown user", 401)
        return claims

    # devices ----------------------------------------------------------------------------
    def devices(self, tenant_id: str) -> list[dict[str, Any]]:
        with self.db.read() as conn:
            rows = conn.execute(
                "SELECT device_id, kiosk_name, site_id, created_at, revoked_at, last_seen_at "
                "FROM devices WHERE tenant_id = ? ORDER BY created_at, device_id",
                (tenant_id,),
            ).fetchall()
        return [dict(r) for r in rows]

    def device(self, tenant_id: str, device_id: str) -> dict[str, Any]:
        with self.db.read() as conn:
            row = conn.execute(
                "SELECT device_id, kiosk_name, site_id, created_at, revoked_at, last_seen_at "
                "FROM devices WHERE tenant_id = ? AND device_id = ?",
                (tenant_id, device_id),
            ).fetchone()
        if row is None:
            raise not_found(f"device {device_id}")
        return dict(row)

    def revoke_device(self, tenant_id: str, device_id: str) -> float:
        with self.db.write() as conn:
            row = conn.execute(
                "SELECT revoked_at FROM devices WHERE tenant_id = ? AND device_id = ?",
                (tenant_id, device_id),
            ).fetchone()
            if row is None:
                raise not_found(f"device {device_id}")
            if row["revoked_at"] is not None:
                return float(row["revoked_at"])
            now = self.clock()
            conn.execute(
                "UPDATE devices SET revoked_at = ? WHERE tenant_id = ? AND device_id = ?",
                (now, tenant_id, device_id),
            )
        return now

    # keys -------------------------------------------------------------------------------
    def rotate_keys(self, tenant_id: str) -> str:
        with self.db.write() as conn:
            kid = keys.add_pass_key(conn, tenant_id, self.clock())
        self.pass_keys.get(self.db, tenant_id, reload=True)
        return kid

    def published_keys(self, tenant_id: str) -> list[dict[str, object]]:
        with self.db.read() as conn:
            return keys.published_pass_keys(conn, tenant_id, self.clock())

    # the areas with their own modules ---------------------------------------------------
    def create_pairing_code(
        self, tenant_id: str, site: str | None, kiosk_name: str
    ) -> dict[str, Any]:
        return pairing.create_code(self, tenant_id, self.site(tenant_id, site), kiosk_name)

    def redeem_pairing_code(self, code: str) -> dict[str, Any]:
        return pairing.redeem(self, code)

    def create_visit(self, tenant_id: str, **kwargs: Any) -> dict[str, Any]:
        return visits.create_visit(self, tenant_id, **kwargs)

    def cancel_visit(self, tenant_id: str, visit_id: str) -> float:
        return visits.cancel_visit(self, tenant_id, visit_id)

    def pull(self, device: TokenClaims, since: int) -> dict[str, Any]:
        return visits.pull(self, device, since)

    def push_checkins(self, device: TokenClaims, events: list[dict[str, Any]]) -> list[dict]:
        return ledger.push(self, device, events)

    def checkins(self, tenant_id: str) -> list[dict[str, Any]]:
        return ledger.checkins(self, tenant_id)

    def duplicates(self, tenant_id: str) -> list[dict[str, Any]]:
        return ledger.duplicates(self, tenant_id)


def _unused_id(conn: Any, query: str) -> str:
    for _ in range(100):
        candidate = ids.new_short_id()
        if conn.execute(query, (candidate,)).fetchone() is None:
            return candidate
    raise ServiceError("id_space_full", "could not allocate an id", 500)
