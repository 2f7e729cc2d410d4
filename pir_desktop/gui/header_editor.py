"""The Details tab (form ``ui/review_header.ui``): title, date, severity, status, roles,
summary, impact, detection and participants, as cards that wrap to the width.

A line is saved when it is finished (Enter or leaving the field), a choice
at once, the summary a second after typing stops and when leaving it. The
incident date is typed as people type dates (2026-11-25, today, +2w) or
picked in a calendar; a text that is not a date stays, marked, with the
reason under it, and nothing is saved.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QLineEdit, QWidget

from ..domain.enums import DetectionMethod, ImpactField, ReviewStatus, RoleName, Severity
from ..drafts import Draft
from ..errors import StaleEdit
from . import commands
from .document import ReviewDocument
from .forms.ui_review_header import Ui_ReviewHeader
from .labels import DETECTION_LABELS, REVIEW_STATUS_LABELS
from .list_models import ParticipantsModel
from .reflow import ReflowGrid
from .shortcuts import editor_action
from .typing_pause import SaveAfterTyping


class HeaderEditor(ReflowGrid):
    def __init__(self, doc: ReviewDocument, report, parent=None):
        super().__init__(parent)
        self.doc, self._report = doc, report
        self.ui = Ui_ReviewHeader()
        holder = QWidget()  # the form's cards become this grid's cards
        self.ui.setupUi(holder)
        ui = self.ui
        for card in (ui.reviewBox, ui.summaryBox, ui.rolesBox, ui.impactBox, ui.participantsBox):
            self.add_card(card)
        holder.deleteLater()
        for severity in Severity:
            ui.severityCombo.addItem(severity.value, severity.value)
        for status in ReviewStatus:
            ui.statusCombo.addItem(REVIEW_STATUS_LABELS[status], status.value)
        ui.detectionMethodCombo.addItem("(not set)", None)
        for method in DetectionMethod:
            ui.detectionMethodCombo.addItem(DETECTION_LABELS[method], method.value)
        self.roles: dict[RoleName, QLineEdit] = {
            RoleName.INCIDENT_COMMANDER: ui.incidentCommanderEdit,
            RoleName.FACILITATOR: ui.facilitatorEdit,
            RoleName.SCRIBE: ui.scribeEdit,
            RoleName.AUTHOR: ui.authorEdit,
        }
        self.impact: dict[ImpactField, QLineEdit] = {
            ImpactField.USERS_AFFECTED: ui.usersAffectedEdit,
            ImpactField.REVENUE: ui.revenueEdit,
            ImpactField.SLA: ui.slaEdit,
            ImpactField.CUSTOMER_COMMUNICATIONS: ui.customerCommunicationsEdit,
        }
        ui.titleEdit.editingFinished.connect(self._title_done)
        ui.problemEdit.editingFinished.connect(self._problem_done)
        ui.dateEdit.date_entered.connect(self._date_entered)
        ui.dateEdit.problem.connect(self._date_problem)
        ui.dateProblem.setObjectName("dateProblem")
        ui.dateProblem.setStyleSheet("QLabel { color: #a50e0e; }")
        ui.dateProblem.hide()
        ui.severityCombo.activated.connect(lambda _i: self._choice("severity", ui.severityCombo))
        ui.statusCombo.activated.connect(lambda _i: self._choice("status", ui.statusCombo))
        ui.detectionMethodCombo.activated.connect(lambda _i: self._detection_done())
        ui.detectionNotesEdit.editingFinished.connect(self._detection_done)
        for role, edit in self.roles.items():
            edit.editingFinished.connect(lambda r=role, e=edit: self._role_done(r, e))
        for field, edit in self.impact.items():
            edit.editingFinished.connect(lambda f=field, e=edit: self._impact_done(f, e))
        self._summary = SaveAfterTyping(ui.summaryEdit, self._summary_done)
        # An edit is made from the version shown when its typing began (a refresh for
        # another window's change blocks these signals or leaves a field being typed in).
        began = self.doc.begin_edit
        for edit, field in (
            (ui.titleEdit, "title"),
            (ui.problemEdit, "problem"),
            (ui.detectionNotesEdit, "detection"),
            *((edit, "roles") for edit in self.roles.values()),
            *((edit, "impact") for edit in self.impact.values()),
        ):
            edit.textEdited.connect(lambda _text, f=field: began(f))
        ui.summaryEdit.textChanged.connect(lambda: began("summary"))

        self.participants = ParticipantsModel(self._edit_participant, self)
        ui.participantsView.setModel(self.participants)
        ui.participantsView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        ui.participantsView.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        ui.participantEntry.returnPressed.connect(self._add_participant)
        ui.removeParticipantButton.clicked.connect(self._remove_participant)
        editor_action(ui.participantsView, "&Remove participant", ["Del"], self._remove_participant)
        doc.changed.connect(self.refresh)
        self.refresh()

    # -- snapshot -> widgets ------------------------------------------------------
    def refresh(self) -> None:
        review, ui = self.doc.review, self.ui
        self._set_line(ui.titleEdit, review.title)
        self._set_line(ui.problemEdit, review.problem)
        typing = ui.dateEdit.hasFocus() or ui.dateEdit.error  # never under the typist's cursor
        if not typing and ui.dateEdit.text() != review.incident_date.isoformat():
            ui.dateEdit.set_value(review.incident_date)
        ui.severityCombo.setCurrentIndex(ui.severityCombo.findData(review.severity.value))
        ui.statusCombo.setCurrentIndex(ui.statusCombo.findData(review.status.value))
        detection = review.detection
        method = detection.method.value if detection and detection.method else None
        ui.detectionMethodCombo.setCurrentIndex(max(ui.detectionMethodCombo.findData(method), 0))
        self._set_line(ui.detectionNotesEdit, (detection.notes if detection else None) or "")
        for role, edit in self.roles.items():
            self._set_line(edit, review.roles.get(role.value, ""))
        for field, edit in self.impact.items():
            self._set_line(edit, review.impact.get(field.value, ""))
        if ui.summaryEdit.toPlainText() != review.summary and not self._summary.pending:
            ui.summaryEdit.blockSignals(True)
            ui.summaryEdit.setPlainText(review.summary)
            ui.summaryEdit.blockSignals(False)
        self.participants.set_people(review.participants)

    @staticmethod
    def _set_line(edit: QLineEdit, text: str) -> None:
        if edit.hasFocus() and edit.isModified():
            return  # being typed in: another edit's reload must not take the typing away
        if edit.text() != text:
            edit.setText(text)
            edit.setCursorPosition(0)  # show the start of a long text, not its end

    # -- drafts: what is typed and not saved -------------------------------------------
    def _lines(self) -> dict[str, tuple[QLineEdit, str, str, object]]:
        """Each saved-when-finished line: (widget, label, stored text, the finisher)."""
        review, ui = self.doc.review, self.ui
        lines = {
            "title": (ui.titleEdit, "Title", review.title, self._title_done),
            "problem": (ui.problemEdit, "Problem statement", review.problem, self._problem_done),
            "detection_notes": (
                ui.detectionNotesEdit,
                "Detection notes",
                (review.detection.notes if review.detection else None) or "",
                self._detection_done,
            ),
        }
        for role, edit in self.roles.items():
            done = lambda r=role, e=edit: self._role_done(r, e)  # noqa: E731
            lines[f"role.{role.value}"] = (edit, role.label, review.roles.get(role.value, ""), done)
        for field, edit in self.impact.items():
            done = lambda f=field, e=edit: self._impact_done(f, e)  # noqa: E731
            label = field.value.replace("_", " ").capitalize()
            lines[f"impact.{field.value}"] = (edit, label, review.impact.get(field.value, ""), done)
        return lines

    def drafts(self) -> list[Draft]:
        ui, review = self.ui, self.doc.review
        found = [
            Draft(f"header.{key}", label, edit.text())
            for key, (edit, label, stored, _done) in self._lines().items()
            if edit.text().strip() != stored.strip()
        ]
        if ui.summaryEdit.toPlainText() != review.summary:
            found.append(Draft("header.summary", "Summary", ui.summaryEdit.toPlainText()))
        if ui.dateEdit.text().strip() != review.incident_date.isoformat():
            found.append(Draft("header.date", "Incident date", ui.dateEdit.text()))
        if ui.participantEntry.text().strip():
            found.append(
                Draft("header.participant", "New participant", ui.participantEntry.text(), "new")
            )
        return found

    def restore_draft(self, draft: Draft) -> bool:
        """Put a kept text back; a field's value is saved as if its typing had been finished."""
        ui = self.ui
        key = draft.key.removeprefix("header.")
        if key == "summary":
            ui.summaryEdit.setPlainText(draft.text)
            self._summary.save_now()
        elif key == "date":
            ui.dateEdit.setText(draft.text)
            if ui.dateEdit.check():
                self._date_entered()
        elif key == "participant":
            ui.participantEntry.setText(draft.text)
        elif key in (lines := self._lines()):
            edit, _label, _stored, done = lines[key]
            edit.setText(draft.text)
            done()
        else:
            return False
        return True

    def finish_typing(self) -> None:
        """Save every field typed and not yet saved (before the review is closed)."""
        self._summary.flush()
        for edit, _label, stored, done in self._lines().values():
            if edit.text().strip() != stored.strip():
                done()

    # -- widgets -> commands ----------------------------------------------------------
    def _saved(self, field: str, ok: bool, text: str | None) -> bool:
        """After the typing in ``field`` was saved or refused: an edit refused because
        someone changed the field meanwhile leaves what was typed on the clipboard."""
        self.doc.end_edit(field)
        if not ok and isinstance(self.doc.last_failure, StaleEdit) and text:
            QApplication.clipboard().setText(text)
            self._report(f"{self.doc.last_failure}; what you typed is on the clipboard")
        return ok

    def _title_done(self) -> None:
        text = self.ui.titleEdit.text().strip()
        if text == self.doc.review.title:
            self.doc.end_edit("title")
            return
        if not text:
            self.doc.end_edit("title")
            self._report("a review needs a title")
            self.ui.titleEdit.setText(self.doc.review.title)
            return
        ok = commands.set_review_fields(self.doc, "Rename review", title=text)
        self._saved("title", ok, text)

    def _problem_done(self) -> None:
        text = self.ui.problemEdit.text().strip()
        ok = text == self.doc.review.problem or commands.set_review_fields(
            self.doc, "Edit problem statement", problem=text
        )
        self._saved("problem", ok, text)

    def _date_entered(self) -> None:
        day = self.ui.dateEdit.value()
        if day != self.doc.review.incident_date:
            commands.set_review_fields(self.doc, "Change incident date", incident_date=day)

    def _date_problem(self, text: str) -> None:
        self.ui.dateProblem.setText(f"Not saved: {text}" if text else "")
        self.ui.dateProblem.setVisible(bool(text))
        if text:
            self._report(f"the incident date was not changed: {text}")

    def _choice(self, name: str, combo) -> None:
        value = combo.currentData()
        if getattr(self.doc.review, name).value != value:
            commands.set_review_fields(self.doc, f"Change {name}", **{name: value})

    def _detection_done(self) -> None:
        method = self.ui.detectionMethodCombo.currentData()
        notes = self.ui.detectionNotesEdit.text().strip() or None
        current = self.doc.review.detection
        old = (current.method.value if current and current.method else None,
               current.notes if current else None)  # fmt: skip
        ok = (method, notes) == old or commands.set_detection(self.doc, method, notes)
        self._saved("detection", ok, notes)

    def _role_done(self, role: RoleName, edit: QLineEdit) -> None:
        name = edit.text().strip() or None
        ok = name == self.doc.review.roles.get(role.value) or commands.set_role(
            self.doc, role, name
        )
        self._saved("roles", ok, name)

    def _impact_done(self, field: ImpactField, edit: QLineEdit) -> None:
        text = edit.text().strip() or None
        ok = text == self.doc.review.impact.get(field.value) or commands.set_impact(
            self.doc, field, text
        )
        self._saved("impact", ok, text)

    def _summary_done(self, text: str) -> bool:
        if text == self.doc.review.summary:
            self.doc.end_edit("summary")
            return True
        ok = commands.set_review_fields(self.doc, "Edit summary", summary=text)
        if not ok and isinstance(self.doc.last_failure, StaleEdit):
            # someone else's summary wins; what was typed is on the clipboard, and the
            # field shows theirs (not kept pending, which would write over it next time)
            self._saved("summary", ok, text)
            QTimer.singleShot(0, self._show_stored_summary)
            return True
        return self._saved("summary", ok, text)

    def _show_stored_summary(self) -> None:
        edit = self.ui.summaryEdit
        edit.blockSignals(True)
        edit.setPlainText(self.doc.review.summary)
        edit.blockSignals(False)

    def save_unsaved(self) -> None:
        """Save again the summary that could not be saved (the server was away)."""
        self._summary.retry()

    def flush(self) -> None:
        """Save what is typed and still waiting (before the review is closed)."""
        self.finish_typing()

    def _add_participant(self) -> None:
        text = self.ui.participantEntry.text().strip()
        if not text:
            return
        name, _, role = text.partition(",")
        if commands.add_participant(self.doc, name.strip(), role.strip() or None):
            self.ui.participantEntry.committed()

    def _edit_participant(self, participant_id: str, changes: dict) -> bool:
        return commands.edit_participant(self.doc, participant_id, **changes)

    def _remove_participant(self) -> None:
        index = self.ui.participantsView.currentIndex()
        person = self.participants.person_at(index.row()) if index.isValid() else None
        if person:
            commands.delete_participant(self.doc, person.id)
