"""The meeting's opening: a review's own blameless statement and its checklist ticks.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22

A NULL statement means the default text. A checklist item is ticked when
its row exists; existing reviews start with nothing ticked.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reviews") as batch_op:
        batch_op.add_column(sa.Column("blameless_statement", sa.Text(), nullable=True))
    op.create_table(
        "checklist_ticks",
        sa.Column("review_id", sa.String(length=36), nullable=False),
        sa.Column("item", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["reviews.id"],
            name=op.f("fk_checklist_ticks_review_id_reviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("review_id", "item", name=op.f("pk_checklist_ticks")),
    )


def downgrade() -> None:
    op.drop_table("checklist_ticks")
    with op.batch_alter_table("reviews") as batch_op:
        batch_op.drop_column("blameless_statement")
