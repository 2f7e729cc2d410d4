"""The meeting timer: the agenda, the phase's remaining time in large type, total vs plan.

Start/pause (F5), next (F6), previous (Shift+F6); under the clock, the
phase's prompt card: the next question to ask is one click (or F7) away. A phase change records the
time spent in the phase left behind (an undoable edit: Ctrl+Z goes back to
the previous phase with its clock). The display turns amber near the end
of a timebox and red past it, with an optional sound cue.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain import meeting_clock as agenda
from ..domain.meeting_clock import ClockState, MeetingClock, TimeboxState, format_clock
from ..domain.model import MeetingPhase, new_id
from ..domain.prompt_cards import cards_for

if TYPE_CHECKING:
    from .document import ReviewDocument
from .forms.ui_agenda_dialog import Ui_AgendaDialog

TICK_MS = 250
_COLOURS = {
    TimeboxState.WITHIN: "",
    TimeboxState.NEAR: "background:#f9ab00; color:black;",
    TimeboxState.OVER: "background:#d93025; color:white;",
}


class MeetingDock(QDockWidget):
    phase_shown = Signal(str)  # the name of the phase whose part of the workspace to show
    display_updated = Signal()  # the clock, the phase or the prompt card changed

    def __init__(self, parent, clock: Callable[[], float] = time.monotonic):
        super().__init__("Meeting timer", parent)
        self.setObjectName("meetingDock")
        self._clock_fn = clock
        self.doc: ReviewDocument | None = None
        self.clock: MeetingClock | None = None
        self._over_cued = False
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.phase_label = QLabel("No review open", body)
        self.phase_label.setObjectName("phaseName")
        self.phase_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.remaining = QLabel("--:--", body)
        self.remaining.setObjectName("remaining")
        self.remaining.setAccessibleName("Time left in this phase")
        self.remaining.setAlignment(Qt.AlignmentFlag.AlignCenter)
        big = QFont(self.remaining.font())
        big.setPointSizeF(big.pointSizeF() * 3.2)
        big.setBold(True)
        self.remaining.setFont(big)
        self.total = QLabel(body)
        self.total.setObjectName("totalElapsed")
        self.total.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.phases = QListWidget(body)
        self.phases.setObjectName("agendaList")
        self.phases.setAccessibleName("Agenda")
        self.phases.itemActivated.connect(lambda item: self.phase_shown.emit(item.data(256)))
        self.phases.currentItemChanged.connect(
            lambda item, _old: item is not None and self.phase_shown.emit(item.data(256))
        )
        buttons = QHBoxLayout()
        self.previous_button = QPushButton("◀ Previous", body)
        self.start_button = QPushButton("Start", body)
        self.next_button = QPushButton("Next ▶", body)
        for button in (self.previous_button, self.start_button, self.next_button):
            buttons.addWidget(button)
        self.previous_button.clicked.connect(self.previous_phase)
        self.start_button.clicked.connect(self.start_pause)
        self.next_button.clicked.connect(self.next_phase)
        self.card = QLabel(body)
        self.card.setObjectName("promptCard")
        self.card.setAccessibleName("Question to ask")
        self.card.setWordWrap(True)
        self.card.setMinimumHeight(self.card.fontMetrics().lineSpacing() * 3)
        self.card.setStyleSheet(
            "QLabel { border:1px solid palette(mid); border-radius:6px; padding:8px; }"
        )
        self.card_button = QPushButton("Next question ▶", body)
        self.card_button.setObjectName("nextCardButton")
        self.card_button.setToolTip("Show the next question for this phase (F7)")
        self.card_button.clicked.connect(self.next_card)
        self.card_index = 0
        self._card_phase: str | None = None
        self.sound = QCheckBox("Sound cue when a timebox ends", body)
        self.agenda_button = QPushButton("Edit agenda…", body)
        self.agenda_button.clicked.connect(self.edit_agenda)
        for widget in (self.phase_label, self.remaining, self.total):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(self.card)
        layout.addWidget(self.card_button)
        layout.addWidget(self.phases, 1)
        layout.addWidget(self.sound)
        layout.addWidget(self.agenda_button)
        self.setWidget(body)
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.update_display)
        self.set_document(None)

    # -- document --------------------------------------------------------------
    def set_document(self, doc: ReviewDocument | None) -> None:
        if self.doc is not None:
            self.doc.changed.disconnect(self._doc_changed)
        self.doc = doc
        self.clock = None
        self._ticker.stop()
        if doc is not None:
            doc.changed.connect(self._doc_changed)
            self._build_clock()
        for widget in (
            self.previous_button,
            self.start_button,
            self.next_button,
            self.card_button,
        ):
            widget.setEnabled(doc is not None)
        self.agenda_button.setEnabled(doc is not None)
        self.update_display()

    def _agenda(self) -> list[MeetingPhase]:
        return list(self.doc.review.meeting) or agenda.default_agenda()

    def _build_clock(self) -> None:
        phases = self._agenda()
        self.clock = MeetingClock(phases, self._clock_fn, _planned(phases), agenda.HARD_CAP_MINUTES)
        if self.doc.review.meeting:  # the phase the meeting was in when it was last left
            self.clock.resume_at(min(self.doc.review.meeting_phase, len(phases) - 1))
        self._fill_list()

    def resume(self, state) -> str | None:
        """After a crash: back to the phase and the time the timer had (a ``TimerState``);
        returns what to tell the user, or None when there was nothing to resume."""
        if self.clock is None or state is None:
            return None
        ids = [phase.id for phase in self.clock.phases]
        if state.phase_id not in ids:
            return None
        self.clock.resume_at(ids.index(state.phase_id), state.spent)
        self.update_display()
        phase = self.clock.phase
        return (
            f"The meeting timer is back at “{phase.name}” with {format_clock(self.clock.spent())} "
            "spent, paused: F5 carries on."
        )

    def _doc_changed(self) -> None:
        stored = self.doc.review.meeting
        if self.clock is None:
            return
        if not stored:
            pass  # no agenda stored yet: the clock runs on the default one it was built with
        elif [p.id for p in stored] != [p.id for p in self.clock.phases]:
            # a new agenda: rebuild, carrying the time spent if the phases still line up
            state, running = self.clock.snapshot(), self.clock.running
            self._build_clock()
            if len(state.spent) == len(self.clock.phases):
                self.clock.restore(state)
            if running:
                self.clock.start()
        else:
            for phase, new in zip(self.clock.phases, stored, strict=True):
                phase.name, phase.planned_minutes = new.name, new.planned_minutes
            self.clock.planned_total = _planned(stored) * 60
            # Another window moved the meeting on (this window's own moves and their undo
            # set the clock before the review is read again): follow it, tab and all.
            index = min(self.doc.review.meeting_phase, len(self.clock.phases) - 1)
            if index != self.clock.index:
                self.clock.go_to(index)
                self.phase_shown.emit(self.clock.phase.name)
        self._fill_list()
        self.update_display()

    def _fill_list(self) -> None:
        self.phases.blockSignals(True)
        self.phases.clear()
        for i, phase in enumerate(self.clock.phases):
            self.phases.addItem(f"{phase.name} · {phase.planned_minutes} min")
            self.phases.item(i).setData(256, phase.name)
        self.phases.setCurrentRow(self.clock.index)
        self.phases.blockSignals(False)

    def _ensure_stored(self) -> bool:
        """Store the agenda in the review before the first recorded time."""
        from . import commands

        if self.doc.review.meeting:
            return True
        phases = [MeetingPhase(p.name, p.planned_minutes, 0, p.id) for p in self.clock.phases]
        return commands.set_agenda(self.doc, phases, "Set up the meeting agenda")

    # -- controls ---------------------------------------------------------------
    def start_pause(self) -> None:
        if self.clock is None:
            return
        if self.clock.running:
            self.clock.pause()
            self._ticker.stop()
        else:
            self.clock.start()
            self._ticker.start()
            self.phase_shown.emit(self.clock.phase.name)
        self.update_display()

    def next_phase(self) -> None:
        if self.clock is not None and self.clock.index + 1 < len(self.clock.phases):
            self._change_phase(self.clock.index + 1)
        elif self.clock is not None:
            self._change_phase(self.clock.index, finish=True)

    def previous_phase(self) -> None:
        if self.clock is not None and self.clock.index > 0:
            self._change_phase(self.clock.index - 1)

    def _change_phase(self, index: int, finish: bool = False) -> None:
        if not self._ensure_stored():
            return
        from .. import operations as ops

        clock, lib, review_id = self.clock, self.doc.library, self.doc.review_id
        leaving = clock.phase
        before = clock.snapshot()
        seconds = int(clock.spent())

        def do():
            old = ops.change_phase(lib, review_id, leaving.id, seconds, index)
            if finish:
                clock.pause()
            else:
                clock.go_to(index)
            self.phase_shown.emit(clock.phase.name)  # redo too: the tab follows
            return old

        def undo(old):
            ops.change_phase(lib, review_id, leaving.id, *old)
            # time spent since the change goes back to the phase the meeting returns to
            extra = clock.spent(index) - before.spent[index] if not finish else 0.0
            spent = list(before.spent)
            spent[before.index] += max(extra, 0.0)
            clock.restore(ClockState(before.index, tuple(spent)))
            self.phase_shown.emit(clock.phase.name)  # back to the phase's tab

        text = "Finish the meeting" if finish else f"Go to phase “{clock.phases[index].name}”"
        if self.doc.apply(text, do, undo) and finish:
            self._ticker.stop()
        self.update_display()

    def record_current(self) -> None:
        """Store the time of the phase in progress (when the review is closed)."""
        if self.clock is None or not self.clock.spent() or not self.doc.review.meeting:
            return
        from . import commands

        phase = self.clock.phase
        seconds = int(self.clock.spent())
        if seconds != phase.actual_seconds:
            commands.record_phase(self.doc, phase.id, seconds, f"Record time of “{phase.name}”")

    def edit_agenda(self) -> None:
        if self.doc is None:
            return
        from . import commands

        dialog = AgendaDialog(self._agenda(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            commands.set_agenda(self.doc, dialog.phases())

    # -- prompt cards -------------------------------------------------------------
    def cards(self) -> tuple[str, ...]:
        return cards_for(self.clock.phase.name) if self.clock is not None else ()

    def current_card(self) -> str:
        cards = self.cards()
        return cards[self.card_index % len(cards)] if cards else ""

    def next_card(self) -> None:
        if self.clock is not None:
            self.card_index = (self.card_index + 1) % len(self.cards())
            self.update_display()

    # -- display ------------------------------------------------------------------
    def update_display(self) -> None:
        self._update_display()
        self.display_updated.emit()

    def _update_display(self) -> None:
        clock = self.clock
        if clock is None:
            self.phase_label.setText("No review open")
            self.remaining.setText("--:--")
            self.total.setText("")
            self.card.setText("")
            return
        if self._card_phase != clock.phase.id:
            self._card_phase, self.card_index = clock.phase.id, 0
        cards = self.cards()
        self.card.setText(
            f"<small>Ask ({self.card_index + 1}/{len(cards)}):</small><br>"
            f"<b>{escape(self.current_card())}</b>"
        )
        state = clock.state()
        self.phase_label.setText(
            f"{clock.index + 1}/{len(clock.phases)} · {clock.phase.name}"
            + ("" if clock.running else " (paused)")
        )
        self.remaining.setText(format_clock(clock.remaining()))
        self.remaining.setStyleSheet(_COLOURS[state])
        total_state = clock.total_state()
        note = {
            TimeboxState.WITHIN: "",
            TimeboxState.NEAR: " · over the plan",
            TimeboxState.OVER: " · past the hard cap",
        }[total_state]
        self.total.setText(
            f"Elapsed {format_clock(clock.total_spent())} of "
            f"{clock.planned_total // 60} min planned ({clock.hard_cap // 60} max){note}"
        )
        self.total.setStyleSheet(_COLOURS[total_state])
        self.start_button.setText("Pause" if clock.running else "Start")
        if self.phases.currentRow() != clock.index:
            self.phases.blockSignals(True)
            self.phases.setCurrentRow(clock.index)
            self.phases.blockSignals(False)
        if state == TimeboxState.OVER and not self._over_cued:
            self._over_cued = True
            if self.sound.isChecked():
                QApplication.beep()
        elif state != TimeboxState.OVER:
            self._over_cued = False


def _planned(phases) -> int:
    """The agenda's own total in minutes ("of 45 min planned" for a 45-minute agenda)."""
    return sum(phase.planned_minutes for phase in phases)


