"""A date typed as people type it (2026-11-25, today, +2w), with a calendar one click away.

A line edit, not a ``QDateEdit``: a date edit's sections jump under the
cursor when the value is saved between keystrokes (2026-11-25 became
2026-11-11), and it cannot be empty. Here the text is read only when the
field is finished (Enter, Tab, leaving it); a text that is not a date stays
as typed, marked, and ``problem`` says why. The calendar button (or
Alt+Down) picks a day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QWidgetAction

from ..domain.times import TYPED_DATE_FORMS, TimeFormatError, parse_typed_date

INVALID_STYLE = "QLineEdit { background: #fce8e6; color: #a50e0e; }"


def calendar_icon() -> QIcon:
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor("#5f6368"), 2.5)
    painter.setPen(pen)
    painter.drawRoundedRect(QRect(4, 7, 24, 21), 3, 3)
    painter.drawLine(4, 13, 28, 13)
    painter.drawLine(11, 3, 11, 9)
    painter.drawLine(21, 3, 21, 9)
    for x in (9, 16, 23):
        for y in (18, 24):
            painter.drawPoint(x, y)
    painter.end()
    return QIcon(pixmap)


class DateField(QLineEdit):
    """``value()`` is the date typed (None when empty and allowed); ``date_entered`` fires
    when a finished text reads as a date, ``problem`` with a reason when it does not."""

    date_entered = Signal()
    problem = Signal(str)  # "" once the text reads again

    def __init__(
        self, parent=None, *, allow_empty: bool = False, today: Callable[[], date] = date.today
    ):
        super().__init__(parent)
        self.allow_empty, self._today = allow_empty, today
        self.error = ""
        self.setPlaceholderText("no date" if allow_empty else "2026-11-25")
        self.setToolTip(f"Type {TYPED_DATE_FORMS}; Alt+Down opens the calendar")
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("2026-11-25") + 48)
        self.calendar_action = QAction(calendar_icon(), "Calendar", self)
        self.calendar_action.setToolTip("Pick a day in the calendar (Alt+Down)")
        self.calendar_action.triggered.connect(self.open_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.editingFinished.connect(self._finished)
        self._menu: QMenu | None = None

    # -- value -------------------------------------------------------------------------
    def value(self) -> date | None:
        """The date typed; raises ``TimeFormatError`` with a sentence when it is not one."""
        day = parse_typed_date(self.text(), self._today())
        if day is None and not self.allow_empty:
            raise TimeFormatError("a date is needed here: type " + TYPED_DATE_FORMS)
        return day

    def set_value(self, day: date | None) -> None:
        """Show ``day`` (clears any refusal); the field's own text is replaced."""
        self.setText(day.isoformat() if day else "")
        self._mark("")

    def _mark(self, error: str) -> None:
        changed = error != self.error
        self.error = error
        self.setStyleSheet(INVALID_STYLE if error else "")
        self.setToolTip(error or f"Type {TYPED_DATE_FORMS}; Alt+Down opens the calendar")
        if changed:
            self.problem.emit(error)

    def check(self) -> bool:
        """Read the text: True (and the text normalised) when it is a date or allowed empty."""
        try:
            day = self.value()
        except TimeFormatError as exc:
            self._mark(str(exc))
            return False
        normal = day.isoformat() if day else ""
        if self.text() != normal:
            self.setText(normal)
        self._mark("")
        return True

    def _finished(self) -> None:
        if self._menu is not None and self._menu.isVisible():
            return  # the calendar took the focus; its choice finishes the edit
        if self.check():
            self.date_entered.emit()

    # -- calendar ----------------------------------------------------------------------
    def open_calendar(self) -> None:
        try:
            shown = self.value() or self._today()
        except TimeFormatError:
            shown = self._today()
        calendar = QCalendarWidget()
        calendar.setObjectName("dateFieldCalendar")
        calendar.setGridVisible(True)
        calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        menu = QMenu(self)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(calendar)
        menu.addAction(holder)
        calendar.activated.connect(lambda day: self._picked(day, menu))
        calendar.clicked.connect(lambda day: self._picked(day, menu))
        self._menu = menu
        menu.popup(self.mapToGlobal(QPoint(0, self.height())))
        calendar.setFocus()

    def _picked(self, day: QDate, menu: QMenu) -> None:
        menu.close()
        self.setText(date(day.year(), day.month(), day.day()).isoformat())
        self.setFocus()
        self._finished()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.open_calendar()
            return
        super().keyPressEvent(event)
