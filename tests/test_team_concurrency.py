"""Eight processes importing and editing one library at once, on both back ends: no review
and no event is lost, every edit made from its own version lands, and nobody is shown
"could not serialize", "database is locked" or a traceback. The processes all add events
to one shared review (every write moves that review's row: on PostgreSQL they collide
and are run again) and edit their own items with the versions their edits produced."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from pir_desktop import operations as ops
from pir_desktop.storage.library import open_library

from .conftest import API_SAMPLE, REPO, fresh_rows, read_back, target_of

pytestmark = pytest.mark.both_backends

WRITERS = 8
ROUNDS = 10
WORKER = r"""
import json, sys, uuid
from datetime import UTC, datetime, timedelta
from pir_desktop import operations as ops
from pir_desktop.cli import main
from pir_desktop.storage.library import open_library

target, shared, sample, number = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
doc = json.load(open(sample, encoding="utf-8"))
doc["id"] = str(uuid.uuid4())
doc["title"] = f"Imported by writer {number}"
path = f"{sample}.{number}.json"
json.dump(doc, open(path, "w", encoding="utf-8"))
assert main(["--library", target, "import", path]) == 0
library = open_library(target, author=f"writer {number}")
start = datetime(2026, 3, 12, 14, 0, tzinfo=UTC)
for i in range({rounds}):
    event = ops.add_event(library, shared, start + timedelta(seconds=i), f"w{number} e{i}")
    version = library.last_write.version(event.id)
    ops.edit_event(library, event.id, text=f"w{number} e{i} edited", expected=version)
    ops.add_lesson(library, doc["id"], f"lesson {i} of writer {number}")
library.close()
print(doc["id"])
""".replace("{rounds}", str(ROUNDS))


def test_eight_writers_lose_nothing_and_show_no_raw_database_errors(library, tmp_path):
    shared = ops.create_review(library, "Shared by eight writers", date(2026, 3, 12), "P2")
    sample = tmp_path / "sample.json"
    sample.write_text(API_SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    target = str(target_of(library))
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, target, shared.id, str(sample), str(n)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        for n in range(WRITERS)
    ]
    results = [w.communicate(timeout=300) for w in writers]
    errors = "".join(err for _out, err in results)
    for raw in ("could not serialize", "database is locked", "deadlock", "Traceback"):
        assert raw not in errors
    assert [w.returncode for w in writers] == [0] * WRITERS, errors
    imported = [out.strip().splitlines()[-1] for out, _err in results]

    assert fresh_rows(library, "SELECT count(*) FROM reviews") == [(WRITERS + 1,)]
    timeline = read_back(library, shared.id).timeline
    assert sorted(e.text for e in timeline) == sorted(
        f"w{n} e{i} edited" for n in range(WRITERS) for i in range(ROUNDS)
    )
    for n, review_id in enumerate(imported):
        back = read_back(library, review_id)
        assert back.title == f"Imported by writer {n}"
        assert [x.text for x in back.lessons][-ROUNDS:] == [
            f"lesson {i} of writer {n}" for i in range(ROUNDS)
        ]
    # every change is in the feed, signed by its writer
    signed = fresh_rows(
        library,
        "SELECT changed_by, count(*) FROM changes WHERE change = 'event_edited' "
        "GROUP BY changed_by",
    )
    assert sorted(signed) == sorted((f"writer {n}", ROUNDS) for n in range(WRITERS))
    with open_library(target_of(library)) as again:
        assert again.name  # the library is still healthy to open