class AgendaDialog(QDialog):
    """Edit the phases of the meeting and their planned minutes."""

    def __init__(self, phases: list[MeetingPhase], parent):
        super().__init__(parent)
        self.ui = Ui_AgendaDialog()
        self.ui.setupUi(self)
        self._ids: list[tuple[str, int]] = []
        table = self.ui.phasesTable
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for phase in phases:
            self._add_row(phase.name, phase.planned_minutes, phase.id, phase.actual_seconds)
        self.ui.addPhaseButton.clicked.connect(lambda: self._add_row("New phase", 10))
        self.ui.removePhaseButton.clicked.connect(self._remove_row)
        self.ui.defaultsButton.clicked.connect(self._defaults)
        self._update_total()

    def _add_row(self, name: str, minutes: int, phase_id: str | None = None, actual: int = 0):
        table = self.ui.phasesTable
        row = table.rowCount()
        table.insertRow(row)
        table.setItem(row, 0, QTableWidgetItem(name))
        spin = QSpinBox(table)
        spin.setRange(1, 240)
        spin.setValue(minutes)
        spin.setSuffix(" min")
        spin.valueChanged.connect(self._update_total)
        table.setCellWidget(row, 1, spin)
        self._ids.append((phase_id or new_id(), actual))
        self._update_total()

    def _remove_row(self) -> None:
        row = self.ui.phasesTable.currentRow()
        if row >= 0 and self.ui.phasesTable.rowCount() > 1:
            self.ui.phasesTable.removeRow(row)
            del self._ids[row]
            self._update_total()

    def _defaults(self) -> None:
        self.ui.phasesTable.setRowCount(0)
        self._ids.clear()
        for phase in agenda.default_agenda():
            self._add_row(phase.name, phase.planned_minutes)

    def _update_total(self) -> None:
        table = self.ui.phasesTable
        total = sum(table.cellWidget(r, 1).value() for r in range(table.rowCount()))
        warning = ""
        if total > agenda.HARD_CAP_MINUTES:
            warning = f": over the {agenda.HARD_CAP_MINUTES} min hard cap"
        elif total > agenda.PLANNED_TOTAL_MINUTES:
            warning = f": longer than the {agenda.PLANNED_TOTAL_MINUTES} min a review is planned at"
        self.ui.totalLabel.setText(f"Total {total} min{warning}")

    def phases(self) -> list[MeetingPhase]:
        table = self.ui.phasesTable
        result = []
        for row in range(table.rowCount()):
            name = (table.item(row, 0).text() if table.item(row, 0) else "").strip() or "Phase"
            phase_id, actual = self._ids[row]
            result.append(MeetingPhase(name, table.cellWidget(row, 1).value(), actual, phase_id))
        return result
