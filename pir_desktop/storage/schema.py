"""SQLAlchemy 2.0 models of the library's tables.

The Alembic migrations in ``migrations/versions`` create exactly these tables
(a test compares them). Identity is a UUID string per review and per item;
times are stored in UTC; lists keep an explicit ``position``. Deleting a
review deletes everything that belongs to it through foreign keys with ON
DELETE CASCADE (the library turns foreign keys on), so the models need no
ORM relationships: reviews are loaded table by table in ``reviews.py``.
"""

from __future__ import annotations

from contextvars import ContextVar
from datetime import UTC, date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC ``datetime`` stored as fixed-width text, so it sorts."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the library")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _uuid() -> Mapped[str]:
    return mapped_column(String(36), primary_key=True)


def _review_fk() -> Mapped[str]:
    return mapped_column(
        String(36), ForeignKey("reviews.id", ondelete="CASCADE"), nullable=False, index=True
    )


def _review_key() -> Mapped[str]:
    return mapped_column(String(36), ForeignKey("reviews.id", ondelete="CASCADE"), primary_key=True)


# Migration 0005 added ``updated_at`` to tables that already held rows; SQLite
# adds a NOT NULL column only with a default, and the migration then set every
# row to its review's time. Every insert gives its own time.
BEFORE_TIMES = "1970-01-01 00:00:00.000000"


def _item_time() -> Mapped[datetime]:
    """When the item last changed (interchange v2's ``updated_at``)."""
    return mapped_column(UTCDateTime, nullable=False, server_default=BEFORE_TIMES)


# Who is writing: ``Library.write`` sets it for the length of its transaction (the OS user
# and host, or a name the caller gave), and every row a write inserts takes it as its
# ``updated_by``; rows it changes get it from the session's flush hook (``library``).
AUTHOR: ContextVar[str | None] = ContextVar("pir_author", default=None)


def _current_author() -> str | None:
    return AUTHOR.get()


def _item_author() -> Mapped[str | None]:
    """Who last changed the item (migration 0006; None: changed before it, or unknown)."""
    return mapped_column(Text, default=_current_author)


class ReviewRow(Base):
    __tablename__ = "reviews"

    id: Mapped[str] = _uuid()
    title: Mapped[str] = mapped_column(Text)
    incident_date: Mapped[date] = mapped_column(Date)
    severity: Mapped[str] = mapped_column(String(2))
    status: Mapped[str] = mapped_column(String(16))
    summary: Mapped[str] = mapped_column(Text, default="")
    problem: Mapped[str] = mapped_column(Text, default="")
    detection_method: Mapped[str | None] = mapped_column(String(16))
    detection_notes: Mapped[str | None] = mapped_column(Text)
    blameless_statement: Mapped[str | None] = mapped_column(Text)  # None: the default text
    # The index of the agenda phase the meeting is in (0: the first, or not started).
    meeting_phase: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str | None] = _item_author()

    __table_args__ = (Index("ix_reviews_listing", "incident_date", "created_at"),)


class RoleRow(Base):
    __tablename__ = "review_roles"

    review_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("reviews.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(Text)


class ChecklistTickRow(Base):
    """A ticked item of the pre-meeting checklist (``domain.meeting_opening.CHECKLIST``)."""

    __tablename__ = "checklist_ticks"

    review_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("reviews.id", ondelete="CASCADE"), primary_key=True
    )
    item: Mapped[str] = mapped_column(String(32), primary_key=True)


class ImpactRow(Base):
    __tablename__ = "review_impact"

    review_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("reviews.id", ondelete="CASCADE"), primary_key=True
    )
    field: Mapped[str] = mapped_column(String(32), primary_key=True)
    text: Mapped[str] = mapped_column(Text)


class ParticipantRow(Base):
    __tablename__ = "participants"

    id: Mapped[str] = _uuid()
    review_id: Mapped[str] = _review_fk()
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(Text)
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = _item_time()
    updated_by: Mapped[str | None] = _item_author()


class EventRow(Base):
    """A timeline event; ``seq`` keeps the order of events that share a time."""

    __tablename__ = "timeline_events"

    id: Mapped[str] = _uuid()
    review_id: Mapped[str] = _review_fk()
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(24))
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = _item_time()
    updated_by: Mapped[str | None] = _item_author()


class WhyRow(Base):
    """A node of the 5-Whys tree; top-level answers have no parent."""

    __tablename__ = "why_nodes"

    id: Mapped[str] = _uuid()
    review_id: Mapped[str] = _review_fk()
    parent_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("why_nodes.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    root_cause: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = _item_time()
    updated_by: Mapped[str | None] = _item_author()


class FactorRow(Base):
    __tablename__ = "contributing_factors"

    id: Mapped[str] = _uuid()
    review_id: Mapped[str] = _review_fk()
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[datetime] = _item_time()
    updated_by: Mapped[str | None] = _item_author()


class PanelItemRow(Base):
    """An entry of went well, went poorly or lucky; ``panel`` says which."""

    __tablename__ = "panel_items"

    id: Mapped[str] = _uuid()
    review_id: Mapped[str] = _review_fk()
    panel: Mapped[str] = mapped_column(String(16))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = _item_time()
    updated_by: Mapped[str | None] = _item_author()


class ActionItemRow(Base):
    __tablename__ = "action_items"

    id: Mapped[str] = _uuid()
    review_id: Mapped[str] = _review_fk()
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    owner: Mapped[str | None] = mapped_column(Text)
    due: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))
    category: Mapped[str | None] = mapped_column(String(16))
    deferred: Mapped[bool] = mapped_column(Boolean, default=False)
    tracker_url: Mapped[str | None] = mapped_column(Text)
    # What the item was made from: a domain.enums.SourceKind value and that item's id.
    source_kind: Mapped[str | None] = mapped_column(String(16))
    source_id: Mapped[str | None] = mapped_column(String(36))
    updated_at: Mapped[datetime] = _item_time()
    updated_by: Mapped[str | None] = _item_author()
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # set when it became done


