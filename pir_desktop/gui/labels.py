"""What the window calls the vocabularies of a review, the icons of event kinds, and how a
label says that something failed."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QPolygonF

from ..domain.enums import (
    KEY_MOMENTS,
    ActionCategory,
    ActionStatus,
    DetectionMethod,
    EventKind,
    FactorCategory,
    Panel,
    ReviewStatus,
)

KIND_LABELS: dict[EventKind, str] = {
    EventKind.STARTED: "Started",
    EventKind.DETECTED: "Detected",
    EventKind.RESPONDED: "Responded",
    EventKind.TROUBLESHOOTING: "Troubleshooting",
    EventKind.ROOT_CAUSE_FOUND: "Root cause found",
    EventKind.FIX_APPLIED: "Fix applied",
    EventKind.RECOVERED: "Recovered",
    EventKind.NOTE: "Note",
}
_KIND_COLOURS: dict[EventKind, str] = {
    EventKind.STARTED: "#d93025",
    EventKind.DETECTED: "#f29900",
    EventKind.RESPONDED: "#1a73e8",
    EventKind.TROUBLESHOOTING: "#8e8e8e",
    EventKind.ROOT_CAUSE_FOUND: "#9334e6",
    EventKind.FIX_APPLIED: "#12848f",
    EventKind.RECOVERED: "#188038",
    EventKind.NOTE: "#b0b0b0",
}

STATUS_LABELS = {
    ActionStatus.OPEN: "Open",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.DONE: "Done",
    ActionStatus.DROPPED: "Dropped",
}
CATEGORY_LABELS = {
    ActionCategory.PREVENT: "Prevent",
    ActionCategory.DETECT: "Detect",
    ActionCategory.RESPOND: "Respond",
    ActionCategory.MITIGATE: "Mitigate",
}
REVIEW_STATUS_LABELS = {
    ReviewStatus.DRAFT: "Draft",
    ReviewStatus.REVIEWED: "Reviewed",
    ReviewStatus.FINAL: "Final",
}
DETECTION_LABELS = {
    DetectionMethod.MONITORING: "Monitoring",
    DetectionMethod.USER_REPORT: "User report",
    DetectionMethod.INTERNAL: "Internal",
    DetectionMethod.OTHER: "Other",
}
FACTOR_LABELS = {
    FactorCategory.TECHNICAL: "Technical",
    FactorCategory.PROCESS: "Process",
    FactorCategory.HUMAN: "Human factors",
    FactorCategory.TOOLING: "Tooling",
}
PANEL_LABELS = {
    Panel.WENT_WELL: "Went well",
    Panel.WENT_POORLY: "Didn't go well",
    Panel.LUCKY: "Where we got lucky",
}

_icons: dict[EventKind, QIcon] = {}


def show_failure(label, failed: bool = True) -> None:
    """Set ``label`` (a QLabel) in the accent colour and bold when it reports a failure."""
    label.setStyleSheet("color: palette(highlight); font-weight: bold;" if failed else "")


def kind_icon(kind: EventKind) -> QIcon:
    """A coloured mark: a diamond for key moments, a dot for the rest."""
    icon = _icons.get(kind)
    if icon is None:
        size = 32
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(_KIND_COLOURS[kind]))
        if kind in KEY_MOMENTS:
            half = size / 2
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(half, 2),
                        QPointF(size - 2, half),
                        QPointF(half, size - 2),
                        QPointF(2, half),
                    ]
                )
            )
        else:
            painter.drawEllipse(8, 8, size - 16, size - 16)
        painter.end()
        icon = _icons[kind] = QIcon(pixmap)
    return icon
