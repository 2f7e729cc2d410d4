"""The blameless coach in the window: a discreet marker on each item it has a question about,
and a dock listing its findings.

Findings are computed from each new snapshot (after an edit is committed,
never on a keystroke), so the coach never slows or blocks typing. Each
finding comes with a reframe that fits its form (the question to ask
instead), shown under the finding in the dock and in the marker's tooltip;
when the coach hears a counterfactual ("should have", "if only"), the dock
also shows the reminder of hindsight bias. The marker is painted by the
editing views' delegate, not stored in the item models: the presenter
window shows the same models with plain delegates, so coach findings, their
reframes and the reminder can never reach the shared screen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ..domain.findings import COUNTERFACTUAL_RULES, Finding, Location, lint_review, locate
from ..domain.prompt_cards import HINDSIGHT_REMINDER
from .sync import sync_list

Index = QModelIndex | QPersistentModelIndex
MARKER_COLOUR = QColor("#e37400")


class CoachFindings(QObject):
    """The findings of the open review, kept up to date with its snapshots."""

    updated = Signal()

    def __init__(self, doc, today: Callable[[], date], parent=None):
        super().__init__(parent)
        self._doc, self._today = doc, today
        self.findings: list[Finding] = []
        self.locations: list[Location | None] = []
        self._by_item: dict[str, list[Finding]] = {}
        doc.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        review = self._doc.review
        self.findings = lint_review(review, self._today())
        self.locations = [locate(review, f.path) for f in self.findings]
        self._by_item = {}
        for finding, where in zip(self.findings, self.locations, strict=True):
            if where is not None:
                self._by_item.setdefault(where.item_id, []).append(finding)
        self.updated.emit()

    def for_item(self, item_id: str | None) -> list[Finding]:
        return self._by_item.get(item_id, []) if item_id else []


def has_counterfactual(findings: list[Finding]) -> bool:
    return any(f.rule in COUNTERFACTUAL_RULES for f in findings)


def _tooltip(findings: list[Finding]) -> str:
    parts = [f"{f.message}\n→ {f.suggestion}" for f in findings]
    if has_counterfactual(findings):
        parts.append(HINDSIGHT_REMINDER)
    return "\n\n".join(parts)


class CoachMarkerDelegate(QStyledItemDelegate):
    """Underlines (dotted, orange) and flags an item the coach has a question about;
    hovering it names the question.

    ``item_id`` maps an index to the id of the review item it shows, or None
    for a column that carries no mark.
    """

    def __init__(self, coach: CoachFindings, item_id: Callable[[Index], str | None], parent):
        super().__init__(parent)
        self._coach, self._item_id = coach, item_id
        coach.updated.connect(parent.viewport().update)

    def findings(self, index: Index) -> list[Finding]:
        return self._coach.for_item(self._item_id(index))

    def paint(self, painter: QPainter, option, index) -> None:
        super().paint(painter, option, index)
        if not self.findings(index):
            return
        # like a spelling mark: a dotted orange line under the words, and a corner flag
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else None
        text_rect = (
            style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
            if style is not None
            else opt.rect
        )
        metrics = QFontMetrics(opt.font)
        width = min(metrics.horizontalAdvance(opt.text) + 4, text_rect.width())
        y = min(text_rect.center().y() + metrics.height() // 2 + 1, opt.rect.bottom() - 1)
        rect: QRect = opt.rect
        size = max(6, min(12, rect.height() // 2))
        corner = QPolygonF(
            [
                QPointF(rect.right() - size, rect.top()),
                QPointF(rect.right() + 1, rect.top()),
                QPointF(rect.right() + 1, rect.top() + size),
            ]
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(MARKER_COLOUR, 2, Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.drawLine(text_rect.left() + 2, y, text_rect.left() + width, y)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(MARKER_COLOUR))
        painter.drawPolygon(corner)
        painter.restore()

    def tooltip(self, index: Index) -> str:
        """What hovering the item shows: each finding with its reframe."""
        findings = self.findings(index)
        return _tooltip(findings) if findings else ""

    def helpEvent(self, event, view, option, index) -> bool:
        text = self.tooltip(index)
        if not text or event.type() != event.Type.ToolTip:
            return super().helpEvent(event, view, option, index)
        QToolTip.showText(event.globalPos(), text, view)
        return True


class FindingsModel(QAbstractListModel):
    """The coach's findings, one row each: the message, and under it the reframe to ask."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[tuple[str, Finding, Location | None]] = []

    def set_findings(self, findings: list[Finding], locations: list[Location | None]) -> None:
        seen: Counter[str] = Counter()
        rows = []
        for finding, where in zip(findings, locations, strict=True):
            key = f"{finding.path}|{finding.rule}|{finding.message}"
            seen[key] += 1
            rows.append((f"{key}|{seen[key]}", finding, where))
        sync_list(self, self._rows, rows, key=lambda row: row[0])

    def finding_at(self, row: int) -> tuple[Finding, Location | None] | None:
        if 0 <= row < len(self._rows):
            return self._rows[row][1], self._rows[row][2]
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        finding = self._rows[index.row()][1]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{finding.message}\n→ {finding.suggestion}"
        if role == Qt.ItemDataRole.ToolTipRole:
            hindsight = f"\n\n{HINDSIGHT_REMINDER}" if has_counterfactual([finding]) else ""
            return f"{finding.suggestion}\n({finding.rule} · {finding.path}){hindsight}"
        return None


