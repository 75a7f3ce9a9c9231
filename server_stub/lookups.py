"""Look-ups inside an open transaction that answer with the service's errors."""

from __future__ import annotations

import sqlalchemy as sa

from server_stub.errors import ServiceError, not_found
from server_stub.store.tenancy import Sites, Tenants


def site_of(conn: sa.Connection, tenant_id: str, site: str | None) -> dict[str, str]:
    """A site of the tenant by id or name (the first site for None); else 404 unknown_site."""
    row = Sites(conn, tenant_id).get(site)
    if row is None:
        raise ServiceError("unknown_site", f"unknown site {site!r}", 404)
    return row


def tenant_of(conn: sa.Connection, tenant_id: str) -> dict[str, str]:
    row = Tenants(conn).get(tenant_id)
    if row is None:
        raise not_found("tenant")
    return row
