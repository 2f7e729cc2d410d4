"""The editors of one open review, placed in the workspace tabs of the main window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QWidget

from . import commands
from .actions_editor import ActionsEditor
from .actions_model import TITLE
from .coach_panel import CoachFindings, CoachMarkerDelegate
from .document import ReviewDocument
from .factors_editor import TEXT as FACTOR_TEXT
from .factors_editor import FactorsEditor
from .forms.ui_main_window import Ui_MainWindow
from .header_editor import HeaderEditor
from .notes_editor import NotesEditor
from .opening_panel import OpeningPanel
from .panels_editor import PanelsEditor
from .quick_capture_bar import QuickCaptureBar
from .text_list_editor import TextListEditor
from .timeline_editor import TimelineEditor
from .whys_editor import WhysEditor
from .whys_model import PROBLEM_ID, TEXT


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

    def selected_why(self) -> str | None:
        """The why a captured "why:" goes under; None (the top level) for the problem."""
        node_id = self.whys.model.node_id(self.whys.current())
        return None if node_id == PROBLEM_ID else node_id

    def make_action_item(self, kind: str, item_id: str, text: str) -> None:
        title = text.strip() or "New action item"
        if commands.add_action_item(self.doc, title, source=(kind, item_id)):
            self._status(f"Action item made: “{title}” (Ctrl+5 to give it an owner and a date)")

    def close(self) -> None:
        self.header.flush()
        self.opening.flush()
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
