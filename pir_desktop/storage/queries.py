"""Read-only questions about the whole library: search, follow-ups, insights, the dashboard.

Everything here reads through a plain DB-API connection (``Reader``): on a
library file that is the standard ``sqlite3`` module, so the commands that
only read (``list``, ``search``, ``actions``, ``insights``) never import
SQLAlchemy, which alone costs about 0.4 s. The SQL is what SQLite and
PostgreSQL both run (no ``COLLATE NOCASE``, no ``instr``, no date functions):
dates are bound as the database stores them (``Reader.day``), case-insensitive matching uses the
stored case-folded ``key`` of services and tags or is done in Python, and the
search reads ``search_texts.words`` with ``LIKE '% word%'``.

The functions return plain dataclasses (and ``insights`` the JSON document of
``pir-desktop insights --json``), so the window, the CLI and the reports
share one answer to each question.
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from ..errors import InvalidChange, LibraryError
from . import search_words

SEVERITIES = ("P1", "P2", "P3", "P4")
FACTOR_CATEGORIES = ("technical", "process", "human", "tooling")
METRIC_ENDS = {  # domain.metrics.METRICS, as the kinds of their two ends
    "ttd": ("started", "detected"),
    "tta": ("detected", "responded"),
    "ttm": ("responded", "recovered"),
    "duration": ("started", "recovered"),
}
OPEN_STATUSES = ("open", "in_progress")
_CHUNK = 500  # ids per IN (...) list


class Reader:
    """A DB-API connection and its parameter style, for SQL written with ``?`` marks.

    ``Reader(sqlite3_connection)`` for a library file (``connect`` opens one
    read-only); ``Reader(psycopg_connection, "format")`` for PostgreSQL
    (``team_reader`` opens one, in autocommit: each question sees the library as
    it is then). ``day`` is how a date is bound: SQLite stores dates as ISO text
    (and the sqlite3 module's own date adapter is deprecated), other databases
    take the date itself. ``failure``, when given, is ``(error classes, error ->
    PirError)`` for the driver's own failures (a team library's lost server).
    """

    def __init__(
        self, connection, paramstyle: str = "qmark", source: Path | None = None, *, failure=None
    ):
        self.connection = connection
        self.paramstyle = paramstyle
        self.source = source or Path("(the library)")
        self.failure = failure

    def day(self, value: date):
        return value.isoformat() if self.paramstyle == "qmark" else value

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """The rows of one query; an SQLite failure (a damaged file) is a ``LibraryError``."""
        if self.paramstyle == "format":
            sql = sql.replace("%", "%%").replace("?", "%s")
        try:
            cursor = self.connection.cursor()
            try:
                cursor.execute(sql, tuple(params))
                return cursor.fetchall()
            finally:
                cursor.close()
        except sqlite3.Error as exc:
            from .peek import explain

            raise LibraryError(explain(exc, self.source)) from None
        except Exception as exc:
            if self.failure is None or not isinstance(exc, self.failure[0]):
                raise
            raise self.failure[1](exc) from None

    def close(self) -> None:
        try:
            self.connection.close()
        except Exception as exc:  # a team library's connection the server already dropped
            if self.failure is None or not isinstance(exc, self.failure[0]):
                raise

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def connect(path: Path | str) -> Reader:
    """A read-only ``Reader`` on a library file at the current schema (the caller checked
    it with ``peek.inspect_library``). Nothing through it can write."""
    from .peek import _connect_read_only

    return Reader(_connect_read_only(Path(path)), source=Path(path))


def team_reader(address) -> Reader:
    """A ``Reader`` on a team library (a ``team_address.TeamAddress`` whose schema the
    caller checked, e.g. by opening it with ``open_library``), read-only."""
    import psycopg

    from . import team

    conn = team.connect_raw(address, autocommit=True)
    try:
        conn.execute("SET default_transaction_read_only = on")
    except psycopg.Error as exc:
        conn.close()
        raise team.explain(exc, address) from None
    return Reader(conn, "format", failure=(psycopg.Error, lambda exc: team.explain(exc, address)))


def open_reader(location) -> Reader:
    """A ``Reader`` on any library: a file path (without SQLAlchemy when the file is at the
    current schema: the quick path of the read-only commands) or a team library's URL
    (its schema checked, created when the database is empty, refused when older)."""
    from .team_address import is_team_url

    if is_team_url(location) or not isinstance(location, str | Path):
        from .library import open_library

        with open_library(location) as library:
            return library.reader()
    from .peek import HEAD, inspect_library

    path = Path(location).expanduser().absolute()
    if not path.exists() or inspect_library(path, check=False) != HEAD:
        from .library import open_library

        open_library(path).close()
    return connect(path)


def _in(ids: Sequence[str]) -> str:
    return "(" + ", ".join("?" for _ in ids) + ")"


def _chunks(ids: Sequence[str]) -> Iterable[list[str]]:
    ids = list(ids)
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _day(value) -> date | None:
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value)[:10])


def _moment(value) -> datetime | None:
    """A stored UTC time: text from SQLite (``2026-03-12 14:05:00.000000``), a datetime else."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.fromisoformat(str(value))
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# -- search ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    """One text that holds every word of the query.

    ``path`` points into interchange v2 (``timeline[3].text``,
    ``whys[0].children[1].text``, ``action_items[2].title``, ``summary``);
    ``item_id`` and ``kind`` say which item it is (the review's own id for
    title, summary, problem, impact and detection), for the window to go to.
    """

    review_id: str
    review_title: str
    path: str
    snippet: str
    item_id: str
    kind: str

    def as_dict(self) -> dict:
        return {
            "review_id": self.review_id,
            "review_title": self.review_title,
            "path": self.path,
            "snippet": self.snippet,
        }


_KIND_WEIGHT = {"title": 3, "summary": 2, "problem": 2}
# Where each kind of text comes in a review, for the order of hits within one review.
_KIND_ORDER = [
    "title", "summary", "impact.", "detection.notes", "event", "problem", "why", "factor",
    "went_well", "went_poorly", "lucky", "action", "lesson",
]  # fmt: skip
SNIPPET_CHARS = 120


def _like_word(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"% {escaped}%"


def _kind_rank(kind: str) -> int:
    key = "impact." if kind.startswith(search_words.IMPACT_PREFIX) else kind
    return _KIND_ORDER.index(key) if key in _KIND_ORDER else len(_KIND_ORDER)


def snippet(text: str, words: Sequence[str], width: int = SNIPPET_CHARS, folded: str = "") -> str:
    """The part of ``text`` around the first word that a query word starts, on one line.

    ``folded`` is the text's ``search_texts.words``, when at hand: it finds the
    word without folding the text again.
    """
    if len(text) <= width:
        return " ".join(text.split())
    tokens = folded.split() if folded else [w for _s, _e, w in search_words.word_spans(text)]
    number = next((i for i, w in enumerate(tokens) if any(w.startswith(q) for q in words)), 0)
    spans = [(m.start(), m.end()) for m in search_words.WORD.finditer(text)]
    first = spans[min(number, len(spans) - 1)][0] if spans else 0
    start = max(0, first - width // 3)
    if start > 0:  # begin at a word
        start = next((s for s, _e in spans if s >= start), first)
    end = min(len(text), start + width)
    if end < len(text):
        ends = [e for _s, e in spans if start < e <= end]
        end = ends[-1] if ends else end
    piece = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")


def search(reader: Reader, query: str, limit: int | None = None) -> list[SearchHit]:
    """Every text of every review holding each word of ``query`` at the start of a word,
    ignoring case and accents; best first (at most ``limit`` of them).

    Best: a title before a summary or problem before any other text; then more
    query words matching whole words; then the newer incident; then the
    text's place in its review. An empty query finds nothing.
    """
    words = search_words.query_words(query)
    if not words:
        return []
    condition = " AND ".join("s.words LIKE ? ESCAPE '\\'" for _ in words)
    rows = reader.rows(
        "SELECT s.review_id, s.item_id, s.kind, s.text, s.words, r.title, r.incident_date "
        f"FROM search_texts s JOIN reviews r ON r.id = s.review_id WHERE {condition}",
        [_like_word(w) for w in words],
    )
    days: dict[Any, int] = {}

    def score(row) -> tuple:
        whole = sum(1 for w in words if f" {w} " in row[4])
        day = days.get(row[6])
        if day is None:
            day = days[row[6]] = _day(row[6]).toordinal()
        return (-_KIND_WEIGHT.get(row[2], 1), -whole, -day, row[5], row[0])

    scored = sorted(((score(row), row) for row in rows), key=lambda pair: pair[0])
    if limit is not None and len(scored) > limit:
        # Only the texts that can still be among the best need their place in the review.
        last = scored[limit - 1][0]
        scored = [pair for pair in scored if pair[0] <= last]
    paths = _Paths(reader, [row for _score, row in scored])
    scored.sort(
        key=lambda pair: (*pair[0], _kind_rank(pair[1][2]), paths.order(pair[1][1], pair[1][2]))
    )
    hits: list[SearchHit] = []
    for _score, (review_id, item_id, kind, text, folded, title, _day_value) in scored:
        path = paths.path(item_id, kind)
        if path is None:  # an index row whose item is gone: never shown
            continue
        hits.append(
            SearchHit(review_id, title, path, snippet(text, words, folded=folded), item_id, kind)
        )
        if limit is not None and len(hits) >= limit:
            break
    return hits


class _Paths:
    """Interchange paths of the hits' items, read for the hits' reviews only."""

    def __init__(self, reader: Reader, rows):
        self.places: dict[tuple[str, str], tuple[str, int]] = {}
        by_kind: dict[str, set[str]] = defaultdict(set)
        reviews_with: dict[str, set[str]] = defaultdict(set)
        for review_id, item_id, kind, *_ in rows:
            by_kind[kind].add(item_id)
            reviews_with[kind].add(review_id)
        self._events(reader, reviews_with.get("event", set()))
        self._whys(reader, reviews_with.get("why", set()), by_kind.get("why", set()))
        for kind, table, key, place in (
            ("factor", "contributing_factors", "contributing_factors[{}].text", None),
            ("action", "action_items", "action_items[{}].title", None),
            ("lesson", "lessons", "lessons[{}].text", None),
            ("went_well", "panel_items", "went_well[{}].text", "went_well"),
            ("went_poorly", "panel_items", "went_poorly[{}].text", "went_poorly"),
            ("lucky", "panel_items", "lucky[{}].text", "lucky"),
        ):
            for ids in _chunks(sorted(by_kind.get(kind, ()))):
                extra = " AND panel = ?" if place else ""
                for item_id, position in reader.rows(
                    f"SELECT id, position FROM {table} WHERE id IN {_in(ids)}{extra}",
                    [*ids, *([place] if place else [])],
                ):
                    self.places[(item_id, kind)] = (key.format(position), position)

    def _events(self, reader: Reader, review_ids: set[str]) -> None:
        for ids in _chunks(sorted(review_ids)):
            index: dict[str, int] = defaultdict(int)
            for review_id, item_id in reader.rows(
                f"SELECT review_id, id FROM timeline_events WHERE review_id IN {_in(ids)} "
                "ORDER BY review_id, at, seq",
                ids,
            ):
                n = index[review_id]
                self.places[(item_id, "event")] = (f"timeline[{n}].text", n)
                index[review_id] = n + 1

    def _whys(self, reader: Reader, review_ids: set[str], wanted: set[str]) -> None:
        for ids in _chunks(sorted(review_ids)):
            nodes = {
                item_id: (parent, position)
                for item_id, parent, position in reader.rows(
                    f"SELECT id, parent_id, position FROM why_nodes WHERE review_id IN {_in(ids)}",
                    ids,
                )
            }
            for item_id in wanted & nodes.keys():
                chain, here = [], item_id
                while here is not None and here in nodes:
                    parent, position = nodes[here]
                    chain.append(position)
                    here = parent
                chain.reverse()
                path = f"whys[{chain[0]}]" + "".join(f".children[{p}]" for p in chain[1:])
                order = sum(p * 1000 ** (8 - d) for d, p in enumerate(chain[:8]))
                self.places[(item_id, "why")] = (path + ".text", order)

    def path(self, item_id: str, kind: str) -> str | None:
        if kind in search_words.REVIEW_KINDS or kind.startswith(search_words.IMPACT_PREFIX):
            return kind
        place = self.places.get((item_id, kind))
        return place[0] if place else None

    def order(self, item_id: str, kind: str) -> int:
        place = self.places.get((item_id, kind))
        return place[1] if place else 0


# -- follow-ups ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionFilter:
    """Which action items ``actions`` lists.

    ``state``: None (all), ``open`` (open or in progress, not deferred),
    ``overdue`` (open with ``due`` before the as-of date) or ``deferred`` (the
    future-improvements list). ``owner`` ignores case; ``service`` is a
    service of the item's review, ignoring case; ``due_within`` keeps items
    due from the as-of date to that many days after it.
    """

    state: str | None = None
    owner: str | None = None
    service: str | None = None
    due_within: int | None = None
    review_id: str | None = None


@dataclass(frozen=True)
class ActionRow:
    review_id: str
    review_title: str
    id: str
    title: str
    owner: str | None
    due: date | None
    status: str
    category: str | None
    deferred: bool
    tracker_url: str | None
    overdue: bool
    done_at: datetime | None = None
    position: int = 0
    incident_date: date | None = None

    def as_dict(self) -> dict:
        """The shape of ``pir-desktop actions --json``."""
        return {
            "review_id": self.review_id,
            "review_title": self.review_title,
            "id": self.id,
            "title": self.title,
            "owner": self.owner,
            "due": self.due.isoformat() if self.due else None,
            "status": self.status,
            "category": self.category,
            "deferred": self.deferred,
            "tracker_url": self.tracker_url,
            "overdue": self.overdue,
        }


ACTION_STATES = ("open", "overdue", "deferred")


def actions(reader: Reader, filters: ActionFilter = ActionFilter(), as_of: date | None = None):
    """Action items of every review, sorted by due date (none last), then review title,
    then their place in the review. ``overdue``: open or in progress, not deferred,
    due before ``as_of`` (default today)."""
    as_of = as_of or date.today()
    if filters.state is not None and filters.state not in ACTION_STATES:
        raise InvalidChange(f"the state must be one of: {', '.join(ACTION_STATES)}")
    where, params = [], []
    if filters.state in ("open", "overdue"):
        where.append("a.deferred = ? AND a.status IN ('open', 'in_progress')")
        params.append(False)
    elif filters.state == "deferred":
        where.append("a.deferred = ?")
        params.append(True)
    if filters.state == "overdue":
        where.append("a.due IS NOT NULL AND a.due < ?")
        params.append(reader.day(as_of))
    if filters.service is not None:
        where.append("a.review_id IN (SELECT review_id FROM review_services WHERE key = ?)")
        params.append(filters.service.strip().casefold())
    if filters.review_id is not None:
        where.append("a.review_id = ?")
        params.append(filters.review_id)
    rows = reader.rows(
        "SELECT a.review_id, r.title, a.id, a.title, a.owner, a.due, a.status, a.category, "
        "a.deferred, a.tracker_url, a.done_at, a.position, r.incident_date "
        "FROM action_items a JOIN reviews r ON r.id = a.review_id"
        + (" WHERE " + " AND ".join(where) if where else ""),
        params,
    )
    owner = filters.owner.strip().casefold() if filters.owner is not None else None
    out: list[ActionRow] = []
    for rid, rtitle, aid, title, who, due, status, category, deferred, url, done, pos, day in rows:
        due = _day(due)
        if owner is not None and (who or "").strip().casefold() != owner:
            continue
        if filters.due_within is not None and (
            due is None or not as_of <= due <= as_of + timedelta(days=filters.due_within)
        ):
            continue
        overdue = not deferred and status in OPEN_STATUSES and due is not None and due < as_of
        out.append(
            ActionRow(rid, rtitle, aid, title, who, due, status, category, bool(deferred), url,
                      overdue, _moment(done), pos, _day(day))
        )  # fmt: skip
    out.sort(
        key=lambda a: (a.due is None, a.due or date.min, a.review_title, a.review_id, a.position)
    )
    return out


# -- insights --------------------------------------------------------------------------------

PERIODS = ("month", "quarter")


def period_start(day: date, by: str) -> date:
    month = day.month if by == "month" else 3 * ((day.month - 1) // 3) + 1
    return date(day.year, month, 1)


def _next_period(start: date, by: str) -> date:
    months = 1 if by == "month" else 3
    year, month = divmod(start.month - 1 + months, 12)
    return date(start.year + year, month + 1, 1)


def periods(start: date, end: date, by: str) -> list[tuple[date, date]]:
    """(first day, last day) of every period from the one holding ``start`` to the one
    holding ``end``."""
    out, here = [], period_start(start, by)
    while here <= end:
        following = _next_period(here, by)
        out.append((here, following - timedelta(days=1)))
        here = following
    return out


def default_range(as_of: date) -> tuple[date, date]:
    """The last four quarters: from the start of the quarter three before ``as_of``'s to
    the end of ``as_of``'s quarter."""
    current = period_start(as_of, "quarter")
    first = current
    for _ in range(3):
        first = period_start(first - timedelta(days=1), "quarter")
    return first, _next_period(current, "quarter") - timedelta(days=1)


