"""The reception console: credentials apart from user profiles, refresh tokens, resolutions.

- users.password_hash moves to credentials (one row per user, same tenant), which also holds
  the optional TOTP second factor; recovery_codes keeps its one-time codes as digests;
- refresh_tokens: the console's opaque refresh tokens (SHA-256 digests), in families;
- conflict_resolutions: a note per resolved conflict (a pass shown again);
- checkouts: visitors checked out by hand at reception;
- hosts: the host directory the visit form offers;
- audit_log: sign-ins, configuration changes, visitor lifecycle and kiosk events, by id.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from server_stub.store.rls import protect

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
NAMES = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# tenant-scoped: row-level security on PostgreSQL, as 0003 gave the tables before them
TENANT_TABLES = (
    "credentials",
    "recovery_codes",
    "refresh_tokens",
    "hosts",
    "checkouts",
    "audit_log",
    "conflict_resolutions",
)


def _tenant() -> sa.Column[str]:
    return sa.Column("tenant_id", sa.Text, sa.ForeignKey("tenants.tenant_id"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "credentials",
        sa.Column("user_id", sa.Text, primary_key=True),
        _tenant(),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.Column("totp_secret", sa.Text),
        sa.Column("totp_pending", sa.Text),
        sa.Column("totp_enabled_at", sa.Float),
        sa.Column("totp_last_step", BigInt),
    )
    op.create_table(
        "recovery_codes",
        _tenant(),
        sa.Column("user_id", sa.Text, nullable=False),
        sa.Column("code_hash", sa.Text, nullable=False),
        sa.Column("used_at", sa.Float),
        sa.PrimaryKeyConstraint("tenant_id", "code_hash"),
    )
    op.execute(
        "INSERT INTO credentials (user_id, tenant_id, password_hash, updated_at) "
        "SELECT user_id, tenant_id, password_hash, created_at FROM users"
    )
    with op.batch_alter_table("users", naming_convention=NAMES) as batch:
        batch.drop_column("password_hash")
    op.create_table(
        "refresh_tokens",
        sa.Column("token_hash", sa.Text, primary_key=True),
        _tenant(),
        sa.Column("family_id", sa.Text, nullable=False),
        sa.Column("user_id", sa.Text, nullable=False),
        sa.Column("issued_at", sa.Float, nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False),
        sa.Column("rotated_at", sa.Float),
        sa.Column("revoked_at", sa.Float),
    )
    op.create_index("refresh_tokens_family", "refresh_tokens", ["tenant_id", "family_id"])
    op.create_table(
        "checkouts",
        _tenant(),
        sa.Column("visit_id", sa.Text, nullable=False),
        sa.Column("checked_out_at", sa.Float, nullable=False),
        sa.Column("checked_out_by", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "visit_id"),
    )
    op.create_table(
        "hosts",
        sa.Column("host_id", sa.Text, primary_key=True),
        _tenant(),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("email", sa.Text, nullable=False),
        sa.Column("site_id", sa.Text, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("disabled_at", sa.Float),
        sa.UniqueConstraint("tenant_id", "email", name="uq_hosts_tenant_id_email"),
    )
    op.create_table(
        "audit_log",
        sa.Column("entry_id", sa.Integer, primary_key=True, autoincrement=True),
        _tenant(),
        sa.Column("at", sa.Float, nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
    )
    op.create_index("audit_log_tenant", "audit_log", ["tenant_id", "entry_id"])
    op.create_table(
        "conflict_resolutions",
        _tenant(),
        sa.Column("event_id", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("resolved_by", sa.Text, nullable=False),
        sa.Column("resolved_at", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "event_id"),
    )
    for table in TENANT_TABLES:
        protect(table)


def downgrade() -> None:
    raise RuntimeError("migrations only go forward; restore a backup to go back")
