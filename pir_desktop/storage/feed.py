"""The change feed: what each operation changed, for other windows, scripts and undo.

Every operation records its changes with :func:`record` inside its own write
transaction: a row of the ``changes`` table (review, change name such as
``event_added``, ``why_edited`` or ``panel_item_moved``, item id, the item's new
version, when, by whom). The rows commit with the edit or not at all. On
PostgreSQL the transaction also sends ``NOTIFY pir_changes`` (delivered at
commit), so a listening client wakes within milliseconds; on a library file a
client polls SQLite's ``PRAGMA data_version``, which moves when another
connection commits. Either way the table is the truth and the wake-up only a
hint: a :class:`ChangeFeed` reads the rows after the last one it has seen, so
after a reconnect it reads exactly what it missed.

On PostgreSQL ids are handed out when a row is inserted, not when its
transaction commits: a change with a lower id can land after one with a higher
id. So the feed reads again from the highest id it saw ``GAP_SECONDS`` ago
(a write transaction holding a lower id has committed or rolled back by then)
and leaves out the ids it has already delivered. On a library file writers take
turns (BEGIN IMMEDIATE), so ids land in order and the feed reads from the last.

Nothing here imports Qt: the window drives :meth:`ChangeFeed.wait` from a worker
thread or :meth:`ChangeFeed.poll` from a timer (or watches ``fileno()`` with a
socket notifier on PostgreSQL).
"""

from __future__ import annotations

import contextlib
import os
import select
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ..domain.times import format_timestamp, utc_now

if TYPE_CHECKING:
    from .library import Library

CHANNEL = "pir_changes"
GAP_SECONDS = 60.0  # a hole in the ids open this long is a rolled-back transaction
SQLITE_POLL_SECONDS = 0.02  # how often a file library's feed looks at data_version
HEARTBEAT_SECONDS = 5.0  # an idle PostgreSQL feed checks its connection this often
_KINDS = {
    "timeline_events": "event",
    "why_nodes": "why",
    "panel_items": "panel_item",
    "action_items": "action_item",
    "participants": "participant",
    "contributing_factors": "factor",
    "lessons": "lesson",
    "meeting_phases": "phase",
    "meeting_notes": "note",
    "reviews": "review",
}


# The list of a review (storage.reviews.PARTS) that each kind of item lives in.
_PARTS = {
    "event": "timeline",
    "events": "timeline",  # events_imported, events_removed
    "why": "whys",
    "panel_item": "panels",
    "action_item": "action_items",
    "participant": "participants",
    "factor": "contributing_factors",
    "lesson": "lessons",
    "note": "meeting_notes",
}


def parts_changed(changes: Iterable[str]) -> set[str] | None:
    """The lists of a review that the changes named ``changes`` (``event_added``...) touch;
    ``None`` when one of them is of the review itself (a field, the agenda, a restore)."""
    parts = set()
    for change in changes:
        part = _PARTS.get(change.rsplit("_", 1)[0])
        if part is None:
            return None
        parts.add(part)
    return parts


def kind_of(table) -> str:
    """The change-name stem of a model's rows: ``event``, ``why``, ``panel_item``..."""
    return _KINDS[table.__tablename__]


@dataclass(frozen=True)
class Change:
    """One change of the feed. ``version`` is the item's version after it (None for a delete
    and for changes of a whole list, such as ``events_imported``)."""

    id: int
    review_id: str
    change: str
    item_id: str | None
    version: datetime | None
    at: datetime
    by: str | None

    def as_json(self) -> dict:
        """The shape of ``pir-desktop watch --json``."""
        return {
            "at": format_timestamp(self.at),
            "review_id": self.review_id,
            "change": self.change,
            "item_id": self.item_id,
        }


def record(
    session,
    review_id: str,
    change: str,
    item_id: str | None = None,
    version: datetime | None = None,
) -> None:
    """Note one change in the transaction of ``session`` (a ``Library.write`` session)."""
    from .schema import ChangeRow

    row = ChangeRow(
        review_id=review_id,
        change=change,
        item_id=item_id,
        version=version,
        changed_at=utc_now(),
        changed_by=session.info.get("pir_author"),
    )
    session.add(row)
    session.info.setdefault("pir_changes", []).append(row)


