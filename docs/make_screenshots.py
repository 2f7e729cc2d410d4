"""Screenshots of the window for the README, in a real X window under Xvfb with openbox.

    .venv/bin/python docs/make_screenshots.py          # the README's set, into docs/
    .venv/bin/python docs/make_screenshots.py --all --out /tmp/shots
                                                       # every tab in every theme, to look at

Needs Debian's xvfb and openbox (and the xcb plugin's libraries: libxcb-cursor0,
libxcb-icccm4, libxcb-keysyms1). Each phase runs in its own process on its own
Xvfb screen with a window manager, as a desktop would show it:

- ``tabs``: a 1280×800 screen, the main window maximised with the timer and
  the coach docked, the API sample open and the meeting eleven minutes into
  its first phase; every tab (details, timeline, 5 whys with factors, panels
  with lessons, action items, notes) in the light, dark and presentation
  themes, and the Details tab at 150 % zoom;
- ``presenter``: a 2560×800 screen as two monitors side by side, the main
  window on the left and the presenter window the room sees on the right,
  in the root-cause phase, with a blameful why the coach marks in the main
  window only;
- ``trackers``: the timeline import preview of the Slack export in
  tests/data, and a push to a GitHub stand-in on loopback (pytest-httpserver,
  so the test extras must be installed);
- ``library``: a library of 48 reviews over 2026 (benchmarks/learning_library.py's
  generator, with titles a team would write), as of 2026-12-01: the dashboard,
  a search, the follow-ups (overdue) and the insights.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

DOCS = Path(__file__).resolve().parent
SAMPLE = DOCS.parent / "tests" / "data" / "samples" / "api-500-connection-pool.json"
TABS = ("details", "timeline", "whys", "panels", "actions", "notes")
THEMES = ("light", "dark", "presentation")
# What the README shows; --all writes every tab in every theme.
README = {
    "details-light", "timeline-light", "whys-light", "panels-light", "actions-light",
    "notes-light", "details-dark", "timeline-presentation", "details-zoom150",
    "presenter", "import", "push", "dashboard", "search", "follow-ups", "insights",
}  # fmt: skip
SCREENS = {"tabs": (1280, 800), "presenter": (2560, 800), "trackers": (1280, 800),
           "library": (1280, 800)}  # fmt: skip
SYMPTOMS = ("timeouts after a config push", "500 errors for 40 minutes", "slow checkout",
            "queue backlog after a deploy", "expired certificate", "replica lag",
            "login failures", "stale search results", "dropped webhooks", "DNS resolution errors",
            "retry storm after a failover", "disk full on the primary")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="every tab in every theme")
    parser.add_argument("--out", type=Path, default=DOCS)
    parser.add_argument("--phase", choices=sorted(SCREENS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.phase:
        os.environ["QT_QPA_PLATFORM"] = "xcb"
        shoot(args.phase, args.out, args.all)
        return
    for tool in ("Xvfb", "openbox"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is not installed: apt-get install xvfb openbox libxcb-cursor0 ...")
    for number, (phase, (width, height)) in enumerate(SCREENS.items()):
        display = f":{90 + number}"
        server = subprocess.Popen(
            ["Xvfb", display, "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"]
        )
        env = dict(os.environ, DISPLAY=display)
        time.sleep(1.0)
        manager = subprocess.Popen(
            ["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(1.0)
        try:
            command = [sys.executable, __file__, "--phase", phase, "--out", str(args.out)]
            subprocess.run(command + (["--all"] if args.all else []), env=env, check=True)
        finally:
            manager.terminate()
            server.terminate()
            manager.wait(5)
            server.wait(5)


class Shooter:
    def __init__(self, app, out: Path, everything: bool):
        self.app, self.out, self.everything = app, out, everything

    def settle(self, rounds: int = 10) -> None:
        for _ in range(rounds):
            self.app.processEvents()
            time.sleep(0.04)

    def save(self, name: str) -> None:
        if not (self.everything or name in README):
            return
        self.settle()
        screen = self.app.primaryScreen()
        shot = screen.grabWindow(0)
        target = self.out / f"screenshot-{name}.png"
        shot.save(str(target))
        print(f"wrote {target}")


def _window(app, folder: Path, clock):
    from PySide6.QtCore import QSettings

    from pir_desktop.gui.appearance import Appearance
    from pir_desktop.gui.main_window import MainWindow

    settings = QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
    appearance = Appearance(app, settings)
    appearance.apply()
    # the morning after the sample's incident: the meeting is on time, nothing is due yet
    day = datetime(2026, 3, 13, 10, 0, tzinfo=UTC)
    window = MainWindow(
        folder / "library.sqlite", appearance, settings, lambda: clock[0],
        today=day.date, now=lambda: day,
    )  # fmt: skip
    window.drafts_folder = folder / "drafts"
    window.showMaximized()
    window.ensure_library()
    window.import_paths([SAMPLE])
    window.open_review(window.reviews.review_at(0).id)
    _fill(window)
    window.meeting.start_pause()
    clock[0] += 11 * 60 + 42
    window.meeting.update_display()
    return window, appearance


def _fill(window) -> None:
    """What a review has after its meeting: factors, lessons, notes, a coached why."""
    from pir_desktop.domain.enums import FactorCategory
    from pir_desktop.gui import commands

    doc = window.doc
    commands.add_factor(doc, "Schema changes reach production without a query-plan check",
                        FactorCategory.PROCESS)  # fmt: skip
    commands.add_factor(doc, "Pool saturation is not on the API dashboard", FactorCategory.TOOLING)
    commands.add_lesson(doc, "A migration can break an API without touching its code")
    commands.add_note(doc, "Ask the DBA team how other services review migrations")
    commands.add_note(doc, "Link the incident channel in the report")


def shoot(phase: str, out: Path, everything: bool) -> None:
    from PySide6.QtWidgets import QApplication

    clock = [0.0]
    app = QApplication([])
    shooter = Shooter(app, out, everything)
    if phase == "library":
        with tempfile.TemporaryDirectory() as name:
            _library(shooter, app, Path(name))
        return
    with tempfile.TemporaryDirectory() as name:
        window, appearance = _window(app, Path(name), clock)
        if phase == "tabs":
            _tabs(shooter, window, appearance)
        elif phase == "presenter":
            _presenter_beside(shooter, window, clock)
        else:
            _import_and_push(shooter, window)
        window.close()


def _library(shooter, app, folder: Path) -> None:
    import random

    from PySide6.QtCore import QSettings

    sys.path.insert(0, str(DOCS.parent / "benchmarks"))
    from learning_library import SERVICES, make_review

    from pir_desktop.gui.appearance import Appearance
    from pir_desktop.gui.main_window import MainWindow
    from pir_desktop.operations import import_reviews
    from pir_desktop.storage.library import open_library

    rng = random.Random(48)
    reviews, ids = [], []
    for index in range(48):
        review = make_review(rng, index, 48, ids)
        service = review.services[0] if review.services else rng.choice(SERVICES)
        review.title = f"{service}: {rng.choice(SYMPTOMS)}"
        reviews.append(review)
        ids.append(review.id)
    with open_library(folder / "library.sqlite") as lib:
        import_reviews(lib, reviews)
    settings = QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
    appearance = Appearance(app, settings)
    appearance.apply()
    day = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    window = MainWindow(folder / "library.sqlite", appearance, settings, today=day.date,
                        now=lambda: day)  # fmt: skip
    window.showMaximized()
    window.ensure_library()
    shooter.save("dashboard")
    window.home.search.setText("pool exhausted")
    window.home.run_search()
    shooter.save("search")
    window.home.search.clear()
    view = window.library_view(window.ui.followUpsTab)
    view.state.setCurrentIndex(view.state.findData("overdue"))
    shooter.save("follow-ups")
    window.library_view(window.ui.insightsTab)
    shooter.save("insights")
    window.close()


def _tabs(shooter, window, appearance) -> None:
    from pir_desktop.gui.appearance import Theme

    whys = window.workspace.whys
    for theme in THEMES:
        appearance.set_theme(Theme(theme))
        for number, tab in enumerate(TABS):
            window.show_tab(number)
            if tab == "whys":
                leaf = list(window.doc.review.whys[0].walk())[-2]
                whys.select(whys.model.index_of(leaf.id))
            shooter.save(f"{tab}-{theme}")
    appearance.set_theme(Theme.LIGHT)
    appearance.set_zoom(1.5)
    for number, tab in enumerate(TABS):
        window.show_tab(number)
        shooter.save(f"{tab}-zoom150")
    appearance.set_zoom(1.0)


def _presenter_beside(shooter, window, clock) -> None:
    from pir_desktop.gui import commands

    doc = window.doc
    top = doc.review.whys[0]
    commands.add_why(doc, top.id, "The on-call engineer didn't notice the pool alert")
    window.meeting.next_phase()
    clock[0] += 6 * 60 + 5
    window.meeting.next_card()
    window.meeting.update_display()
    window.showNormal()
    window.setGeometry(0, 24, 1280, 770)
    window.show_tab(2)
    window.set_presenter_shown(True)
    window.presenter.setGeometry(1280, 24, 1280, 770)
    shooter.save("presenter")


def _import_and_push(shooter, window) -> None:
    from keyring.backends import fail
    from pytest_httpserver import HTTPServer
    from werkzeug.wrappers import Response

    from pir_desktop.gui.tracker_dialogs import PushDialog
    from pir_desktop.trackers.secrets import TokenStore

    window.show_tab(1)
    dialog = window.trackers.import_timeline_from(DOCS.parent / "tests" / "data" / "slack-export")
    dialog.setGeometry(60, 80, 1160, 620)
    dialog.view.selectRow(2)
    shooter.save("import")
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
    window.trackers.tokens = TokenStore(fail.Keyring())  # shows the session-only path, as here
    window.trackers.tokens.keep_for_session("github", f"{host}/api/v3", "example-token")
    window.trackers.push_actions()
    push = window.findChild(PushDialog)
    push.address.setText(host)
    push.project.setText("acme/api")
    push.setGeometry(24, 300, 760, 470)  # the table's Issue column stays in sight
    push.push()
    for _ in range(100):
        shooter.app.processEvents()
        if push.outcome.text().startswith("Created"):
            break
        time.sleep(0.05)
    window.show_tab(4)
    shooter.save("push")
    push.reject()
    server.stop()


if __name__ == "__main__":
    main()
