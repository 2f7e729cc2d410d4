"""The team library: who changed each item, and the change feed.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-08

- ``updated_by`` on every item table, on ``reviews`` and on
  ``review_field_times``: who made the change that gave the row its
  ``updated_at`` (the OS user and host, or a name the program was given).
  Rows changed before this revision do not know it (NULL).
- ``deleted_items.deleted_by``: who deleted the item.
- ``changes``: what each operation changed (review, change name, item, the
  item's new version, when, by whom), written in the operation's own
  transaction and read in ``id`` order by the change feed. No foreign key to
  ``reviews``: a deleted review's changes stay readable.

Portable statements only: the team library's PostgreSQL runs the same
migrations as a library file.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

AUTHORED_TABLES = (
    "reviews",
    "review_field_times",
    "participants",
    "timeline_events",
    "why_nodes",
    "contributing_factors",
    "panel_items",
    "action_items",
    "lessons",
    "meeting_phases",
    "meeting_notes",
)


def upgrade() -> None:
    for table in AUTHORED_TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("updated_by", sa.Text(), nullable=True))
    with op.batch_alter_table("deleted_items") as batch_op:
        batch_op.add_column(sa.Column("deleted_by", sa.Text(), nullable=True))
    op.create_table(
        "changes",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("review_id", sa.String(length=36), nullable=False),
        sa.Column("change", sa.String(length=40), nullable=False),
        sa.Column("item_id", sa.String(length=36), nullable=True),
        sa.Column("version", sa.DateTime(), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_changes")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_changes_review_id", "changes", ["review_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_changes_review_id", table_name="changes")
    op.drop_table("changes")
    with op.batch_alter_table("deleted_items") as batch_op:
        batch_op.drop_column("deleted_by")
    for table in AUTHORED_TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("updated_by")
