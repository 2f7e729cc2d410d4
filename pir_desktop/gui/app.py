"""Start the window: one QApplication, the appearance, the main window on the library."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from ..storage.peek import default_library_path
from .appearance import Appearance
from .main_window import APP_NAME, MainWindow

log = logging.getLogger("pir_desktop")
OPEN_LIBRARY_DELAY_MS = 50  # after the first paint


def _install_bug_handler(window: MainWindow, log_path: Path | None) -> None:
    """A bug in a slot is logged with its traceback and named in a message, not printed."""

    def handle(kind, value, tb):
        import traceback

        from PySide6.QtWidgets import QMessageBox

        log.error("bug in the window:\n%s", "".join(traceback.format_exception(kind, value, tb)))
        where = f" The details are in {log_path}." if log_path else ""
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            APP_NAME,
            f"Something went wrong inside {APP_NAME} ({kind.__name__}). Your edits so far "
            f"are saved.{where}",
            QMessageBox.StandardButton.Ok,
            window,
        )
        box.open()

    sys.excepthook = handle


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _log_qt_message(kind, context, message: str) -> None:
    """Qt's own warnings go to the log, where a crash's lead-up can be read afterwards."""
    level = _QT_LEVELS.get(kind, logging.WARNING)
    if message.startswith("This plugin does not support"):
        level = logging.DEBUG  # the platform lacks a window feature: nothing is wrong
    log.log(level, "Qt: %s", message)


def _refuse_broken_binding(app: QApplication) -> bool:
    """True (after saying why) when the Qt binding is one known to crash the window."""
    from .binding_check import defect

    problem = defect()
    if problem is None:
        return False
    from PySide6.QtWidgets import QMessageBox

    log.error("refusing to start: %s", problem)
    sys.stderr.write(f"pir-desktop: {problem}\n")
    QMessageBox.critical(None, APP_NAME, f"{APP_NAME} cannot start: {problem}.")
    return True


def _first_size(window) -> None:
    """The window's first size: its designed size when that fits the screen with
    the window manager's frame, else maximised (a 1280x800 laptop), so the status
    bar and the capture line are never below the screen's edge."""
    area = window.screen().availableGeometry()
    frame = 48  # a title bar and borders, which the window's own size leaves out
    if window.width() + 16 > area.width() or window.height() + frame > area.height():
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    else:
        window.move(area.center() - window.rect().center())


def _library_location(given, settings: QSettings):
    """The library to open: the one given (a path or a team library's URL), else the
    one opened last (a file still there, or a team library), else the default file."""
    from ..storage.team_address import is_team_url

    if given is None:
        last = settings.value("library/last")
        if isinstance(last, str) and is_team_url(last):
            return last  # its password comes from libpq's places or the keyring
        if isinstance(last, str) and last and Path(last).is_file():
            return Path(last)
        return default_library_path().absolute()
    if is_team_url(given):
        return given
    return Path(given).expanduser().absolute()


def run(
    library_path: Path | str | None,
    *,
    exit_after_startup: bool = False,
    log_path: Path | None = None,
    open_review: str | None = None,
) -> int:
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "pir-desktop"])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("pir-desktop")
    app.setDesktopFileName("pir-desktop")
    qInstallMessageHandler(_log_qt_message)
    if _refuse_broken_binding(app):
        return 2
    settings = QSettings("pir-desktop", "pir-desktop")
    appearance = Appearance(app, settings)
    appearance.apply()
    window = MainWindow(_library_location(library_path, settings), appearance, settings)
    geometry = settings.value("window/geometry")
    if geometry is None or not window.restoreGeometry(geometry):
        _first_size(window)
    window.show()
    if exit_after_startup:
        QTimer.singleShot(0, lambda: (window.repaint(), app.quit()))
    else:
        _install_bug_handler(window, log_path)
        QTimer.singleShot(
            OPEN_LIBRARY_DELAY_MS,
            lambda: window.open_reference(open_review) if open_review else window.ensure_library(),
        )
    return app.exec()
