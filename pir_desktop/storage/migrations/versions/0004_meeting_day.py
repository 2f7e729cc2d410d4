"""Meeting day: notes taken in the meeting, and the phase the meeting timer is in.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

A quick-capture line without a time is a meeting note, not a timeline
event; notes are kept in their own table, in the order they were taken.
``reviews.meeting_phase`` is the index of the agenda phase the meeting is
in, so that quitting and reopening comes back to it. Existing reviews start
with no notes and at the first phase.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reviews") as batch_op:
        batch_op.add_column(
            sa.Column("meeting_phase", sa.Integer(), nullable=False, server_default="0")
        )
    op.create_table(
        "meeting_notes",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("review_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("noted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["reviews.id"],
            name=op.f("fk_meeting_notes_review_id_reviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_notes")),
    )
    op.create_index(op.f("ix_meeting_notes_review_id"), "meeting_notes", ["review_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_meeting_notes_review_id"), table_name="meeting_notes")
    op.drop_table("meeting_notes")
    with op.batch_alter_table("reviews") as batch_op:
        batch_op.drop_column("meeting_phase")
