"""Start the window: one QApplication, the appearance, the main window on the library."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ..storage.peek import default_library_path
from .appearance import Appearance
from .main_window import APP_NAME, MainWindow

log = logging.getLogger("pir_desktop")
OPEN_LIBRARY_DELAY_MS = 50  # after the first paint


def _install_bug_handler(window: MainWindow, log_path: Path | None) -> None:
    """A bug in a slot is logged with its traceback and named in a message, not printed."""

    def handle(kind, value, tb):
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


def run(
    library_path: Path | None,
    *,
    exit_after_startup: bool = False,
    log_path: Path | None = None,
    open_review: str | None = None,
) -> int:
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "pir-desktop"])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("pir-desktop")
    app.setDesktopFileName("pir-desktop")
    settings = QSettings("pir-desktop", "pir-desktop")
    appearance = Appearance(app, settings)
    appearance.apply()
    path = (library_path.expanduser() if library_path else default_library_path()).absolute()
    window = MainWindow(path, appearance, settings)
    geometry = settings.value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
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