class LessonRow(Base):
    __tablename__ = "lessons"

    id: Mapped[str] = _uuid()
    review_id: Mapped[str] = _review_fk()
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = _item_time()
    updated_by: Mapped[str | None] = _item_author()


class PhaseRow(Base):
    """A meeting agenda phase with the time the meeting timer recorded."""

    __tablename__ = "meeting_phases"

    id: Mapped[str] = _uuid()
    review_id: Mapped[str] = _review_fk()
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    planned_minutes: Mapped[int] = mapped_column(Integer)
    actual_seconds: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = _item_time()
    updated_by: Mapped[str | None] = _item_author()

    __table_args__ = (
        CheckConstraint("planned_minutes >= 0", name="planned_not_negative"),
        CheckConstraint("actual_seconds >= 0", name="actual_not_negative"),
    )


class MeetingNoteRow(Base):
    """A note taken in the meeting (a quick-capture line without a time), in the order taken."""

    __tablename__ = "meeting_notes"

    id: Mapped[str] = _uuid()
    review_id: Mapped[str] = _review_fk()
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    noted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # the wall clock, for reference
    updated_at: Mapped[datetime] = _item_time()
    updated_by: Mapped[str | None] = _item_author()


class DeletedItemRow(Base):
    """A tombstone: an item deleted from a review, and when (interchange v2's ``deleted``)."""

    __tablename__ = "deleted_items"

    review_id: Mapped[str] = _review_key()
    item_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    deleted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    deleted_by: Mapped[str | None] = mapped_column(Text, default=_current_author)


class FieldTimeRow(Base):
    """When one top-level field of a review last changed (``domain.model.TIMED_FIELDS``)."""

    __tablename__ = "review_field_times"

    review_id: Mapped[str] = _review_key()
    field: Mapped[str] = mapped_column(String(32), primary_key=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str | None] = _item_author()


class _NamedLabel:
    """A service or tag of a review. ``key`` is the name case-folded: a review holds each
    name once whatever its case, and the library compares them by key (portable SQL, where
    a case-insensitive collation would not be)."""

    review_id: Mapped[str] = _review_key()
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    name: Mapped[str] = mapped_column(Text)  # as first written
    position: Mapped[int] = mapped_column(Integer)


class ServiceRow(_NamedLabel, Base):
    __tablename__ = "review_services"
    __table_args__ = (Index("ix_review_services_key", "key"),)


class TagRow(_NamedLabel, Base):
    __tablename__ = "review_tags"
    __table_args__ = (Index("ix_review_tags_key", "key"),)


class RelatedRow(Base):
    """A link from a review to another (which may be in another library: no foreign key)."""

    __tablename__ = "related_reviews"

    review_id: Mapped[str] = _review_key()
    other_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    relation: Mapped[str] = mapped_column(String(16))  # domain.enums.Relation
    position: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_related_reviews_other_id", "other_id"),)


class SearchTextRow(Base):
    """One text of a review as the library's search reads it (``storage.search_words``).

    ``item_id`` is the item's id (the review's own for title, summary, problem,
    impact and detection notes) and ``kind`` says which text it is. ``words`` is
    the text case-folded, without accents, as its words between single spaces
    with a space at each end, so ``LIKE '% pre%'`` finds a word starting with
    "pre" in any SQL database. The operations keep it in step with the texts,
    in the same transaction as each edit.
    """

    __tablename__ = "search_texts"

    item_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    review_id: Mapped[str] = _review_fk()
    words: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)


class OfflineCopyRow(Base):
    """A review of this library that is a copy of one in another library, its home (the
    same id): taken offline at ``taken_at``, last taken or sent back at ``synced_at``, when
    the review's ``updated_at`` was ``synced_version`` (a later one: changes not sent)."""

    __tablename__ = "offline_copies"

    review_id: Mapped[str] = _review_key()
    home: Mapped[str] = mapped_column(Text)  # a team URL without its password, or a file path
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime)
    synced_at: Mapped[datetime] = mapped_column(UTCDateTime)
    synced_version: Mapped[datetime] = mapped_column(UTCDateTime)


class ChangeRow(Base):
    """One change an operation made, written in the same transaction (``storage.feed``).

    The change feed reads these in ``id`` order; on PostgreSQL each transaction that
    writes some also sends ``NOTIFY pir_changes``. ``review_id`` has no foreign key: the
    deletion of a review is a change too. ``version`` is the item's version after the
    change (its ``updated_at``, or the field's time for a top-level field), None for a
    delete.
    """

    __tablename__ = "changes"

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
    )
    review_id: Mapped[str] = mapped_column(String(36))
    change: Mapped[str] = mapped_column(String(40))
    item_id: Mapped[str | None] = mapped_column(String(36))
    version: Mapped[datetime | None] = mapped_column(UTCDateTime)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    changed_by: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_changes_review_id", "review_id", "id"),
        {"sqlite_autoincrement": True},
    )
