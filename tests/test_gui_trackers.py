"""Bringing data in and action items out, in the window: the timeline import preview, the
tokens dialog, pushing and refreshing against a loopback tracker, and pir-desktop:// links."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from werkzeug.wrappers import Response

from pir_desktop.domain.enums import ActionStatus, EventKind
from pir_desktop.gui.timeline_import_dialog import KIND, ORIGIN, TIME, ImportPreviewModel
from pir_desktop.trackers.secrets import SERVICE, TokenStore

from .conftest import read_back, table_counts

TOKEN = "ghp_windowTOKEN0123456789"
# The second line is already in the sample's timeline (same time, same words).
CSV = """time,text,kind
14:02,Canary dashboard shows latency rising,
14:05,First 500 errors in monitoring,started
14:11,Paged the database on-call,
14:26,Pool size raised back to 200,
"""


def _nowhere_on_disk(token: str, *folders) -> None:
    """No file under ``folders`` (the library, settings, home) holds ``token``."""
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                assert token.encode() not in path.read_bytes(), path


def _ok(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_import_preview_ticks_kinds_and_duplicates_then_one_undo(
    window, qtbot, api_review, library_path, tmp_path
):
    path = tmp_path / "chat.csv"
    path.write_text(CSV, encoding="utf-8")
    before = len(read_back(library_path, api_review).timeline)
    dialog = window.trackers.import_timeline_from(path)
    qtbot.waitExposed(dialog)
    model, view = dialog.model, dialog.view
    assert model.rowCount() == 4
    assert model.index(1, ORIGIN).data() == "line 3 · already in the timeline"
    assert not (model.flags(model.index(1, TIME)) & Qt.ItemFlag.ItemIsUserCheckable)
    assert dialog.summary.text() == "3 of 4 lines ticked; 1 is already in the timeline or repeated."
    assert _ok(dialog).text() == "&Add 3 events"

    # Space on the first line unticks it; the kind of the third is set from the combo.
    view.setFocus()
    view.selectRow(0)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert model.index(0, TIME).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    view.selectRow(3)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(EventKind.FIX_APPLIED.value))
    [set_kind] = [b for b in dialog.findChildren(type(_ok(dialog))) if "kind" in b.text()]
    qtbot.mouseClick(set_kind, Qt.MouseButton.LeftButton)
    assert model.index(3, KIND).data() == "Fix applied"
    assert _ok(dialog).text() == "&Add 2 events"
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)

    review = read_back(library_path, api_review)
    assert len(review.timeline) == before + 2
    added = {e.text: e for e in review.timeline}
    assert added["Pool size raised back to 200"].kind == EventKind.FIX_APPLIED
    assert added["Paged the database on-call"].kind == EventKind.NOTE
    assert "Canary dashboard shows latency rising" not in added
    assert window.last_message.startswith("Added 2 events from chat.csv.")
    assert window.workspace.timeline.model.rowCount() >= before + 2  # the tab shows them

    window.undo_group.undo()  # one step takes out the whole import
    assert len(read_back(library_path, api_review).timeline) == before
    window.undo_group.redo()
    assert len(read_back(library_path, api_review).timeline) == before + 2


def test_import_preview_of_a_bad_file_names_the_line_and_adds_nothing(
    window, qtbot, api_review, library_path, tmp_path
):
    path = tmp_path / "broken.csv"
    path.write_text("time,text\n14:05,fine\n14:99,broken\n", encoding="utf-8")
    counts = table_counts(library_path)
    dialog = window.trackers.import_timeline_from(path)
    assert dialog.error.isVisibleTo(dialog)
    assert dialog.error.text() == (
        "Nothing can be imported from this file: line 3: '14:99' is not a valid time"
    )
    assert not _ok(dialog).isEnabled()
    # Reading it as text, in another zone, is one choice away; here that fails too.
    dialog.zone_combo.setCurrentText("Europe/Berlin")
    dialog.zone_combo.lineEdit().editingFinished.emit()
    assert dialog.error.isVisibleTo(dialog)
    dialog.reject()
    assert table_counts(library_path) == counts


def test_import_preview_model_contract(qtmodeltester, api_review, window, tmp_path):
    from pir_desktop.interchange.timeline_import import read_csv

    model = ImportPreviewModel()
    qtmodeltester.check(model)
    events = read_csv(CSV, day=window.doc.review.incident_date)
    model.set_events(events, window.doc.review.timeline)
    qtmodeltester.check(model)
    model.set_rows([0, 1, 2], keep=False, kind=EventKind.DETECTED.value)
    assert model.counts() == (1, 4, 1)
    qtmodeltester.check(model)


# -- tokens ----------------------------------------------------------------------------------


def _tokens_dialog(window, qtbot):
    from pir_desktop.gui.tracker_dialogs import TokensDialog

    dialog = TokensDialog(window, window.trackers.tokens, window.settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_tokens_dialog_stores_tests_and_removes_a_keyring_token(
    window, qtbot, memory_keyring, httpserver, tmp_path
):
    window.trackers.tokens = TokenStore(memory_keyring)
    dialog = _tokens_dialog(window, qtbot)
    host = httpserver.url_for("/").rstrip("/")
    assert not dialog.no_keyring.isVisible()
    qtbot.keyClicks(dialog.address, host)
    dialog.address.editingFinished.emit()
    assert dialog.where.text() == f"No token for {host}/api/v3 yet."
    qtbot.keyClicks(dialog.token, TOKEN)
    assert dialog.token.echoMode() == dialog.token.EchoMode.Password
    qtbot.mouseClick(dialog.store_button, Qt.MouseButton.LeftButton)
    assert memory_keyring.secrets == {(SERVICE, f"github@{host}/api/v3"): TOKEN}
    assert dialog.token.text() == ""
    assert dialog.where.text() == f"A token for {host}/api/v3 is in the system keyring."

    httpserver.expect_request(
        "/api/v3/user", headers={"Authorization": f"Bearer {TOKEN}"}
    ).respond_with_json({"login": "octocat"})
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "signed in" in dialog.result.text(), timeout=10_000)
    assert dialog.result.text() == "The token works: signed in as octocat."

    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert memory_keyring.secrets == {}
    assert dialog.where.text() == f"No token for {host}/api/v3 yet."
    window.settings.sync()
    _nowhere_on_disk(TOKEN, tmp_path)


def test_tokens_dialog_without_a_keyring_keeps_the_token_for_the_session_only(
    window, qtbot, tmp_path, _private_user_dirs
):
    dialog = _tokens_dialog(window, qtbot)  # the tests' default: keyring's "fail" backend
    assert dialog.no_keyring.isVisible()
    assert "cannot be stored" in dialog.no_keyring.text()
    assert "for this session only, in memory" in dialog.no_keyring.text()
    assert dialog.store_button.text() == "&Use for this session only"
    qtbot.keyClicks(dialog.token, TOKEN)
    qtbot.mouseClick(dialog.store_button, Qt.MouseButton.LeftButton)
    assert dialog.result.text().startswith("Kept for this session only for https://api.github.com")
    assert window.trackers.tokens.get("github", "https://api.github.com") == TOKEN
    assert (
        dialog.where.text() == "A token for https://api.github.com is kept for this session only."
    )
    window.settings.sync()
    _nowhere_on_disk(TOKEN, tmp_path, _private_user_dirs)


# -- push and refresh ------------------------------------------------------------------------


def test_push_from_the_window_then_refresh(
    window, qtbot, api_review, library_path, memory_keyring, httpserver, tmp_path
):
    from pir_desktop.gui.tracker_dialogs import PushDialog

    host = httpserver.url_for("/").rstrip("/")
    window.trackers.tokens = TokenStore(memory_keyring)
    made = []

    def create(request):
        body = json.loads(request.data)
        made.append(body)
        url = f"{host}/acme/api/issues/{len(made)}"
        return Response(json.dumps({"html_url": url, "number": len(made)}), 201)

    httpserver.expect_request("/api/v3/repos/acme/api/issues", method="GET").respond_with_json([])
    httpserver.expect_request(
        "/api/v3/repos/acme/api/issues", method="POST", headers={"Authorization": f"Bearer {TOKEN}"}
    ).respond_with_handler(create)

    window.trackers.push_actions()
    dialog = window.findChild(PushDialog)
    qtbot.waitExposed(dialog)
    assert dialog.plan.text() == "4 committed action items to push."
    qtbot.keyClicks(dialog.address, host)
    qtbot.keyClicks(dialog.project, "acme/api")
    assert not dialog.push_button.isEnabled()  # no token yet
    assert dialog.token_state.text().startswith(f"There is no token for GitHub at {host}:")
    memory_keyring.set_password(SERVICE, f"github@{host}/api/v3", TOKEN)
    dialog.project.textChanged.emit("acme/api")
    assert dialog.push_button.isEnabled()
    qtbot.mouseClick(dialog.push_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome.text().startswith("Created"), timeout=10_000)
    assert dialog.outcome.text() == "Created 4 issues in GitHub acme/api."
    assert dialog.log.toPlainText().count("created ") == 4
    assert (
        dialog.plan.text()
        == "0 committed action items to push; 4 already linked (not pushed again)."
    )
    assert not dialog.push_button.isEnabled()
    urls = [i.tracker_url for i in read_back(library_path, api_review).action_items]
    assert urls == [f"{host}/acme/api/issues/{n}" for n in (1, 2, 3, 4)]
    dialog.reject()
    # The Action items tab shows each issue, and Ctrl+O opens the current one.
    from pir_desktop.gui.actions_model import ISSUE

    window.show_tab(4)
    actions = window.workspace.actions
    assert [actions.model.index(r, ISSUE).data() for r in range(4)] == [
        f"acme/api#{n}" for n in (1, 2, 3, 4)
    ]
    opened = []
    actions.open_link = opened.append
    window.activateWindow()  # back from the closed dialog
    qtbot.waitUntil(window.isActiveWindow)
    actions.view.setFocus()
    actions.view.setCurrentIndex(actions.model.index(2, ISSUE))
    qtbot.keyClick(actions.view, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert opened == [urls[2]]
    window.settings.sync()
    _nowhere_on_disk(TOKEN, tmp_path)

    httpserver.clear()
    for n in (1, 2, 3, 4):
        httpserver.expect_request(f"/api/v3/repos/acme/api/issues/{n}").respond_with_json(
            {"state": "closed" if n == 2 else "open"}
        )
    window.ui.actionRefreshActions.trigger()
    qtbot.waitUntil(lambda: window.last_message.startswith("Refreshed"), timeout=10_000)
    assert window.last_message == (
        "Refreshed from the tracker: 1 item closed in the tracker, now marked done; 3 still open."
    )
    statuses = [i.status for i in read_back(library_path, api_review).action_items]
    assert statuses == [ActionStatus.OPEN, ActionStatus.DONE, ActionStatus.OPEN, ActionStatus.OPEN]
    assert window.doc.review.action_items[1].status == ActionStatus.DONE


def test_refresh_without_a_token_says_so_and_changes_nothing(
    window, qtbot, api_review, library_path
):
    from pir_desktop.gui import commands

    item = window.doc.review.action_items[0]
    assert commands.edit_action_item(
        window.doc, item.id, tracker_url="https://github.com/acme/api/issues/9"
    )
    counts = table_counts(library_path)
    window.ui.actionRefreshActions.trigger()
    box = window.findChild(QMessageBox, "alert")
    assert box is not None and box.isVisible()
    assert box.text().startswith("Nothing was refreshed: there is no token for GitHub at ")
    assert "no system keyring" in box.text()
    assert table_counts(library_path) == counts
    box.accept()


def test_a_pir_desktop_link_opens_its_review(window, api_review):
    window.close_review()
    assert window.open_reference(f"pir-desktop://review/{api_review}")
    assert window.doc.review_id == api_review
    assert not window.open_reference("pir-desktop://review/ffffffff")
    assert "Cannot open pir-desktop://review/ffffffff" in window.last_message


def test_push_to_jira_from_the_window_with_the_api_and_issue_type_chosen(
    window, qtbot, api_review, library_path, memory_keyring, httpserver
):
    import base64

    from pir_desktop.gui.tracker_dialogs import PushDialog

    site = httpserver.url_for("/").rstrip("/")
    secret = "me@example.com:jira-api-token-123"
    memory_keyring.set_password(SERVICE, f"jira@{site}", secret)
    window.trackers.tokens = TokenStore(memory_keyring)
    headers = {"Authorization": "Basic " + base64.b64encode(secret.encode()).decode()}
    httpserver.expect_request("/rest/api/3/search/jql", headers=headers).respond_with_json(
        {"issues": [], "isLast": True}
    )
    made = []

    def create(request):
        made.append(json.loads(request.data)["fields"])
        return Response(json.dumps({"id": "1", "key": f"OPS-{len(made)}"}), 201)

    httpserver.expect_request(
        "/rest/api/3/issue", method="POST", headers=headers
    ).respond_with_handler(create)

    window.trackers.push_actions()
    dialog = window.findChild(PushDialog)
    assert not dialog.issue_type.isVisibleTo(dialog)  # GitHub first: no Jira fields
    dialog.tracker.setCurrentIndex(dialog.tracker.findData("jira"))
    assert dialog.issue_type.isVisibleTo(dialog) and dialog.jira_api.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.address, site)
    qtbot.keyClicks(dialog.project, "ops")
    assert dialog.token_state.text().endswith("(REST v2).")  # a loopback site: Server by default
    dialog.jira_api.setCurrentIndex(dialog.jira_api.findData(3))
    assert dialog.token_state.text() == f"Pushing to Jira OPS at {site[7:]} (REST v3)."
    dialog.issue_type.setText("Story")
    qtbot.mouseClick(dialog.push_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome.text().startswith("Created"), timeout=10_000)
    assert [f["issuetype"] for f in made] == [{"name": "Story"}] * 4
    assert all(f["description"]["type"] == "doc" for f in made)  # v3: ADF
    urls = [i.tracker_url for i in read_back(library_path, api_review).action_items]
    assert urls == [f"{site}/browse/OPS-{n}" for n in (1, 2, 3, 4)]
    dialog.reject()
    window.trackers.push_actions()  # remembered for this review
    again = [d for d in window.findChildren(PushDialog) if d.isVisible()][-1]
    assert (again.tracker.currentData(), again.jira_api.currentData()) == ("jira", 3)
    assert again.issue_type.text() == "Story"
    again.reject()
