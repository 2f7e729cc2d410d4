"""Start-up time of the window against a bare PySide6 window, and opening a large review.

Run: ``.venv/bin/python benchmarks/startup_bench.py`` (or ``make bench``).

1. ``pir-desktop --exit-after-startup`` on a library of 200 reviews (one of
   them the large review of ``library_bench.py``: 2,000 events, 300 whys,
   100 action items), and on the 1,000 reviews of ``learning_library.py``
   (the dashboard's figures for each), against ``bare_window.py``, which
   shows, paints and quits the same way. Runs alternate, so all see the
   same machine; the medians and their ratios are printed. Aim: at most
   1.3 times.
2. Opening the large review in the workspace of a running window: from the
   click to every editor filled and painted. Aim: under 0.5 s.

Both run on Qt's offscreen platform unless ``QT_QPA_PLATFORM`` says
otherwise (``xcb`` under Xvfb gives a real X window).

The package is byte-compiled first, as ``pip install`` leaves an installed
wheel and as PySide6 and every other installed library already is: in an
editable checkout with ``PYTHONDONTWRITEBYTECODE=1`` (set on some machines)
each run would otherwise compile every module of ours from source, about
60 ms that the bare window, whose libraries all have their bytecode, never
pays and that no user pays.
"""

from __future__ import annotations

import compileall
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from learning_library import build as build_learning_library  # noqa: E402
from library_bench import large_review  # noqa: E402

import pir_desktop  # noqa: E402
from pir_desktop.interchange.review_json import read_review  # noqa: E402
from pir_desktop.operations import create_review, import_reviews  # noqa: E402
from pir_desktop.storage.library import open_library  # noqa: E402

RUNS = 11


def build_library(path: Path) -> str:
    rng = random.Random(3)
    big = read_review(json.dumps(large_review(rng)))
    with open_library(path) as lib:
        import_reviews(lib, [big])
        for i in range(199):
            create_review(lib, f"Review {i}", big.incident_date, "P3")
    return big.id


def time_command(argv: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, env=env, capture_output=True)
    return time.perf_counter() - start


def open_large_review(path: Path, review_id: str) -> list[float]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from pir_desktop.gui.appearance import Appearance
    from pir_desktop.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
        appearance = Appearance(app, settings)
        appearance.apply()
        window = MainWindow(path, appearance, settings)
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        window.ensure_library()
        times = []
        for _ in range(5):
            window.show_home()
            app.processEvents()
            start = time.perf_counter()
            window.open_review(review_id)
            window.repaint()
            app.processEvents()
            times.append(time.perf_counter() - start)
        window.close()
        window.deleteLater()
        app.processEvents()
    return times


def main() -> None:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app_command = [str(Path(sys.executable).with_name("pir-desktop"))]
    if not Path(app_command[0]).exists():
        app_command = [sys.executable, "-m", "pir_desktop"]
    compileall.compile_dir(Path(pir_desktop.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        library = Path(folder) / "library.sqlite"
        review_id = build_library(library)
        env["XDG_CONFIG_HOME"] = str(Path(folder) / "config")
        ours_argv = [*app_command, "--library", str(library), "--exit-after-startup"]
        bare_argv = [sys.executable, str(HERE / "bare_window.py")]
        learning = Path(folder) / "learning.sqlite"
        build_learning_library(learning, 1000)
        many_argv = [*app_command, "--library", str(learning), "--exit-after-startup"]
        for argv in (ours_argv, bare_argv, many_argv):  # warm the file cache
            time_command(argv, env)
        ours, bare, many = [], [], []
        for _ in range(RUNS):
            bare.append(time_command(bare_argv, env))
            ours.append(time_command(ours_argv, env))
            many.append(time_command(many_argv, env))
        opening = open_large_review(library, review_id)

    bare_m, ours_m = statistics.median(bare), statistics.median(ours)
    print(
        f"platform: {env['QT_QPA_PLATFORM']}, {RUNS} runs each, alternating; "
        "the package byte-compiled first, as installed"
    )
    print(f"bare PySide6 window (show, paint, quit): median {bare_m:.3f} s, min {min(bare):.3f}")
    print(
        f"pir-desktop --exit-after-startup (200 reviews): median {ours_m:.3f} s, "
        f"min {min(ours):.3f}"
    )
    print(f"ratio: {ours_m / bare_m:.2f} (aim: at most 1.3)")
    many_m = statistics.median(many)
    print(
        f"pir-desktop --exit-after-startup (1,000 reviews, the dashboard's first view): "
        f"median {many_m:.3f} s, min {min(many):.3f}; ratio {many_m / bare_m:.2f}"
    )
    print(
        f"open the large review in the workspace: median {statistics.median(opening):.3f} s, "
        f"min {min(opening):.3f} (aim: under 0.5 s)"
    )


if __name__ == "__main__":
    main()
