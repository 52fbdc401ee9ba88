"""Alembic environment: the engine comes from the caller (console.store.migrate), not an ini file."""

from alembic import context

from console.store.schema import Base

config = context.config
connection = config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                  compare_type=True)
with context.begin_transaction():
    context.run_migrations()
