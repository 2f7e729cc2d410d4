"""Nothing committed is lost when the laptop dies: SIGKILL a child mid-import, many times."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from pir_desktop.storage.library import open_library
from pir_desktop.storage.reviews import list_reviews

from .conftest import load_sample

KILLS = int(os.environ.get("PIR_CRASH_KILLS", "30"))

CHILD = textwrap.dedent(
    """
    import json, os, sys, uuid
    from pir_desktop.cli import main
    sys.stdout.reconfigure(line_buffering=True)
    library, review = sys.argv[1], sys.argv[2]
    doc = json.loads(open(review, encoding="utf-8").read())
    title, copy = doc["title"], f"{review}.{os.getpid()}"
    while True:
        # a title of its own each time: a file without an id is known by its title and date
        doc["title"] = f"{title} {uuid.uuid4().hex[:8]}"
        with open(copy, "w", encoding="utf-8") as file:
            json.dump(doc, file)
        main(["--library", library, "import", copy])
    """
)


@pytest.mark.slow
def test_sigkill_during_imports_loses_nothing_committed(tmp_path):
    doc = load_sample()
    # A larger review makes each transaction long enough to be cut in the middle.
    doc["timeline"] = doc["timeline"] * 40
    review = tmp_path / "review.json"
    review.write_text(json.dumps(doc), encoding="utf-8")
    library = tmp_path / "library.sqlite"
    rng = random.Random(20261122)
    printed: set[str] = set()
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(library), str(review)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(rng.uniform(0.3, 1.5))
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate(timeout=30)
        assert "Traceback" not in err and "error" not in err, err
        printed.update(line.split("\t")[0] for line in out.splitlines() if "\t" in line)

    assert len(printed) > KILLS  # the child did get work done between kills
    conn = sqlite3.connect(library)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    with open_library(library) as lib, lib.read() as session:
        stored = {r.id for r in list_reviews(session)}
    assert printed <= stored
    # Every stored review is whole: no import was half-written.
    conn = sqlite3.connect(library)
    counts = conn.execute("SELECT count(*) FROM timeline_events GROUP BY review_id").fetchall()
    conn.close()
    assert {c for (c,) in counts} == {len(doc["timeline"])}
