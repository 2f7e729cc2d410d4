"""The editors of one open review, placed in the workspace tabs of the main window."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from . import commands
from .actions_editor import ActionsEditor
from .document import ReviewDocument
from .forms.ui_main_window import Ui_MainWindow
from .header_editor import HeaderEditor
from .panels_editor import PanelsEditor
from .quick_capture_bar import QuickCaptureBar
from .timeline_editor import TimelineEditor
from .whys_editor import WhysEditor
from .whys_model import PROBLEM_ID


class Workspace:
    """Builds the five editors of ``doc`` into the tab pages; ``close`` takes them down."""

    def __init__(self, ui: Ui_MainWindow, doc: ReviewDocument, report, status):
        self.doc, self._status = doc, status
        self.header = HeaderEditor(doc, report, ui.detailsTab)
        self.timeline = TimelineEditor(doc, report, ui.timelineTab)
        self.whys = WhysEditor(doc, report, self.make_action_item, ui.whysTab)
        self.panels = PanelsEditor(doc, report, self.make_action_item, ui.panelsTab)
        self.actions = ActionsEditor(doc, report, ui.actionsTab)
        self.editors: list[QWidget] = [
            self.header,
            self.timeline,
            self.whys,
            self.panels,
            self.actions,
        ]
        for layout, editor in zip(
            (
                ui.detailsLayout,
                ui.timelineLayout,
                ui.whysLayout,
                ui.panelsLayout,
                ui.actionsLayout,
            ),
            self.editors,
            strict=True,
        ):
            layout.addWidget(editor)
        self.capture = QuickCaptureBar(doc, self.selected_why, status)
        page = ui.workspaceTabs.parentWidget().layout()
        page.insertWidget(page.indexOf(ui.workspaceTabs) + 1, self.capture)

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
        for editor in [*self.editors, self.capture]:
            editor.setParent(None)
            editor.deleteLater()
