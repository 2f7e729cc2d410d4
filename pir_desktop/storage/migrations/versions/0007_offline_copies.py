"""Offline copies: reviews taken from a home library (a team library, or a library file)
to work on without the network, and sent back later.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

- ``offline_copies``: one row per review of this library that is a copy of a
  review of another library (the same id): ``home`` is where that library is
  (a team library's URL without its password, or a file's absolute path),
  ``taken_at`` when the copy was taken, ``synced_at`` when it was last taken
  or sent back, ``synced_version`` the review's ``updated_at`` right after
  that: a later ``updated_at`` means changes not sent. Deleting the review
  deletes its row. Existing libraries hold no copies: the table starts empty.

Portable statements only: the team library's PostgreSQL runs the same
migrations as a library file.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "offline_copies",
        sa.Column("review_id", sa.String(length=36), nullable=False),
        sa.Column("home", sa.Text(), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("synced_at", sa.DateTime(), nullable=False),
        sa.Column("synced_version", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["reviews.id"],
            name=op.f("fk_offline_copies_review_id_reviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("review_id", name=op.f("pk_offline_copies")),
    )


def downgrade() -> None:
    op.drop_table("offline_copies")
