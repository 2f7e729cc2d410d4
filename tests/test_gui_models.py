"""Every item model of the window keeps Qt's model contract (qtmodeltester), through edits too.

Each model gets its own tester (pytest-qt's, which also runs Qt's C++
QAbstractItemModelTester); the edits that follow make the model insert,
move, remove and change rows while the tester watches every signal.
"""

from __future__ import annotations

import pytest

from pir_desktop.domain.enums import Panel
from pir_desktop.gui import commands

from .conftest import SAMPLES


def _timeline_edits(doc):
    first = doc.review.timeline[0]
    commands.edit_event(doc, first.id, at=doc.review.timeline[-1].at)  # moves the row
    commands.delete_event(doc, doc.review.timeline[3].id)
    for _ in range(2):
        doc.undo_stack.undo()


def _whys_edits(doc):
    top = doc.review.whys[0]
    deepest = list(top.walk())[-1]
    commands.move_why(doc, deepest.id, None, 0)  # a leaf to the top
    commands.move_why(doc, top.id, deepest.id, None)  # the old top under it
    commands.add_why(doc, top.id, "a new answer")
    commands.delete_why(doc, deepest.id)
    for _ in range(4):
        doc.undo_stack.undo()


def _panel_edits(doc):
    item = doc.review.panels[Panel.WENT_WELL][0]
    commands.move_panel_item(doc, item.id, Panel.LUCKY, 0)
    commands.add_panel_item(doc, Panel.WENT_WELL, "Runbook was current")
    commands.delete_panel_item(doc, doc.review.panels[Panel.WENT_WELL][0].id)
    for _ in range(3):
        doc.undo_stack.undo()


def _action_edits(doc):
    commands.add_action_item(doc, "Add a migration linter to CI")
    commands.move_action_item(doc, doc.review.action_items[-1].id, 0)
    commands.edit_action_item(doc, doc.review.action_items[0].id, deferred=True)
    commands.delete_action_item(doc, doc.review.action_items[1].id)
    for _ in range(4):
        doc.undo_stack.undo()


def _participant_edits(doc):
    commands.add_participant(doc, "Lee Chen", "SRE")
    commands.delete_participant(doc, doc.review.participants[0].id)
    for _ in range(2):
        doc.undo_stack.undo()


def _blame_edits(doc):
    commands.add_panel_item(doc, Panel.WENT_POORLY, "Tom Becker forgot to page the DBA")
    commands.add_panel_item(doc, Panel.WENT_POORLY, "It was human error")
    commands.edit_panel_item(doc, doc.review.panels[Panel.WENT_POORLY][-1].id, "A typo")
    for _ in range(3):
        doc.undo_stack.undo()


def _presenter_model(name: str):
    def get(window):
        window.set_presenter_shown(True)
        return window.presenter.views[name].model()

    return get


MODELS = {
    "timeline": (lambda w: w.workspace.timeline.model, _timeline_edits),
    "whys": (lambda w: w.workspace.whys.model, _whys_edits),
    "went_well": (lambda w: w.workspace.panels.models[Panel.WENT_WELL], _panel_edits),
    "lucky": (lambda w: w.workspace.panels.models[Panel.LUCKY], _panel_edits),
    "actions": (lambda w: w.workspace.actions.model, _action_edits),
    "participants": (lambda w: w.workspace.header.participants, _participant_edits),
    "coach findings": (lambda w: w.coach_dock.model, _blame_edits),
    "presenter timeline": (_presenter_model("timeline"), _timeline_edits),
    "presenter whys": (_presenter_model("whys"), _whys_edits),
    "presenter actions": (_presenter_model("actions"), _action_edits),
}


@pytest.mark.parametrize("name", MODELS)
def test_model_contract(window, api_review, qtmodeltester, name):
    get_model, edit = MODELS[name]
    model = get_model(window)
    before = model.rowCount()
    qtmodeltester.check(model)
    edit(window.doc)
    assert model.rowCount() == before  # everything undone, rows back


def test_reviews_model(window, qtmodeltester):
    qtmodeltester.check(window.reviews)
    assert window.import_paths(SAMPLES)
    assert window.reviews.rowCount() == len(SAMPLES)
    window.library_changes.undo_stack.undo()
    assert window.reviews.rowCount() == 0
