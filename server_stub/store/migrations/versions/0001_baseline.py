"""Baseline: the schema of the first release (one SQLite file, schema_version 1 in meta).

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _tenant_fk() -> sa.Column[str]:
    return sa.Column("tenant_id", sa.Text, sa.ForeignKey("tenants.tenant_id"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.bulk_insert(
        sa.table("meta", sa.column("key"), sa.column("value")),
        [{"key": "schema_version", "value": "1"}],
    )
    op.create_table(
        "tenants",
        sa.Column("tenant_id", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False, unique=True),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_table(
        "sites",
        sa.Column("site_id", sa.Text, primary_key=True),
        _tenant_fk(),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.UniqueConstraint("tenant_id", "name"),
    )
    op.create_table(
        "users",
        sa.Column("user_id", sa.Text, primary_key=True),
        _tenant_fk(),
        sa.Column("email", sa.Text, nullable=False, unique=True),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_table(
        "pass_keys",
        _tenant_fk(),
        sa.Column("kid", sa.Text, nullable=False),
        sa.Column("seed", sa.Text, nullable=False),
        sa.Column("public_key", sa.Text, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("retired_at", sa.Float),
        sa.Column("max_exp", BigInt),
        sa.PrimaryKeyConstraint("tenant_id", "kid"),
    )
    op.create_table(
        "token_keys",
        sa.Column("kid", sa.Text, primary_key=True),
        sa.Column("private_pem", sa.Text, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_table(
        "devices",
        sa.Column("device_id", sa.Text, primary_key=True),
        _tenant_fk(),
        sa.Column("site_id", sa.Text, nullable=False),
        sa.Column("kiosk_name", sa.Text, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("revoked_at", sa.Float),
        sa.Column("last_seen_at", sa.Float),
    )
    op.create_table(
        "pairing_codes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("code", sa.Text, nullable=False),
        sa.Column("tenant_id", sa.Text, nullable=False),
        sa.Column("site_id", sa.Text, nullable=False),
        sa.Column("kiosk_name", sa.Text, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False),
        sa.Column("wrong_guesses", sa.Integer, nullable=False, server_default="0"),
        sa.Column("redeemed_at", sa.Float),
        sa.Column("device_id", sa.Text),
    )
    op.create_index("pairing_codes_code", "pairing_codes", ["code"])
    op.create_table(
        "pairing_failures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.Float, nullable=False),
    )
    op.create_table(
        "visits",
        sa.Column("visit_id", sa.Text, primary_key=True),
        _tenant_fk(),
        sa.Column("site_id", sa.Text, nullable=False),
        sa.Column("jti", sa.Text, nullable=False, unique=True),
        sa.Column("kid", sa.Text, nullable=False),
        sa.Column("visitor", sa.Text, nullable=False),
        sa.Column("host", sa.Text, nullable=False),
        sa.Column("nbf", BigInt, nullable=False),
        sa.Column("exp", BigInt, nullable=False),
        sa.Column("pass", sa.Text, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("cancelled_at", sa.Float),
    )
    op.create_index("visits_window", "visits", ["tenant_id", "site_id", "exp"])
    op.create_table(
        "revocations",
        sa.Column("watermark", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("tenant_id", sa.Text, nullable=False),
        sa.Column("jti", sa.Text, nullable=False, unique=True),
        sa.Column("visit_id", sa.Text, nullable=False),
        sa.Column("revoked_at", sa.Float, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "used_passes",
        sa.Column("tenant_id", sa.Text, nullable=False),
        sa.Column("jti", sa.Text, nullable=False, unique=True),
        sa.Column("visit_id", sa.Text, nullable=False),
        sa.Column("event_id", sa.Text, nullable=False),
        sa.Column("device_id", sa.Text, nullable=False),
        sa.Column("kiosk_name", sa.Text, nullable=False),
        sa.Column("used_at", sa.Float, nullable=False),
        sa.Column("received_at", sa.Float, nullable=False),
    )
    op.create_table(
        "checkin_events",
        sa.Column("tenant_id", sa.Text, nullable=False),
        sa.Column("event_id", sa.Text, nullable=False),
        sa.Column("device_id", sa.Text, nullable=False),
        sa.Column("pass_ref", sa.Text, nullable=False),
        sa.Column("jti", sa.Text),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("first_used_at", sa.Float),
        sa.Column("first_used_by", sa.Text),
        sa.Column("first_event_id", sa.Text),
        sa.Column("scanned_at", sa.Float, nullable=False),
        sa.Column("kiosk_verdict", sa.Text),
        sa.Column("received_at", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "event_id"),
    )


def downgrade() -> None:
    raise RuntimeError("migrations only go forward; restore a backup to go back")
