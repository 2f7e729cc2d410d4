"""The main window (form ``ui/main_window.ui``): the library's reviews, and the workspace of one.

Start-up shows the home page from a quick read of the library (sqlite3
only); the full library (SQLAlchemy, migrations) is opened right after the
first paint, or at the first action that needs it. A library that cannot
be opened is named with the reason, and nothing is written to it.

Two of its jobs live in modules of their own, as parts of this class: which
library it works on (``library_location``) and review files in and out
(``review_files``); the F1 list is ``shortcuts_help``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QUndoGroup,
)
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from .. import __version__
from ..errors import PirError
from ..paths import resources_dir
from .appearance import Appearance
from .connection_banner import ConnectionBanner
from .document import ChangeSource, ReviewDocument
from .empty_library import EmptyLibrary
from .forms.ui_main_window import Ui_MainWindow
from .library_follower import LibraryFollower
from .library_home import LibraryHome
from .library_location import LibraryLocation
from .library_source import open_reader
from .offline_actions import OfflineActions
from .phases import ACTIONS, NOTES, PANELS, TIMELINE, WHYS, tab_for_phase
from .review_files import ReviewFiles
from .shortcuts_help import ShortcutsDialog
from .time_zone import DisplayZone
from .tracker_actions import TrackerActions
from .view_menu import ViewMenu
from .window_keys import WindowKeysFirst

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

APP_NAME = "PIR Desktop"
HOME, WORKSPACE = 0, 1
DOCK_WIDTH = 340  # the timer and the coach: room for "Elapsed 12:00 of 60 min planned"


class LibraryChanges(ChangeSource):
    """Undoable changes to the library as a whole: new, import, delete reviews."""

    def __init__(self, refresh: Callable[[], None], parent=None):
        super().__init__(None, parent)
        self._refresh = refresh

    def reload(self) -> None:
        self._refresh()


class MainWindow(LibraryLocation, ReviewFiles, QMainWindow):
    def __init__(
        self,
        library_path: Path | str,
        appearance: Appearance,
        settings: QSettings,
        clock: Callable[[], float] = time.monotonic,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        tokens=None,
    ):
        super().__init__()
        self._today, self._now = today, now
        self.trackers = TrackerActions(self, tokens)  # import, push, refresh, tokens
        self.presenter = None  # the presenter window, made at its first use
        self.drafts = None  # keeps what is typed on disk within a second (from the first review)
        self.drafts_folder: Path | None = None  # None: the user's state folder (tests: tmp)
        self._typing_in = None  # the last widget of this window that had the keyboard
        QApplication.instance().focusChanged.connect(self._remember_focus)
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.appearance, self.settings = appearance, settings
        # A library file's path, or a team library's URL (as given: a password in it is
        # used for this run only, and never shown or saved).
        self.library_path = library_path
        self.library = None
        self.library_error: str | None = None
        self.doc: ReviewDocument | None = None
        self.workspace = None
        self.last_message = ""
        self.export_dialog = None  # the open File › Export dialog, if any
        self.merge_dialog = None  # the last File › Merge preview, if any
        self.shortcuts_box = None  # the last F1 list shown, if any
        # How an exported file is shown: the desktop's own viewer (replaced in tests).
        self.open_file: Callable[[Path], object] = _open_with_desktop
        icon = resources_dir() / "icons" / "pir-desktop.svg"
        if icon.exists():
            self.setWindowIcon(QIcon(str(icon)))

        self.undo_group = QUndoGroup(self)
        self.library_changes = LibraryChanges(self.refresh_home, self)
        self.library_changes.failed.connect(self.report)
        self.undo_group.addStack(self.library_changes.undo_stack)
        self.banner = ConnectionBanner(self.ui.centralWidget)
        self.ui.centralLayout.insertWidget(0, self.banner)
        self.live = LibraryFollower(self, self.banner)  # other people's changes, the server
        self._setup_edit_menu()

        self.ui.reviewsLayout.removeItem(self.ui.homeButtons)
        self.home = LibraryHome(self.ui.reviewsView, self.ui.homeButtons, today, self.ui.reviewsTab)
        self.ui.reviewsLayout.addWidget(self.home)
        self.home.open_review.connect(self.open_review)
        self.home.open_hit.connect(self.open_hit)
        view = self.ui.reviewsView
        self.ui.openButton.clicked.connect(
            lambda: (review := self.home.selected_review()) and self.open_review(review.id)
        )
        delete = QAction("Delete review", view)
        delete.setShortcut(QKeySequence("Del"))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_selected_review)
        view.addAction(delete)
        self.empty = EmptyLibrary(self.ui.homePage)
        self.empty.new_review.connect(self.new_review)
        self.empty.import_files.connect(self.import_files)
        self.empty.open_sample.connect(self.open_sample)
        self.ui.homeLayout.insertWidget(self.ui.homeLayout.indexOf(self.ui.libraryTabs), self.empty)
        self.empty.hide()
        model = self.home.model
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self._show_empty)
        self._library_views: dict[int, QWidget] = {}  # follow-ups, deferred, insights: when shown
        self.ui.libraryTabs.currentChanged.connect(self._library_tab_shown)
        search = QAction("Search every review", self)
        search.setShortcut(QKeySequence("Ctrl+F"))
        search.triggered.connect(self.focus_search)
        self.addAction(search)
        self.ui.newButton.clicked.connect(self.new_review)
        self.ui.importButton.clicked.connect(self.import_files)
        self.ui.deleteButton.clicked.connect(self.delete_selected_review)

        # The timer and the coach are docks of a review: made when the first one opens, so
        # that the start-up (the library home) does not pay for them.
        self._clock_fn = clock
        self._meeting = self._coach_dock = None
        self.ui.actionStartPause.triggered.connect(lambda: self.meeting.start_pause())
        self.ui.actionNextPhase.triggered.connect(lambda: self.meeting.next_phase())
        self.ui.actionPreviousPhase.triggered.connect(lambda: self.meeting.previous_phase())
        self.ui.actionEditAgenda.triggered.connect(lambda: self.meeting.edit_agenda())
        self.ui.actionShowTimer.triggered.connect(self._toggle_timer)
        self.ui.actionSoundCue.setChecked(settings.value("meeting/sound", "false") == "true")
        self.ui.actionSoundCue.toggled.connect(lambda on: settings.setValue("meeting/sound", on))
        self.ui.actionNextQuestion.triggered.connect(lambda: self.meeting.next_card())
        self.ui.actionPresenter.toggled.connect(self.set_presenter_shown)
        self.ui.actionShowStatement.triggered.connect(self.show_statement)
        self.ui.actionShowCoach.triggered.connect(self._show_coach)

        self.ui.actionNewReview.triggered.connect(self.new_review)
        self.ui.actionImport.triggered.connect(self.import_files)
        self.ui.actionMerge.triggered.connect(self.merge_files)
        self.ui.actionExport.triggered.connect(self.export_report)
        self.ui.actionImportTimeline.triggered.connect(self.trackers.import_timeline)
        self.ui.actionPushActions.triggered.connect(self.trackers.push_actions)
        self.ui.actionRefreshActions.triggered.connect(self.trackers.refresh_actions)
        self.ui.actionTrackerTokens.triggered.connect(lambda: self.trackers.show_tokens())
        self.offline = OfflineActions(self)  # take reviews offline, send them back
        self.ui.actionLibraryHome.triggered.connect(self.show_home)
        self.ui.actionOpenLibrary.triggered.connect(self.choose_library)
        self.ui.actionOpenTeamLibrary.triggered.connect(self.choose_team_library)
        self.ui.actionQuit.triggered.connect(self.close)
        self.ui.actionShortcuts.triggered.connect(self._show_shortcuts)
        self.ui.actionAbout.triggered.connect(self._about)
        self.display_zone = DisplayZone(settings, self)
        self.view_menu = ViewMenu(self, self.ui, appearance, self.display_zone, self.alert,
                                  self.status)  # fmt: skip
        self.view_menu.zone_changed.connect(self._zone_changed)
        for number in range(6):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{number + 1}"))
            action.triggered.connect(lambda _c=False, n=number: self.show_tab(n))
            self.addAction(action)

        capture = QAction("Quick capture", self)
        capture.setShortcut(QKeySequence("Ctrl+K"))
        capture.triggered.connect(self.focus_capture)
        self.addAction(capture)
        # Ctrl+E exports from the capture line too (the X11 scheme gives it to the field)
        self._window_keys = WindowKeysFirst(self, self.window_actions)

        self._show_quick_list()
        self.show_home()

    @property
    def meeting(self):
        """The meeting timer's dock (made at its first use)."""
        if self._meeting is None:
            self._build_docks()
        return self._meeting

    @property
    def coach_dock(self):
        """The coach's dock (made at its first use)."""
        if self._coach_dock is None:
            self._build_docks()
        return self._coach_dock

    def _build_docks(self) -> None:
        from .coach_panel import CoachDock
        from .meeting_dock import MeetingDock

        meeting = self._meeting = MeetingDock(self, self._clock_fn)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, meeting)
        meeting.phase_shown.connect(self._show_phase)
        meeting.hide()
        sound = self.ui.actionSoundCue
        meeting.sound.setChecked(sound.isChecked())
        sound.toggled.connect(meeting.sound.setChecked)
        meeting.sound.toggled.connect(sound.setChecked)
        coach = self._coach_dock = CoachDock(self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, coach)
        self.splitDockWidget(meeting, coach, Qt.Orientation.Vertical)
        coach.go_to.connect(self.go_to_finding)
        coach.hide()

    def focus_capture(self) -> None:
        if self.workspace is None:
            self.report("open a review to capture into it")
            return
        self.activateWindow()  # Ctrl+K pressed in the presenter window comes here
        self.workspace.capture.setFocus()
        self.workspace.capture.selectAll()

    def window_actions(self) -> list[QAction]:
        """The commands with a key of their own: the menus' and the window's."""
        found: list[QAction] = []
        menus = [a.menu() for a in self.menuBar().actions() if a.menu() is not None]
        while menus:
            menu = menus.pop()
            for action in menu.actions():
                if action.menu() is not None:
                    menus.append(action.menu())
                elif not action.shortcut().isEmpty():
                    found.append(action)
        found += [a for a in self.actions() if not a.shortcut().isEmpty()]
        return found

    def _remember_focus(self, _old, new) -> None:
        if new is not None and new.window() is self:
            self._typing_in = new

    def forward_key(self, event) -> None:
        """A key typed in the presenter window: back to where the scribe was typing."""
        from PySide6.QtGui import QKeyEvent

        target = self._typing_in
        if target is None or target.window() is not self or not target.isVisible():
            target = self.workspace.capture if self.workspace is not None else self
        self.activateWindow()
        target.setFocus()
        copy = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text(),
                         event.isAutoRepeat(), event.count())  # fmt: skip
        QApplication.sendEvent(target, copy)

    # -- menus ----------------------------------------------------------------------
    def _setup_edit_menu(self) -> None:
        undo = self.undo_group.createUndoAction(self, "&Undo")
        undo.setShortcuts([QKeySequence("Ctrl+Z")])
        redo = self.undo_group.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.ui.menuEdit.addAction(undo)
        self.ui.menuEdit.addAction(redo)
        self.undo_action, self.redo_action = undo, redo

    def _zone_changed(self) -> None:
        if self.workspace is not None:
            self.workspace.timeline.zone_changed()

    def _toggle_timer(self) -> None:
        self.meeting.setVisible(not self.meeting.isVisible())
        if self.meeting.isVisible():
            self.meeting.raise_()

    def _show_coach(self) -> None:
        if self.doc is not None:
            self.coach_dock.show()
            self.coach_dock.raise_()
            self.coach_dock.view.setFocus()

    def set_presenter_shown(self, on: bool) -> None:
        """Show or hide the presenter window (made the first time it is shown)."""
        if on and self.presenter is None:
            from .presenter_window import PresenterWindow

            self.presenter = PresenterWindow(self, self.meeting, self.forward_key)
            self.presenter.addActions(self.window_actions())
            self.presenter.set_workspace(self.workspace)
            self.presenter.installEventFilter(self)
            self._place_presenter()
        if self.presenter is not None and on != self.presenter.isVisible():
            typing_in = QApplication.focusWidget()
            self.presenter.setVisible(on)
            if on:
                # Above the main window, so F8 visibly opens it (shown without
                # activation, a window manager stacks it below the active window).
                self.presenter.raise_()
                self.report(
                    "Presenter window open: share it in the meeting; the keyboard stays "
                    "here, F8 hides it"
                )
            if on and typing_in is not None and typing_in.window() is self:
                # The scribe keeps the keyboard. Activating this window again would
                # also raise it over the presenter, so only when the window manager
                # gave the focus away.
                if QApplication.activeWindow() is not self:
                    self.activateWindow()
                typing_in.setFocus()
        if self.ui.actionPresenter.isChecked() != on:
            self.ui.actionPresenter.setChecked(on)

    def _place_presenter(self) -> None:
        """Where it was last time; else on a second screen when there is one, filling
        it; else over the right of this one."""
        saved = self.settings.value("presenter/geometry")
        if saved is not None and self.presenter.restoreGeometry(saved):
            return
        here = self.screen()
        other = next((s for s in QGuiApplication.screens() if s is not here), None)
        if other is not None:
            self.presenter.setGeometry(other.availableGeometry())
        else:
            area = here.availableGeometry()
            width, height = int(area.width() * 0.8), int(area.height() * 0.85)
            self.presenter.resize(width, height)
            self.presenter.move(area.right() - width, area.top())

    def show_statement(self) -> None:
        if self.doc is None:
            self.report("open a review to show its blameless statement")
            return
        self.set_presenter_shown(True)
        self.presenter.show_statement()

    def eventFilter(self, watched, event) -> bool:
        # the presenter hidden by Esc or its close button: keep the menu's tick in step
        if watched is self.presenter and event.type() in (event.Type.Hide, event.Type.Close):
            self.settings.setValue("presenter/geometry", self.presenter.saveGeometry())
            self.ui.actionPresenter.setChecked(False)
        return super().eventFilter(watched, event)

    def go_to_finding(self, where) -> None:
        """Show the item a coach finding is about (a Location) or its list (a path)."""
        from .panels_editor import PANELS as PANEL_LISTS

        if self.workspace is None:
            return
        if isinstance(where, str):
            if where.startswith("action_items"):
                self.show_tab(ACTIONS)
            return
        if where.kind == "why":
            self.show_tab(WHYS)
            self.workspace.whys.select(self.workspace.whys.model.index_of(where.item_id))
        elif where.kind == "panel":
            self.show_tab(PANELS)
            for panel in PANEL_LISTS:
                if self.workspace.panels.models[panel].row_of(where.item_id) is not None:
                    self.workspace.panels.select(panel, where.item_id)
        elif where.kind == "action":
            self.show_tab(ACTIONS)
            self.workspace.actions.select(where.item_id)
        elif where.kind == "factor":
            self.show_tab(WHYS)
            self.workspace.factors.select(where.item_id)
        elif where.kind == "lesson":
            self.show_tab(PANELS)
            self.workspace.lessons.select(where.item_id)

    def _show_shortcuts(self) -> None:
        box = ShortcutsDialog(self)
        box.finished.connect(box.deleteLater)
        self.shortcuts_box = box
        box.open()

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<b>{APP_NAME} {__version__}</b><p>Run a blameless post-incident review: "
            "ask what in the system allowed it, never who.</p>"
            f"<p>Library: {_escape(self.library_name())}</p>",
        )

    # -- messages ---------------------------------------------------------------------
    def report(self, message: str) -> None:
        """A problem the user can fix, shown in the status bar (it never blocks typing)."""
        self.last_message = message
        text = message[:1].upper() + message[1:]
        self.statusBar().showMessage(text, 10_000)

    def alert(self, message: str) -> None:
        """A problem that stops what the user asked for: a window-modal message box."""
        from PySide6.QtWidgets import QMessageBox

        self.last_message = message
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message[:1].upper() + message[1:],
                          QMessageBox.StandardButton.Ok, self)  # fmt: skip
        box.setObjectName("alert")
        box.open()

    def status(self, message: str) -> None:
        self.last_message = message
        self.statusBar().showMessage(message, 6_000)

    def tell(self, message: str) -> None:
        """What a finished step did, too long for the status bar: a window-modal box."""
        from PySide6.QtWidgets import QMessageBox

        self.last_message = message
        box = QMessageBox(QMessageBox.Icon.Information, APP_NAME,
                          message[:1].upper() + message[1:], QMessageBox.StandardButton.Ok,
                          self)  # fmt: skip
        box.setObjectName("told")
        box.open()

    # -- library ----------------------------------------------------------------------
    @property
    def reviews(self):
        """The library's reviews as the home lists them (a ``DashboardModel``)."""
        return self.home.model

    def refresh_home(self) -> None:
        """Read the library's lists again: the reviews, and the follow-ups if shown."""
        if self.library is None:
            return
        self.home.refresh()
        for view in self._library_views.values():
            if hasattr(view, "refresh") and view.isVisible():
                view.refresh()

    def focus_search(self) -> None:
        if self.doc is not None:
            self.show_home()
        self.ui.libraryTabs.setCurrentWidget(self.ui.reviewsTab)
        self.home.search.setFocus()
        self.home.search.selectAll()

    def _library_tab_shown(self, index: int) -> None:
        """Build the follow-ups, the future improvements and the insights when first shown."""
        widget = self.ui.libraryTabs.widget(index)
        if widget is self.ui.reviewsTab or index in self._library_views:
            view = self._library_views.get(index)
            if view is not None and hasattr(view, "refresh"):
                view.refresh()
            return
        path = self._library_source()
        if widget is self.ui.insightsTab:
            from .insights_view import InsightsView

            view = InsightsView(self._today, self.status, widget)
            self.ui.insightsLayout.addWidget(view)
            self._library_views[index] = view
            view.show()  # a layout shows a widget added to a visible page only later
            view.set_library(path)
            return
        from .follow_ups import FollowUps

        deferred = widget is self.ui.deferredTab
        view = FollowUps(
            self.library_changes.apply,
            lambda: self.library,
            self._today,
            widget,
            fixed_state="deferred" if deferred else None,
            status=self.status,
        )
        (self.ui.deferredLayout if deferred else self.ui.followUpsLayout).addWidget(view)
        view.open_item.connect(self.open_action)
        view.refresh_button.clicked.connect(lambda: self.trackers.refresh_all(view))
        self._library_views[index] = view
        view.show()
        view.set_library(path)

    def library_view(self, tab: QWidget):
        """The follow-ups, future improvements or insights widget of ``tab`` (built first)."""
        index = self.ui.libraryTabs.indexOf(tab)
        self.ui.libraryTabs.setCurrentIndex(index)
        return self._library_views.get(index)

    # -- home actions -----------------------------------------------------------------
    def _selected_review(self):
        return self.home.selected_review()

    def _show_empty(self, *_args) -> None:
        empty = self.reviews.rowCount() == 0 and self.home.unfiltered()
        self.empty.setVisible(self.library is not None and empty)

    def open_sample(self) -> None:
        """Import the sample review and open it."""
        from .empty_library import sample_path

        if self.import_paths([sample_path()]):
            review = self.home.selected_review()
            if review is not None:
                self.open_review(review.id)

    def new_review(self) -> None:
        if not self.ensure_library():
            return
        from .. import operations as ops
        from ..domain.model import new_id

        lib, rid = self.library, new_id()
        done = self.library_changes.apply(
            "New review",
            lambda: ops.create_review(lib, "Untitled review", date.today(), review_id=rid),
            lambda _: ops.delete_review(lib, rid),
        )
        if done:
            self.open_review(rid)
            self.show_tab(0)
            self.workspace.header.ui.titleEdit.setFocus()
            self.workspace.header.ui.titleEdit.selectAll()

    def delete_selected_review(self) -> None:
        review = self._selected_review()
        if review is None or not self.ensure_library():
            return
        from .. import operations as ops

        lib = self.library
        if self.library_changes.apply(
            f"Delete review “{review.title}”",
            lambda: ops.delete_review(lib, review.id),
            lambda whole: ops.restore_review(lib, whole),
        ):
            self.status(f"Deleted “{review.title}”. Ctrl+Z brings it back.")

    # -- review workspace -------------------------------------------------------------
    def known_names(self) -> tuple[list[str], list[str], list[tuple[str, str, str]]]:
        """The library's services, tags and reviews (id, title, date), for completion."""
        from ..storage import queries

        try:
            with open_reader(self._library_source()) as reader:
                services = [n.name for n in queries.known_services(reader)]
                tags = [n.name for n in queries.known_tags(reader)]
                reviews = [(r.id, r.title, r.incident_date.isoformat())
                           for r in queries.dashboard(reader, as_of=self._today())]  # fmt: skip
        except PirError:
            return [], [], []
        return services, tags, reviews

    def open_review_at(self, row: int) -> None:
        """Open the review on a row of the home's table (as it is sorted)."""
        review = self.home.review_at_view_row(row)
        if review is not None:
            self.open_review(review.id)

    def open_hit(self, hit) -> None:
        """A search hit: its review, at the item the text belongs to."""
        if self.open_review(hit.review_id):
            self.go_to_item(hit.kind, hit.item_id)

    def open_action(self, review_id: str, item_id: str) -> None:
        if self.open_review(review_id):
            self.go_to_item("action", item_id)

    def go_to_item(self, kind: str, item_id: str) -> None:
        """Show an item of the open review by the kind of text it is (``storage.queries``)."""
        from ..domain.findings import Location

        header = self.workspace.header.ui
        fields = {
            "title": header.titleEdit, "summary": header.summaryEdit,
            "problem": header.problemEdit, "detection.notes": header.detectionNotesEdit,
        }  # fmt: skip
        if kind in fields or kind.startswith("impact."):
            self.show_tab(0)
            field = fields.get(kind)
            if field is None:
                impact = kind.removeprefix("impact.")
                field = next(
                    (e for f, e in self.workspace.header.impact.items() if f.value == impact),
                    header.titleEdit,
                )
            field.setFocus()
            return
        if kind == "event":
            self.show_tab(TIMELINE)
            timeline = self.workspace.timeline
            row = timeline.model.row_of(item_id)
            if row is not None:
                index = timeline.model.index(row, 2)
                timeline.view.setCurrentIndex(index)
                timeline.view.scrollTo(index)
            return
        kinds = {"went_well": "panel", "went_poorly": "panel", "lucky": "panel"}
        self.go_to_finding(Location(kinds.get(kind, kind), item_id, None))

    def open_reference(self, ref: str) -> bool:
        """Open the review a command line or an issue's link names: an id, its start, or
        ``pir-desktop://review/ID``; a reference that matches none is named."""
        from ..storage.reviews import resolve_review_id

        if not self.ensure_library():
            return False
        wanted = ref.strip()
        prefix = "pir-desktop://review/"
        if wanted.lower().startswith(prefix):
            wanted = wanted[len(prefix) :].strip("/")
        try:
            with self.library.read() as session:
                review_id = resolve_review_id(session, wanted)
        except PirError as exc:
            self.alert(f"Cannot open {ref}: {exc}")
            return False
        return self.open_review(review_id)

    def open_review(self, review_id: str) -> bool:
        if not self.ensure_library():
            return False
        self.close_review()
        try:
            doc = ReviewDocument(self.library, review_id, self)
        except PirError as exc:
            self.alert(str(exc))
            return False
        self.doc = doc
        doc.failed.connect(self.report)
        doc.changed.connect(self._update_title)
        self.live.review_opened(doc)
        self.undo_group.addStack(doc.undo_stack)
        from .workspace import Workspace  # the editors: imported at the first review opened

        self.workspace = Workspace(
            self.ui, doc, self.report, self.status, self._today, self._now, self.display_zone,
            self.known_names,
        )  # fmt: skip
        self.workspace.opening.show_statement.connect(self.show_statement)
        self.meeting.set_document(doc)
        self.meeting.show()
        self.coach_dock.set_coach(self.workspace.coach)
        self.coach_dock.show()
        if self.meeting.width() < DOCK_WIDTH:
            self.resizeDocks([self.meeting], [DOCK_WIDTH], Qt.Orientation.Horizontal)
        if self.presenter is not None:
            self.presenter.set_workspace(self.workspace)
        self.ui.pages.setCurrentIndex(WORKSPACE)
        self.undo_group.setActiveStack(doc.undo_stack)
        self._update_title()
        self.show_tab(self._tab_for_meeting())
        self._follow_drafts(doc.review_id)
        return True

    def _tab_for_meeting(self) -> int:
        """The tab of the phase the meeting is in, when it has started; else the timeline."""
        clock = self.meeting.clock
        started = clock is not None and (clock.index > 0 or clock.total_spent() > 0)
        tab = tab_for_phase(clock.phase.name) if started else None
        return TIMELINE if tab is None else tab

    def drafts_store_path(self, review_id: str) -> Path:
        """Where this library's drafts of a review are kept (the file may not exist)."""
        from ..drafts import DraftStore

        return DraftStore(self._library_key(), self.drafts_folder).path(review_id)

    def _follow_drafts(self, review_id: str) -> None:
        """Keep this review's typing on disk, and offer back what a crash left there."""
        from ..drafts import DraftStore
        from .draft_keeper import DraftKeeper

        if self.drafts is None:
            self.drafts = DraftKeeper(self)
        store = DraftStore(self._library_key(), self.drafts_folder)
        drafts, timer = store.load(review_id)
        self.drafts.attach(store, review_id, self.workspace, self.meeting)
        resumed = self.meeting.resume(timer)
        if resumed:
            self.status(resumed)
        if drafts:
            self.drafts.offer(drafts)

    def close_review(self) -> None:
        if self.doc is None:
            return
        self.meeting.record_current()
        self.workspace.flush()
        if self.drafts is not None:
            self.drafts.detach()
        if self.presenter is not None:
            self.presenter.set_workspace(None)
        self.coach_dock.set_coach(None)
        self.workspace.close()
        self.meeting.set_document(None)
        self.undo_group.removeStack(self.doc.undo_stack)
        self.doc.deleteLater()
        self.doc, self.workspace = None, None

    def show_home(self) -> None:
        self.close_review()
        self.ui.pages.setCurrentIndex(HOME)
        self.undo_group.setActiveStack(self.library_changes.undo_stack)
        self.refresh_home()
        if self._meeting is not None:
            self._meeting.hide()
            self._coach_dock.hide()
        self._update_title()
        if self.ui.libraryTabs.currentWidget() is self.ui.reviewsTab:
            self.ui.reviewsView.setFocus()

    def show_tab(self, number: int) -> None:
        if self.doc is None:
            return
        self.ui.workspaceTabs.setCurrentIndex(number)
        workspace = self.workspace
        focus = {
            TIMELINE: workspace.timeline.view,
            WHYS: workspace.whys.view,
            PANELS: workspace.panels,
            ACTIONS: workspace.actions.view,
            NOTES: workspace.notes.view,
        }
        focus.get(number, workspace.editors[number]).setFocus()

    def _show_phase(self, name: str) -> None:
        """The tab of the phase the meeting moved to. The keyboard moves with it only
        from the tab being left: a scribe typing in the capture line when the timer
        starts or the phase changes goes on typing there."""
        tab = tab_for_phase(name)
        if tab is None or self.doc is None:
            return
        tabs = self.ui.workspaceTabs
        focus = QApplication.focusWidget()
        if focus is None or focus is tabs or tabs.isAncestorOf(focus):
            self.show_tab(tab)
        else:
            tabs.setCurrentIndex(tab)

    def _update_title(self) -> None:
        if self.doc is not None:
            title = self.doc.review.title
            self.setWindowTitle(f"{title} — {APP_NAME}")
            review = self.doc.review
            self.ui.reviewTitleLabel.setText(
                f"<b>{_escape(title)}</b> · {review.incident_date.isoformat()} · "
                f"{review.severity.value} · {review.status.value}"
            )
        else:
            name = (
                self.library_path.name
                if isinstance(self.library_path, Path)
                else (self.library_name())
            )
            self.setWindowTitle(f"{name} — {APP_NAME}")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_review()
        if self.presenter is not None:
            if self.presenter.isVisible():
                self.settings.setValue("presenter/geometry", self.presenter.saveGeometry())
            self.presenter.close()
        self.live.stop()
        if self.library is not None:
            self.library.close()
        self.settings.setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)


def _open_with_desktop(path: Path) -> bool:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
