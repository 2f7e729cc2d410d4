"""The learning library: item times, tombstones, field times, services, tags, links, search.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

What interchange v2 needs, and what the library's search reads:

- ``updated_at`` on every item table. Items that existed before get their
  review's ``updated_at`` (the best the library knows). SQLite adds a NOT
  NULL column only with a default, hence the 1970 default that no row keeps.
- ``deleted_items``: tombstones (review, item id, deleted_at).
- ``review_field_times``: when each top-level field last changed; every
  existing review gets its ``updated_at`` for all of them.
- ``review_services``, ``review_tags`` (``key`` is the case-folded name) and
  ``related_reviews`` (repeat_of or related), empty.
- ``action_items.done_at``: unknown (NULL) for items already done; set from
  now on when an item becomes done. ``source_kind`` "panel" becomes the
  panel's name (went_well, went_poorly, lucky); a source whose panel item is
  gone is cleared, since its kind can no longer be told.
- ``search_texts``: every text of every review, filled here.

Only portable statements (no SQLite-only SQL): the team library's
PostgreSQL runs the same migrations.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

ITEM_TABLES = (
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
TIMED_FIELDS = (
    "title",
    "incident_date",
    "severity",
    "status",
    "roles",
    "summary",
    "impact",
    "detection",
    "problem",
    "services",
    "tags",
    "related",
    "opening",
)
BEFORE_TIMES = "1970-01-01 00:00:00.000000"


def _review_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["review_id"],
        ["reviews.id"],
        name=op.f(f"fk_{table}_review_id_reviews"),
        ondelete="CASCADE",
    )


def _label_table(name: str) -> None:
    op.create_table(
        name,
        sa.Column("review_id", sa.String(length=36), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _review_fk(name),
        sa.PrimaryKeyConstraint("review_id", "key", name=op.f(f"pk_{name}")),
    )
    op.create_index(f"ix_{name}_key", name, ["key"])


def upgrade() -> None:
    for table in ITEM_TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(
                sa.Column("updated_at", sa.DateTime(), nullable=False, server_default=BEFORE_TIMES)
            )
        op.execute(
            f"UPDATE {table} SET updated_at = "
            f"(SELECT reviews.updated_at FROM reviews WHERE reviews.id = {table}.review_id)"
        )
    with op.batch_alter_table("action_items") as batch_op:
        batch_op.add_column(sa.Column("done_at", sa.DateTime(), nullable=True))
    op.execute(
        "UPDATE action_items SET source_kind = (SELECT panel_items.panel FROM panel_items "
        "WHERE panel_items.id = action_items.source_id) WHERE source_kind = 'panel'"
    )
    op.execute(
        "UPDATE action_items SET source_id = NULL "
        "WHERE source_kind IS NULL AND source_id IS NOT NULL"
    )

    op.create_table(
        "deleted_items",
        sa.Column("review_id", sa.String(length=36), nullable=False),
        sa.Column("item_id", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=False),
        _review_fk("deleted_items"),
        sa.PrimaryKeyConstraint("review_id", "item_id", name=op.f("pk_deleted_items")),
    )
    op.create_table(
        "review_field_times",
        sa.Column("review_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        _review_fk("review_field_times"),
        sa.PrimaryKeyConstraint("review_id", "field", name=op.f("pk_review_field_times")),
    )
    for field in TIMED_FIELDS:
        op.execute(
            "INSERT INTO review_field_times (review_id, field, updated_at) "
            f"SELECT id, '{field}', updated_at FROM reviews"
        )
    _label_table("review_services")
    _label_table("review_tags")
    op.create_table(
        "related_reviews",
        sa.Column("review_id", sa.String(length=36), nullable=False),
        sa.Column("other_id", sa.String(length=36), nullable=False),
        sa.Column("relation", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _review_fk("related_reviews"),
        sa.PrimaryKeyConstraint("review_id", "other_id", name=op.f("pk_related_reviews")),
    )
    op.create_index("ix_related_reviews_other_id", "related_reviews", ["other_id"])
    op.create_table(
        "search_texts",
        sa.Column("item_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("review_id", sa.String(length=36), nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        _review_fk("search_texts"),
        sa.PrimaryKeyConstraint("item_id", "kind", name=op.f("pk_search_texts")),
    )
    op.create_index(op.f("ix_search_texts_review_id"), "search_texts", ["review_id"])
    _fill_search_texts()


def _fill_search_texts() -> None:
    # The word folding is the program's own (storage.search_words), so that
    # what this fills is exactly what the operations would write.
    from pir_desktop.storage.search_words import IMPACT_PREFIX, rows_of

    bind = op.get_bind()
    texts: dict[str, list[tuple[str, str, str]]] = {}

    def add(review_id, item_id, kind, text):
        texts.setdefault(review_id, []).append((item_id, kind, text or ""))

    for rid, title, summary, problem, notes in bind.execute(
        sa.text("SELECT id, title, summary, problem, detection_notes FROM reviews")
    ):
        add(rid, rid, "title", title)
        add(rid, rid, "summary", summary)
        add(rid, rid, "problem", problem)
        add(rid, rid, "detection.notes", notes)
    for rid, field, text in bind.execute(
        sa.text("SELECT review_id, field, text FROM review_impact")
    ):
        add(rid, rid, IMPACT_PREFIX + field, text)
    for table, kind, column in (
        ("timeline_events", "'event'", "text"),
        ("why_nodes", "'why'", "text"),
        ("contributing_factors", "'factor'", "text"),
        ("panel_items", "panel", "text"),
        ("action_items", "'action'", "title"),
        ("lessons", "'lesson'", "text"),
    ):
        for rid, item_id, item_kind, text in bind.execute(
            sa.text(f"SELECT review_id, id, {kind}, {column} FROM {table}")
        ):
            add(rid, item_id, item_kind, text)
    table = sa.table(
        "search_texts",
        sa.column("item_id"),
        sa.column("kind"),
        sa.column("review_id"),
        sa.column("words"),
        sa.column("text"),
    )
    for review_id, items in texts.items():
        rows = rows_of(review_id, items)
        if rows:
            bind.execute(table.insert(), rows)


def downgrade() -> None:
    op.drop_index(op.f("ix_search_texts_review_id"), table_name="search_texts")
    op.drop_table("search_texts")
    op.drop_index("ix_related_reviews_other_id", table_name="related_reviews")
    op.drop_table("related_reviews")
    for name in ("review_tags", "review_services"):
        op.drop_index(f"ix_{name}_key", table_name=name)
        op.drop_table(name)
    op.drop_table("review_field_times")
    op.drop_table("deleted_items")
    with op.batch_alter_table("action_items") as batch_op:
        batch_op.drop_column("done_at")
    for table in ITEM_TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("updated_at")
