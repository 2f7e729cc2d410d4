"""The editors of one open review, placed in the workspace tabs of the main window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QWidget,
)

from ..drafts import Draft
from . import commands
from .actions_editor import ActionsEditor
from .actions_model import TITLE
from .coach_panel import CoachFindings, CoachMarkerDelegate
from .document import ReviewDocument
from .factors_editor import TEXT as FACTOR_TEXT
from .factors_editor import FactorsEditor
from .forms.ui_main_window import Ui_MainWindow
from .header_editor import HeaderEditor
from .labels import PANEL_LABELS
from .metadata_card import MetadataCard, split_names
from .notes_editor import NotesEditor
from .opening_panel import OpeningPanel
from .panels_editor import PanelsEditor
from .quick_capture_bar import QuickCaptureBar
from .text_list_editor import TextListEditor
from .timeline_editor import TimelineEditor
from .whys_editor import WhysEditor
from .whys_model import PROBLEM_ID, TEXT
from .wrapping import wrap_rows


class Workspace:
    """Builds the editors of ``doc`` into the tab pages; ``close`` takes them down.

    The 5-Whys tab holds the contributing factors under the tree, the panels
    tab the lessons learned under the three panels, each in a splitter.
    """

    def __init__(
        self,
        ui: Ui_MainWindow,
        doc: ReviewDocument,
        report,
        status,
        today: Callable[[], date],
        now: Callable[[], datetime],
        zone: Callable[[], tzinfo],
        known: Callable[[], tuple[list[str], list[str], list[tuple[str, str, str]]]],
    ):
        self.doc, self._status = doc, status
        self.header = HeaderEditor(doc, report, ui.detailsTab)
        self.opening = OpeningPanel(doc, now, ui.detailsTab)
        self.timeline = TimelineEditor(doc, report, ui.timelineTab, zone)
        self.whys = WhysEditor(doc, report, self.make_action_item, ui.whysTab)
        self.factors = FactorsEditor(doc, self.make_action_item, ui.whysTab)
        self.panels = PanelsEditor(doc, report, self.make_action_item, ui.panelsTab)
        self.lessons = TextListEditor(
            "Lessons learned",
            "Add a lesson learned (Enter)",
            "lessons",
            on_add=lambda text: commands.add_lesson(doc, text),
            on_edit=lambda lid, text: commands.edit_lesson(doc, lid, text),
            on_move=lambda lid, position: commands.move_lesson(doc, lid, position),
            on_delete=lambda lid: commands.delete_lesson(doc, lid),
            parent=ui.panelsTab,
        )
        doc.changed.connect(lambda: self.lessons.set_items(doc.review.lessons))
        self.lessons.set_items(doc.review.lessons)
        self.actions = ActionsEditor(doc, report, ui.actionsTab, today)
        self.notes = NotesEditor(doc, report, zone, now, ui.notesTab)
        self._splits = [
            _split(ui.whysTab, self.whys, self.factors, 3, 2),
            _split(ui.panelsTab, self.panels, self.lessons, 3, 1),
        ]
        self.editors: list[QWidget] = [
            self.header,
            self.timeline,
            self._splits[0],
            self._splits[1],
            self.actions,
            self.notes,
        ]
        # the cards of the details and the opening, wrapped to the width and
        # scrolled up and down, never sideways
        details = QScrollArea(ui.detailsTab)
        details.setWidgetResizable(True)
        details.setFrameShape(QFrame.Shape.NoFrame)
        details.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        details.setWidget(self.header)
        self.metadata = MetadataCard(doc, known, self.header)
        self.header.add_card(self.metadata)
        for card in self.opening.cards:
            self.header.add_card(card)
        self.header.follow_width_of(details.viewport())
        ui.detailsLayout.addWidget(details)
        self._details = details
        for layout, editor in zip(
            (
                ui.timelineLayout,
                ui.whysLayout,
                ui.panelsLayout,
                ui.actionsLayout,
                ui.notesLayout,
            ),
            self.editors[1:],
            strict=True,
        ):
            layout.addWidget(editor)
        self.capture = QuickCaptureBar(doc, self.selected_why, status, now=now, zone=zone)
        page = ui.workspaceTabs.parentWidget().layout()
        page.insertWidget(page.indexOf(ui.workspaceTabs) + 1, self.capture)
        self.coach = CoachFindings(doc, today, doc)
        self._mark_coached_items()

    def _mark_coached_items(self) -> None:
        """The coach's corner marks on the texts of whys, panel items and action items."""
        coach, whys = self.coach, self.whys.model
        view = self.whys.view
        view.setItemDelegateForColumn(TEXT, CoachMarkerDelegate(coach, whys.node_id, view))
        for panel, model in self.panels.models.items():
            view = self.panels.views[panel]
            view.setItemDelegate(CoachMarkerDelegate(coach, _row_id(model), view))
        view = self.actions.view
        view.setItemDelegateForColumn(
            TITLE, CoachMarkerDelegate(coach, _row_id(self.actions.model), view)
        )
        view = self.factors.view
        view.setItemDelegateForColumn(
            FACTOR_TEXT, CoachMarkerDelegate(coach, _row_id(self.factors.model), view)
        )
        view = self.lessons.view
        view.setItemDelegate(CoachMarkerDelegate(coach, _row_id(self.lessons.model), view))
        # long whys, titles and factors wrap, rows as tall as their text
        wrap_rows(self.whys.view)
        for table in (self.actions.view, self.factors.view):
            wrap_rows(table)

    # -- drafts: what is typed and not saved ------------------------------------------------
    def _entry_lines(self) -> dict[str, tuple[object, str]]:
        lines = {
            "capture": (self.capture, "Quick capture line"),
            "factor": (self.factors.entry, "New contributing factor"),
            "lesson": (self.lessons.entry, "New lesson learned"),
            "note": (self.notes.list.entry, "New meeting note"),
        }
        for panel, entry in self.panels.entries.items():
            lines[f"panel.{panel.value}"] = (entry, f"New item of “{PANEL_LABELS[panel]}”")
        return lines

    def _cell_views(self):
        """(view, what its rows are, index -> item id, (item id, column) -> index)."""

        def rows(model):
            def item_id(index):
                item = model.item_at(index.row())
                return item.id if item is not None else None

            def index_of(item_id, column):
                row = model.row_of(item_id)
                return model.index(row, column) if row is not None else QModelIndex()

            return item_id, index_of

        whys = self.whys.model
        timeline = self.timeline.model
        views = [
            (self.whys.view, "A why", whys.node_id, whys.index_of),
            (
                self.timeline.view,
                "A timeline event",
                lambda i: "draft" if timeline.is_draft(i) else timeline.event_at(i.row()).id,
                lambda item_id, column: timeline.index(
                    timeline.draft_row if item_id == "draft" else timeline.row_of(item_id) or 0,
                    column,
                ),
            ),
            (self.actions.view, "An action item", *rows(self.actions.model)),
            (self.factors.view, "A contributing factor", *rows(self.factors.model)),
            (self.lessons.view, "A lesson", *rows(self.lessons.model)),
            (self.notes.view, "A meeting note", *rows(self.notes.list.model)),
        ]
        for panel, view in self.panels.views.items():
            views.append(
                (view, f"An item of “{PANEL_LABELS[panel]}”", *rows(self.panels.models[panel]))
            )
        return views

    def _open_cell(self) -> tuple[object, str, str, int, object] | None:
        """The cell editor being typed in: (view, label, item id, column, editor)."""
        editor = QApplication.focusWidget()
        if not isinstance(editor, QLineEdit):
            return None
        for view, label, item_id, _index_of in self._cell_views():
            if view.viewport().isAncestorOf(editor):
                index = view.currentIndex()
                found = item_id(index) if index.isValid() else None
                if found is not None:
                    return view, label, found, index.column(), editor
        return None

    def drafts(self) -> list[Draft]:
        """Every text typed in this review and not in the library."""
        found = self.header.drafts() + self.opening.drafts()
        for key, (line, label, stored, _done) in self.metadata.drafts_lines().items():
            if split_names(line.text()) != stored:
                found.append(Draft(f"metadata.{key}", label, line.text()))
        for key, (line, label) in self._entry_lines().items():
            if line.text().strip():
                found.append(Draft(f"entry.{key}", label, line.text(), "new"))
        cell = self._open_cell()
        fields = self.timeline.model.draft_fields()
        if cell is not None:
            view, label, item_id, column, editor = cell
            if view is self.timeline.view and item_id == "draft":
                fields = dict(fields or {"time": "", "kind": "note", "text": "", "source": ""})
                fields[("time", "kind", "text", "source")[column]] = editor.text()
            elif editor.text() != (view.currentIndex().data(Qt.ItemDataRole.EditRole) or ""):
                found.append(
                    Draft(
                        f"cell.{view.objectName()}.{item_id}.{column}",
                        f"{label} being edited",
                        editor.text(),
                        "cell",
                        {"view": view.objectName(), "id": item_id, "column": column},
                    )
                )
        if fields:
            shown = " · ".join(v for v in (fields["time"], fields["text"], fields["source"]) if v)
            found.append(Draft("timeline.draft", "New timeline event", shown, "new", fields))
        return found

    def restore(self, drafts: list[Draft]) -> None:
        """Put kept texts back: fields saved, new items and rows put back as typed."""
        stack = self.doc.undo_stack
        stack.beginMacro("Restore what was being typed")
        lines = self._entry_lines()
        cells = {
            view.objectName(): (view, index_of) for view, _l, _i, index_of in self._cell_views()
        }
        reopen = None
        for draft in drafts:
            if draft.key.startswith("header."):
                self.header.restore_draft(draft)
            elif draft.key.startswith("opening."):
                self.opening.restore_draft(draft)
            elif draft.key.startswith("metadata."):
                line, _label, _stored, done = self.metadata.drafts_lines()[draft.key[9:]]
                line.setText(draft.text)
                done()
            elif draft.key.startswith("entry.") and draft.key[6:] in lines:
                lines[draft.key[6:]][0].setText(draft.text)
            elif draft.key == "timeline.draft":
                self.timeline.model.restore_draft_fields(draft.extra)
            elif draft.kind == "cell" and draft.extra.get("view") in cells and reopen is None:
                reopen = draft
        stack.endMacro()
        if reopen is not None:
            view, index_of = cells[reopen.extra["view"]]
            index = index_of(reopen.extra["id"], int(reopen.extra["column"]))
            if index.isValid():
                view.setFocus()
                view.setCurrentIndex(index)
                view.edit(index)
                editor = QApplication.focusWidget()
                if isinstance(editor, QLineEdit):
                    editor.setText(reopen.text)

    def selected_why(self) -> str | None:
        """The why a captured "why:" goes under; None (the top level) for the problem."""
        node_id = self.whys.model.node_id(self.whys.current())
        return None if node_id == PROBLEM_ID else node_id

    def make_action_item(self, kind: str, item_id: str, text: str) -> None:
        title = text.strip() or "New action item"
        if commands.add_action_item(self.doc, title, source=(kind, item_id)):
            self._status(f"Action item made: “{title}” (Ctrl+5 to give it an owner and a date)")

    def flush(self) -> None:
        """Save the fields typed and not yet saved (before the review is closed)."""
        self.header.flush()
        self.opening.flush()
        for line, _label, stored, done in self.metadata.drafts_lines().values():
            if split_names(line.text()) != stored:
                done()

    def save_unsaved(self) -> None:
        """The library is back: save the long texts that could not be saved meanwhile."""
        self.header.save_unsaved()
        self.opening.save_unsaved()

    def close(self) -> None:
        self.flush()
        for editor in [*self.editors, self.opening, self._details, self.capture]:
            editor.setParent(None)
            editor.deleteLater()


def _split(tab: QWidget, top: QWidget, bottom: QWidget, top_share: int, bottom_share: int):
    """``top`` over ``bottom`` in a splitter the user can drag, in ``tab``."""
    splitter = QSplitter(Qt.Orientation.Vertical, tab)
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(top)
    splitter.addWidget(bottom)
    splitter.setStretchFactor(0, top_share)
    splitter.setStretchFactor(1, bottom_share)
    return splitter


def _row_id(model):
    """The id of the item on an index's row of a list or table model."""

    def item_id(index) -> str | None:
        item = model.item_at(index.row()) if index.isValid() else None
        return item.id if item is not None else None

    return item_id
