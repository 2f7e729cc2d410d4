"""The View menu's settings: theme (and the presentation switch), time zone, zoom, full screen.

Each choice is kept in the settings by the object it changes (``Appearance``
for themes and zoom, ``DisplayZone`` for the zone); this module builds the
menu entries, keeps their ticks in step, and tells the window when the zone
changes (``zone_changed``), so the open timeline can follow.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from ..domain.times import zone_label
from .appearance import THEME_LABELS, Appearance, Theme
from .time_zone import SYSTEM, UTC_NAME, DisplayZone, system_zone_name


class ViewMenu(QObject):
    zone_changed = Signal()

    def __init__(self, window, ui, appearance: Appearance, zone: DisplayZone, alert, status):
        super().__init__(window)
        self._window, self._ui = window, ui
        self.appearance, self.zone = appearance, zone
        self._alert, self._status = alert, status
        ui.actionZoomIn.setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        ui.actionZoomIn.triggered.connect(lambda: appearance.zoom_by(+1))
        ui.actionZoomOut.triggered.connect(lambda: appearance.zoom_by(-1))
        ui.actionZoomReset.triggered.connect(lambda: appearance.set_zoom(1.0))
        ui.actionFullScreen.toggled.connect(self._full_screen)
        self._themes = self._theme_menu()
        self._zones = self._zone_menu()

    # -- themes -------------------------------------------------------------------------
    def _theme_menu(self) -> QActionGroup:
        menu = self._ui.menuView.addMenu("&Theme")
        group = QActionGroup(self)
        for theme in Theme:
            action = menu.addAction(THEME_LABELS[theme])
            action.setCheckable(True)
            action.setChecked(theme == self.appearance.theme)
            action.setData(theme.value)
            group.addAction(action)
            action.triggered.connect(lambda _c=False, t=theme: self.appearance.set_theme(t))
        presentation = QAction("Presentation theme on / off", self._window)
        presentation.setShortcut(QKeySequence("Ctrl+Shift+P"))
        presentation.triggered.connect(self.toggle_presentation)
        self._ui.menuView.addAction(presentation)
        return group

    def toggle_presentation(self) -> None:
        presenting = self.appearance.theme == Theme.PRESENTATION
        theme = Theme.SYSTEM if presenting else Theme.PRESENTATION
        self.appearance.set_theme(theme)
        for action in self._themes.actions():
            action.setChecked(action.data() == theme.value)

    def _full_screen(self, on: bool) -> None:
        self._window.showFullScreen() if on else self._window.showNormal()

    # -- time zone ----------------------------------------------------------------------
    def _zone_menu(self) -> QActionGroup:
        menu = self._ui.menuView.addMenu("Time &zone")
        menu.setObjectName("zoneMenu")
        group = QActionGroup(self)
        for choice, label in ((SYSTEM, "Follow the system"), (UTC_NAME, "UTC")):
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setData(choice)
            group.addAction(action)
            action.triggered.connect(lambda _c=False, c=choice: self.set_zone(c))
        other = menu.addAction("Other zone…")
        other.setCheckable(True)
        other.setData("")
        group.addAction(other)
        other.triggered.connect(self.ask_zone)
        self._zones = group
        self._tick_zone()
        # the system's zone is named when the menu is first opened, not at start-up
        menu.aboutToShow.connect(self._name_system_zone)
        return group

    def _name_system_zone(self) -> None:
        for action in self._zones.actions():
            if action.data() == SYSTEM:
                action.setText(f"Follow the system ({system_zone_name()})")

    def _tick_zone(self) -> None:
        choice = self.zone.choice
        named = choice not in (SYSTEM, UTC_NAME)
        for action in self._zones.actions():
            known = action.data() in (SYSTEM, UTC_NAME)
            action.setChecked(action.data() == choice or (not known and named))
            if not known:
                action.setText(f"Other zone… ({choice})" if named else "Other zone…")

    def ask_zone(self) -> None:
        from zoneinfo import available_timezones

        from PySide6.QtWidgets import QCompleter, QInputDialog, QLineEdit

        dialog = QInputDialog(self._window)
        dialog.setWindowTitle("Time zone")
        dialog.setLabelText(
            "Show and type times in this zone (they stay stored in UTC; reports stay in UTC):"
        )
        current = self.zone.choice
        dialog.setTextValue("" if current in (SYSTEM, UTC_NAME) else current)
        edit = dialog.findChild(QLineEdit)  # made by setTextValue
        if edit is not None:
            completer = QCompleter(sorted(available_timezones()), dialog)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            edit.setCompleter(completer)
        if dialog.exec() and dialog.textValue().strip():
            self.set_zone(dialog.textValue().strip())
        else:
            self._tick_zone()

    def set_zone(self, choice: str) -> bool:
        """Show and take times in another zone: ``system``, ``UTC`` or an IANA name."""
        try:
            self.zone.set_choice(choice)
        except ValueError as exc:
            self._alert(str(exc))
            self._tick_zone()
            return False
        self._tick_zone()
        self.zone_changed.emit()
        self._status(f"Times are shown and typed in {zone_label(self.zone())}.")
        return True