def before_commit(session, *, notify: bool) -> tuple[Change, ...]:
    """Flush the recorded changes and, on PostgreSQL, ask for the NOTIFY that goes out
    at commit; returns them as ``Change`` values."""
    rows = session.info.get("pir_changes", [])
    if not rows:
        return ()
    session.flush()
    if notify:
        from sqlalchemy import text

        reviews = ",".join(sorted({row.review_id for row in rows}))
        session.execute(text("SELECT pg_notify(:channel, :reviews)"), {
            "channel": CHANNEL, "reviews": reviews[:7000]
        })  # fmt: skip
    return tuple(_change(row) for row in rows)


def _change(row) -> Change:
    return Change(
        row.id, row.review_id, row.change, row.item_id, row.version, row.changed_at, row.changed_by
    )


@dataclass(frozen=True)
class Written:
    """What one committed write changed (``Library.last_write``)."""

    changes: tuple[Change, ...]

    def version(self, item_id: str, change: str | None = None) -> datetime | None:
        """The version ``item_id`` has after this write (of its last change named ``change``,
        when given); None if the write did not change it or deleted it."""
        for entry in reversed(self.changes):
            if entry.item_id == item_id and (change is None or entry.change == change):
                return entry.version
        return None

    def field_version(self, field: str) -> datetime | None:
        """The version of a review's top-level field (``title``, ``roles``, ``impact``...)
        after this write."""
        for entry in reversed(self.changes):
            if entry.change == f"{field}_edited":
                return entry.version
        return None

    @property
    def ids(self) -> set[int]:
        """The feed ids of this write: a window skips these when the feed brings them back."""
        return {entry.id for entry in self.changes}


_COLUMNS = "id, review_id, change, item_id, version, changed_at, changed_by"


def _moment(value) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.fromisoformat(str(value))
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _from_tuple(row) -> Change:
    return Change(int(row[0]), row[1], row[2], row[3], _moment(row[4]), _moment(row[5]), row[6])


