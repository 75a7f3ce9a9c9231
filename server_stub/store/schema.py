"""The server's schema, declared once: SQLAlchemy Core tables that work on SQLite and PostgreSQL.

Every tenant-scoped table has ``tenant_id NOT NULL``; the few global tables are listed in
``GLOBAL_TABLES`` with the reason each cannot belong to one tenant.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# Unix seconds (float) and 64-bit integers: pass times run past 2038.
Time = sa.Float
BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")  # SQLite: INTEGER is 64-bit


def _tenant_fk() -> sa.Column[str]:
    return sa.Column("tenant_id", sa.Text, sa.ForeignKey("tenants.tenant_id"), nullable=False)


tenants = sa.Table(
    "tenants",
    metadata,
    sa.Column("tenant_id", sa.Text, primary_key=True),
    sa.Column("name", sa.Text, nullable=False, unique=True),
    sa.Column("created_at", Time, nullable=False),
    sa.Column("seq", BigInt, nullable=False, server_default="0"),  # creation order
)

sites = sa.Table(
    "sites",
    metadata,
    sa.Column("site_id", sa.Text, primary_key=True),
    _tenant_fk(),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("created_at", Time, nullable=False),
    sa.Column("seq", BigInt, nullable=False, server_default="0"),
    sa.Column("address", sa.Text),  # shown in invitations
    sa.Column("timezone", sa.Text),  # IANA name; None: the server's local zone
    sa.Column("language", sa.Text),  # default language of its e-mails; None: English
    sa.Column("webhook_url", sa.Text),  # HTTPS; told of every arrival, like the host
    sa.Column("webhook_secret", sa.Text),  # the HMAC key of its signature header
    sa.Column("walk_ins", sa.Boolean, nullable=False, server_default=sa.true()),  # kiosk offers
    sa.UniqueConstraint("tenant_id", "name"),
)

users = sa.Table(
    "users",
    metadata,
    sa.Column("user_id", sa.Text, primary_key=True),
    _tenant_fk(),
    sa.Column("email", sa.Text, nullable=False),
    sa.Column("role", sa.Text, nullable=False),
    sa.Column("created_at", Time, nullable=False),
    sa.UniqueConstraint("tenant_id", "email"),
)

# Secrets of a user, kept apart from the profile (users) so that no profile read touches them.
credentials = sa.Table(
    "credentials",
    metadata,
    sa.Column("user_id", sa.Text, primary_key=True),
    _tenant_fk(),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("updated_at", Time, nullable=False),
    sa.Column("totp_secret", sa.Text),  # base32; set once enrolment is confirmed
    sa.Column("totp_pending", sa.Text),  # the secret shown during enrolment
    sa.Column("totp_enabled_at", Time),
    sa.Column("totp_last_step", BigInt),  # the last accepted time step: a code works once
)

# One-time recovery codes of the second factor, as SHA-256 digests.
recovery_codes = sa.Table(
    "recovery_codes",
    metadata,
    _tenant_fk(),
    sa.Column("user_id", sa.Text, nullable=False),
    sa.Column("code_hash", sa.Text, nullable=False),
    sa.Column("used_at", Time),
    sa.PrimaryKeyConstraint("tenant_id", "code_hash"),
)

# Console sessions: opaque refresh tokens, stored as SHA-256 digests, one family per sign-in.
refresh_tokens = sa.Table(
    "refresh_tokens",
    metadata,
    sa.Column("token_hash", sa.Text, primary_key=True),
    _tenant_fk(),
    sa.Column("family_id", sa.Text, nullable=False),
    sa.Column("user_id", sa.Text, nullable=False),
    sa.Column("issued_at", Time, nullable=False),
    sa.Column("expires_at", Time, nullable=False),
    sa.Column("rotated_at", Time),  # set when traded for its successor
    sa.Column("revoked_at", Time),  # set for the whole family on sign-out or reuse
    sa.Index("refresh_tokens_family", "tenant_id", "family_id"),
)

user_logins = sa.Table(
    "user_logins",
    metadata,
    sa.Column("email", sa.Text, primary_key=True),
    sa.Column("tenant_id", sa.Text, sa.ForeignKey("tenants.tenant_id"), nullable=False),
    sa.Column("user_id", sa.Text, nullable=False),
)

pass_keys = sa.Table(
    "pass_keys",
    metadata,
    _tenant_fk(),
    sa.Column("kid", sa.Text, nullable=False),
    sa.Column("seed", sa.Text, nullable=False),
    sa.Column("public_key", sa.Text, nullable=False),
    sa.Column("created_at", Time, nullable=False),
    sa.Column("retired_at", Time),
    sa.Column("max_exp", BigInt),
    sa.PrimaryKeyConstraint("tenant_id", "kid"),
)

token_keys = sa.Table(
    "token_keys",
    metadata,
    sa.Column("kid", sa.Text, primary_key=True),
    sa.Column("private_pem", sa.Text, nullable=False),
    sa.Column("created_at", Time, nullable=False),
)

devices = sa.Table(
    "devices",
    metadata,
    sa.Column("device_id", sa.Text, primary_key=True),
    _tenant_fk(),
    sa.Column("site_id", sa.Text, nullable=False),
    sa.Column("kiosk_name", sa.Text, nullable=False),
    sa.Column("created_at", Time, nullable=False),
    sa.Column("revoked_at", Time),
    sa.Column("last_seen_at", Time),
)

pairing_codes = sa.Table(
    "pairing_codes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("code", sa.Text, nullable=False),
    sa.Column("tenant_id", sa.Text, nullable=False),
    sa.Column("site_id", sa.Text, nullable=False),
    sa.Column("kiosk_name", sa.Text, nullable=False),
    sa.Column("created_at", Time, nullable=False),
    sa.Column("expires_at", Time, nullable=False),
    sa.Column("redeemed_at", Time),
    sa.Column("device_id", sa.Text),
    sa.Index("pairing_codes_code", "code"),
)

pairing_failures = sa.Table(
    "pairing_failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", Time, nullable=False),
    sa.Column("address", sa.Text, nullable=False),
    sa.Column("exposure", sa.Integer, nullable=False),  # live codes when the guess failed
    sa.Index("pairing_failures_at", "at"),
)

pairing_throttle = sa.Table(
    "pairing_throttle",
    metadata,
    sa.Column("address", sa.Text, primary_key=True),  # '*' is the server-wide lock row
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("last_failure_at", Time, nullable=False),
    sa.Column("blocked_until", Time, nullable=False),
)

visits = sa.Table(
    "visits",
    metadata,
    sa.Column("visit_id", sa.Text, primary_key=True),
    _tenant_fk(),
    sa.Column("site_id", sa.Text, nullable=False),
    sa.Column("jti", sa.Text, nullable=False),  # a walk-in's is the server's own "walk-in:..."
    sa.Column("kid", sa.Text),  # None: a walk-in (no pass)
    sa.Column("visitor", sa.Text, nullable=False),
    sa.Column("host", sa.Text, nullable=False),
    sa.Column("nbf", BigInt, nullable=False),
    sa.Column("exp", BigInt, nullable=False),
    sa.Column("pass", sa.Text),  # None: a walk-in (no pass)
    sa.Column("created_at", Time, nullable=False),
    sa.Column("cancelled_at", Time),
    sa.Column("visitor_email", sa.Text),  # personal data: erased with the visit
    sa.Column("language", sa.Text),  # of the visitor's e-mails (en, de)
    sa.Column("host_id", sa.Text),  # the host directory entry notified on arrival
    sa.Column("company", sa.Text),  # personal data: erased with the visit
    sa.Column("kind", sa.Text, nullable=False, server_default="expected"),  # or walk_in
    sa.Column("walk_in_event_id", sa.Text),  # the kiosk's walk-in event that made it
    sa.UniqueConstraint("tenant_id", "jti"),
    sa.UniqueConstraint("tenant_id", "walk_in_event_id"),
    sa.Index("visits_window", "tenant_id", "site_id", "exp"),
)

revocation_counters = sa.Table(
    "revocation_counters",
    metadata,
    sa.Column("tenant_id", sa.Text, sa.ForeignKey("tenants.tenant_id"), primary_key=True),
    sa.Column("last_watermark", BigInt, nullable=False),
)

revocations = sa.Table(
    "revocations",
    metadata,
    _tenant_fk(),
    sa.Column("watermark", BigInt, nullable=False),
    sa.Column("jti", sa.Text, nullable=False),
    sa.Column("visit_id", sa.Text, nullable=False),
    sa.Column("revoked_at", Time, nullable=False),
    sa.PrimaryKeyConstraint("tenant_id", "watermark"),
    sa.UniqueConstraint("tenant_id", "jti"),
)

used_passes = sa.Table(
    "used_passes",
    metadata,
    _tenant_fk(),
    sa.Column("jti", sa.Text, nullable=False),
    sa.Column("visit_id", sa.Text, nullable=False),
    sa.Column("event_id", sa.Text, nullable=False),
    sa.Column("device_id", sa.Text, nullable=False),
    sa.Column("kiosk_name", sa.Text, nullable=False),
    sa.Column("used_at", Time, nullable=False),
    sa.Column("received_at", Time, nullable=False),
    sa.PrimaryKeyConstraint("tenant_id", "jti"),
)

checkin_events = sa.Table(
    "checkin_events",
    metadata,
    _tenant_fk(),
    sa.Column("event_id", sa.Text, nullable=False),
    sa.Column("device_id", sa.Text, nullable=False),
    sa.Column("pass_ref", sa.Text, nullable=False),
    sa.Column("jti", sa.Text),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("reason", sa.Text),
    sa.Column("first_used_at", Time),
    sa.Column("first_used_by", sa.Text),
    sa.Column("first_event_id", sa.Text),
    sa.Column("scanned_at", Time, nullable=False),
    sa.Column("kiosk_verdict", sa.Text),
    sa.Column("received_at", Time, nullable=False),
    sa.Column("kind", sa.Text, nullable=False, server_default="entry"),  # exit, walk_in
    sa.Column("visit_id", sa.Text),  # walk-in and exit answers: the visit
    sa.Column("host_notified", sa.Boolean),  # walk-in answers
    sa.PrimaryKeyConstraint("tenant_id", "event_id"),
    sa.Index("checkin_events_status", "tenant_id", "status", "received_at"),
)

# The e-mail outbox: written in the transaction of the visit or check-in it announces. A row
# names its recipient by reference (the visit's visitor, a host) and holds no body: the
# message is built at send time, and only this metadata stays after sending.
outbox = sa.Table(
    "outbox",
    metadata,
    sa.Column("message_id", sa.Text, primary_key=True),
    _tenant_fk(),
    sa.Column("kind", sa.Text, nullable=False),  # invitation, cancellation, arrival
    sa.Column("visit_id", sa.Text, nullable=False),
    sa.Column("host_id", sa.Text),  # arrival: the host told
    sa.Column("event_id", sa.Text),  # arrival: the accepted check-in
    sa.Column("status", sa.Text, nullable=False),  # pending, sent, held, failed, superseded
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_error", sa.Text),
    sa.Column("created_at", Time, nullable=False),
    sa.Column("due_at", Time, nullable=False),
    sa.Column("lease_until", Time),  # a sender holds it until then
    sa.Column("sent_at", Time),
    sa.Column("header_id", sa.Text),  # the Message-ID header, fixed at the first attempt
    sa.Index("outbox_due", "status", "due_at"),
    sa.Index("outbox_visit", "tenant_id", "visit_id"),
)

# A conflict (a pass shown again) marked resolved by reception, with a note.
conflict_resolutions = sa.Table(
    "conflict_resolutions",
    metadata,
    _tenant_fk(),
    sa.Column("event_id", sa.Text, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("resolved_by", sa.Text, nullable=False),  # user id
    sa.Column("resolved_at", Time, nullable=False),
    sa.PrimaryKeyConstraint("tenant_id", "event_id"),
)

# Check-outs: by hand at reception (a user) or at a kiosk (its device and exit event); one
# per visit, the first wins.
checkouts = sa.Table(
    "checkouts",
    metadata,
    _tenant_fk(),
    sa.Column("visit_id", sa.Text, nullable=False),
    sa.Column("checked_out_at", Time, nullable=False),
    sa.Column("checked_out_by", sa.Text),  # user id (reception); None at a kiosk
    sa.Column("device_id", sa.Text),  # kiosk check-outs
    sa.Column("kiosk_name", sa.Text),  # the kiosk's name then
    sa.Column("event_id", sa.Text),  # the kiosk's exit event
    sa.PrimaryKeyConstraint("tenant_id", "visit_id"),
)

# The host directory: the people visitors come to see, offered by the visit form.
hosts = sa.Table(
    "hosts",
    metadata,
    sa.Column("host_id", sa.Text, primary_key=True),
    _tenant_fk(),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("email", sa.Text, nullable=False),
    sa.Column("site_id", sa.Text, nullable=False),
    sa.Column("created_at", Time, nullable=False),
    sa.Column("disabled_at", Time),
    sa.UniqueConstraint("tenant_id", "email"),
)

# The audit log: ids only (users, visits, devices, sites), never names or e-mail addresses.
audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("entry_id", sa.Integer, primary_key=True, autoincrement=True),
    _tenant_fk(),
    sa.Column("at", Time, nullable=False),
    sa.Column("actor", sa.Text, nullable=False),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("subject", sa.Text, nullable=False),
    sa.Index("audit_log_tenant", "tenant_id", "entry_id"),
)

# Documents a site's visitors sign. A document has numbered versions; a version holds one
# text per language and never changes (the repository has no UPDATE, a trigger refuses one).
documents = sa.Table(
    "documents",
    metadata,
    _tenant_fk(),
    sa.Column("document_id", sa.Text, nullable=False),
    sa.Column("created_at", Time, nullable=False),
    sa.Column("created_by", sa.Text, nullable=False),  # user id, or "cli"
    sa.PrimaryKeyConstraint("tenant_id", "document_id"),
)

document_versions = sa.Table(
    "document_versions",
    metadata,
    _tenant_fk(),
    sa.Column("document_id", sa.Text, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("language", sa.Text, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("html", sa.Text, nullable=False),  # sanitised template with placeholders
    sa.Column("sha256", sa.Text, nullable=False),  # hex of the UTF-8 html
    sa.Column("published_at", Time, nullable=False),
    sa.Column("published_by", sa.Text, nullable=False),
    sa.PrimaryKeyConstraint("tenant_id", "document_id", "version", "language"),
)

# The documents a site requires, in order (position 1 first).
site_documents = sa.Table(
    "site_documents",
    metadata,
    _tenant_fk(),
    sa.Column("site_id", sa.Text, nullable=False),
    sa.Column("document_id", sa.Text, nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.PrimaryKeyConstraint("tenant_id", "site_id", "document_id"),
)

# What a visitor signed at a kiosk. Personal data: erased with the visit (and its PDF with it).
signed_records = sa.Table(
    "signed_records",
    metadata,
    _tenant_fk(),
    sa.Column("record_id", sa.Text, nullable=False),
    sa.Column("event_id", sa.Text, nullable=False),
    sa.Column("device_id", sa.Text, nullable=False),
    sa.Column("visit_id", sa.Text),  # None: a walk-in whose visit is not known yet
    sa.Column("document_id", sa.Text, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("language", sa.Text, nullable=False),
    sa.Column("html", sa.Text, nullable=False),  # the exact filled-in HTML the visitor saw
    sa.Column("signature_png", sa.LargeBinary, nullable=False),
    sa.Column("strokes", sa.Text, nullable=False),  # JSON [[[x, y, t_ms], ...], ...]
    sa.Column("signed_at", Time, nullable=False),
    sa.Column("sha256", sa.Text, nullable=False),  # record_digest(html, png)
    sa.Column("received_at", Time, nullable=False),
    sa.PrimaryKeyConstraint("tenant_id", "record_id"),
    sa.Index("signed_records_visit", "tenant_id", "visit_id"),
    sa.Index("signed_records_event", "tenant_id", "event_id"),
)

# The archival PDF of a signed record, rendered after the upload was answered (or on demand):
# derived from the record, written once, deleted with it.
signed_pdfs = sa.Table(
    "signed_pdfs",
    metadata,
    _tenant_fk(),
    sa.Column("record_id", sa.Text, nullable=False),
    sa.Column("pdf", sa.LargeBinary, nullable=False),
    sa.Column("rendered_at", Time, nullable=False),
    sa.PrimaryKeyConstraint("tenant_id", "record_id"),
)

# The only tables without a tenant: each is reached through narrow functions in the store.
GLOBAL_TABLES: dict[str, str] = {
    "tenants": "the list of tenants itself; a tenant row is what tenant_id refers to",
    "token_keys": "one server-wide key signs device and user tokens before any tenant is known",
    "user_logins": "a sign-in names only an e-mail: this maps it to its tenant (no hash here)",
    "pairing_codes": "a kiosk redeems with nothing but the code, before it belongs to a tenant",
    "pairing_failures": "failed redeems carry no tenant; the server-wide guessing ceiling",
    "pairing_throttle": "per client address and server-wide throttle state of failed redeems",
}
