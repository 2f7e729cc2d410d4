"""Facilitation aids in the window: coach marks and findings, the presenter window, the
meeting's opening (checklist, statement, warnings) and the prompt cards."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
)

from pir_desktop.domain import meeting_opening as opening
from pir_desktop.domain.enums import Panel
from pir_desktop.domain.findings import COUNTERFACTUAL_RULES
from pir_desktop.domain.prompt_cards import HINDSIGHT_REMINDER, HOW_CARDS, PhaseKind, cards_for
from pir_desktop.gui import commands
from pir_desktop.gui.coach_panel import CoachMarkerDelegate

from .conftest import MEETING_DAY, read_back

BLAME = "Tom Becker forgot to update the rollback runbook"


def _add_poorly(window, qtbot, text: str) -> None:
    window.show_tab(3)
    entry = window.workspace.panels.entries[Panel.WENT_POORLY]
    entry.setFocus()
    qtbot.keyClicks(entry, text)
    qtbot.keyClick(entry, Qt.Key.Key_Return)


def _marked(window, panel: Panel) -> list[str]:
    """Texts of the panel's items that carry the coach's mark."""
    view = window.workspace.panels.views[panel]
    model = view.model()
    delegate = view.itemDelegate()
    assert isinstance(delegate, CoachMarkerDelegate)
    return [
        model.index(row, 0).data()
        for row in range(model.rowCount())
        if delegate.findings(model.index(row, 0))
    ]


def test_coach_marks_blame_and_lists_it_without_blocking(window, qtbot, api_review):
    assert window.coach_dock.isVisible()
    assert window.coach_dock.model.rowCount() == 0
    _add_poorly(window, qtbot, BLAME)
    dialogs = [d for d in window.findChildren(QDialog) if d.isVisible()]
    assert dialogs == []  # typing went on; nothing popped up
    assert _marked(window, Panel.WENT_POORLY) == [BLAME]
    findings = window.coach_dock.model
    messages = [findings.index(r).data() for r in range(findings.rowCount())]
    assert len(messages) == 2 and all("forgot" in m for m in messages)
    assert "Names Tom Becker" in messages[0]
    tip = findings.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert "What in the system" in tip or "system" in tip
    assert window.coach_dock.windowTitle() == "Coach (2)"

    # picking the finding goes to the item
    window.show_tab(1)
    window.coach_dock.view.activated.emit(findings.index(0))
    assert window.ui.workspaceTabs.currentIndex() == 3
    view = window.workspace.panels.views[Panel.WENT_POORLY]
    assert view.currentIndex().data() == BLAME

    # a neutral fact about a person is not marked; reframing clears the mark
    _add_poorly(window, qtbot, "Tom Becker rolled back the release")
    item = window.doc.review.panels[Panel.WENT_POORLY][-2]
    assert commands.edit_panel_item(window.doc, item.id, "The runbook had no owner")
    assert _marked(window, Panel.WENT_POORLY) == []
    assert findings.rowCount() == 0


def test_coach_marks_vague_action_items_on_their_title(window, qtbot, api_review):
    assert commands.add_action_item(window.doc, "Improve monitoring", owner="Ana", due=None)
    view = window.workspace.actions.view
    delegate = view.itemDelegateForColumn(0)
    model = view.model()
    row = model.rowCount() - 1
    found = delegate.findings(model.index(row, 0))
    assert {f.rule for f in found} >= {"vague-wording", "missing-due", "missing-category"}
    assert not delegate.findings(model.index(0, 0))


def _presenter_texts(presenter) -> str:
    """Every piece of text any view or label of the presenter window holds, in any role."""
    texts = [label.text() for label in presenter.findChildren(type(presenter.phase))]
    roles = (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.StatusTipRole,
        Qt.ItemDataRole.WhatsThisRole,
        Qt.ItemDataRole.AccessibleDescriptionRole,
    )

    def walk(model, parent=QModelIndex()):  # noqa: B008
        for row in range(model.rowCount(parent)):
            for column in range(model.columnCount(parent)):
                index = model.index(row, column, parent)
                texts.extend(str(index.data(role)) for role in roles if index.data(role))
            walk(model, model.index(row, 0, parent))

    for view in presenter.findChildren(QAbstractItemView):
        walk(view.model())
    return "\n".join(texts)


def _open_presenter(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F8)
    presenter = window.presenter
    qtbot.waitExposed(presenter)
    assert presenter.isWindow() and presenter.parent() is window
    return presenter


def test_presenter_follows_phases_and_edits_and_never_shows_the_coach(
    window, qtbot, api_review, fake_clock
):
    _add_poorly(window, qtbot, BLAME)  # a coach finding exists from the start
    presenter = _open_presenter(window, qtbot)
    assert window.ui.actionPresenter.isChecked()
    # before the meeting starts: the blameless statement
    assert presenter.page() == "statement"
    assert presenter.statement.text() == opening.DEFAULT_STATEMENT

    qtbot.keyClick(window, Qt.Key.Key_F5)  # start: phase 1, the timeline
    assert presenter.page() == "timeline"
    assert presenter.phase.text() == "1/4 · Timeline"
    assert presenter.clock.text() == "15:00"
    fake_clock.advance(90)
    window.meeting.update_display()
    assert presenter.clock.text() == "13:30"
    timeline = presenter.views["timeline"].model()
    events = len(window.doc.review.timeline)
    assert timeline.rowCount() == events  # the editor's draft row is not shown

    # the scribe types: the room sees it
    window.focus_capture()
    qtbot.keyClicks(window.workspace.capture, "14:50 all clear from the pool #recovered")
    qtbot.keyClick(window.workspace.capture, Qt.Key.Key_Return)
    assert timeline.rowCount() == events + 1
    texts = [timeline.index(r, 2).data() for r in range(timeline.rowCount())]
    assert "all clear from the pool" in texts

    qtbot.keyClick(window, Qt.Key.Key_F6)  # root cause
    assert presenter.page() == "whys"
    assert presenter.phase.text() == "2/4 · Root cause"
    window.workspace.whys.select(window.workspace.whys.model.problem_index())
    window.focus_capture()
    qtbot.keyClicks(window.workspace.capture, "why: the pool had no timeout")
    qtbot.keyClick(window.workspace.capture, Qt.Key.Key_Return)
    assert "the pool had no timeout" in _presenter_texts(presenter)

    qtbot.keyClick(window, Qt.Key.Key_F6)  # went well / didn't
    assert presenter.page() == "panels"
    assert BLAME in _presenter_texts(presenter)  # the item is shown ...
    qtbot.keyClick(window, Qt.Key.Key_F6)
    assert presenter.page() == "actions"

    # ... but never the coach's finding about it, nor any editing control
    shown = _presenter_texts(presenter)
    for finding in window.workspace.coach.findings:
        assert finding.message not in shown
        assert finding.suggestion not in shown
    views = [v for v in presenter.findChildren(QAbstractItemView) if not isinstance(v, QHeaderView)]
    assert len(views) == 8  # timeline, whys, factors, lessons, three panels, actions
    for view in views:
        delegates = [view.itemDelegate()] + [
            view.itemDelegateForColumn(c) for c in range(view.model().columnCount())
        ]
        assert not any(isinstance(d, CoachMarkerDelegate) for d in delegates)
        assert view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
        model = view.model()
        for row in range(model.rowCount()):
            flags = model.flags(model.index(row, model.columnCount() - 1))
            assert not flags & Qt.ItemFlag.ItemIsEditable
            assert not flags & Qt.ItemFlag.ItemIsUserCheckable
    assert not presenter.findChildren(QLineEdit)
    assert not presenter.findChildren(QPlainTextEdit)
    buttons = presenter.findChildren(QAbstractButton)
    assert all(b.objectName() == "qt_tableview_cornerbutton" and not b.isEnabled() for b in buttons)

    qtbot.keyClick(window, Qt.Key.Key_Escape)  # Esc in the main window does not hide it
    qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    assert not presenter.isVisible()
    assert not window.ui.actionPresenter.isChecked()


def test_presenter_shows_the_statement_on_request_and_follows_review_changes(
    window, qtbot, api_review
):
    presenter = _open_presenter(window, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert presenter.page() == "timeline"
    window.workspace.opening.present_button.click()
    assert presenter.page() == "statement"
    qtbot.keyClick(window, Qt.Key.Key_F6)
    assert presenter.page() == "whys"

    window.show_home()
    assert presenter.page() == "empty"
    assert presenter.views == {}


def test_checklist_ticks_and_statement_persist_and_undo(window, qtbot, api_review, library_path):
    window.show_tab(0)
    panel = window.workspace.opening
    box = panel.checks["timeline_draft"]
    for check in (box, panel.checks["blameless_invite"]):  # a click on the box itself
        qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))
    assert read_back(library_path, api_review).checklist == {"timeline_draft", "blameless_invite"}
    assert panel.progress.text() == "2 of 7 ready"
    window.undo_action.trigger()
    assert read_back(library_path, api_review).checklist == {"timeline_draft"}
    assert not panel.checks["blameless_invite"].isChecked()

    edit = panel.statement
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "We learn how the system let this happen.")
    window.workspace.whys.view.setFocus()  # leaving the field saves it
    assert read_back(library_path, api_review).blameless_statement == (
        "We learn how the system let this happen."
    )
    panel.default_button.click()
    assert read_back(library_path, api_review).blameless_statement is None
    assert edit.toPlainText() == opening.DEFAULT_STATEMENT

    # reopening the review shows the ticks again
    window.show_home()
    assert window.open_review(api_review)
    assert window.workspace.opening.checks["timeline_draft"].isChecked()


def test_warnings_before_the_meeting(window, qtbot, api_review):
    panel = window.workspace.opening
    assert panel.warnings.text().startswith("✓")
    assert commands.set_role(window.doc, "facilitator", "Dana Reyes")  # the commander
    assert "incident commander" in panel.warnings.text()
    assert len(opening.attendees(window.doc.review)) == 7  # 5 participants, 2 more in roles
    commands.add_participant(window.doc, "Guest 1", None)
    assert "people are expected" not in panel.warnings.text()
    commands.add_participant(window.doc, "Guest 2", None)
    assert "9 people are expected" in panel.warnings.text()

    window._now = lambda: MEETING_DAY + timedelta(days=3)
    window.show_home()
    assert window.open_review(api_review)
    assert "hours after the incident ended" in window.workspace.opening.warnings.text()


@pytest.mark.parametrize("key", [Qt.Key.Key_F7])
def test_prompt_cards_one_key_to_the_next(window, qtbot, api_review, key):
    presenter = _open_presenter(window, qtbot)
    dock = window.meeting
    cards = cards_for("Timeline")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert cards[0] in dock.card.text()
    assert presenter.question.text() == cards[0]
    qtbot.keyClick(window, key)
    assert cards[1] in dock.card.text() and "(2/" in dock.card.text()
    assert presenter.question.text() == cards[1]
    dock.card_button.click()
    assert presenter.question.text() == cards[2]
    qtbot.keyClick(window, Qt.Key.Key_F6)  # a new phase starts at its first card
    assert presenter.question.text() == cards_for("Root cause")[0]


# -- the coach's reframes (issue 17) -----------------------------------------------------

REFRAMED = [
    # (a went-poorly item, the rule it breaks, words of the reframe the window must show)
    ("The reviewer skipped the migration review", "fault-verb", "sense to the reviewer"),
    ("QA let the regression through", "fault-verb", "sense to QA"),
    ("Dana should not have restarted the primary", "should-have", "What did Dana know"),
    ("If only the on-call had checked the lag", "counterfactual", "know at that moment"),
    ("A slip by the on-call during the failover", "human-error", "possible and easy"),
    ("The fault lies with the platform team", "blame", "made this outcome likely"),
    ("The rollout was reckless", "careless", "a reasonable person"),
    ("Engineers must be more diligent about reviews", "try-harder", "without extra care"),
    ("Hold the release manager accountable", "accountable", "safe to talk about"),
]


@pytest.mark.parametrize(("text", "rule", "reframe"), REFRAMED, ids=[r[1] for r in REFRAMED])
def test_each_rule_shows_its_reframe_in_the_dock_and_on_the_mark_without_blocking_typing(
    window, qtbot, api_review, text, rule, reframe
):
    coach, dock = window.workspace.coach, window.coach_dock
    updates: list[int] = []
    coach.updated.connect(lambda: updates.append(len(coach.findings)))
    window.show_tab(3)
    entry = window.workspace.panels.entries[Panel.WENT_POORLY]
    entry.setFocus()
    qtbot.keyClicks(entry, text)
    assert updates == [] and dock.model.rowCount() == 0  # no coach on a keystroke
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    assert [d for d in window.findChildren(QDialog) if d.isVisible()] == []
    qtbot.keyClicks(entry, "and typing goes on")  # the entry is free at once
    assert entry.text() == "and typing goes on"

    found = [f for f in coach.findings if f.rule == rule]
    assert found, [f.rule for f in coach.findings]
    rows = [dock.model.index(r).data() for r in range(dock.model.rowCount())]
    assert any(found[0].message in row and reframe in row for row in rows), rows
    assert _marked(window, Panel.WENT_POORLY) == [text]
    view = window.workspace.panels.views[Panel.WENT_POORLY]
    model = view.model()
    item = next(
        model.index(r, 0) for r in range(model.rowCount()) if model.index(r, 0).data() == text
    )
    tip = view.itemDelegate().tooltip(item)
    assert reframe in tip
    assert dock.hindsight.isVisible() == (rule in COUNTERFACTUAL_RULES)
    assert (HINDSIGHT_REMINDER in tip) == (rule in COUNTERFACTUAL_RULES)


def test_the_hindsight_reminder_follows_counterfactuals_and_never_reaches_the_presenter(
    window, qtbot, api_review, fake_clock
):
    presenter = _open_presenter(window, qtbot)
    dock = window.coach_dock
    assert not dock.hindsight.isVisible()
    _add_poorly(window, qtbot, "If only the on-call had checked the replication lag")
    assert dock.hindsight.isVisible() and dock.hindsight.text() == HINDSIGHT_REMINDER

    qtbot.keyClick(window, Qt.Key.Key_F5)  # every phase of the meeting, on the room's screen
    for _ in range(4):
        shown = _presenter_texts(presenter)
        assert HINDSIGHT_REMINDER not in shown
        for finding in window.workspace.coach.findings:
            assert finding.message not in shown and finding.suggestion not in shown
        qtbot.keyClick(window, Qt.Key.Key_F6)

    # reframed as what the system showed, the item loses its mark and the reminder goes
    item = window.doc.review.panels[Panel.WENT_POORLY][-1]
    assert commands.edit_panel_item(window.doc, item.id, "No dashboard showed the lag")
    assert not dock.hindsight.isVisible()
    assert _marked(window, Panel.WENT_POORLY) == []


def test_the_how_cards_come_up_in_the_timeline_and_root_cause_phases(window, qtbot, api_review):
    presenter = _open_presenter(window, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_F5)  # the timeline
    for phase, kind in (("Timeline", PhaseKind.TIMELINE), ("Root cause", PhaseKind.ROOT_CAUSE)):
        asked = []
        for _ in cards_for(phase):
            asked.append(presenter.question.text())
            assert presenter.question.text() in window.meeting.card.text()
            qtbot.keyClick(window, Qt.Key.Key_F7)
        assert set(HOW_CARDS[kind]) <= set(asked)
        qtbot.keyClick(window, Qt.Key.Key_F6)


def test_the_room_reads_the_timeline_in_large_type_and_every_kind_whole(window, qtbot, api_review):
    """Seen on the shared screen: the kinds showed as "…" and the TTD / TTA / TTM
    line was in the editor's small type."""
    from PySide6.QtGui import QFontMetrics

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # a new review
    presenter = _open_presenter(window, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert presenter.page() == "timeline"
    window.focus_capture()
    for line in ("1405 errors #started", "1425 found it #root_cause", "1430 rolled back #fixed"):
        qtbot.keyClicks(window.workspace.capture, line)  # rows arrive while the room watches
        qtbot.keyClick(window.workspace.capture, Qt.Key.Key_Return)
    qtbot.wait(50)  # the columns are laid out again after each row
    large = presenter.font().pointSizeF()
    for label in [*presenter.metrics.values.values(), presenter.metrics.notes]:
        assert label.font().pointSizeF() >= large
    table = presenter.findChild(QAbstractItemView, "presenterTimeline")
    model = table.model()
    assert model.rowCount() == 3
    for row in range(model.rowCount()):
        index = model.index(row, 1)
        font = index.data(Qt.ItemDataRole.FontRole) or table.font()
        needed = QFontMetrics(font).horizontalAdvance(index.data())
        assert table.columnWidth(1) >= needed, index.data()
