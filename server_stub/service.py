"""The service layer: the one set of rules behind the routes, the CLI and EmbeddedServer."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import argon2

from server_stub import (
    audit,
    documents,
    ids,
    keys,
    ledger,
    pairing,
    second_factor,
    signatures,
    visits,
    walk_ins,
)
from server_stub import hosts as host_directory
from server_stub.errors import ServiceError, not_found
from server_stub.lookups import site_of
from server_stub.mail import outbox as mail_outbox
from server_stub.mail import service as mail_service
from server_stub.pdf_worker import PdfWorker
from server_stub.rules import MIN_PASSWORD_CHARS, ROLES, clean_name
from server_stub.signin_guard import SignInGuard
from server_stub.store import Store, default_url
from server_stub.store.devices import Devices
from server_stub.store.sessions import RefreshTokens
from server_stub.store.setup import migrate_store, open_store
from server_stub.store.tenancy import IdSpaceFull, Sites, Tenants, Users, login_tenant
from server_stub.store.visits import Revocations
from server_stub.tokens import TokenClaims, TokenInvalid, TokenIssuer

Clock = Callable[[], float]


class AtriumService:
    """Tenants, sites, users, devices, pairing, visits and the check-in ledger over one store."""

    def __init__(
        self, store: Store, clock: Clock = time.time, data_dir: Path | None = None
    ) -> None:
        self.store = store
        self.clock = clock
        self.data_dir = data_dir
        self._hasher = argon2.PasswordHasher()  # argon2id with the library's defaults
        self.pass_keys = keys.PassKeyCache(store)
        with store.read() as conn:
            token_key = keys.load_token_key(conn)
        if token_key is None:
            raise ServiceError("not_initialised", "the server has no keys; run init", 500)
        self.tokens = TokenIssuer(*token_key)
        self._dummy_hash: str | None = None  # for unknown e-mails: the same work as a real check
        self.signin_guard = SignInGuard(clock)
        self.pdf_worker = PdfWorker(  # archival PDFs of signed records, after the answer
            lambda tenant_id, record_id: signatures.archive(self, tenant_id, record_id),
            lambda: signatures.pending(self),
        )

    @classmethod
    def open(
        cls, data_dir: Path, clock: Clock = time.time, *, database_url: str | None = None
    ) -> AtriumService:
        """The service over an initialised database at this release's revision."""
        store = open_store(database_url or default_url(data_dir))
        try:
            return cls(store, clock, Path(data_dir))
        except BaseException:
            store.close()
            raise

    @classmethod
    def initialise(
        cls,
        data_dir: Path,
        tenant: str,
        site: str,
        admin_email: str | None = None,
        admin_password: str | None = None,
        clock: Clock = time.time,
        *,
        database_url: str | None = None,
    ) -> tuple[AtriumService, str, str]:
        """Migrate the database to head, create the token key, the first tenant, site and admin."""
        if (admin_email is not None or admin_password is not None) and not (
            admin_email and admin_password
        ):
            raise ServiceError("invalid_user", "give both an admin e-mail and a password")
        Path(data_dir).mkdir(parents=True, exist_ok=True, mode=0o700)  # keys, TLS files
        store, _, _ = migrate_store(database_url or default_url(data_dir), create=True)
        with store.begin() as conn:
            initialised = Tenants(conn).any()
            if not initialised:
                keys.ensure_token_key(conn, clock())
        if initialised:
            store.close()
            raise ServiceError("already_initialised", f"{data_dir} is already initialised")
        service = cls(store, clock, Path(data_dir))
        tenant_id = service.add_tenant(tenant)
        site_id = service.add_site(tenant_id, site)
        if admin_email is not None and admin_password is not None:
            service.add_user(tenant_id, admin_email, admin_password)
        return service, tenant_id, site_id

    def close(self) -> None:
        self.pdf_worker.close()
        self.store.close()

    # tenants and sites ------------------------------------------------------------------
    def add_tenant(self, name: str) -> str:
        name = clean_name(name, "tenant name")
        with self.store.begin() as conn:
            try:
                tenant_id = Tenants(conn).add(ids.new_short_id, name, self.clock())
            except IdSpaceFull as exc:
                raise ServiceError("id_space_full", "could not allocate an id", 500) from exc
            if tenant_id is None:
                raise ServiceError("duplicate_name", f"tenant {name!r} already exists", 409)
        with self.store.begin(tenant_id) as conn:  # the tenant's own rows, under its id
            Revocations(conn, tenant_id).start_counter()
            keys.add_pass_key(conn, tenant_id, self.clock())
        return tenant_id

    def default_tenant(self) -> str:
        with self.store.read() as conn:
            tenant_id = Tenants(conn).first()
        if tenant_id is None:
            raise ServiceError("not_initialised", "no tenant yet; run init", 500)
        return tenant_id

    def tenant_id_for(self, tenant: str) -> str:
        """A tenant id from its id or name."""
        with self.store.read() as conn:
            tenant_id = Tenants(conn).find(tenant)
        if tenant_id is None:
            raise ServiceError("unknown_tenant", f"unknown tenant {tenant!r}", 404)
        return tenant_id

    def tenant(self, tenant_id: str) -> dict[str, str]:
        with self.store.read() as conn:
            row = Tenants(conn).get(tenant_id)
        if row is None:
            raise not_found("tenant")
        return row

    def add_site(self, tenant_id: str, name: str) -> str:
        name = clean_name(name, "site name")
        with self.store.begin(tenant_id) as conn:
            try:
                site_id = Sites(conn, tenant_id).add(ids.new_short_id, name, self.clock())
            except IdSpaceFull as exc:
                raise ServiceError("id_space_full", "could not allocate an id", 500) from exc
        if site_id is None:
            raise ServiceError("duplicate_name", f"site {name!r} already exists", 409)
        return site_id

    def site(self, tenant_id: str, site: str | None = None) -> dict[str, str]:
        """A site of the tenant by id or name; the tenant's first site when none is given."""
        with self.store.read(tenant_id) as conn:
            return site_of(conn, tenant_id, site)

    # users and tokens -------------------------------------------------------------------
    def add_user(
        self, tenant_id: str, email: str, password: str, role: str = "admin", actor: str = "-"
    ) -> str:
        email = email.strip().lower()
        if role not in ROLES:
            raise ServiceError("invalid_role", f"a role is one of {', '.join(ROLES)}", 422)
        if "@" not in email or len(email) > 254 or not email.isprintable() or " " in email:
            raise ServiceError("invalid_user", "give a valid e-mail address", 422)
        if len(password) < MIN_PASSWORD_CHARS:
            raise ServiceError(
                "weak_password", f"a password needs at least {MIN_PASSWORD_CHARS} characters", 422
            )
        password_hash = self._hasher.hash(password)
        with self.store.begin(tenant_id) as conn:
            user_id = Users(conn, tenant_id).add(
                ids.new_user_id, email, password_hash, role, self.clock()
            )
            if user_id is None:  # raised inside: the transaction rolls back
                raise ServiceError("duplicate_user", f"user {email} already exists", 409)
        audit.record(self, tenant_id, actor, "user.added", user_id)
        return user_id

    def login(
        self, email: str, password: str, client: str | None = None, totp: str | None = None
    ) -> tuple[str, int]:
        """A 15-minute user token for valid credentials; the same refusal for any mistake.

        ``client`` is the caller's address; failures are throttled per address and account.
        An account with a second factor also needs ``totp`` (a current code or a recovery
        code); without it the answer is ``totp_required`` (see ``second_factor_login``).
        """
        account, address = email.strip().lower(), client or "local"
        self.signin_guard.check(account, address)
        row, tenant_id = None, None
        with self.store.read() as conn:
            tenant_id = login_tenant(conn, account)
        if tenant_id is not None:
            with self.store.read(tenant_id) as conn:
                row = Users(conn, tenant_id).by_email(account)
        known = row.user_id if row is not None else None
        with self.signin_guard.hashing():
            if row is None and self._dummy_hash is None:
                self._dummy_hash = self._hasher.hash(secrets.token_urlsafe(16))
            try:
                self._hasher.verify(row.password_hash if row else self._dummy_hash, password)
            except (argon2.exceptions.VerificationError, argon2.exceptions.InvalidHashError):
                row = None
        if row is None or tenant_id is None:
            self.signin_guard.failed(account, address)
            if tenant_id is not None and known is not None:  # the account's tenant logs it
                audit.record(self, tenant_id, "-", "signin.failure", known)
            raise ServiceError("invalid_credentials", "wrong e-mail or password", 401)
        if second_factor.enabled(self, tenant_id, row.user_id):
            if totp is None:  # the password was right; neither a failure nor a success yet
                raise ServiceError("totp_required", "this account needs its one-time code", 401)
            return self.second_factor_login(tenant_id, row.user_id, account, totp, address)
        self.signin_guard.succeeded(account, address)
        audit.record(self, tenant_id, row.user_id, "signin.success", row.user_id)
        return self.tokens.issue_user(row.user_id, tenant_id, row.role, self.clock())

    def second_factor_login(
        self, tenant_id: str, user_id: str, account: str, code: str, client: str | None
    ) -> tuple[str, int]:
        """The second step of a sign-in whose password was already right: check the code."""
        address = client or "local"
        self.signin_guard.check(account, address)
        with self.store.read(tenant_id) as conn:
            role = RefreshTokens(conn, tenant_id).user_role(user_id)
        if role is None or not second_factor.check(self, tenant_id, user_id, code[:40]):
            self.signin_guard.failed(account, address)
            audit.record(self, tenant_id, "-", "signin.failure", user_id)
            raise ServiceError("invalid_totp", "wrong or used one-time code", 401)
        self.signin_guard.succeeded(account, address)
        audit.record(self, tenant_id, user_id, "signin.success", user_id)
        return self.tokens.issue_user(user_id, tenant_id, role, self.clock())

    def user_token(self, tenant_id: str) -> str:
        """A fresh token for the tenant's first admin (for EmbeddedServer and tests)."""
        with self.store.read(tenant_id) as conn:
            row = Users(conn, tenant_id).first()
        if row is None:
            raise ServiceError("no_user", "this tenant has no user", 404)
        return self.tokens.issue_user(row.user_id, tenant_id, row.role, self.clock())[0]

    def authenticate(self, token: str) -> TokenClaims:
        """Verify a token and that its subject still exists (devices: not revoked)."""
        try:
            claims = self.tokens.verify(token, self.clock())
        except TokenInvalid as exc:
            raise ServiceError("unauthorized", "missing or invalid token", 401) from exc
        with self.store.read(claims.tenant_id) as conn:
            if claims.token_type == "device":  # noqa: S105 (a claim value)
                device = Devices(conn, claims.tenant_id).get(claims.subject)
                if device is None:
                    raise ServiceError("unauthorized", "unknown device", 401)
                if device["revoked_at"] is not None:
                    raise ServiceError("device_revoked", "this kiosk has been unpaired", 401)
            elif not Users(conn, claims.tenant_id).exists(claims.subject):
                raise ServiceError("unauthorized", "unknown user", 401)
        return claims

    # devices ----------------------------------------------------------------------------
    def devices(self, tenant_id: str) -> list[dict[str, Any]]:
        with self.store.read(tenant_id) as conn:
            return Devices(conn, tenant_id).list()

    def device(self, tenant_id: str, device_id: str) -> dict[str, Any]:
        with self.store.read(tenant_id) as conn:
            row = Devices(conn, tenant_id).get(device_id)
        if row is None:
            raise not_found(f"device {device_id}")
        return row

    def revoke_device(self, tenant_id: str, device_id: str, actor: str = "-") -> float:
        with self.store.begin(tenant_id) as conn:
            revoked_at = Devices(conn, tenant_id).revoke(device_id, self.clock())
        if revoked_at is None:
            raise not_found(f"device {device_id}")
        audit.record(self, tenant_id, actor, "kiosk.revoked", device_id)
        return float(revoked_at)

    # keys -------------------------------------------------------------------------------
    def rotate_keys(self, tenant_id: str) -> str:
        with self.store.begin(tenant_id) as conn:
            kid = keys.add_pass_key(conn, tenant_id, self.clock())
        self.pass_keys.get(tenant_id, reload=True)
        return kid

    def published_keys(self, tenant_id: str) -> list[dict[str, object]]:
        with self.store.read(tenant_id) as conn:
            return keys.published_pass_keys(conn, tenant_id, self.clock())

    # the areas with their own modules ---------------------------------------------------
    def create_pairing_code(
        self, tenant_id: str, site: str | None, kiosk_name: str, actor: str = "-"
    ) -> dict[str, Any]:
        code = pairing.create_code(
            self.store, self.clock, tenant_id, self.site(tenant_id, site), kiosk_name
        )
        audit.record(self, tenant_id, actor, "kiosk.pairing_code", code["site"]["id"])
        return code

    def redeem_pairing_code(
        self, code: str, address: str = pairing.LOCAL_ADDRESS
    ) -> dict[str, Any]:
        """Trade a code for a device token; ``address`` is the client's, for the throttle."""
        answer = pairing.redeem(self.store, self.tokens, self.clock, code, address)
        device_id = answer["device_id"]
        audit.record(self, answer["tenant"]["id"], device_id, "kiosk.paired", device_id)
        return answer

    def create_visit(self, tenant_id: str, actor: str = "-", **kwargs: Any) -> dict[str, Any]:
        visit = visits.create_visit(self.store, self.clock, tenant_id, **kwargs)
        audit.record(self, tenant_id, actor, "visit.created", visit["visit_id"])
        return visit

    def cancel_visit(self, tenant_id: str, visit_id: str, actor: str = "-") -> float:
        revoked_at = visits.cancel_visit(self.store, self.clock, tenant_id, visit_id)
        audit.record(self, tenant_id, actor, "visit.cancelled", visit_id)
        return revoked_at

    def pull(self, device: TokenClaims, since: int) -> dict[str, Any]:
        """The device's trust data; a pull also counts as the kiosk being seen (console)."""
        answer = visits.pull(self.store, self.clock, device, since)
        documents.add_to_pull(self.store, device.tenant_id, str(device.site_id), answer)
        with self.store.begin(device.tenant_id) as conn:
            Devices(conn, device.tenant_id).seen(device.subject, self.clock())
        return answer

    def push_checkins(self, device: TokenClaims, events: list[dict[str, Any]]) -> list[dict]:
        results = ledger.push(self.store, self.pass_keys, self.clock, device, events)
        audit.checked_in(self, device, events, results)
        return results

    def set_walk_ins(self, tenant_id: str, site: str, enabled: bool) -> dict[str, Any]:
        """Whether a site's kiosks take walk-ins."""
        return walk_ins.set_enabled(self.store, tenant_id, site, enabled)

    def checkins(self, tenant_id: str) -> list[dict[str, Any]]:
        return ledger.checkins(self.store, tenant_id)

    def duplicates(self, tenant_id: str) -> list[dict[str, Any]]:
        return ledger.duplicates(self.store, tenant_id)

    def rejections(self, tenant_id: str, reason: str | None = None) -> list[dict[str, Any]]:
        return ledger.rejections(self.store, tenant_id, reason)

    # e-mail: the host directory, site details and the outbox -----------------------------
    def add_host(
        self, tenant_id: str, name: str, email: str, site: str | None = None, actor: str = "-"
    ) -> str:
        """A host in the directory at a site (the first site when none is given)."""
        return host_directory.add(self, tenant_id, name, email, site, actor)

    def hosts(self, tenant_id: str) -> list[dict[str, Any]]:
        return host_directory.directory(self, tenant_id)

    def set_site_details(self, tenant_id: str, site: str, **details: str | None) -> dict:
        """Address, time zone and language of a site (for its e-mails)."""
        return mail_service.set_site_details(self.store, tenant_id, site, **details)

    def resend_invitation(self, tenant_id: str, visit_id: str) -> str:
        return mail_outbox.resend_invitation(self.store, self.clock, tenant_id, visit_id)

    def retry_message(self, tenant_id: str, message_id: str, actor: str) -> None:
        mail_outbox.retry(self.store, self.clock, tenant_id, message_id, actor)

    def outbox(self, tenant_id: str) -> list[dict[str, Any]]:
        return mail_outbox.listing(self.store, tenant_id)

    def visit_messages(self, tenant_id: str, visit_id: str) -> list[dict[str, Any]]:
        return mail_outbox.for_visit(self.store, tenant_id, visit_id)
