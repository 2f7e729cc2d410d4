"""Follow-ups: every action item of every review in one table, tracked until done.

The weekly look at open action items, and the quarterly re-triage of the
future improvements (the deferred items), across the whole library. Filters:
open, overdue as of today, due in the next 7 days, all, or the deferred
ones; an owner; a service. Owner, due date, status and category are edited
in place through the same undoable operations as in a review's own tab
(Ctrl+Z on the library home undoes them); Ctrl+D moves an item between
committed and deferred; Enter opens the item in its review. An item an
edit takes out of the filter's list (marked done under "open") goes with a
word in the status bar. "Refresh all from trackers" asks every linked
item's tracker in the background and lists what it found, item by item.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.enums import ActionCategory, ActionStatus
from ..domain.times import TimeFormatError, parse_typed_date
from ..errors import PirError
from .actions_editor import edit_action_columns
from .actions_model import issue_label
from .labels import CATEGORY_LABELS, STATUS_LABELS
from .library_source import open_reader
from .rejected_cells import RejectedCells
from .shortcuts import editor_action
from .table_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex
REVIEW, TITLE, OWNER, DUE, STATUS, CATEGORY, ISSUE = range(7)
OVERDUE = QColor("#d93025")
STATES = (
    ("open", "Open (committed, not done)"),
    ("overdue", "Overdue"),
    ("week", "Due in the next 7 days"),
    ("all", "All action items"),
    ("deferred", "Future improvements (deferred)"),
)


class FollowUpsModel(RowsTableModel):
    """Rows are ``storage.queries.ActionRow``; edits go to ``on_edit(item id, changes)``."""

    HEADERS = ("Review", "Action", "Owner", "Due", "Status", "Category", "Issue")

    def __init__(self, on_edit: Callable[[str, dict], bool], today, parent=None):
        super().__init__(parent)
        self._on_edit, self._today = on_edit, today
        self.rejected = RejectedCells()

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (TITLE, OWNER, DUE, STATUS, CATEGORY):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        row = self._row(index)
        if row is None:
            return None
        column = index.column()
        if kept := self.rejected.get((row.id, column)):
            return RejectedCells.data(*kept, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.review_title,
                row.title,
                row.owner or "",
                row.due.isoformat() if row.due else "",
                STATUS_LABELS[ActionStatus(row.status)],
                CATEGORY_LABELS[ActionCategory(row.category)] if row.category else "",
                issue_label(row.tracker_url),
            )[column]
        if role == Qt.ItemDataRole.EditRole:
            return (
                row.review_title,
                row.title,
                row.owner or "",
                row.due.isoformat() if row.due else "",
                row.status,
                row.category or "",
                row.tracker_url or "",
            )[column]
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue and column in (TITLE, DUE):
            return OVERDUE
        if role == Qt.ItemDataRole.FontRole and row.overdue and column == DUE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == DUE and row.overdue:
                return f"Overdue: due {row.due.isoformat()}"
            if column == ISSUE and row.tracker_url:
                return row.tracker_url
            if column in (REVIEW, TITLE):
                return f"{row.review_title}\n{row.title}\nEnter opens it in its review"
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self._row(index)
        if row is None or role != Qt.ItemDataRole.EditRole:
            return False
        column = index.column()
        text = str(value).strip()
        try:
            if column == TITLE:
                if not text:
                    return False
                changes = {"title": text}
            elif column == OWNER:
                changes = {"owner": text or None}
            elif column == DUE:
                changes = {"due": parse_typed_date(text, self._today())}
            elif column == STATUS:
                changes = {"status": ActionStatus(text)}
            elif column == CATEGORY:
                changes = {"category": ActionCategory(text) if text else None}
            else:
                return False
        except TimeFormatError as exc:
            self.rejected.keep((row.id, column), text, str(exc))
            self.dataChanged.emit(index, index)
            return False
        if self.rejected.drop((row.id, column)):
            self.dataChanged.emit(index, index)
        current = {
            "title": row.title, "owner": row.owner, "due": row.due,
            "status": ActionStatus(row.status),
            "category": ActionCategory(row.category) if row.category else None,
        }  # fmt: skip
        if all(current[name] == new for name, new in changes.items()):
            return True
        return self._on_edit(row.id, changes)


class FollowUps(QWidget):
    """One table of action items; ``fixed_state`` pins the filter (the deferred list)."""

    open_item = Signal(str, str)  # review id, item id

    def __init__(
        self,
        apply: Callable,
        library: Callable[[], object],
        today: Callable[[], date],
        parent=None,
        fixed_state: str | None = None,
        status: Callable[[str], None] = lambda _message: None,
    ):
        super().__init__(parent)
        self._apply, self._library, self._today = apply, library, today
        self._status = status
        self._edited: tuple[str, str] | None = None  # (item id, what was done) to report
        self._later = QTimer(self)  # a refresh asked for while a cell's editor is open
        self._later.setSingleShot(True)
        self._later.timeout.connect(self.refresh)
        self._waited = False
        self._path = None  # a library file's path, or a function giving a Reader
        self.model = FollowUpsModel(self._edit, today, self)
        self.state = QComboBox(self)
        self.state.setObjectName("followUpState")
        self.state.setAccessibleName("Which action items")
        for value, label in STATES:
            self.state.addItem(label, value)
        if fixed_state is not None:
            self.state.setCurrentIndex(self.state.findData(fixed_state))
            self.state.setVisible(False)
        self.owner = self._editable_combo("followUpOwner", "Any owner")
        self.service = self._editable_combo("followUpService", "Any service")
        self.state.currentIndexChanged.connect(lambda _i: self.refresh())
        self.view = QTableView(self)
        self.view.setObjectName("followUpsView" if fixed_state is None else "deferredView")
        self.view.setAccessibleName("Action items of every review")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        edit_action_columns(
            self.view, today, due=DUE, status=STATUS, category=CATEGORY, title=TITLE
        )
        # one line a row: sizing hundreds of rows to their text would cost more than it shows
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() + 10)
        self.summary = QLabel(self)
        self.summary.setObjectName("followUpSummary")
        self.summary.setWordWrap(True)
        self.refresh_button = QPushButton("Refresh all from trackers", self)
        self.refresh_button.setObjectName("refreshAllButton")
        self.refresh_button.setToolTip(
            "Ask each linked item's tracker whether its issue is closed; closed ones are "
            "marked done"
        )
        self.results = QListWidget(self)
        self.results.setObjectName("refreshResults")
        self.results.setAccessibleName("What the trackers said")
        self.results.hide()
        bar = QHBoxLayout()
        bar.addWidget(self.state)
        bar.addWidget(self.owner)
        bar.addWidget(self.service)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        body = QSplitter(Qt.Orientation.Vertical, self)
        body.addWidget(self.view)
        body.addWidget(self.results)
        body.setStretchFactor(0, 4)
        body.setStretchFactor(1, 1)
        hint = QLabel(
            "F2 or typing edits owner, due date, status and category · Ctrl+D: committed / "
            "deferred · Enter (on the review or the action): open it in its review · Ctrl+Z undoes",
            self,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(body, 1)
        layout.addWidget(hint)
        self.view.activated.connect(self._activated)
        editor_action(self, "Committed / &deferred", ["Ctrl+D"], self.toggle_deferred)
        editor_action(self, "&Open in its review", ["Ctrl+Return"], self._open_current)

    def _editable_combo(self, name: str, anything: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(anything)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItem(anything, None)
        combo.lineEdit().setPlaceholderText(anything)
        combo.setEditText("")
        combo.setMinimumContentsLength(14)
        combo.lineEdit().editingFinished.connect(self.refresh)
        combo.activated.connect(lambda _i: self.refresh())
        return combo

    @staticmethod
    def _typed(combo: QComboBox) -> str | None:
        typed = combo.currentText().strip()
        return None if not typed or typed == combo.itemText(0) else typed

    # -- data -------------------------------------------------------------------------------
    def set_library(self, path) -> None:
        self._path = path
        self.refresh()

    def refresh(self) -> None:
        if self._path is None:
            self.model.set_items([])
            return
        if self.view.state() == QAbstractItemView.State.EditingState:
            # an edit's own write lands here while its editor is still committing: a row
            # taken away under it made Qt warn "commitData called with an editor that does
            # not belong to this view"; the list is read again once the editor is closed
            self._later.start(100 if self._waited else 0)  # at once, then not in a busy loop
            self._waited = True
            return
        self._waited = False
        from ..storage import queries

        state = self.state.currentData()
        filters = queries.ActionFilter(
            state={"week": "open", "all": None}.get(state, state),
            owner=self._typed(self.owner),
            service=self._typed(self.service),
            due_within=7 if state == "week" else None,
        )
        try:
            with open_reader(self._path) as reader:
                rows = queries.actions(reader, filters, self._today())
                services = [n.name for n in queries.known_services(reader)]
                owners = sorted(
                    {a.owner for a in queries.actions(reader, queries.ActionFilter(), self._today())
                     if a.owner},
                    key=str.casefold,
                )  # fmt: skip
        except PirError as exc:
            self.summary.setText(f"The library could not be read: {exc}")
            return
        self.model.set_items(rows)
        self._say_if_hidden(rows)
        for combo, names in ((self.owner, owners), (self.service, services)):
            typed = combo.currentText()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            combo.addItems(names)
            combo.setEditText(typed)
            combo.blockSignals(False)
        overdue = sum(1 for row in rows if row.overdue)
        reviews = len({row.review_id for row in rows})
        self.summary.setText(
            f"{len(rows)} action item{'s' if len(rows) != 1 else ''} in {reviews} review"
            f"{'s' if reviews != 1 else ''}"
            + (f", {overdue} overdue as of {self._today().isoformat()}" if overdue else "")
            + "."
        )

    def _say_if_hidden(self, rows) -> None:
        """An item just edited out of the filter's list (marked done under "open") does
        not vanish without a word."""
        edited, self._edited = self._edited, None
        if edited is not None and all(row.id != edited[0] for row in rows):
            self._status(f"{edited[1]}; hidden by the filter")

    # -- edits ------------------------------------------------------------------------------
    def _edit(self, item_id: str, changes: dict) -> bool:
        from .. import operations as ops

        library = self._library()
        if library is None:
            return False
        row = self.model.item_at(self.model.row_of(item_id) or 0)
        title = f"“{row.title}”" if row is not None and row.id == item_id else "The action item"
        if "status" in changes:
            what = f"{title} marked {STATUS_LABELS[ActionStatus(changes['status'])].lower()}"
        elif "deferred" in changes:
            what = f"{title} {'deferred' if changes['deferred'] else 'committed'}"
        else:
            what = f"{title} changed"
        self._edited = (item_id, what)
        done = self._apply(
            "Edit action item",
            lambda: ops.edit_action_item(library, item_id, **changes),
            lambda old: ops.edit_action_item(
                library, item_id, **{k: getattr(old, k) for k in changes}
            ),
        )
        if not done:
            self._edited = None
        return done

    def toggle_deferred(self) -> None:
        row = self.model.item_at(self.view.currentIndex().row())
        if row is not None:
            self._edit(row.id, {"deferred": not row.deferred})

    def _activated(self, index) -> None:
        if index.column() in (REVIEW, TITLE, ISSUE):
            self._open_current()
        else:
            self.view.edit(index)

    def _open_current(self) -> None:
        row = self.model.item_at(self.view.currentIndex().row())
        if row is not None:
            self.open_item.emit(row.review_id, row.id)

    def current_id(self) -> str | None:
        row = self.model.item_at(self.view.currentIndex().row())
        return row.id if row is not None else None

    # -- refresh from the trackers ---------------------------------------------------------------
    def show_results(self, lines: list[str]) -> None:
        self.results.clear()
        self.results.addItems(lines)
        self.results.setVisible(bool(lines))
