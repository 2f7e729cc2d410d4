"""Offline copies in the window: File › Take reviews offline… from the team library (the
private PostgreSQL server) into the library file open here, the home saying which reviews
are copies and whether they have changes not sent, Send back (Ctrl+Shift+S) leaving both
equal, undo of the take, and refusals that change nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pir_desktop import operations as ops
from pir_desktop.interchange.review_json import dumps
from pir_desktop.storage.library import open_library
from pir_desktop.storage.team_address import parse

from .conftest import MEETING_DAY, fresh_rows, read_back

AT = datetime(2026, 3, 12, 14, 0, tzinfo=UTC)


@pytest.fixture
def team(team_database, monkeypatch):
    """A team library holding one review; its address is recorded without the password,
    so sending back signs in through PGPASSWORD, as a user's ~/.pgpass would."""
    from tests.pg_server import ADMIN_PASSWORD

    monkeypatch.setenv("PGPASSWORD", ADMIN_PASSWORD)
    url = team_database()
    with open_library(url, author="Dana Reyes") as library:
        review = ops.create_review(library, "Checkout errors", MEETING_DAY.date())
        ops.add_event(library, review.id, AT, "Deploy")
        ops.add_lesson(library, review.id, "Canaries catch this")
    return parse(url, keyring_lookup=False).account, review.id


def _take(window, qtbot, home: str, tick: int = 0):
    window.show_home()
    window.ui.actionTakeOffline.trigger()
    dialog = window.offline.dialog
    qtbot.waitExposed(dialog)
    dialog.ui.homeEdit.setEditText(home)
    qtbot.mouseClick(dialog.ui.showButton, Qt.MouseButton.LeftButton)
    return dialog


def _content(review) -> dict:
    doc = json.loads(dumps(review))
    doc.pop("exported_at", None)
    return doc


def test_take_offline_edit_on_both_sides_and_send_back(window, qtbot, library_path, team):
    home, review_id = team
    dialog = _take(window, qtbot, home)
    listing = dialog.ui.reviewList
    assert listing.count() == 1 and "Checkout errors" in listing.item(0).text()
    assert not dialog.ok.isEnabled()  # nothing ticked yet
    qtbot.keyClick(listing, Qt.Key.Key_Space)
    assert dialog.ok.isEnabled() and "1" in dialog.ok.text()
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    # the copy, with the same ids, and its home recorded without a password
    copy = read_back(library_path, review_id)
    assert [e.text for e in copy.timeline] == ["Deploy"]
    [(recorded,)] = fresh_rows(library_path, "SELECT home FROM offline_copies")
    assert recorded == home and "admin-secret" not in recorded
    model = window.reviews
    assert model.index(0, 0).data().endswith("⇄ offline copy")
    assert "1 is an offline copy, nothing to send" in window.home.summary.text()

    # the scribe edits the copy; the facilitator edits the team's review meanwhile
    assert window.open_review(review_id)
    from pir_desktop.gui import commands

    assert commands.add_lesson(window.doc, "Written offline on the plane")
    with open_library(home) as team_library:
        ops.add_event(team_library, review_id, AT.replace(minute=7), "Alert (facilitator)")
    window.show_home()
    assert model.index(0, 0).data().endswith("changes not sent")
    assert "with changes not sent" in window.home.summary.text()

    qtbot.keyClick(
        window,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: "sent back 1 review" in window.last_message.lower())
    here, there = read_back(library_path, review_id), read_back(home, review_id)
    assert _content(here) == _content(there)
    assert [e.text for e in here.timeline] == ["Deploy", "Alert (facilitator)"]
    assert [x.text for x in here.lessons] == ["Canaries catch this", "Written offline on the plane"]
    assert model.index(0, 0).data().endswith("⇄ offline copy")  # nothing to send now


def test_undo_takes_the_copies_out_again(window, qtbot, library_path, team):
    home, review_id = team
    dialog = _take(window, qtbot, home)
    dialog.ui.reviewList.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert fresh_rows(library_path, "SELECT count(*) FROM offline_copies") == [(1,)]
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert fresh_rows(library_path, "SELECT count(*) FROM reviews") == [(0,)]
    assert fresh_rows(library_path, "SELECT count(*) FROM offline_copies") == [(0,)]
    # the home keeps its review
    assert read_back(home, review_id).title == "Checkout errors"


def test_a_home_that_cannot_be_opened_is_named_and_nothing_is_taken(window, qtbot, library_path):
    dialog = _take(window, qtbot, "postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert "Nothing taken" in dialog.ui.errorLabel.text()
    assert dialog.ui.reviewList.count() == 0 and not dialog.ok.isEnabled()
    dialog.ui.homeEdit.setEditText(str(library_path))  # this library itself
    qtbot.mouseClick(dialog.ui.showButton, Qt.MouseButton.LeftButton)
    for row in range(dialog.ui.reviewList.count()):
        assert not dialog.ui.reviewList.item(row).flags() & Qt.ItemFlag.ItemIsEnabled
    dialog.reject()
    assert fresh_rows(library_path, "SELECT count(*) FROM offline_copies") == [(0,)]


def test_send_back_with_no_copy_says_so(window, qtbot, library_path):
    window.ui.actionSendBack.trigger()
    assert "holds no offline copy" in window.last_message
    QApplication.processEvents()
