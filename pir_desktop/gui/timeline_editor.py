"""The timeline tab: the metrics bar and a keyboard-first table of events.

Insert (or Ctrl+Enter) jumps to the new-event row and opens its time; Tab
walks time, kind, text, source; Enter adds the event and opens the next
new row. Times are typed as 14:05, 1405 or 2:05 pm on the incident's date,
in the zone the window shows (View › Time zone); a refused time stays in
its cell, marked, with the reason under the table.
"""

from __future__ import annotations

from datetime import UTC

from PySide6.QtCore import QEvent, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.enums import EventKind
from ..domain.metrics import METRICS, compute_metrics, format_duration
from ..domain.model import Review
from ..domain.times import zone_label
from . import commands
from .document import ReviewDocument
from .labels import KIND_LABELS, kind_icon
from .shortcuts import editor_action
from .timeline_model import KIND, SOURCE, TEXT, TIME, TimelineModel


class KindDelegate(QStyledItemDelegate):
    """A drop-down of event kinds with their icons; a typed letter picks one."""

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        for kind, label in KIND_LABELS.items():
            combo.addItem(kind_icon(kind), label, kind.value)
        return combo

    def setEditorData(self, editor, index):
        kind = index.data(Qt.ItemDataRole.EditRole)
        position = editor.findData(EventKind(kind).value if kind else EventKind.NOTE.value)
        editor.setCurrentIndex(max(position, 0))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class TimelineView(QTableView):
    """A table that adds the typed event when Enter is pressed on the new-event row."""

    draft_submitted = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._editing = QPersistentModelIndex()

    def edit(self, index, trigger=QAbstractItemView.EditTrigger.AllEditTriggers, event=None):
        started = super().edit(index, trigger, event)
        if started:
            self._editing = QPersistentModelIndex(index)
        return started

    def closeEditor(self, editor, hint):
        # the cell the editor was on, not the current one: moving the current
        # index elsewhere (Insert while editing) also closes the editor
        edited = self._editing
        if hint == QAbstractItemDelegate.EndEditHint.RevertModelCache and edited.isValid():
            self.model().drop_rejected(edited)  # Esc: forget a refused time typed there
        on_draft = edited.isValid() and self.model().is_draft(edited)
        submit = on_draft and (
            hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache
            or (
                hint == QAbstractItemDelegate.EndEditHint.EditNextItem and edited.column() == SOURCE
            )
        )
        if submit:
            hint = QAbstractItemDelegate.EndEditHint.NoHint
        super().closeEditor(editor, hint)
        if submit:
            self.draft_submitted.emit()

    def keyPressEvent(self, event):
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != (
            QAbstractItemView.State.EditingState
        ):
            current = self.currentIndex()
            if current.isValid() and self.model().is_draft(current):
                self.draft_submitted.emit()
            elif current.isValid():
                self.edit(current)
            event.accept()
            return
        super().keyPressEvent(event)