class ChangeFeed:
    """The changes other clients (and this one) make to a library, as they land.

    ``review_id`` narrows the feed to one review (None: the whole library).
    ``after`` is the id of the last change already seen: the feed starts after it
    (None: after the newest change now, so only what comes next). To follow a
    review without missing anything, make the feed first, then load the review:
    a change landing in between then comes through the feed too.

    :meth:`poll` returns what landed since the last call without waiting;
    :meth:`wait` waits up to ``timeout`` seconds for something to land. Both raise
    ``ServerGone`` when a team library's server went away; :meth:`reconnect` then
    opens a new connection (``ServerGone`` again while the server is still away)
    and returns everything that landed meanwhile. :attr:`last_id` is where the
    feed stands, for a new feed to start from.
    """

    def __init__(self, library: Library, review_id: str | None = None, *, after: int | None = None):
        self.library = library
        self.review_id = review_id
        self._conn = None
        self._data_version = None
        self._floor = 0  # every change up to this id has been delivered (or was not ours)
        self._seen: dict[int, float] = {}  # ids above the floor delivered -> when
        self._last_heartbeat = time.monotonic()
        self._connect()
        if after is None:
            after = self._newest()
        self._floor = after

    # -- the connection ------------------------------------------------------------------

    def _connect(self) -> None:
        if self.library.address is not None:
            from . import team

            self._conn = team.connect_raw(self.library.address)
            with self._team_errors():
                self._conn.execute(f"LISTEN {CHANNEL}")
        else:
            from .peek import BUSY_TIMEOUT_MS, _connect_read_only, explain

            path = self.library.path
            try:
                if os.access(path, os.W_OK):
                    # Not "immutable", which peek's reader is when no journal is beside the
                    # file: that connection never sees a later commit.
                    timeout = BUSY_TIMEOUT_MS / 1000
                    self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=timeout)
                else:  # a file this user may not write (nor this user's programs)
                    self._conn = _connect_read_only(path)
                self._conn.isolation_level = None
                self._data_version = None  # the first poll reads, whatever happened before
            except sqlite3.Error as exc:
                from ..errors import LibraryError

                raise LibraryError(explain(exc, self.library.path)) from None
        self._last_heartbeat = time.monotonic()

    def _team_errors(self):
        from contextlib import contextmanager

        import psycopg

        from . import team

        @contextmanager
        def errors():
            try:
                yield
            except psycopg.Error as exc:
                raise team.explain(exc, self.library.address) from None

        return errors()

    def _query(self, sql: str, params: Iterable = ()) -> list[tuple]:
        if self.library.address is not None:
            with self._team_errors():
                return self._conn.execute(sql.replace("?", "%s"), tuple(params)).fetchall()
        from .peek import explain

        try:
            return self._conn.execute(sql, tuple(params)).fetchall()
        except sqlite3.Error as exc:
            from ..errors import LibraryError

            raise LibraryError(explain(exc, self.library.path)) from None

    def _newest(self) -> int:
        rows = self._query("SELECT MAX(id) FROM changes")
        return int(rows[0][0] or 0)

    def fileno(self) -> int | None:
        """The socket a team library's notifications arrive on (for a socket notifier); None
        for a library file, whose feed is polled."""
        if self.library.address is None or self._conn is None:
            return None
        return self._conn.fileno()

    @property
    def last_id(self) -> int:
        """The newest change delivered (or the start): a new feed made with ``after=``
        this misses nothing this one delivered after it."""
        return max([self._floor, *self._seen])

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):  # a connection the server already dropped
                self._conn.close()
            self._conn = None

    def __enter__(self) -> ChangeFeed:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def reconnect(self) -> list[Change]:
        """Open a new connection and return what landed since the feed last read."""
        self.close()
        self._connect()
        return self._read()

    # -- reading ---------------------------------------------------------------------------

    def _read(self) -> list[Change]:
        where = "id > ?"
        params: list = [self._floor]
        if self.review_id is not None:
            where += " AND review_id = ?"
            params.append(self.review_id)
        rows = self._query(f"SELECT {_COLUMNS} FROM changes WHERE {where} ORDER BY id", params)
        fresh = [_from_tuple(row) for row in rows if int(row[0]) not in self._seen]
        now = time.monotonic()
        for change in fresh:
            self._seen[change.id] = now
        self._advance(now)
        return fresh

    def _advance(self, now: float) -> None:
        """Move the floor over the ids that no late commit can precede any more: all of
        them on a file (writers take turns), those seen ``GAP_SECONDS`` ago on PostgreSQL
        (a transaction holding a lower id would have committed by then)."""
        if not self._seen:
            return
        if self.library.address is None:
            self._floor = max(self._seen)
            self._seen.clear()
            return
        settled = [i for i, seen_at in self._seen.items() if now - seen_at >= GAP_SECONDS]
        if settled:
            self._floor = max(self._floor, *settled)
            for change_id in [i for i in self._seen if i <= self._floor]:
                del self._seen[change_id]

    def poll(self) -> list[Change]:
        """What landed since the last call, without waiting (on a file, only when
        ``data_version`` moved)."""
        if self.library.address is None:
            try:
                version = self._conn.execute("PRAGMA data_version").fetchone()[0]
            except sqlite3.Error as exc:
                from ..errors import LibraryError
                from .peek import explain

                raise LibraryError(explain(exc, self.library.path)) from None
            if version == self._data_version:
                return []
            self._data_version = version
            return self._read()
        self._drain_notifications()
        return self._read()

    def _drain_notifications(self) -> None:
        with self._team_errors():
            for _ in self._conn.notifies(timeout=0):
                pass

    def wait(self, timeout: float) -> list[Change]:
        """The changes that land within ``timeout`` seconds (returns as soon as one does;
        an empty list when none did)."""
        deadline = time.monotonic() + max(0.0, timeout)
        found = self.poll()
        while not found:
            left = deadline - time.monotonic()
            if left <= 0:
                return []
            if self.library.address is None:
                time.sleep(min(SQLITE_POLL_SECONDS, left))
            else:
                self._wait_for_notification(min(left, HEARTBEAT_SECONDS))
            found = self.poll()
        return found

    def _wait_for_notification(self, seconds: float) -> None:
        with self._team_errors():
            ready, _w, _x = select.select([self._conn.fileno()], [], [], seconds)
        if ready:
            return  # poll() reads the notification and the rows
        if time.monotonic() - self._last_heartbeat >= HEARTBEAT_SECONDS:
            # Quiet for a while: make sure the server is still there (a dropped network
            # shows here within tcp_user_timeout instead of never).
            self._query("SELECT 1")
            self._last_heartbeat = time.monotonic()


def newest_change_id(library: Library) -> int:
    """The id of the newest change in the library (0 when there is none)."""
    from sqlalchemy import func, select

    from .schema import ChangeRow

    with library.read() as session:
        return int(session.scalar(select(func.max(ChangeRow.id))) or 0)
