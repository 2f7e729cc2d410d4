"""File › Import timeline events: preview what a file holds, tick the lines to keep, set kinds.

The file is read by ``interchange.timeline_import`` (CSV, Slack export, chat
or log text) in the chosen zone; a file that cannot be read shows the
importer's message, naming the line, and nothing can be added. Lines whose
time and words are already in the timeline (or repeated in the file) are
shown greyed with "already in the timeline" and cannot be ticked, so they
are never added twice. "Add" hands the ticked lines, with their kinds, to
the window, which adds them as one undoable command.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from zoneinfo import available_timezones

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.enums import EventKind
from ..domain.model import Review, TimelineEvent
from ..errors import PirError
from ..interchange.timeline_import import (
    ImportedEvent,
    SourceFormat,
    read_timeline_file,
    split_new,
    zone,
)
from .labels import KIND_LABELS, kind_icon, show_failure
from .table_model import Index, RowsTableModel
from .timeline_editor import KindDelegate

TIME, KIND, TEXT, SOURCE, ORIGIN = range(5)
ALREADY = "already in the timeline"
FORMAT_CHOICES = (
    (None, "From the file's name"),
    (SourceFormat.CSV, "CSV (time, text, kind, source)"),
    (SourceFormat.SLACK, "Slack export (folder, zip or day file)"),
    (SourceFormat.TEXT, "Chat or log text (lines start with a time)"),
)


@dataclass
class PreviewLine:
    event: ImportedEvent
    keep: bool
    already: bool
    id: int  # the line's place in the file, for the model's row bookkeeping


class ImportPreviewModel(RowsTableModel):
    """The lines of one file: ticked or not, kind editable, duplicates greyed."""

    HEADERS = ("Time (UTC)", "Kind", "Text", "Source", "From")
    NUMBERED = True
    counts_changed = Signal()

    def set_events(self, events: list[ImportedEvent], timeline: list[TimelineEvent]) -> None:
        _new, repeated = split_new(timeline, events)
        repeated_ids = {id(e) for e in repeated}
        self.beginResetModel()
        self._rows = [
            PreviewLine(e, id(e) not in repeated_ids, id(e) in repeated_ids, n)
            for n, e in enumerate(events)
        ]
        self.endResetModel()
        self.counts_changed.emit()

    def lines(self) -> list[PreviewLine]:
        return list(self._rows)

    def chosen(self) -> list[ImportedEvent]:
        return [line.event for line in self._rows if line.keep and not line.already]

    def counts(self) -> tuple[int, int, int]:
        """(ticked, all lines, already in the timeline)."""
        return len(self.chosen()), len(self._rows), sum(line.already for line in self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        line = self._row(index)
        if line is None:
            return None
        column, event = index.column(), line.event
        if role == Qt.ItemDataRole.CheckStateRole and column == TIME:
            return (
                Qt.CheckState.Checked if line.keep and not line.already else Qt.CheckState.Unchecked
            )
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == TIME:
                return event.at.strftime("%Y-%m-%d %H:%M:%S")
            if column == KIND:
                return (
                    event.kind.value
                    if role == Qt.ItemDataRole.EditRole
                    else KIND_LABELS[event.kind]
                )
            if column == TEXT:
                return event.text
            if column == SOURCE:
                return event.source or ""
            if column == ORIGIN:
                return f"{event.origin} · {ALREADY}" if line.already else event.origin
        if role == Qt.ItemDataRole.DecorationRole and column == KIND:
            return kind_icon(event.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            if line.already:
                return "The timeline already has an event at this time with these words."
            return event.text if column == TEXT else event.origin if column == ORIGIN else None
        if role == Qt.ItemDataRole.ForegroundRole and line.already:
            return QBrush(QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        line = self._row(index)
        if line is None:
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not line.already:
            if index.column() == TIME:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            if index.column() == KIND:
                flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        line = self._row(index)
        if line is None or line.already:
            return False
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == TIME:
            line.keep = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role == Qt.ItemDataRole.EditRole and index.column() == KIND:
            try:
                line.event = replace(line.event, kind=EventKind(value))
            except ValueError:
                return False
        else:
            return False
        self.dataChanged.emit(index, index, [role])
        self.counts_changed.emit()
        return True

    def set_rows(self, rows: list[int], *, keep: bool | None = None, kind=None) -> None:
        """Tick, untick or set the kind of several lines at once (duplicates stay as they are)."""
        for row in rows:
            line = self._rows[row]
            if line.already:
                continue
            if keep is not None:
                line.keep = keep
            if kind is not None:
                line.event = replace(line.event, kind=EventKind(kind))
        if rows and self._rows:
            self.dataChanged.emit(
                self.index(min(rows), TIME), self.index(max(rows), self.columnCount() - 1)
            )
        self.counts_changed.emit()


class TimelineImportDialog(QDialog):
    """Preview of one file's events; ``accepted`` means "add ``chosen()``"."""

    def __init__(self, parent: QWidget, path: Path, review: Review, settings: QSettings):
        super().__init__(parent)
        self.setWindowTitle(f"Import timeline events — {path.name}")
        self.setObjectName("timelineImportDialog")
        self.path, self.review, self.settings = path, review, settings
        self.model = ImportPreviewModel(self)

        self.format_combo = QComboBox(self)
        for fmt, label in FORMAT_CHOICES:
            self.format_combo.addItem(label, fmt)
        self.zone_combo = QComboBox(self)
        self.zone_combo.setEditable(True)
        self.zone_combo.addItems(sorted(available_timezones() | {"UTC"}))
        self.zone_combo.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.zone_combo.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.zone_combo.setCurrentText(str(settings.value("import/zone", "UTC")))
        self.zone_combo.setToolTip("The zone of times written without an offset")
        form = QFormLayout()
        form.addRow("File:", QLabel(str(path), self))
        form.addRow("&Format:", self.format_combo)
        form.addRow("Time &zone:", self.zone_combo)

        self.error = QLabel(self)
        self.error.setObjectName("importError")
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        show_failure(self.error)
        self.error.hide()

        self.view = QTableView(self)
        self.view.setObjectName("importPreview")
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(KIND, KindDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        metrics = self.view.fontMetrics()
        samples = (
            (TIME, "☑ 2026-03-12 14:05:30"),
            (KIND, "Root cause found"),
            (SOURCE, "slack #incident (bot)"),
            (ORIGIN, "message 12 of 40"),
        )
        for column, sample in samples:
            self.view.setColumnWidth(column, metrics.horizontalAdvance(sample) + 40)

        self.kind_combo = QComboBox(self)
        for kind, label in KIND_LABELS.items():
            self.kind_combo.addItem(kind_icon(kind), label, kind.value)
        set_kind = QPushButton("Set &kind of selected lines", self)
        tick_all = QPushButton("Tick &all", self)
        tick_none = QPushButton("Tick &none", self)
        tools = QHBoxLayout()
        tools.addWidget(tick_all)
        tools.addWidget(tick_none)
        tools.addStretch(1)
        tools.addWidget(self.kind_combo)
        tools.addWidget(set_kind)

        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        hint = QLabel(
            "Space ticks or unticks the selected lines · F2 changes a line's kind · "
            "times are shown in UTC",
            self,
        )
        hint.setObjectName("hint")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.view, 1)
        layout.addLayout(tools)
        layout.addWidget(self.summary)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)

        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        tick_all.clicked.connect(lambda: self.model.set_rows(self._all_rows(), keep=True))
        tick_none.clicked.connect(lambda: self.model.set_rows(self._all_rows(), keep=False))
        set_kind.clicked.connect(
            lambda: self.model.set_rows(self.selected_rows(), kind=self.kind_combo.currentData())
        )
        self.model.counts_changed.connect(self._show_counts)
        self.format_combo.currentIndexChanged.connect(self.read)
        # A zone is read when one is picked or the typing is done, not at each letter.
        self.zone_combo.currentIndexChanged.connect(self.read)
        self.zone_combo.lineEdit().editingFinished.connect(self.read)
        self.view.installEventFilter(self)
        self.resize(1000, 560)
        self.read()

    def _all_rows(self) -> list[int]:
        return list(range(self.model.rowCount()))

    def selected_rows(self) -> list[int]:
        rows = {index.row() for index in self.view.selectionModel().selectedRows()}
        if not rows and self.view.currentIndex().isValid():
            rows = {self.view.currentIndex().row()}
        return sorted(rows)

    def eventFilter(self, watched, event) -> bool:
        # Space toggles every selected line (a table toggles only the current cell).
        if (
            watched is self.view
            and event.type() == event.Type.KeyPress
            and event.key() == Qt.Key.Key_Space
            and self.view.state() != QAbstractItemView.State.EditingState
        ):
            rows = [r for r in self.selected_rows() if not self.model.lines()[r].already]
            if rows:
                keep = not all(self.model.lines()[r].keep for r in rows)
                self.model.set_rows(rows, keep=keep)
            return True
        return super().eventFilter(watched, event)

    def read(self) -> None:
        """(Re)read the file with the chosen format and zone."""
        try:
            tz = zone(self.zone_combo.currentText().strip() or "UTC")
            events = read_timeline_file(
                self.path, self.format_combo.currentData(), tz, self.review.incident_date
            )
        except PirError as exc:
            self.model.set_events([], [])
            self.error.setText(f"Nothing can be imported from this file: {exc}")
            self.error.show()
            return
        self.error.hide()
        self.model.set_events(events, self.review.timeline)
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, TIME))

    def _show_counts(self) -> None:
        ticked, total, already = self.model.counts()
        parts = [f"{ticked} of {total} lines ticked"]
        if already:
            parts.append(f"{already} {'is' if already == 1 else 'are'} {ALREADY} or repeated")
        self.summary.setText("; ".join(parts) + ".")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(f"&Add {ticked} event{'' if ticked == 1 else 's'}")
        ok.setEnabled(ticked > 0)

    def chosen_events(self) -> list[TimelineEvent]:
        return [event.to_event() for event in self.model.chosen()]

    def accept(self) -> None:
        self.settings.setValue("import/zone", self.zone_combo.currentText().strip() or "UTC")
        super().accept()
