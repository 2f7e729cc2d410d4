"""The timeline as a table model: time, kind, text, source, and a row to type the next.

Times are shown and typed in the zone the window shows (``zone``, named in
the column's header) and stored in UTC. The last row is a draft: typing
into it changes nothing on disk until the scribe presses Enter (the editor
asks :meth:`TimelineModel.take_draft`). An edit of an existing row goes to
``on_edit`` (an undoable operation), and the row moves to its place in time
order when the snapshot comes back.

A time that does not read (25:61) is not thrown away: the cell keeps what
was typed, marked, with the reason in its tooltip and in ``problem``, until
it is corrected or the edit is dropped (Esc on the cell).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from ..domain import quick_capture
from ..domain.enums import KEY_MOMENTS, EventKind
from ..domain.model import Review, TimelineEvent
from ..domain.times import (
    TimeFormatError,
    format_event_time,
    format_timestamp,
    parse_typed_time,
    zone_label,
)
from .labels import KIND_LABELS, kind_icon
from .rejected_cells import RejectedCells
from .sync import sync_list

TIME, KIND, TEXT, SOURCE = range(4)
HEADERS = ("Time", "Kind", "What happened", "Source")
_FIELDS = ("at", "kind", "text", "source")
Index = QModelIndex | QPersistentModelIndex
DRAFT = "draft"


@dataclass
class Draft:
    """The event being typed in the last row."""

    at: datetime | None = None
    kind: EventKind = EventKind.NOTE
    text: str = ""
    source: str = ""


class TimelineModel(QAbstractTableModel):
    error = Signal(str)
    problem = Signal(str)  # what is wrong with a kept, refused time ("" once none is left)

    def __init__(
        self,
        on_edit: Callable[[str, dict], bool],
        parent=None,
        zone: Callable[[], tzinfo] = lambda: UTC,
    ):
        super().__init__(parent)
        self._on_edit = on_edit
        self._zone = zone
        self._events: list[TimelineEvent] = []
        self._day = date.today()
        self.draft = Draft()
        self.rejected = RejectedCells()  # times refused, by (event id or DRAFT, TIME)

    def zone_changed(self) -> None:
        """The window shows another zone: every time reads differently."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, TIME, TIME)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, TIME), self.index(self.rowCount() - 1, TIME))

    def _key(self, row: int) -> str:
        return DRAFT if row == len(self._events) else self._events[row].id

    def _set_rejected(self, row: int, typed: str | None, reason: str = "") -> None:
        key = (self._key(row), TIME)
        if typed is None:
            if not self.rejected.drop(key):
                return
        else:
            self.rejected.keep(key, typed, reason)
        index = self.index(row, TIME)
        self.dataChanged.emit(index, index)
        self.problem.emit(self.problem_text())

    def problem_text(self) -> str:
        return self.rejected.summary({TIME: "Time"})

    def drop_rejected(self, index: Index) -> None:
        """Esc on a cell whose time was refused: forget what was typed there."""
        if index.isValid() and index.column() == TIME:
            self._set_rejected(index.row(), None)

    # -- snapshot ------------------------------------------------------------
    def set_review(self, review: Review) -> None:
        new_day = review.incident_date != self._day  # every time reads against the day
        self._day = review.incident_date
        sync_list(self, self._events, list(review.timeline), all_changed=new_day)
        if self.rejected.prune([e.id for e in self._events] + [DRAFT]):
            self.problem.emit(self.problem_text())
        draft_row = len(self._events)
        self.dataChanged.emit(self.index(draft_row, 0), self.index(draft_row, SOURCE))

    @property
    def draft_row(self) -> int:
        return len(self._events)

    def is_draft(self, index: Index) -> bool:
        return index.row() == len(self._events)

    def row_of(self, event_id: str) -> int | None:
        return next((i for i, e in enumerate(self._events) if e.id == event_id), None)

    def event_at(self, row: int) -> TimelineEvent | None:
        return self._events[row] if 0 <= row < len(self._events) else None

    def draft_fields(self) -> dict[str, str] | None:
        """The row being typed as texts (the time as typed), or None when it is empty."""
        draft = self.draft
        refused = self.rejected.get((DRAFT, TIME))
        time = (
            refused[0]
            if refused
            else (format_event_time(draft.at, self._day, self._zone()) if draft.at else "")
        )
        if not (time or draft.text.strip() or draft.source.strip()):
            return None
        return {"time": time, "kind": draft.kind.value, "text": draft.text, "source": draft.source}

    def restore_draft_fields(self, fields: dict[str, str]) -> None:
        """Put a kept row back into the draft row, uncommitted, as it was typed."""
        row = len(self._events)
        self.draft = Draft(kind=EventKind(fields.get("kind") or EventKind.NOTE.value))
        self.draft.text = str(fields.get("text", ""))
        self.draft.source = str(fields.get("source", ""))
        if fields.get("time"):
            self.setData(self.index(row, TIME), fields["time"])
        self.dataChanged.emit(self.index(row, 0), self.index(row, SOURCE))

    def take_draft(self) -> Draft:
        """The typed event, checked; raises ``ValueError`` with a message if incomplete."""
        if refused := self.rejected.get((DRAFT, TIME)):
            raise ValueError(f"correct the time first: {refused[1]}")
        if self.draft.at is None:
            raise ValueError("type the event's time first, like 14:05")
        if not self.draft.text.strip():
            raise ValueError("type what happened before pressing Enter")
        draft, self.draft = self.draft, Draft(kind=EventKind.NOTE)
        row = len(self._events)
        self.dataChanged.emit(self.index(row, 0), self.index(row, SOURCE))
        return draft

    # -- Qt model contract -------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            if section == TIME:
                return "Shown and typed in this zone, stored in UTC (View › Time zone)"
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if section == TIME:  # the offset on the incident's day, not today's
                noon = datetime(self._day.year, self._day.month, self._day.day, 12, tzinfo=UTC)
                return f"Time ({zone_label(self._zone(), noon)})"
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return "*" if section == len(self._events) else str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        column = index.column()
        if rejected := self.rejected.get((self._key(index.row()), column)):
            return RejectedCells.data(*rejected, role)
        if index.row() == len(self._events):
            return self._draft_data(column, role)
        event = self._events[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == TIME:
                return format_event_time(event.at, self._day, self._zone())
            if column == KIND:
                return (
                    KIND_LABELS[event.kind] if role == Qt.ItemDataRole.DisplayRole else event.kind
                )
            if column == TEXT:
                return event.text
            return event.source or ""
        if role == Qt.ItemDataRole.DecorationRole and column == KIND:
            return kind_icon(event.kind)
        if role == Qt.ItemDataRole.FontRole and event.kind in KEY_MOMENTS:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == TIME:
            return f"{format_timestamp(event.at)} (stored in UTC)"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        return None

    def _draft_data(self, column: int, role: int):
        draft = self.draft
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TIME:
                return format_event_time(draft.at, self._day, self._zone()) if draft.at else ""
            if column == KIND:
                return KIND_LABELS[draft.kind]
            if column == TEXT:
                return draft.text or "Type a new event here (Insert), Enter adds it"
            return draft.source
        if role == Qt.ItemDataRole.EditRole:
            if column == TIME:
                return format_event_time(draft.at, self._day, self._zone()) if draft.at else ""
            return (draft.kind, draft.text, draft.source)[column - 1]
        if role == Qt.ItemDataRole.DecorationRole and column == KIND:
            return kind_icon(draft.kind)
        if role == Qt.ItemDataRole.ForegroundRole and column == TEXT and not draft.text:
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        column = index.column()
        try:
            clean = self._clean(column, value)
        except (TimeFormatError, ValueError) as exc:
            if column == TIME and index.row() == len(self._events) and self._whole_line(value):
                return True
            if column == TIME:
                self._set_rejected(index.row(), str(value).strip(), str(exc))
            self.error.emit(str(exc))
            return False
        if column == TIME:
            self._set_rejected(index.row(), None)
        if index.row() == len(self._events):
            setattr(self.draft, _FIELDS[column], clean if column != SOURCE else clean or "")
            self.dataChanged.emit(index, index)
            return True
        event = self._events[index.row()]
        if getattr(event, _FIELDS[column]) == clean:
            return True
        if column == TEXT and not clean:
            self.error.emit("an event needs a text; delete the row instead (Delete)")
            return False
        return self._on_edit(event.id, {_FIELDS[column]: clean})

    def _whole_line(self, value) -> bool:
        """A whole line typed into the new row's time ("1431 errors stopped #recovered",
        as in the capture line) fills its time, text and kind; False if it is not one."""
        try:
            item = quick_capture.parse(str(value), self._day, self._zone())
        except quick_capture.NotUnderstood:
            return False  # the cell says why, as for any time it does not read
        if not isinstance(item, quick_capture.Event):
            return False
        draft = self.draft
        draft.at = item.at
        draft.text = f"{draft.text.strip()} {item.text}".strip()
        if item.kind is not EventKind.NOTE:
            draft.kind = item.kind
        self._set_rejected(len(self._events), None)
        row = len(self._events)
        self.dataChanged.emit(self.index(row, 0), self.index(row, SOURCE))
        return True

    def _clean(self, column: int, value):
        if column == TIME:
            return parse_typed_time(str(value), self._day, self._zone())
        if column == KIND:
            return EventKind(value)
        text = str(value).strip()
        if column == SOURCE:
            return text or None
        return text
