"""The library's home (the start-up view): every review with its figures, search and filters.

The reviews table shows each review's severity, status, services, tags,
time to detect and to mitigate, and its open and overdue action items; a
click on a header sorts by that column. The filters (severity, status,
service, tag, incident dates) narrow it. Typing in the search line (Ctrl+F)
searches every text of every review: each word matches the start of a
word, ignoring case and accents; the hits replace the table, and Enter on
one opens the review at that item. Everything is read with
``storage.queries`` through the standard ``sqlite3`` module, so the first
view is filled without waiting for SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..errors import PirError
from .dashboard_models import SORT_ROLE, DashboardModel, SearchModel
from .date_field import DateField
from .labels import REVIEW_STATUS_LABELS
from .library_source import open_reader
from .shortcuts import editor_action

SEARCH_LIMIT = 200  # hits shown; the command line prints them all
TYPING_PAUSE_MS = 180


class LibraryHome(QWidget):
    """Built around the form's reviews table and buttons (``view``, ``buttons``)."""

    open_review = Signal(str)  # a review id
    open_hit = Signal(object)  # a SearchHit

    def __init__(self, view: QTableView, buttons, today: Callable[[], date], parent=None):
        super().__init__(parent)
        self._today = today
        self._path = None  # a library file's path, or a function giving a Reader
        self.model = DashboardModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = view
        view.setModel(self.proxy)
        # the query gives the newest incident first already: the proxy sorts only when a
        # heading is clicked (sorting a thousand rows through Python costs 0.1 s)
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
        # widths from the font, not the contents: measuring every cell of a thousand
        # reviews would cost more than the rest of the start-up
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._size_columns()
        view.verticalHeader().hide()
        view.activated.connect(self._open_row)

        self.search = QLineEdit(self)
        self.search.setObjectName("librarySearch")
        self.search.setAccessibleName("Search all reviews")
        self.search.setPlaceholderText(
            "Search every review (Ctrl+F): each word matches the start of a word, "
            "case and accents aside"
        )
        self.search.setClearButtonEnabled(True)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._typing.start())
        self.search.returnPressed.connect(self._search_entered)
        editor_action(self.search, "Clear the search", ["Esc"], lambda: self.search.clear())

        self.severity = self._choice("severityFilter", "Any severity", ["P1", "P2", "P3", "P4"])
        self.status = self._choice(
            "statusFilter",
            "Any status",
            [(s.value, label) for s, label in REVIEW_STATUS_LABELS.items()],
        )
        self.service = self._choice("serviceFilter", "Any service", [], editable=True)
        self.tag = self._choice("tagFilter", "Any tag", [], editable=True)
        self.start = DateField(self, allow_empty=True, today=today)
        self.start.setObjectName("fromFilter")
        self.start.setPlaceholderText("from")
        self.end = DateField(self, allow_empty=True, today=today)
        self.end.setObjectName("toFilter")
        self.end.setPlaceholderText("to")
        for field in (self.start, self.end):
            field.date_entered.connect(self.refresh)
        clear = QPushButton("Clear filters", self)
        clear.clicked.connect(self.clear_filters)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Show:", self))
        for widget in (self.severity, self.status, self.service, self.tag):
            filters.addWidget(widget)
        filters.addWidget(QLabel("incident", self))
        filters.addWidget(self.start)
        filters.addWidget(QLabel("–", self))
        filters.addWidget(self.end)
        filters.addWidget(clear)
        filters.addStretch(1)

        self.hits = SearchModel(self)
        self.results = QTableView(self)
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName("Search results")
        self.results.setModel(self.hits)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.verticalHeader().hide()
        rheader = self.results.horizontalHeader()
        rheader.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        rheader.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.results.activated.connect(self._open_hit)
        self.summary = QLabel(self)
        self.summary.setObjectName("librarySummary")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(view)
        self.stack.addWidget(self.results)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)

    def _size_columns(self) -> None:
        metrics = self.view.fontMetrics()
        samples = ("", "2026-12-31", "Severity", "Reviewed", "checkout-api, search",
                   "config-change", "22 h 05 min", "22 h 05 min", "Open", "Overdue")  # fmt: skip
        for column, sample in enumerate(samples):
            if sample:
                self.view.setColumnWidth(column, metrics.horizontalAdvance(sample) + 28)

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.FontChange:  # zoom: the columns follow the type
            self._size_columns()
        super().changeEvent(event)

    def _choice(self, name: str, anything: str, values, editable: bool = False) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(anything)
        combo.addItem(anything, None)
        for value in values:
            value, label = value if isinstance(value, tuple) else (value, value)
            combo.addItem(label, value)
        if editable:
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.lineEdit().setPlaceholderText(anything)
            combo.setEditText("")
            combo.lineEdit().editingFinished.connect(self.refresh)
            combo.activated.connect(lambda _i: self.refresh())
        else:
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    # -- data -------------------------------------------------------------------------------
    def set_library(self, source) -> None:
        """Read from ``source``: a library file's path, a function giving a
        ``storage.queries.Reader`` (a team library's ``Library.reader``), or None."""
        self._path = source
        self.refresh()

    def _reader(self):
        return open_reader(self._path)

    def filters(self):
        from ..storage.queries import DashboardFilter

        def text(combo) -> str | None:
            typed = combo.currentText().strip()
            return None if not typed or typed == combo.itemText(0) else typed  # "Any service"

        severity, status = self.severity.currentData(), self.status.currentData()
        try:
            start, end = self.start.value(), self.end.value()
        except PirError:
            start = end = None
        return DashboardFilter(
            severities=frozenset([severity] if severity else []),
            statuses=frozenset([status] if status else []),
            service=text(self.service),
            tag=text(self.tag),
            start=start,
            end=end,
        )

    def refresh(self) -> None:
        """Read the reviews again (after an edit, an import, a filter)."""
        if self._path is None:
            self.model.set_reviews([])
            return
        from ..storage import queries

        selected = self.selected_review()
        try:
            with self._reader() as reader:
                rows = queries.dashboard(reader, self.filters(), self._today())
                services = [n.name for n in queries.known_services(reader)]
                tags = [n.name for n in queries.known_tags(reader)]
        except PirError as exc:
            self.summary.setText(f"The library could not be read: {exc}")
            return
        self.model.set_reviews(rows)
        for combo, names in ((self.service, services), (self.tag, tags)):
            typed = combo.currentText()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            combo.addItems(names)
            combo.setEditText(typed)
            combo.blockSignals(False)
        if selected is not None:
            self.select_review(selected.id)
        elif self.proxy.rowCount():
            self.view.selectionModel().setCurrentIndex(
                self.proxy.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._say_counts()
        if self.search.text().strip():
            self.run_search()

    def _say_counts(self) -> None:
        shown = self.model.rowCount()
        if self.search.text().strip():
            hits = self.hits.rowCount()
            reviews = len({self.hits.hit_at(r).review_id for r in range(hits)})
            more = f" (the first {SEARCH_LIMIT})" if hits >= SEARCH_LIMIT else ""
            self.summary.setText(
                f"{hits} text{'s' if hits != 1 else ''}{more} in {reviews} review"
                f"{'s' if reviews != 1 else ''} match “{self.search.text().strip()}”. "
                "Enter opens one at its place; Esc clears the search."
            )
            return
        filtered = self.filters() != type(self.filters())()
        rows = [self.model.review_at(r) for r in range(shown)]
        copies = [row for row in rows if row.offline_home is not None]
        unsent = sum(row.unsent for row in copies)
        offline = ""
        if copies:
            are = "is an offline copy" if len(copies) == 1 else "are offline copies"
            send = (
                f", {unsent} with changes not sent (File › Send back offline copies)."
                if unsent
                else ", nothing to send."
            )
            offline = f" {len(copies)} {are}{send}"
        self.summary.setText(
            f"{shown} review{'s' if shown != 1 else ''}"
            + (" match the filters" if filtered else " in this library")
            + "."
            + offline
            + " Click a heading to sort; Enter opens a review."
        )

    def unfiltered(self) -> bool:
        """No filter and no search: the table shows every review."""
        return not self.search.text().strip() and self.filters() == type(self.filters())()

    def clear_filters(self) -> None:
        for combo in (self.severity, self.status):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        for combo in (self.service, self.tag):
            combo.setEditText("")
        for field in (self.start, self.end):
            field.set_value(None)
        self.refresh()

    # -- search -----------------------------------------------------------------------------
    def run_search(self) -> None:
        from ..storage import queries

        query = self.search.text().strip()
        if not query or self._path is None:
            self.hits.set_hits("", [])
            self.stack.setCurrentWidget(self.view)
            self._say_counts()
            return
        try:
            with self._reader() as reader:
                hits = queries.search(reader, query, limit=SEARCH_LIMIT)
        except PirError as exc:
            self.summary.setText(f"The search did not run: {exc}")
            return
        self.hits.set_hits(query, hits)
        self.stack.setCurrentWidget(self.results)
        if hits:
            self.results.selectRow(0)
        self._say_counts()

    def _search_entered(self) -> None:
        self._typing.stop()
        self.run_search()
        if self.hits.rowCount():
            self.results.setFocus()

    def _open_hit(self, index) -> None:
        hit = self.hits.hit_at(index.row())
        if hit is not None:
            self.open_hit.emit(hit)

    # -- selection --------------------------------------------------------------------------
    def review_at_view_row(self, row: int):
        source = self.proxy.mapToSource(self.proxy.index(row, 0))
        return self.model.review_at(source.row()) if source.isValid() else None

    def selected_review(self):
        index = self.view.currentIndex()
        return self.review_at_view_row(index.row()) if index.isValid() else None

    def select_review(self, review_id: str) -> bool:
        row = self.model.row_of(review_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)
        return True

    def _open_row(self, index) -> None:
        review = self.review_at_view_row(index.row())
        if review is not None:
            self.open_review.emit(review.id)
