"""The 5-Whys tab: the tree rooted at the problem, its actions, and the guiding prompt.

Ask why (Insert or Ctrl+Enter) adds an answer under the selected node and
opens it for typing; Add branch (Shift+Insert) adds a sibling; Ctrl+R marks
or unmarks a root cause; Alt+arrows re-parent and reorder, as drag and drop
does with the mouse; Delete removes a subtree (Ctrl+Z puts it back).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..domain import whys_guide
from . import commands
from .document import ReviewDocument
from .shortcuts import editor_action
from .whys_model import STATE, TEXT, WhysModel


class WhysView(QTreeView):
    """The tree, telling when a cell editor closes (Esc or Enter)."""

    editor_closed = Signal()

    def closeEditor(self, editor, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        self.editor_closed.emit()


class WhysEditor(QWidget):
    def __init__(self, doc: ReviewDocument, report, make_action_item, parent=None):
        super().__init__(parent)
        self.doc, self._report, self._make_action_item = doc, report, make_action_item
        self.model = WhysModel(self._edit, self._move, self)
        self.view = WhysView(self)
        self.view.editor_closed.connect(self._editor_closed)
        self._fresh: tuple[str, str] | None = None  # (id, undo text) of a why just asked
        self.view.setObjectName("whysView")
        self.view.setAccessibleName("5 Whys tree")
        self.view.setModel(self.model)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDropIndicatorShown(True)
        self.view.setWordWrap(True)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        metrics = self.view.fontMetrics()
        self.view.setColumnWidth(1, metrics.horizontalAdvance("why 10") + 24)
        self.view.setColumnWidth(STATE, metrics.horizontalAdvance("◆ root cause") + 24)
        self.prompt = QLabel(self)
        self.prompt.setObjectName("whyPrompt")
        self.prompt.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("whySummary")
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.prompt)
        layout.addWidget(self.summary)
        editor_action(self, "&Ask why", ["Ins", "Ctrl+Return"], self.ask_why)
        editor_action(self, "Add &branch", ["Shift+Ins", "Ctrl+Shift+Return"], self.add_branch)
        editor_action(self, "Mark or unmark &root cause", ["Ctrl+R"], self.toggle_root_cause)
        editor_action(self, "Make &action item", ["Ctrl+Shift+A"], self.make_action_item)
        editor_action(self, "&Indent (answer the node above)", ["Alt+Right"], self.indent)
        editor_action(self, "&Outdent", ["Alt+Left"], self.outdent)
        editor_action(self, "Move &up", ["Alt+Up"], lambda: self.shift(-1))
        editor_action(self, "Move &down", ["Alt+Down"], lambda: self.shift(+1))
        editor_action(self, "&Delete with its answers", ["Del"], self.delete)
        self.view.selectionModel().currentChanged.connect(lambda *_: self.update_prompt())
        doc.changed.connect(self.refresh)
        self.refresh()
        self.select(self.model.problem_index())

    # -- snapshot ---------------------------------------------------------------
    def refresh(self) -> None:
        self.model.set_review(self.doc.review)
        self.view.expandAll()
        self.update_prompt()
        open_branches = whys_guide.unfinished_count(self.doc.review.whys)
        roots = sum(1 for n in self.doc.review.all_whys() if n.root_cause)
        self.summary.setText(
            f"{roots} root cause{'s' if roots != 1 else ''} marked · "
            f"{open_branches} unfinished branch{'es' if open_branches != 1 else ''}"
        )

    def update_prompt(self) -> None:
        index = self.current()
        depth = self.model.depth(index) if index.isValid() else 0
        text = whys_guide.prompt_for(depth, self.model.is_root_cause(index))
        self.prompt.setText(f"<b>Next question:</b> {text}")

    def current(self) -> QModelIndex:
        index = self.view.currentIndex()
        return index.siblingAtColumn(TEXT) if index.isValid() else QModelIndex()

    def select(self, index: QModelIndex) -> None:
        if index.isValid():
            self.view.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.view.scrollTo(index)

    def _select_and_edit(self, why_id: str | None, undo_text: str) -> None:
        if why_id is None:
            return
        index = self.model.index_of(why_id)
        self.select(index)
        self.view.setFocus()
        self._fresh = (why_id, undo_text)
        self.view.edit(index)

    def _editor_closed(self) -> None:
        """A why asked and left empty (Esc, or Enter on nothing) is taken back, not kept as an
        empty "unfinished" node."""
        fresh, self._fresh = self._fresh, None
        if fresh is None:
            return
        why_id, undo_text = fresh
        index = self.model.index_of(why_id)
        if index.isValid() and not self.model.text_of(index).strip():
            parent = self.model.parent(index)
            if self.doc.take_back(undo_text):
                self.select(parent if parent.isValid() else self.model.problem_index())

    # -- edits ------------------------------------------------------------------
    def _edit(self, why_id: str, text: str) -> bool:
        if why_id == "problem":
            return commands.set_review_fields(self.doc, "Edit problem statement", problem=text)
        return commands.edit_why(self.doc, why_id, text)

    def _move(self, why_id: str, parent_id: str | None, position: int | None) -> bool:
        done = commands.move_why(self.doc, why_id, parent_id, position)
        if done:
            self.select(self.model.index_of(why_id))
        return done

    def ask_why(self) -> None:
        index = self.current()
        node = self.model.node_id(index) if index.isValid() else "problem"
        parent_id = None if node in (None, "problem") else node
        label = commands.ASK_WHY if parent_id else commands.ADD_WHY
        self._select_and_edit(commands.add_why(self.doc, parent_id, ""), label)

    def add_branch(self) -> None:
        index = self.current()
        if not index.isValid() or self.model.node_id(index) == "problem":
            self.ask_why()
            return
        parent_id = self.model.parent_id(index)
        why_id = commands.add_why(self.doc, parent_id, "", position=index.row() + 1)
        self._select_and_edit(why_id, commands.ASK_WHY if parent_id else commands.ADD_WHY)

    def _selected_why(self) -> str | None:
        index = self.current()
        why_id = self.model.node_id(index)
        if why_id in (None, "problem"):
            self._report("select a why first (the problem statement itself cannot be changed so)")
            return None
        return why_id

    def toggle_root_cause(self) -> None:
        why_id = self._selected_why()
        if why_id:
            commands.set_root_cause(self.doc, why_id, not self.model.is_root_cause(self.current()))

    def make_action_item(self) -> None:
        why_id = self._selected_why()
        if why_id:
            self._make_action_item("why", why_id, self.model.text_of(self.current()))

    def indent(self) -> None:
        why_id = self._selected_why()
        index = self.current()
        if why_id and index.row() > 0:
            above = self.model.node_id(index.siblingAtRow(index.row() - 1))
            self._move(why_id, above, None)

    def outdent(self) -> None:
        why_id = self._selected_why()
        if not why_id:
            return
        parent = self.current().parent()
        if self.model.node_id(parent) in (None, "problem"):
            return
        self._move(why_id, self.model.parent_id(parent), parent.row() + 1)

    def shift(self, step: int) -> None:
        why_id = self._selected_why()
        if not why_id:
            return
        index = self.current()
        target = index.row() + step
        if 0 <= target < self.model.rowCount(index.parent()):
            self._move(why_id, self.model.parent_id(index), target)

    def delete(self) -> None:
        why_id = self._selected_why()
        if why_id:
            row = self.current().row()
            parent = QPersistentModelIndex(self.current().parent())
            if commands.delete_why(self.doc, why_id):
                row = min(row, self.model.rowCount(parent) - 1)
                parent_index = self.model.index(parent.row(), TEXT, parent.parent())
                if not parent.isValid():
                    parent_index = QModelIndex()
                self.select(self.model.index(row, TEXT, parent_index) if row >= 0 else parent_index)
