"""Before the meeting (beside the Details tab): the warnings, the pre-meeting checklist and the
blameless statement the facilitator reads out.

Ticks are saved at once; the statement a second after typing stops and
when leaving it, like the summary. Both are undoable edits. The warnings
are worked out again whenever the review changes or the panel is shown,
against the current time, since "more than 48 hours after the incident"
depends on when the meeting starts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain import meeting_opening as opening
from ..drafts import Draft
from . import commands
from .document import ReviewDocument
from .typing_pause import SaveAfterTyping


class OpeningPanel(QWidget):
    """The opening's three cards (``cards``: warnings, checklist, statement), placed by the
    Details tab's grid; this widget itself only owns them and follows the review."""

    show_statement = Signal()  # put the statement on the presenter screen

    def __init__(self, doc: ReviewDocument, now: Callable[[], datetime], parent=None):
        super().__init__(parent)
        self.doc, self._now = doc, now

        before = QGroupBox("Before you start", self)
        before.setObjectName("openingWarningsBox")
        before_layout = QVBoxLayout(before)
        self.warnings = QLabel(before)
        self.warnings.setObjectName("openingWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.RichText)
        before_layout.addWidget(self.warnings)
        before_layout.addStretch(1)  # the card is as tall as its row: the text stays on top

        checklist = QGroupBox("Before the meeting", self)
        box = QVBoxLayout(checklist)
        self.checks: dict[str, QCheckBox] = {}
        for item in opening.CHECKLIST:
            check = QCheckBox(item.label, checklist)
            check.setObjectName(f"check_{item.key}")
            check.clicked.connect(lambda on, key=item.key: self._tick(key, on))
            box.addWidget(check)
            self.checks[item.key] = check
        self.progress = QLabel(checklist)
        self.progress.setObjectName("checklistProgress")
        box.addWidget(self.progress)

        statement = QGroupBox("Blameless statement, read at the start", self)
        column = QVBoxLayout(statement)
        self.statement = QPlainTextEdit(statement)
        self.statement.setMinimumHeight(self.statement.fontMetrics().lineSpacing() * 7)
        self.statement.setObjectName("statementEdit")
        self.statement.setAccessibleName("Blameless statement")
        self.statement.setTabChangesFocus(True)
        column.addWidget(self.statement, 1)
        buttons = QHBoxLayout()
        self.default_button = QPushButton("Default text", statement)
        self.default_button.setToolTip("Use the default blameless statement")
        self.default_button.clicked.connect(self._use_default)
        self.present_button = QPushButton("Show to the room", statement)
        self.present_button.setToolTip("Put the statement on the presenter screen (Ctrl+Shift+B)")
        self.present_button.setObjectName("showStatementButton")
        self.present_button.clicked.connect(self.show_statement)
        buttons.addWidget(self.default_button)
        buttons.addStretch(1)
        buttons.addWidget(self.present_button)
        column.addLayout(buttons)
        self.cards = [before, checklist, statement]

        self._typing = SaveAfterTyping(self.statement, self._statement_done)
        doc.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        review = self.doc.review
        for key, check in self.checks.items():
            check.setChecked(key in review.checklist)
        done = len(review.checklist & opening.CHECKLIST_KEYS)
        self.progress.setText(f"{done} of {len(opening.CHECKLIST)} ready")
        text = opening.statement(review)
        if self.statement.toPlainText() != text and not self._typing.pending:
            self.statement.blockSignals(True)
            self.statement.setPlainText(text)
            self.statement.blockSignals(False)
        self.default_button.setEnabled(review.blameless_statement is not None)
        self.refresh_warnings()

    def refresh_warnings(self) -> None:
        warnings = opening.opening_warnings(self.doc.review, self._now())
        if not warnings:
            self.warnings.setText("✓ No warning about this meeting.")
            self.warnings.setStyleSheet("")
            return
        items = "".join(
            f"<li><b>{escape(w.message)}</b> {escape(w.suggestion)}</li>" for w in warnings
        )
        self.warnings.setText(f"⚠ Before you start:<ul style='margin:0'>{items}</ul>")
        self.warnings.setStyleSheet(
            "QLabel { background:#fef7e0; color:#3c2a00; border:1px solid #f9ab00; padding:6px; }"
        )

    def _tick(self, key: str, on: bool) -> None:
        if not commands.set_checklist_tick(self.doc, key, on):
            self.refresh()

    def _statement_done(self, text: str) -> bool:
        if text == opening.statement(self.doc.review):
            return True
        return commands.set_blameless_statement(self.doc, text)

    def save_unsaved(self) -> None:
        """Save again the statement that could not be saved (the server was away)."""
        self._typing.retry()

    def drafts(self) -> list[Draft]:
        text = self.statement.toPlainText()
        if text != opening.statement(self.doc.review):
            return [Draft("opening.statement", "Blameless statement", text)]
        return []

    def restore_draft(self, draft: Draft) -> bool:
        if draft.key != "opening.statement":
            return False
        self.statement.setPlainText(draft.text)
        self._typing.save_now()
        return True

    def flush(self) -> None:
        """Save a statement still waiting for its delay (before the review is closed)."""
        self._typing.flush()

    def _use_default(self) -> None:
        self._typing.cancel()
        commands.set_blameless_statement(self.doc, None)

    def showEvent(self, event) -> None:
        self.refresh_warnings()
        super().showEvent(event)