class CoachDock(QDockWidget):
    """The coach's findings; Enter or a double-click goes to the item."""

    go_to = Signal(object)  # a Location

    def __init__(self, parent):
        super().__init__("Coach", parent)
        self.setObjectName("coachDock")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel(body)
        self.summary.setObjectName("coachSummary")
        self.summary.setWordWrap(True)
        self.hindsight = QLabel(HINDSIGHT_REMINDER, body)
        self.hindsight.setObjectName("coachHindsight")
        self.hindsight.setWordWrap(True)
        self.hindsight.setFrameShape(QFrame.Shape.StyledPanel)
        self.hindsight.setMargin(6)
        self.hindsight.setAccessibleName("Reminder of hindsight bias")
        self.hindsight.hide()
        self.model = FindingsModel(self)
        self.view = QListView(body)
        self.view.setObjectName("coachFindings")
        self.view.setAccessibleName("Coach findings")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setAlternatingRowColors(True)
        self.view.activated.connect(self._activated)
        self.view.doubleClicked.connect(self._activated)
        layout.addWidget(self.summary)
        layout.addWidget(self.hindsight)
        layout.addWidget(self.view, 1)
        self.setWidget(body)
        self.coach: CoachFindings | None = None
        self.set_coach(None)

    def set_coach(self, coach: CoachFindings | None) -> None:
        if self.coach is not None:
            self.coach.updated.disconnect(self._update)
        self.coach = coach
        if coach is not None:
            coach.updated.connect(self._update)
        self._update()

    def _update(self) -> None:
        findings = self.coach.findings if self.coach else []
        locations = self.coach.locations if self.coach else []
        self.model.set_findings(findings, locations)
        if self.coach is None:
            text = "Open a review to see the coach's questions."
        elif not findings:
            text = "No blame framing and no action-item problem found."
        else:
            text = (
                f"{len(findings)} question{'s' if len(findings) != 1 else ''} to look at. "
                "Marked items are underlined in orange; hover one, or pick a line to go there."
            )
        self.summary.setText(text)
        # the reminder stays in the facilitator's dock, never on the presenter's screen
        self.hindsight.setVisible(has_counterfactual(findings))
        self.setWindowTitle(f"Coach ({len(findings)})" if findings else "Coach")

    def _activated(self, index: QModelIndex) -> None:
        found = self.model.finding_at(index.row())
        if found is not None:
            self.go_to.emit(found[1] if found[1] is not None else found[0].path)
