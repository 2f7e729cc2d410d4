"""Screenshots of the window for the README, taken in a real X window under Xvfb.

    .venv/bin/python docs/make_screenshots.py      # or: make screenshots

Needs Debian's xvfb, libxcb-cursor0, libxcb-icccm4 and libxcb-keysyms1 (the
xcb platform plugin's libraries). Starts its own Xvfb when DISPLAY is not
set. Writes docs/screenshot-timeline.png, docs/screenshot-whys.png and
docs/screenshot-opening.png with the API sample open and the meeting timer
eleven minutes into its first phase, then docs/screenshot-presenter.png: the
main window and, beside it, the presenter window in the root-cause phase,
with a blameful why the coach marks in the main window only. Last,
docs/screenshot-import.png (the preview of the Slack export in tests/data)
and docs/screenshot-push.png (a push to a GitHub stand-in on loopback, made
with pytest-httpserver's server, so the test extras must be installed).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DOCS = Path(__file__).resolve().parent
WIDTH, WIDE, HEIGHT = 1440, 2560, 900
SAMPLE = DOCS.parent / "tests" / "data" / "samples" / "api-500-connection-pool.json"


def start_xvfb() -> subprocess.Popen | None:
    if os.environ.get("DISPLAY"):
        return None
    if shutil.which("Xvfb") is None:
        sys.exit("Xvfb is not installed: apt-get install xvfb libxcb-cursor0 libxcb-icccm4 ...")
    server = subprocess.Popen(
        ["Xvfb", ":97", "-screen", "0", f"{WIDE}x{HEIGHT}x24", "-nolisten", "tcp"]
    )
    os.environ["DISPLAY"] = ":97"
    time.sleep(1.0)
    return server


def main() -> None:
    server = start_xvfb()
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    try:
        shoot()
    finally:
        if server is not None:
            server.terminate()


def shoot() -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from pir_desktop.gui.appearance import Appearance
    from pir_desktop.gui.main_window import MainWindow

    clock = [0.0]
    app = QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
        appearance = Appearance(app, settings)
        appearance.apply()
        window = MainWindow(Path(folder) / "library.sqlite", appearance, settings, lambda: clock[0])
        window.setGeometry(0, 0, WIDTH, HEIGHT)
        window.show()
        window.ensure_library()
        window.import_paths([SAMPLE])
        window.open_review(window.reviews.review_at(0).id)
        window.meeting.start_pause()
        clock[0] += 11 * 60 + 42
        window.meeting.update_display()
        for name, tab in (("timeline", 1), ("whys", 2), ("opening", 0)):
            window.show_tab(tab)
            if tab == 2:
                whys = window.workspace.whys
                leaf = list(window.doc.review.whys[0].walk())[-2]
                whys.select(whys.model.index_of(leaf.id))
            _save(app, name, WIDTH)
        _presenter_beside(app, window, clock)
        window.set_presenter_shown(False)
        _import_and_push(app, window)
        window.close()


def _save(app, name: str, width: int) -> None:
    for _ in range(8):
        app.processEvents()
        time.sleep(0.05)
    screen = app.primaryScreen().grabWindow(0, 0, 0, width, HEIGHT)
    target = DOCS / f"screenshot-{name}.png"
    screen.save(str(target))
    print(f"wrote {target}")


def _presenter_beside(app, window, clock) -> None:
    from pir_desktop.gui import commands

    doc = window.doc
    top = doc.review.whys[0]
    commands.add_why(doc, top.id, "The on-call engineer didn't notice the pool alert")
    window.meeting.next_phase()
    clock[0] += 6 * 60 + 5
    window.meeting.next_card()
    window.meeting.update_display()
    window.setGeometry(0, 0, 1270, HEIGHT)
    window.show_tab(2)
    window.set_presenter_shown(True)
    window.presenter.setGeometry(1280, 0, WIDE - 1280, HEIGHT)
    _save(app, "presenter", WIDE)


def _import_and_push(app, window) -> None:
    import json

    from keyring.backends import fail
    from pytest_httpserver import HTTPServer
    from werkzeug.wrappers import Response

    from pir_desktop.gui.tracker_dialogs import PushDialog
    from pir_desktop.trackers.secrets import TokenStore

    window.setGeometry(0, 0, WIDTH, HEIGHT)
    window.show_tab(1)
    dialog = window.import_timeline_from(DOCS.parent / "tests" / "data" / "slack-export")
    dialog.setGeometry(120, 90, 1200, 620)
    dialog.view.selectRow(2)
    _save(app, "import", WIDTH)
    dialog.reject()

    server = HTTPServer()
    server.start()
    host = server.url_for("/").rstrip("/")
    made = []

    def create(request):
        made.append(json.loads(request.data))
        url = f"https://github.example.com/acme/api/issues/{40 + len(made)}"
        return Response(json.dumps({"html_url": url, "number": 40 + len(made)}), 201)

    server.expect_request("/api/v3/repos/acme/api/issues", method="GET").respond_with_json([])
    server.expect_request("/api/v3/repos/acme/api/issues", method="POST").respond_with_handler(
        create
    )
    window._tokens = TokenStore(fail.Keyring())  # shows the session-only path, as here
    window.tokens.keep_for_session("github", f"{host}/api/v3", "example-token")
    window.push_actions()
    push = window.findChild(PushDialog)
    push.address.setText(host)
    push.project.setText("acme/api")
    push.setGeometry(24, 290, 760, 470)  # the table's Issue column stays in sight
    push.push()
    for _ in range(100):
        app.processEvents()
        if push.outcome.text().startswith("Created"):
            break
        time.sleep(0.05)
    window.show_tab(4)
    _save(app, "push", WIDTH)
    push.reject()
    server.stop()


if __name__ == "__main__":
    main()