def median(values: Sequence[int]) -> int | None:
    """The middle value; of an even count, the mean of the two middle ones rounded down."""
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        return None
    if n % 2:
        return ordered[n // 2]
    return (ordered[n // 2 - 1] + ordered[n // 2]) // 2


def p90(values: Sequence[int]) -> int | None:
    """The nearest rank: the value at position ceil(0.9 n) in ascending order."""
    ordered = sorted(values)
    if not ordered:
        return None
    return ordered[math.ceil(0.9 * len(ordered)) - 1]


@dataclass
class _ReviewFacts:
    id: str
    day: date
    severity: str
    metrics: dict[str, int | None] = field(default_factory=dict)
    committed: int = 0
    done: int = 0
    done_on_time: int = 0
    open_overdue: int = 0
    repeat: bool = False


def _metric_seconds(earliest: dict[str, datetime]) -> dict[str, int | None]:
    out: dict[str, int | None] = {}
    for key, (start, end) in METRIC_ENDS.items():
        a, b = earliest.get(start), earliest.get(end)
        span = None if a is None or b is None else b - a
        out[key] = None if span is None or span < timedelta(0) else int(span.total_seconds())
    return out


def _summary(facts: list[_ReviewFacts]) -> dict:
    severity = Counter(f.severity for f in facts)
    doc: dict[str, Any] = {
        "reviews": len(facts),
        "severity": {s: severity.get(s, 0) for s in SEVERITIES},
    }
    for key in METRIC_ENDS:
        known = [f.metrics[key] for f in facts if f.metrics.get(key) is not None]
        doc[key] = {"known": len(known), "median_seconds": median(known), "p90_seconds": p90(known)}
    doc["actions"] = {
        "committed": sum(f.committed for f in facts),
        "done": sum(f.done for f in facts),
        "done_on_time": sum(f.done_on_time for f in facts),
        "open_overdue": sum(f.open_overdue for f in facts),
    }
    doc["repeats"] = sum(1 for f in facts if f.repeat)
    return doc


def _named_counts(reader: Reader, table: str, ids: list[str]) -> list[dict]:
    reviews: dict[str, set[str]] = defaultdict(set)
    spellings: dict[str, Counter] = defaultdict(Counter)
    for chunk in _chunks(ids):
        for review_id, key, name in reader.rows(
            f"SELECT review_id, key, name FROM {table} WHERE review_id IN {_in(chunk)}", chunk
        ):
            reviews[key].add(review_id)
            spellings[key][name] += 1
    named = [(_spelling(spellings[key]), len(held)) for key, held in reviews.items()]
    named.sort(key=lambda pair: (-pair[1], pair[0].casefold(), pair[0]))
    return [{"name": name, "reviews": count} for name, count in named]


def _spelling(counts: Counter) -> str:
    """The spelling most reviews use (ties: the first in alphabetical order)."""
    return min(counts, key=lambda name: (-counts[name], name))


def insights(
    reader: Reader,
    start: date | None = None,
    end: date | None = None,
    by: str = "quarter",
    as_of: date | None = None,
) -> dict:
    """The document of ``pir-desktop insights --json`` (see the issue's shape).

    A review belongs to the period of its incident date; reviews from
    ``start`` to ``end`` (both included) count, and every period from the
    one holding ``start`` to the one holding ``end`` is listed, empty ones too.
    Defaults: the last four quarters before ``as_of`` (default today), by quarter.
    """
    as_of = as_of or date.today()
    if by not in PERIODS:
        raise InvalidChange(f"insights go by month or quarter, not {by!r}")
    first, last = default_range(as_of)
    start, end = start or first, end or last
    if start > end:
        raise InvalidChange(f"the range starts ({start}) after it ends ({end})")
    spans = periods(start, end, by)
    if len(spans) > 600:
        raise InvalidChange(f"{len(spans)} periods are too many; choose a shorter range")
    bounds = [reader.day(start), reader.day(end)]
    in_range = "SELECT id FROM reviews WHERE incident_date >= ? AND incident_date <= ?"
    facts = {
        rid: _ReviewFacts(rid, _day(day), severity)
        for rid, day, severity in reader.rows(
            "SELECT id, incident_date, severity FROM reviews "
            "WHERE incident_date >= ? AND incident_date <= ?",
            bounds,
        )
    }
    earliest: dict[str, dict[str, datetime]] = defaultdict(dict)
    for rid, kind, at in reader.rows(
        "SELECT review_id, kind, MIN(at) FROM timeline_events "
        "WHERE kind IN ('started', 'detected', 'responded', 'recovered') "
        f"AND review_id IN ({in_range}) GROUP BY review_id, kind",
        bounds,
    ):
        earliest[rid][kind] = _moment(at)
    for rid, fact in facts.items():
        fact.metrics = _metric_seconds(earliest.get(rid, {}))
    for rid, status, due, done_at in reader.rows(
        "SELECT review_id, status, due, done_at FROM action_items "
        f"WHERE deferred = ? AND status <> 'dropped' AND review_id IN ({in_range})",
        [False, *bounds],
    ):
        fact, due, done_at = facts[rid], _day(due), _moment(done_at)
        fact.committed += 1
        if status == "done":
            fact.done += 1
            if due is not None and done_at is not None and done_at.date() <= due:
                fact.done_on_time += 1
        elif status in OPEN_STATUSES and due is not None and due < as_of:
            fact.open_overdue += 1
    for (rid,) in reader.rows(
        "SELECT DISTINCT review_id FROM related_reviews "
        f"WHERE relation = 'repeat_of' AND review_id IN ({in_range})",
        bounds,
    ):
        facts[rid].repeat = True
    factors = dict.fromkeys(FACTOR_CATEGORIES, 0)
    for category, count in reader.rows(
        "SELECT category, COUNT(*) FROM contributing_factors "
        f"WHERE review_id IN ({in_range}) GROUP BY category",
        bounds,
    ):
        factors[category] = factors.get(category, 0) + count
    ids = sorted(facts)
    by_period: dict[date, list[_ReviewFacts]] = defaultdict(list)
    for fact in facts.values():
        by_period[period_start(fact.day, by)].append(fact)
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "by": by,
        "as_of": as_of.isoformat(),
        "periods": [
            {"start": a.isoformat(), "end": b.isoformat(), **_summary(by_period.get(a, []))}
            for a, b in spans
        ],
        "total": _summary(list(facts.values())),
        "services": _named_counts(reader, "review_services", ids),
        "tags": _named_counts(reader, "review_tags", ids),
        "factors": factors,
    }


# -- the dashboard ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DashboardFilter:
    """Which reviews the dashboard lists: any of ``severities`` / ``statuses`` (empty: all),
    holding ``service`` / ``tag`` (ignoring case), incident date from ``start`` to ``end``."""

    severities: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    service: str | None = None
    tag: str | None = None
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class DashboardRow:
    id: str
    title: str
    incident_date: date
    severity: str
    status: str
    services: tuple[str, ...]
    tags: tuple[str, ...]
    ttd_seconds: int | None
    ttm_seconds: int | None
    open_actions: int  # committed, open or in progress
    overdue_actions: int  # of those, due before the as-of date
    updated_at: datetime | None
    offline_home: str | None = None  # an offline copy's home (no password), else None
    unsent: bool = False  # an offline copy changed since it was last taken or sent back


def dashboard(
    reader: Reader, filters: DashboardFilter = DashboardFilter(), as_of: date | None = None
) -> list[DashboardRow]:
    """The library home's rows, newest incident first (then the most recently created)."""
    as_of = as_of or date.today()
    where, params = [], []
    if filters.severities:
        where.append("severity IN " + _in(sorted(filters.severities)))
        params += sorted(filters.severities)
    if filters.statuses:
        where.append("status IN " + _in(sorted(filters.statuses)))
        params += sorted(filters.statuses)
    for table, name in (("review_services", filters.service), ("review_tags", filters.tag)):
        if name is not None:
            where.append(f"id IN (SELECT review_id FROM {table} WHERE key = ?)")
            params.append(name.strip().casefold())
    if filters.start is not None:
        where.append("incident_date >= ?")
        params.append(reader.day(filters.start))
    if filters.end is not None:
        where.append("incident_date <= ?")
        params.append(reader.day(filters.end))
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    reviews = reader.rows(
        "SELECT id, title, incident_date, severity, status, updated_at FROM reviews"
        f"{clause} ORDER BY incident_date DESC, created_at DESC",
        params,
    )
    chosen = f"SELECT id FROM reviews{clause}"
    earliest: dict[str, dict[str, datetime]] = defaultdict(dict)
    for rid, kind, at in reader.rows(
        "SELECT review_id, kind, MIN(at) FROM timeline_events "
        f"WHERE kind IN ('started', 'detected', 'responded', 'recovered') "
        f"AND review_id IN ({chosen}) GROUP BY review_id, kind",
        params,
    ):
        earliest[rid][kind] = _moment(at)
    counts = {
        rid: (int(open_ or 0), int(late or 0))
        for rid, open_, late in reader.rows(
            "SELECT review_id, COUNT(*), "
            "SUM(CASE WHEN due IS NOT NULL AND due < ? THEN 1 ELSE 0 END) FROM action_items "
            "WHERE deferred = ? AND status IN ('open', 'in_progress') "
            f"AND review_id IN ({chosen}) GROUP BY review_id",
            [reader.day(as_of), False, *params],
        )
    }
    labels: dict[str, dict[str, list[str]]] = {"review_services": {}, "review_tags": {}}
    for table, held in labels.items():
        for rid, name in reader.rows(
            f"SELECT review_id, name FROM {table} WHERE review_id IN ({chosen}) "
            "ORDER BY review_id, position",
            params,
        ):
            held.setdefault(rid, []).append(name)
    copies = {
        rid: (home, _moment(version))
        for rid, home, version in reader.rows(
            "SELECT review_id, home, synced_version FROM offline_copies "
            f"WHERE review_id IN ({chosen})",
            params,
        )
    }
    out = []
    for rid, title, day, severity, status, updated in reviews:
        metrics = _metric_seconds(earliest.get(rid, {}))
        open_, late = counts.get(rid, (0, 0))
        home, synced = copies.get(rid, (None, None))
        moment = _moment(updated)
        unsent = home is not None and moment is not None and synced is not None and moment > synced
        out.append(
            DashboardRow(rid, title, _day(day), severity, status,
                         tuple(labels["review_services"].get(rid, ())),
                         tuple(labels["review_tags"].get(rid, ())),
                         metrics["ttd"], metrics["ttm"], open_, late, moment, home, unsent)
        )  # fmt: skip
    return out


@dataclass(frozen=True)
class KnownName:
    name: str  # the spelling most reviews use
    reviews: int


def _known(reader: Reader, table: str) -> list[KnownName]:
    spellings: dict[str, Counter] = defaultdict(Counter)
    held: dict[str, set[str]] = defaultdict(set)
    for rid, key, name in reader.rows(f"SELECT review_id, key, name FROM {table}"):
        spellings[key][name] += 1
        held[key].add(rid)
    names = [KnownName(_spelling(spellings[k]), len(held[k])) for k in spellings]
    return sorted(names, key=lambda n: (n.name.casefold(), n.name))


def known_services(reader: Reader) -> list[KnownName]:
    """Every service the library holds (for completion), by name, with how many reviews."""
    return _known(reader, "review_services")


def known_tags(reader: Reader) -> list[KnownName]:
    """Every tag the library holds (for completion), by name, with how many reviews."""
    return _known(reader, "review_tags")
