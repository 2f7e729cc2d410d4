"""The presenter window: what the room sees while the facilitator shares one window.

A second top-level window (F8) for screen sharing or a second screen. It
shows the current meeting phase in large type (its name, the time left in
its timebox and the question on the prompt card), then the part of the
review that phase works on: the timeline with its metrics, the 5-Whys tree,
the three panels or the action items. Before the meeting starts, and in an
opening phase, it shows the blameless statement.

It follows the meeting timer's phase and updates live: its views show the
editing models themselves through a read-only proxy, so every committed
edit appears at once.

It never takes the keyboard: it is shown without being activated, the main
window's commands (F5, F6, F7, Ctrl+K, Ctrl+Z ...) are its commands too,
and anything typed while it has the focus (the facilitator clicked it to
move it to the shared screen) goes back to the main window, into the field
the scribe was typing in. It never shows coach findings (they are painted by
the editing views' delegate, which this window does not use), private
notes (detection notes, the checklist) or any editing control.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QStackedWidget,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..domain import meeting_opening as opening
from ..domain.meeting_clock import TimeboxState, format_clock
from ..domain.prompt_cards import PhaseKind, phase_kind
from .labels import PANEL_LABELS
from .panels_editor import PANELS
from .timeline_editor import MetricsBar
from .whys_model import DEPTH
from .wrapping import WrappingDelegate

Index = QModelIndex | QPersistentModelIndex
SCALE = 1.6  # the presenter's type against the application's
_PAGE_OF_KIND = {
    PhaseKind.OPENING: "statement",
    PhaseKind.TIMELINE: "timeline",
    PhaseKind.ROOT_CAUSE: "whys",
    PhaseKind.PANELS: "panels",
    PhaseKind.ACTIONS: "actions",
    PhaseKind.OTHER: "overview",
}
_CLOCK_COLOURS = {
    TimeboxState.WITHIN: "",
    TimeboxState.NEAR: "color:#b06000;",
    TimeboxState.OVER: "color:#d93025;",
}


class ReadOnlyProxy(QSortFilterProxyModel):
    """An editing model as the room sees it: nothing editable, checkable or draggable,
    the timeline's draft row left out, fonts in the presenter's size."""

    def __init__(self, source, font: QFont, parent):
        super().__init__(parent)
        self._font = font
        self._is_draft = getattr(source, "is_draft", None)
        self.setSourceModel(source)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        if self._is_draft is None:
            return True
        return not self._is_draft(self.sourceModel().index(row, 0, parent))

    def flags(self, index: Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        value = super().data(index, role)
        if role == Qt.ItemDataRole.FontRole and isinstance(value, QFont):
            font = QFont(self._font)
            font.setBold(value.bold())
            font.setItalic(value.italic())
            return font
        return value


def _follow_contents(table: QTableView) -> None:
    """Keep the table's columns sized to their contents as rows arrive and change.

    A header resizes such columns when it is laid out, not when a row is added
    or edited, so a kind typed during the meeting showed as "…".
    """
    header = table.horizontalHeader()
    pending = []

    def resize() -> None:
        pending.clear()
        for column in range(header.count()):
            if header.sectionResizeMode(column) == QHeaderView.ResizeMode.ResizeToContents:
                table.resizeColumnToContents(column)

    def later(*_args) -> None:
        if not pending:  # one pass for a burst of changes
            pending.append(True)
            QTimer.singleShot(0, resize)

    model = table.model()
    for signal in (model.rowsInserted, model.rowsRemoved, model.dataChanged, model.modelReset,
                   model.layoutChanged):  # fmt: skip
        signal.connect(later)


def _quiet(view: QAbstractItemView, font: QFont) -> None:
    # set, not inherited: the platform may give item views a font of their own
    view.setFont(font)
    view.setItemDelegate(WrappingDelegate(view))
    for header in (getattr(view, "header", None), getattr(view, "horizontalHeader", None)):
        if header is not None:
            header().setFont(font)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    view.setDragEnabled(False)
    view.setAcceptDrops(False)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    view.setWordWrap(True)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    if isinstance(view, QTableView):
        view.setCornerButtonEnabled(False)


class PresenterWindow(QWidget):
    def __init__(self, parent, meeting, forward_key=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presenterWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self._forward_key = forward_key  # hands a key typed here to the main window
        self.setWindowTitle("PIR Desktop — presenter")
        self.meeting = meeting
        self.doc = None
        self.workspace = None
        self.statement_mode = True
        self._last = (None, False)  # (phase id, running) at the last update
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * SCALE)
        self.setFont(font)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.phase = QLabel(self)
        self.phase.setObjectName("presenterPhase")
        self.clock = QLabel(self)
        self.clock.setObjectName("presenterClock")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for label in (self.phase, self.clock):
            label.setTextFormat(Qt.TextFormat.PlainText)
        for label, factor in ((self.phase, 1.6), (self.clock, 2.2)):
            big = QFont(font)
            big.setPointSizeF(font.pointSizeF() * factor)
            big.setBold(True)
            label.setFont(big)
        top.addWidget(self.phase, 1)
        top.addWidget(self.clock)
        layout.addLayout(top)
        self.question = QLabel(self)
        self.question.setObjectName("presenterQuestion")
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        italic = QFont(font)
        italic.setItalic(True)
        self.question.setFont(italic)
        layout.addWidget(self.question)
        self.stack = QStackedWidget(self)
        layout.addWidget(self.stack, 1)
        self._pages: dict[str, QWidget] = {}
        self.views: dict[str, QAbstractItemView] = {}  # the review's views, by page or panel
        self._proxies: list[ReadOnlyProxy] = []
        self.statement = QLabel(self)
        self.statement.setObjectName("presenterStatement")
        self.statement.setWordWrap(True)
        self.statement.setTextFormat(Qt.TextFormat.PlainText)
        self.statement.setAlignment(Qt.AlignmentFlag.AlignCenter)
        statement_font = QFont(font)
        statement_font.setPointSizeF(font.pointSizeF() * 1.3)
        self.statement.setFont(statement_font)
        self.overview = QLabel(self)
        self.overview.setObjectName("presenterOverview")
        self.overview.setWordWrap(True)
        self.overview.setTextFormat(Qt.TextFormat.RichText)
        self.overview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        empty = QLabel("No review is open.", self)
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for name, widget in (
            ("empty", empty),
            ("statement", self.statement),
            ("overview", self.overview),
        ):
            self._add_page(name, widget)

        meeting.display_updated.connect(self.follow_meeting)
        self.resize(1100, 720)
        self.set_workspace(None)

    # -- pages -----------------------------------------------------------------------
    def _add_page(self, name: str, widget: QWidget) -> None:
        self._remove_page(name)
        self._pages[name] = widget
        self.stack.addWidget(widget)

    def _remove_page(self, name: str) -> None:
        old = self._pages.pop(name, None)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()

    def page(self) -> str:
        current = self.stack.currentWidget()
        return next(name for name, widget in self._pages.items() if widget is current)

    def _proxy(self, model) -> ReadOnlyProxy:
        proxy = ReadOnlyProxy(model, self.font(), self)
        self._proxies.append(proxy)
        return proxy

    def _clear_pages(self) -> None:
        """Let go of the editing models before they go (a deleted page may outlive them)."""
        for view in self.views.values():
            view.setModel(None)
        for proxy in self._proxies:
            proxy.setSourceModel(None)
            proxy.deleteLater()
        self._proxies, self.views = [], {}
        for name in ("timeline", "whys", "panels", "actions"):
            self._remove_page(name)

    def set_workspace(self, workspace) -> None:
        """Show the review open in ``workspace`` (None: no review)."""
        if self.doc is not None:
            self.doc.changed.disconnect(self._review_changed)
        self.workspace = workspace
        self.doc = workspace.doc if workspace is not None else None
        self._clear_pages()
        if workspace is not None:
            self._build_pages(workspace)
            self.doc.changed.connect(self._review_changed)
            meeting_started = self.meeting.clock is not None and (
                self.meeting.clock.running or self.meeting.clock.total_spent() > 0
            )
            self.statement_mode = not meeting_started
        self._last = self._clock_state()
        self._review_changed()

    def _clock_state(self) -> tuple[str | None, bool]:
        clock = self.meeting.clock
        return (clock.phase.id, clock.running) if clock is not None else (None, False)

    def _build_pages(self, workspace) -> None:
        timeline = QWidget(self)
        column = QVBoxLayout(timeline)
        column.setContentsMargins(0, 0, 0, 0)
        self.metrics = MetricsBar(timeline)
        table = QTableView(timeline)
        table.setObjectName("presenterTimeline")
        table.setModel(self._proxy(workspace.timeline.model))
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.model().rowsInserted.connect(lambda *_: QTimer.singleShot(0, table.scrollToBottom))
        column.addWidget(self.metrics)
        column.addWidget(table, 1)
        self._add_page("timeline", timeline)
        self.views["timeline"] = table

        whys = QWidget(self)
        whys_layout = QVBoxLayout(whys)
        whys_layout.setContentsMargins(0, 0, 0, 0)
        tree = QTreeView(whys)
        tree.setObjectName("presenterWhys")
        tree.setModel(self._proxy(workspace.whys.model))
        tree.setColumnHidden(DEPTH, True)
        tree.header().setStretchLastSection(False)
        tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        tree.expandAll()
        # rows wrap to the column's width: lay them out again when it changes
        tree.header().sectionResized.connect(lambda *_: QTimer.singleShot(0, tree.doItemsLayout))
        tree.model().rowsInserted.connect(lambda *_: QTimer.singleShot(0, tree.expandAll))
        whys_layout.addWidget(tree, 3)
        below = QHBoxLayout()
        factors = QTableView(whys)
        factors.setObjectName("presenterFactors")
        factors.setModel(self._proxy(workspace.factors.model))
        factors.verticalHeader().hide()
        factors.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        factors.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        factors.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        lessons_box = QVBoxLayout()
        lessons_box.addWidget(QLabel("<b>Lessons learned</b>", whys))
        lessons = QListView(whys)
        lessons.setObjectName("presenterLessons")
        lessons.setModel(self._proxy(workspace.lessons.model))
        lessons.setSpacing(2)
        lessons_box.addWidget(lessons, 1)
        below.addWidget(factors, 3)
        below.addLayout(lessons_box, 2)
        whys_layout.addLayout(below, 2)
        self._add_page("whys", whys)
        self.views["whys"] = tree
        self.views["factors"] = factors
        self.views["lessons"] = lessons

        panels = QWidget(self)
        grid = QGridLayout(panels)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, panel in enumerate(PANELS):
            title = QLabel(f"<b>{PANEL_LABELS[panel]}</b>", panels)
            view = QListView(panels)
            view.setObjectName(f"presenter_{panel.value}")
            view.setModel(self._proxy(workspace.panels.models[panel]))
            view.setSpacing(4)
            grid.addWidget(title, 0, i)
            grid.addWidget(view, 1, i)
            self.views[panel.value] = view
        grid.setRowStretch(1, 1)
        self._add_page("panels", panels)

        actions = QTableView(self)
        actions.setObjectName("presenterActions")
        actions.setModel(self._proxy(workspace.actions.model))
        actions.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        actions.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        actions.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._add_page("actions", actions)
        self.views["actions"] = actions
        for view in self.views.values():
            _quiet(view, self.font())
        for sized in (table, factors, actions):
            _follow_contents(sized)

    # -- following the meeting -----------------------------------------------------------
    def show_statement(self) -> None:
        """Put the blameless statement up until the phase changes or the timer starts."""
        self.statement_mode = True
        self.refresh()
        self.show()
        self.raise_()

    def follow_meeting(self) -> None:
        now, before = self._clock_state(), self._last
        if before[0] is not None and (now[0] != before[0] or (now[1] and not before[1])):
            self.statement_mode = False
        self._last = now
        self.refresh()

    def _review_changed(self) -> None:
        """The parts drawn from the review itself (not the clock): only after an edit."""
        if self.doc is not None:
            review = self.doc.review
            self.statement.setText(opening.statement(review))
            self.overview.setText(
                f"<h2>{escape(review.title)}</h2><p>{review.incident_date.isoformat()} · "
                f"{review.severity.value}</p><p>{escape(review.summary)}</p>"
            )
            self.metrics.show_review(review)
        self.refresh()

    def refresh(self) -> None:
        """The phase, the clock, the question and the page: at every tick of the timer."""
        clock = self.meeting.clock
        if self.doc is None or clock is None:
            self.phase.setText("PIR Desktop")
            self.clock.setText("")
            self.question.setText("")
            self.stack.setCurrentWidget(self._pages["empty"])
            return
        kind = phase_kind(clock.phase.name)
        if self.statement_mode:
            self.phase.setText(self.doc.review.title)
        else:
            self.phase.setText(f"{clock.index + 1}/{len(clock.phases)} · {clock.phase.name}")
        self.clock.setText(format_clock(clock.remaining()))
        self.clock.setStyleSheet(_CLOCK_COLOURS[clock.state()])
        self.question.setText("" if self.statement_mode else self.meeting.current_card())
        page = "statement" if self.statement_mode else _PAGE_OF_KIND[kind]
        self.stack.setCurrentWidget(self._pages[page])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Esc hides the window (F8 in the main window brings it back); F11 full screen;
        # anything else belongs to the main window (its shortcuts are already ours)
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
        elif event.key() == Qt.Key.Key_F11:
            self.showNormal() if self.isFullScreen() else self.showFullScreen()
        elif self._forward_key is not None:
            self._forward_key(event)
        else:
            super().keyPressEvent(event)
