"""Alembic environment: runs on the connection the store hands over, with the store's MetaData."""

from __future__ import annotations

from alembic import context

from server_stub.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
