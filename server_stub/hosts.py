"""The host directory: the people visitors come to see (the visit form offers them)."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from server_stub import audit
from server_stub.errors import ServiceError, not_found
from server_stub.lookups import site_of
from server_stub.mail.addresses import clean_email
from server_stub.rules import clean_name
from server_stub.store.hosts import Hosts

if TYPE_CHECKING:
    from server_stub.service import AtriumService


def _email(value: str) -> str:
    """A valid address (email-validator), all lower case."""
    return clean_email(value, "the host's e-mail address").lower()


def add(
    service: AtriumService, tenant_id: str, name: str, email: str, site: str | None, actor: str
) -> str:
    name, email = clean_name(name, "host name"), _email(email)
    host_id = "h_" + secrets.token_hex(5)
    with service.store.begin(tenant_id) as conn:
        site_row = site_of(conn, tenant_id, site)
        added = Hosts(conn, tenant_id).add(host_id, name, email, site_row["id"], service.clock())
        if added:
            audit.record(conn, tenant_id, service.clock(), actor, "host.added", host_id)
    if not added:
        raise ServiceError("duplicate_host", f"a host with {email} already exists", 409)
    return host_id


def directory(
    service: AtriumService, tenant_id: str, active_only: bool = False
) -> list[dict[str, Any]]:
    with service.store.read(tenant_id) as conn:
        return Hosts(conn, tenant_id).list(active_only)


def disable(service: AtriumService, tenant_id: str, host_id: str, actor: str) -> None:
    with service.store.begin(tenant_id) as conn:
        changed = Hosts(conn, tenant_id).disable(host_id, service.clock())
        if changed:
            audit.record(conn, tenant_id, service.clock(), actor, "host.disabled", host_id)
    if not changed:
        raise not_found("host")
