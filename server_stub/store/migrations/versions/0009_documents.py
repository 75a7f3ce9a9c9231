"""Documents and signed records.

- documents, document_versions (one text per language; a version never changes: an UPDATE is
  refused by a trigger on both backends), site_documents (each site's list, in order);
- signed_records: what a visitor signed at a kiosk (the exact HTML, the signature PNG, the
  strokes, the digest), and signed_pdfs: its archival PDF. Personal data: erased with the visit.
All five are tenant-scoped and get row-level security on PostgreSQL.

Revision ID: 0009
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from server_stub.store.rls import protect

revision = "0009"
down_revision = "0008"  # chained after 0008 (walk-ins) when both branches met
branch_labels = None
depends_on = None

TABLES = ("documents", "document_versions", "site_documents", "signed_records", "signed_pdfs")
IMMUTABLE = ("document_versions", "signed_records", "signed_pdfs")
REFUSE = "atrium_refuse_update"


def _tenant(table: str) -> sa.Column[str]:
    return sa.Column(
        "tenant_id",
        sa.Text,
        sa.ForeignKey("tenants.tenant_id", name=f"fk_{table}_tenant_id_tenants"),
        nullable=False,
    )


def _refuse_updates(table: str) -> None:
    """A row of ``table`` is written once: any UPDATE fails (a new version is a new row)."""
    message = f"{table} rows never change"
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE TRIGGER {table}_immutable BEFORE UPDATE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {REFUSE}('{message}')"
        )
    else:
        op.execute(
            f"CREATE TRIGGER {table}_immutable BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )


def upgrade() -> None:
    op.create_table(
        "documents",
        _tenant("documents"),
        sa.Column("document_id", sa.Text, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("created_by", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "document_id", name="pk_documents"),
    )
    op.create_table(
        "document_versions",
        _tenant("document_versions"),
        sa.Column("document_id", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("language", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("html", sa.Text, nullable=False),
        sa.Column("sha256", sa.Text, nullable=False),
        sa.Column("published_at", sa.Float, nullable=False),
        sa.Column("published_by", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint(
            "tenant_id", "document_id", "version", "language", name="pk_document_versions"
        ),
    )
    op.create_table(
        "site_documents",
        _tenant("site_documents"),
        sa.Column("site_id", sa.Text, nullable=False),
        sa.Column("document_id", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "site_id", "document_id", name="pk_site_documents"),
    )
    op.create_table(
        "signed_records",
        _tenant("signed_records"),
        sa.Column("record_id", sa.Text, nullable=False),
        sa.Column("event_id", sa.Text, nullable=False),
        sa.Column("device_id", sa.Text, nullable=False),
        sa.Column("visit_id", sa.Text),
        sa.Column("document_id", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("language", sa.Text, nullable=False),
        sa.Column("html", sa.Text, nullable=False),
        sa.Column("signature_png", sa.LargeBinary, nullable=False),
        sa.Column("strokes", sa.Text, nullable=False),
        sa.Column("signed_at", sa.Float, nullable=False),
        sa.Column("sha256", sa.Text, nullable=False),
        sa.Column("received_at", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "record_id", name="pk_signed_records"),
    )
    op.create_table(
        "signed_pdfs",
        _tenant("signed_pdfs"),
        sa.Column("record_id", sa.Text, nullable=False),
        sa.Column("pdf", sa.LargeBinary, nullable=False),
        sa.Column("rendered_at", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "record_id", name="pk_signed_pdfs"),
    )
    op.create_index("signed_records_visit", "signed_records", ["tenant_id", "visit_id"])
    op.create_index("signed_records_event", "signed_records", ["tenant_id", "event_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE FUNCTION {REFUSE}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END $$"
        )
    for table in IMMUTABLE:
        _refuse_updates(table)
    for table in TABLES:
        protect(table)


def downgrade() -> None:
    raise RuntimeError("migrations only go forward; restore a backup to go back")
