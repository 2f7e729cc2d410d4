"""The cost of one edit on the large review with the presenter window open, against closed.

Run: ``.venv/bin/python benchmarks/presenter_bench.py`` (or ``make bench``).

The large review of ``library_bench.py`` (2,000 events, 300 whys, 100
action items) is opened in the window on Qt's offscreen platform; an item
is added to a panel and the events are processed (the views lay out and
paint what changed). Measured first with the presenter closed (the
baseline), then shown, in the same run; medians of a few edits each.
Before Meeting day, a whys model that reported every node as changed after
each edit made the presenter re-measure all 300 wrapped rows 300 times:
8.6 s an edit.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from library_bench import large_review  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

EDITS = 7


def main() -> None:
    from pir_desktop import operations as ops
    from pir_desktop.domain.enums import Panel
    from pir_desktop.gui import commands
    from pir_desktop.gui.appearance import Appearance
    from pir_desktop.gui.main_window import MainWindow
    from pir_desktop.interchange.review_json import read_review

    app = QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
        appearance = Appearance(app, settings)
        appearance.apply()
        window = MainWindow(Path(folder) / "library.sqlite", appearance, settings)
        window.resize(1280, 800)
        window.show()
        window.ensure_library()
        doc = {"format": "pir-review", "version": 1, **large_review(random.Random(1))}
        review = read_review(json.dumps(doc))
        ops.import_reviews(window.library, [review])
        window.refresh_home()
        window.open_review(review.id)

        def edits(label: str) -> float:
            times = []
            for i in range(EDITS):
                start = time.perf_counter()
                commands.add_panel_item(window.doc, Panel.WENT_WELL, f"{label} {i}")
                app.processEvents()
                times.append(time.perf_counter() - start)
            return statistics.median(times)

        app.processEvents()
        closed = edits("closed")
        window.set_presenter_shown(True)
        for _ in range(5):
            app.processEvents()
        shown = edits("shown")
        window.close()
    print(f"one edit of the large review (median of {EDITS}):")
    print(f"  presenter closed (baseline): {closed * 1000:7.1f} ms")
    print(f"  presenter open:              {shown * 1000:7.1f} ms  ({shown / closed:.2f} x)")


if __name__ == "__main__":
    main()
