"""The learning library in the window (issue 14): the home's dashboard, search, follow-ups,
future improvements, insights, and a review's services, tags and links.

On the hand-computed library of tests/learning_library.py (eight reviews,
"today" 2026-12-01), driven through qtbot keys, with the library read back
through a fresh connection after each edit.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from pir_desktop.domain.enums import Relation
from pir_desktop.gui.dashboard_models import OPEN, OVERDUE, SEVERITY, TITLE, TTD, TTM
from pir_desktop.gui.follow_ups import OWNER
from pir_desktop.reports.charts import CHARTS
from pir_desktop.storage.library import open_library

from . import learning_library
from .conftest import read_back
from .learning_library import aid, rid

TODAY = date(2026, 12, 1)


@pytest.fixture
def home(qtbot, qapp, tmp_path, library_path):
    """The main window on the learning library, on the home page, as of 2026-12-01."""
    from pir_desktop.gui.appearance import Appearance
    from pir_desktop.gui.main_window import MainWindow

    with open_library(library_path) as lib:
        learning_library.build(lib)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    appearance = Appearance(qapp, settings)
    appearance.apply()
    win = MainWindow(
        library_path, appearance, settings, today=lambda: TODAY,
        now=lambda: datetime(2026, 12, 1, 10, tzinfo=UTC),
    )  # fmt: skip
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    assert win.ensure_library()
    yield win
    win.close()
    win.deleteLater()
    qapp.processEvents()
    from PySide6.QtCore import QEvent

    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _shown(win, column=TITLE) -> dict[str, str]:
    proxy = win.home.proxy
    return {
        win.home.review_at_view_row(r).id: proxy.index(r, column).data()
        for r in range(proxy.rowCount())
    }


def test_the_dashboard_lists_every_review_with_its_figures(home, qtmodeltester):
    assert len(_shown(home)) == 8
    assert _shown(home, TTD)[rid("A")] == "5 min" and _shown(home, TTM)[rid("A")] == "50 min"
    assert _shown(home, TTD)[rid("F")] == "—"  # unknown, never zero
    # A: a3 and a4 are committed and open, a3 is past its due date (2026-11-30)
    assert (_shown(home, OPEN)[rid("A")], _shown(home, OVERDUE)[rid("A")]) == ("2", "1")
    qtmodeltester.check(home.home.model)
    qtmodeltester.check(home.home.proxy)
    # newest incident first, and a click on TTD sorts by the duration, unknown last
    assert home.home.review_at_view_row(0).id == rid("H")
    home.ui.reviewsView.sortByColumn(TTD, Qt.SortOrder.AscendingOrder)
    order = [home.home.review_at_view_row(r).id for r in range(8)]
    assert order[:5] == [rid(x) for x in "GEBAD"]  # 5 s, 1 min, 2 min, 5 min, 30 min
    assert set(order[5:]) == {rid("C"), rid("F"), rid("H")}  # unknown TTD, last


def test_the_filters_narrow_the_reviews(home):
    filters = home.home
    filters.severity.setCurrentIndex(filters.severity.findData("P1"))
    assert set(_shown(home)) == {rid("A"), rid("E"), rid("H")}
    assert set(_shown(home, SEVERITY).values()) == {"P1"}
    filters.clear_filters()
    filters.service.setEditText("SEARCH")  # ignoring case
    filters.refresh()
    assert set(_shown(home)) == {rid("D"), rid("E")}
    filters.clear_filters()
    filters.tag.setEditText("capacity")
    filters.start.setText("2026-07-01")
    filters.start.check()
    filters.refresh()
    assert set(_shown(home)) == {rid("D"), rid("F")}
    assert "match the filters" in filters.summary.text()
    filters.clear_filters()
    assert len(_shown(home)) == 8


def test_search_opens_the_hit_at_its_item(home, qtbot, qtmodeltester):
    search = home.home.search
    qtbot.keyClick(home, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert search.hasFocus()
    qtbot.keyClicks(search, "RESEAU sat")  # accents and case aside, word starts
    qtbot.keyClick(search, Qt.Key.Key_Return)
    hits = home.home.hits
    qtmodeltester.check(hits)
    assert hits.rowCount() == 1
    assert hits.index(0, 0).data() == "Review D" and hits.index(0, 1).data() == "Timeline"
    assert "Réseau saturé" in hits.index(0, 2).data()
    qtbot.keyClick(home.home.results, Qt.Key.Key_Return)
    assert home.doc is not None and home.doc.review_id == rid("D")
    assert home.ui.workspaceTabs.currentIndex() == 1
    timeline = home.workspace.timeline
    event = timeline.model.event_at(timeline.view.currentIndex().row())
    assert event.text == "Réseau saturé sur le cœur"
    # a contributing factor goes to the 5 Whys tab with the factor selected
    home.focus_search()
    search.selectAll()
    qtbot.keyClicks(search, "retry budg")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    qtbot.keyClick(home.home.results, Qt.Key.Key_Return)
    assert home.doc.review_id == rid("A") and home.ui.workspaceTabs.currentIndex() == 2
    factor = home.workspace.factors.model.item_at(home.workspace.factors.view.currentIndex().row())
    assert factor.text == "No retry budget"


def test_follow_ups_filter_and_edit_in_place_with_undo(home, qtbot, qtmodeltester, library_path):
    view = home.library_view(home.ui.followUpsTab)
    qtmodeltester.check(view.model)

    def listed():
        return [view.model.item_at(r).id for r in range(view.model.rowCount())]

    assert listed() == [aid(n) for n in ("g1", "d1", "f1", "a3", "a4", "d2")]  # open, by due
    view.state.setCurrentIndex(view.state.findData("overdue"))
    assert listed() == [aid(n) for n in ("g1", "d1", "f1", "a3")]
    assert "4 overdue as of 2026-12-01" in view.summary.text()
    view.state.setCurrentIndex(view.state.findData("open"))
    view.owner.setEditText("PRIYA nair")
    view.refresh()
    assert listed() == [aid("d1"), aid("a3")]
    # the owner edited in place (F2, type, Enter), on disk; Ctrl+Z on the home undoes it
    row = listed().index(aid("a3"))
    view.view.setFocus()
    view.view.setCurrentIndex(view.model.index(row, OWNER))
    qtbot.keyClick(view.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Priya Nair")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    owner = {a.id: a.owner for a in read_back(library_path, rid("A")).action_items}
    assert owner[aid("a3")] == "Priya Nair"
    assert view.model.item_at(listed().index(aid("a3"))).owner == "Priya Nair"  # shown again
    qtbot.keyClick(view.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    owner = {a.id: a.owner for a in read_back(library_path, rid("A")).action_items}
    assert owner[aid("a3")] == "priya NAIR"
    # Enter on the action opens it in its review
    view.view.setCurrentIndex(view.model.index(listed().index(aid("d1")), 1))
    qtbot.keyClick(view.view, Qt.Key.Key_Return)
    assert home.doc.review_id == rid("D") and home.ui.workspaceTabs.currentIndex() == 4
    assert home.workspace.actions.model.item_at(
        home.workspace.actions.view.currentIndex().row()
    ).id == aid("d1")


def test_future_improvements_are_their_own_list_for_the_re_triage(home, qtbot, library_path):
    view = home.library_view(home.ui.deferredTab)
    assert [view.model.item_at(r).id for r in range(view.model.rowCount())] == [
        aid("a6"), aid("f2")
    ]  # fmt: skip
    view.view.setFocus()
    view.view.setCurrentIndex(view.model.index(0, 1))
    qtbot.keyClick(view.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # commit it
    deferred = {a.id: a.deferred for a in read_back(library_path, rid("A")).action_items}
    assert deferred[aid("a6")] is False
    assert [view.model.item_at(r).id for r in range(view.model.rowCount())] == [aid("f2")]
    home.library_changes.undo_stack.undo()
    deferred = {a.id: a.deferred for a in read_back(library_path, rid("A")).action_items}
    assert deferred[aid("a6")] is True


def test_insights_show_the_figures_and_charts_of_the_library(home, tmp_path):
    view = home.library_view(home.ui.insightsTab)
    assert view.start.text() == "2026-01-01" and view.end.text() == "2026-12-31"
    headline = view.headline.text()
    # the hand-computed totals of tests/test_learning_cli.py's EXPECTED_2026
    assert "<b>6 incidents</b> from 2026-01-01 to 2026-12-31" in headline
    assert "median time to detect <b>3 min 30 s</b>" in headline  # 210 s
    assert "<b>9</b> action items committed, 4 done (1 on time), <b>3</b> open" in headline
    assert "2 repeats" in headline
    assert [c.objectName() for c in view.canvases] == [f"chart_{key}" for key, _t, _b in CHARTS]
    assert all(c.isVisible() for c in view.canvases)
    view.by.setCurrentIndex(view.by.findData("month"))
    assert len(view.doc["periods"]) == 12
    out = tmp_path / "pattern.pdf"
    assert view.write_to(out)
    assert out.stat().st_size > 10_000
    assert "Pattern review written" in home.last_message


def test_services_tags_and_links_are_edited_with_completion_and_undo(home, qtbot, library_path):
    home.open_review(rid("B"))
    home.show_tab(0)
    card = home.workspace.metadata
    services = card.services
    services.setFocus()
    services.selectAll()
    qtbot.keyClicks(services, "Checkout-API, sea")
    completer = card.services.names_completer
    assert completer.completionPrefix() == "sea"
    assert completer.currentCompletion() == "search"  # from what the library holds
    services.setText("Checkout-API, search, checkout-api")
    qtbot.keyClick(services, Qt.Key.Key_Return)
    assert read_back(library_path, rid("B")).services == ["Checkout-API", "search"]
    # a repeat of A, picked by its title
    card.relation.setCurrentIndex(card.relation.findData(Relation.REPEAT_OF.value))
    card.other.setEditText("Checkout timeouts")
    qtbot.keyClick(card.other.lineEdit(), Qt.Key.Key_Return)
    related = read_back(library_path, rid("B")).related
    assert [(r.review, r.relation) for r in related] == [(rid("A"), Relation.REPEAT_OF)]
    assert card.links.item(0).text().startswith("Repeat of: Checkout timeouts after config push")
    card.links.setFocus()
    card.links.setCurrentRow(0)
    qtbot.keyClick(card.links, Qt.Key.Key_Delete)
    assert read_back(library_path, rid("B")).related == []
    home.doc.undo_stack.undo()
    assert [r.review for r in read_back(library_path, rid("B")).related] == [rid("A")]


@pytest.mark.parametrize("size", [(1280, 800), (1366, 768)])
def test_the_details_tab_fits_a_laptop_window_when_reviews_have_long_titles(
    home, qtbot, library_path, size
):
    """A new user's report: with more than one review in the library, the combo box of the
    reviews to link grew to the longest title, squeezed the left column to ~150 px, cut
    the fields and slid the page sideways at 1280x800; the review's long title above the
    tabs, on one line, also made the window wider than the screen."""
    from pir_desktop.interchange.review_json import read_review
    from pir_desktop.operations.reviews import import_reviews

    long_titles = [
        "Checkout and payment processing degraded for every customer in the European "
        f"region after a configuration push to the connection pool ({n})"
        for n in range(3)
    ]
    with open_library(library_path) as lib:
        docs = [
            {
                "format": "pir-review",
                "version": 2,
                "title": t,
                "severity": "P3",
                "incident_date": f"2026-11-2{n}",
            }
            for n, t in enumerate(long_titles)
        ]
        added = import_reviews(lib, [read_review(json.dumps(d)) for d in docs])  # fmt: skip
    home.resize(*size)
    home.open_review(added[1].id)  # its long title heads the page too
    home.show_tab(0)
    card = home.workspace.metadata
    assert card.other.count() == 10  # every other review can be linked
    qtbot.wait(50)
    scroll = home.workspace._details
    viewport = scroll.viewport()
    header = home.workspace.header
    assert home.width() == size[0] and home.minimumSizeHint().width() <= size[0]
    assert header.width() <= viewport.width()
    assert scroll.horizontalScrollBar().maximum() == 0
    columns = header.columns()
    assert columns >= 2  # 1280 px holds more than one column of cards
    for widget in header.cards():
        right = widget.mapTo(viewport, widget.rect().topRight()).x()
        assert widget.width() >= header.card_width() * 0.9, widget.objectName()
        assert right <= viewport.width(), widget.objectName()
    assert card.other.width() <= card.width()


def test_an_item_marked_done_under_the_open_filter_is_said_to_be_hidden(
    home, qtbot, qtmodeltester, library_path
):
    """A new user's report: marking an item Done made its row vanish without a word, and Qt
    warned "commitData called with an editor that does not belong to this view" (the list
    was read again while the cell's editor was still committing)."""
    from pir_desktop.gui.follow_ups import STATUS

    view = home.library_view(home.ui.followUpsTab)
    qtmodeltester.check(view.model)

    def listed():
        return [view.model.item_at(r).id for r in range(view.model.rowCount())]

    assert aid("a3") in listed()  # the "open" filter
    view.view.setFocus()
    view.view.setCurrentIndex(view.model.index(listed().index(aid("a3")), STATUS))
    qtbot.keyClick(view.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.setCurrentIndex(editor.findData("done"))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: aid("a3") not in listed())
    status = {a.id: a.status.value for a in read_back(library_path, rid("A")).action_items}
    assert status[aid("a3")] == "done"
    message = home.statusBar().currentMessage()
    assert "“Action a3” marked done; hidden by the filter" in message
    assert view.view.hasFocus() and view.view.currentIndex().isValid()  # keyboard kept
    qtmodeltester.check(view.model)
    # under "All action items" it stays in the list, and nothing is said about hiding
    view.state.setCurrentIndex(view.state.findData("all"))
    home.statusBar().clearMessage()
    row = listed().index(aid("a4"))
    view.view.setFocus()
    view.view.setCurrentIndex(view.model.index(row, STATUS))
    qtbot.keyClick(view.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.setCurrentIndex(editor.findData("done"))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.model.item_at(listed().index(aid("a4"))).status == "done")
    assert "hidden" not in home.statusBar().currentMessage()
