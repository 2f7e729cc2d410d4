"""Action items remember what they were made from (a why node or a panel item).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

"Make action item" in the window keeps a link to its source; these two
nullable columns hold it. Existing items get no link.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("action_items") as batch_op:
        batch_op.add_column(sa.Column("source_kind", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("source_id", sa.String(length=36), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("action_items") as batch_op:
        batch_op.drop_column("source_id")
        batch_op.drop_column("source_kind")
