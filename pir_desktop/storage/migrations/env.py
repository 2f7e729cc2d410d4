"""Alembic environment: migrate over the connection the library hands in.

The library always passes an open connection in ``config.attributes``; there
is no offline (SQL script) mode. Batch mode lets later revisions alter
SQLite tables, and the whole upgrade runs as one transaction.
"""

from alembic import context

from pir_desktop.storage.schema import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