class MetricsBar(QWidget):
    """TTD, TTA, TTM and duration from the timeline, with what is over, missing or out of order."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.values: dict[str, QLabel] = {}
        for spec in METRICS:
            # parented now: a label made without one keeps the application's font
            # and never takes the presenter's large type
            label = QLabel(self)
            label.setObjectName(f"metric_{spec.key}")
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setAccessibleName(spec.label)
            self.values[spec.key] = label
            row.addWidget(label)
        row.addStretch(1)
        layout.addLayout(row)
        self.notes = QLabel(self)
        self.notes.setObjectName("metricsNotes")
        self.notes.setWordWrap(True)
        layout.addWidget(self.notes)

    def show_review(self, review: Review, zone=None) -> None:
        metrics = compute_metrics(review.timeline, review.severity)
        first: dict = {}
        for event in review.timeline:  # in time order: the first of each kind counts
            first.setdefault(event.kind, event)
        flagged = {flag.metric for flag in metrics.flags}
        for spec in METRICS:
            value = metrics.values[spec.key]
            name = spec.key.upper() if spec.key != "duration" else "Duration"
            shown = "—" if value is None else format_duration(value)
            label = self.values[spec.key]
            spans = _spans(spec, first, zone or UTC)
            if spec.key in flagged:
                label.setText(f"<b>{name}</b> <span style='color:#d93025'><b>{shown} ▲</b></span>")
                message = next(f.message for f in metrics.flags if f.metric == spec.key)
                label.setToolTip(f"{message}\n{spans}")
            else:
                label.setText(f"<b>{name}</b> {shown}")
                label.setToolTip(spans)
        notes = [f.message for f in metrics.flags] + metrics.problems
        notes += metrics.missing
        self.notes.setText(" · ".join(notes))


def _spans(spec, first: dict, zone) -> str:
    """``Time to mitigate: from the first “Responded” event (14:10:00) to the first
    “Recovered” event (14:50:00)``, or which of the two is missing."""
    ends = []
    for kind in (spec.start, spec.end):
        event = first.get(kind)
        when = f"{event.at.astimezone(zone):%H:%M:%S}" if event else "none yet"
        ends.append(f"the first “{KIND_LABELS[kind]}” event ({when})")
    return f"{spec.label[:1].upper()}{spec.label[1:]}: from {ends[0]} to {ends[1]}"


class TimelineEditor(QWidget):
    def __init__(self, doc: ReviewDocument, report, parent=None, zone=lambda: UTC):
        super().__init__(parent)
        self.doc, self._report, self._zone = doc, report, zone
        self.model = TimelineModel(self._edit, self, zone)
        self.model.error.connect(report)
        self.problem = QLabel(self)
        self.problem.setObjectName("timeProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("QLabel { color: #a50e0e; font-weight: bold; }")
        self.problem.hide()
        self.model.problem.connect(self._show_problem)
        self.metrics = MetricsBar(self)
        self.view = TimelineView(self)
        self.view.setObjectName("timelineView")
        self.view.setAccessibleName("Timeline")
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(KIND, KindDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        # Widths from the font, not from the contents: measuring 2,000 rows
        # would cost more than everything else the tab does when it opens.
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        self._size_columns()
        self.view.setWordWrap(True)
        self.view.draft_submitted.connect(self.add_typed_event)
        layout = QVBoxLayout(self)
        layout.addWidget(self.metrics)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.problem)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self._update_hint()
        editor_action(self, "&New event", ["Ins", "Ctrl+Return"], self.start_new_event)
        editor_action(self, "&Delete events", ["Del"], self.delete_selected)
        doc.changed.connect(self.refresh)
        self.refresh()

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _update_hint(self) -> None:
        self.hint.setText(
            "Insert: new event · Tab: next cell · Enter: add and start the next · "
            "Delete: remove the selected events · times like 14:05, 1405 or 2:05 pm, "
            f"in {zone_label(self._zone())} on the incident's date (View › Time zone)"
        )

    def zone_changed(self) -> None:
        self.model.zone_changed()
        self.metrics.show_review(self.doc.review, self._zone())
        self._update_hint()
        self._size_columns()

    def _size_columns(self) -> None:
        # key moments are set in bold: measure with the bold face, and leave room for the
        # kind's icon, at whatever size the theme and zoom give the type
        bold = QFont(self.view.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        icon = self.view.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, self.view)
        header = str(self.model.headerData(TIME, Qt.Orientation.Horizontal))
        for column, sample, extra in (
            (TIME, max("2026-03-12 14:05:30", header, key=len), 24),
            (KIND, "Root cause found", icon + 28),
            (SOURCE, "deploy log, chat", 24),
        ):
            self.view.setColumnWidth(column, metrics.horizontalAdvance(sample) + extra)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.FontChange:  # zoom: columns follow the type
            self._size_columns()
        super().changeEvent(event)

    def refresh(self) -> None:
        self.model.set_review(self.doc.review)
        self.metrics.show_review(self.doc.review, self._zone())

    def _edit(self, event_id: str, changes: dict) -> bool:
        return commands.edit_event(self.doc, event_id, **changes)

    def start_new_event(self) -> None:
        if self.view.state() == QAbstractItemView.State.EditingState:
            # finish the cell being typed in first (it commits as Tab would)
            self.view.setFocus()
        index = self.model.index(self.model.draft_row, TIME)
        self.view.setFocus()
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.view.edit(index)

    def add_typed_event(self) -> None:
        try:
            draft = self.model.take_draft()
        except ValueError as exc:
            self._report(str(exc))
            return
        if commands.add_event(
            self.doc, draft.at, draft.text, draft.kind, draft.source.strip() or None
        ):
            self.start_new_event()

    def selected_event_ids(self) -> list[str]:
        rows = {index.row() for index in self.view.selectionModel().selectedIndexes()}
        if not rows and self.view.currentIndex().isValid():
            rows = {self.view.currentIndex().row()}
        return [e.id for r in sorted(rows) if (e := self.model.event_at(r)) is not None]

    def delete_selected(self) -> None:
        ids = self.selected_event_ids()
        if not ids:
            return
        stack = self.doc.undo_stack
        stack.beginMacro(f"Delete {len(ids)} event{'s' if len(ids) > 1 else ''}")
        for event_id in ids:
            commands.delete_event(self.doc, event_id)
        stack.endMacro()
