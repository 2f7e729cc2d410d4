"""Timeline import: CSV, Slack export and chat/log text, read back as the events a user expects.

The files are built the way real exports come: a Slack export with threads,
an edited message, joins and bot alerts (tests/data/slack-export), CSV in
UTF-8 with BOM, UTF-16 and Windows-1252, and logs written in a local zone
across both daylight-saving changes of 2026 in Europe/Berlin.
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pir_desktop import operations as ops
from pir_desktop.cli import main
from pir_desktop.domain.enums import EventKind
from pir_desktop.domain.model import TimelineEvent
from pir_desktop.interchange.review_json import read_review_file
from pir_desktop.interchange.timeline_import import (
    TimelineImportError,
    decode,
    read_csv,
    read_slack,
    read_text,
    read_timeline_file,
    split_new,
    zone,
)

from .conftest import API_SAMPLE, read_back, table_counts

pytestmark = pytest.mark.both_backends

SLACK = Path(__file__).parent / "data" / "slack-export"
BERLIN = ZoneInfo("Europe/Berlin")
DAY = date(2026, 3, 12)


def utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=UTC)


# -- Slack -------------------------------------------------------------------------------


def test_slack_export_keeps_what_happened_and_drops_the_chatter():
    events = read_slack(SLACK)
    texts = [e.text for e in events]
    assert texts == [
        "PagerDuty: Triggered: API error rate > 5% on api-gateway (https://status.example.com/api)",
        "dana: I'm on it, @Alex Kim can you check the DB pool?",
        "Alex Kim: ↳ Pool is at 100%, one query holds connections for 30 s",
        "María: ↳ Index idx_orders_customer is gone since yesterday's migration",
        "Alex Kim: Rolled back to v2.3.0 :rewind: #incident-api",
        "PagerDuty: Resolved: API error rate back under 0.1%",
        "María: shared error-rate.png",
    ]
    # the join and the topic change are not events; times are the messages' own, in UTC
    assert events[0].at == utc(2026, 3, 12, 14, 5)
    # the edited message keeps the time it was first posted
    assert events[3].at == utc(2026, 3, 12, 14, 12)
    assert events[0].source == "slack #incident-api (bot)"
    assert events[1].source == "slack #incident-api"
    assert all(e.kind == EventKind.NOTE for e in events)


def test_slack_zip_single_day_file_and_folder_read_the_same(tmp_path):
    archive = shutil.make_archive(str(tmp_path / "export"), "zip", SLACK)
    day_file = SLACK / "incident-api" / "2026-03-12.json"
    whole = [e.text for e in read_slack(SLACK)]
    assert [e.text for e in read_timeline_file(Path(archive))] == whole
    # a lone day file has no users.json: names come from each message's profile
    lone = [e.text for e in read_timeline_file(day_file)]
    assert lone[1] == "dana: I'm on it, @U02ALEX can you check the DB pool?"
    assert len(lone) == len(whole)


def test_slack_message_without_ts_is_named(tmp_path):
    folder = tmp_path / "export" / "general"
    folder.mkdir(parents=True)
    (folder / "2026-03-12.json").write_text('[{"type": "message", "text": "hi"}]')
    with pytest.raises(TimelineImportError, match=r"message 1 of general/2026-03-12.json"):
        read_slack(tmp_path / "export")
    (folder / "2026-03-12.json").write_text("[{")
    with pytest.raises(TimelineImportError, match="not valid JSON"):
        read_slack(tmp_path / "export")
    (tmp_path / "empty").mkdir()
    with pytest.raises(TimelineImportError, match="no day's messages in it"):
        read_slack(tmp_path / "empty")


def test_a_lone_day_file_may_have_any_name_and_bad_json_is_said_plainly(tmp_path):
    """A new user's report: a day's messages saved as incident.json were refused as "no
    Slack message files (YYYY-MM-DD.json)", and so was a file of broken JSON, in words
    about Slack rather than about the JSON."""
    day_file = SLACK / "incident-api" / "2026-03-12.json"
    renamed = tmp_path / "incident.json"
    shutil.copy(day_file, renamed)
    assert [e.text for e in read_timeline_file(renamed)] == [
        e.text for e in read_timeline_file(day_file)
    ]
    broken = tmp_path / "notes.json"
    broken.write_text('[{"ts": "1773324300.0",\n  "text": }]', encoding="utf-8")
    with pytest.raises(TimelineImportError) as caught:
        read_timeline_file(broken)
    assert str(caught.value) == f"{tmp_path.name}/notes.json: not valid JSON: line 2 column 11"
    # a folder or zip without day files says how Slack names them
    (tmp_path / "export" / "general").mkdir(parents=True)
    (tmp_path / "export" / "general" / "messages.json").write_text("[]", encoding="utf-8")
    with pytest.raises(TimelineImportError) as caught:
        read_timeline_file(tmp_path / "export")
    assert "named by that day, YYYY-MM-DD.json, in a folder per channel" in str(caught.value)
    # the export's list of users given alone is not taken for messages
    users = tmp_path / "users.json"
    shutil.copy(SLACK / "users.json", users)
    with pytest.raises(TimelineImportError, match="list of users, not messages"):
        read_timeline_file(users)


# -- CSV ---------------------------------------------------------------------------------

CSV_ROWS = (
    "time,text,kind,source\n"
    "2026-03-12T14:00:00Z,Deploy of v2.3.1 finished,started,deploy log\n"
    "2026-03-12 15:05:00+01:00,Error-rate alert fired,detected,monitoring\n"
    "14:08,Dana acknowledged the page,responded,\n"
    '14:20,"Rolled back, then watched the pool",fix_applied,chat\n'
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"], ids=lambda e: e)
def test_csv_in_the_encodings_exports_come_in(encoding):
    text = CSV_ROWS.replace("Dana", "Daña")  # a letter that differs between the encodings
    events = read_csv(decode(text.encode(encoding)), UTC, DAY)
    assert [(e.at, e.kind, e.source) for e in events] == [
        (utc(2026, 3, 12, 14, 0), EventKind.STARTED, "deploy log"),
        (utc(2026, 3, 12, 14, 5), EventKind.DETECTED, "monitoring"),
        (utc(2026, 3, 12, 14, 8), EventKind.RESPONDED, None),
        (utc(2026, 3, 12, 14, 20), EventKind.FIX_APPLIED, "chat"),
    ]
    assert events[2].text == "Daña acknowledged the page"
    assert events[3].text == "Rolled back, then watched the pool"


def test_csv_without_header_semicolons_and_a_zone():
    text = "2026-03-12 15:01;errors start\n2026-03-12 15:04;alert;detected\n"
    events = read_csv(text, BERLIN, DAY)
    assert [e.at for e in events] == [utc(2026, 3, 12, 14, 1), utc(2026, 3, 12, 14, 4)]
    assert [e.kind for e in events] == [EventKind.NOTE, EventKind.DETECTED]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("yesterday,alert", "line 2: 'yesterday' is not a time"),
        ("25:61,alert", "line 2: '25:61' is not a valid time"),
        ("14:05,", "line 2: no text"),
        ("14:05,alert,exploded", "line 2: kind 'exploded' is not one of"),
    ],
)
def test_csv_line_that_cannot_be_read_is_named(row, message):
    with pytest.raises(TimelineImportError, match=message):
        read_csv(f"time,text,kind\n{row}\n14:06,fine\n", UTC, DAY)


# -- time zones around daylight saving ------------------------------------------------------


def test_spring_forward_local_times_become_the_right_utc():
    # Berlin, 2026-03-29: 02:00 CET jumps to 03:00 CEST
    log = "2026-03-29 01:55:00 disk filling\n2026-03-29 03:05:00 disk full\n"
    events = read_text(log, BERLIN)
    assert [e.at for e in events] == [utc(2026, 3, 29, 0, 55), utc(2026, 3, 29, 1, 5)]
    assert (events[1].at - events[0].at).total_seconds() == 600  # ten minutes, not 70


def test_a_time_the_clocks_skipped_is_refused():
    with pytest.raises(TimelineImportError, match=r"line 1: 2026-03-29 02:30 did not happen"):
        read_text("2026-03-29 02:30 page sent\n", BERLIN)


def test_fall_back_repeated_hour_follows_the_order_of_the_lines():
    # Berlin, 2026-10-25: 03:00 CEST goes back to 02:00 CET; 02:xx happens twice
    log = (
        "[2026-10-25 02:40] first pass: queue backs up\n"
        "[2026-10-25 02:55] still first pass\n"
        "[2026-10-25 02:10] second pass: consumer restarted\n"
        "[2026-10-25 03:10] drained\n"
    )
    events = read_text(log, BERLIN)
    assert [e.at for e in events] == [
        utc(2026, 10, 25, 0, 40),
        utc(2026, 10, 25, 0, 55),
        utc(2026, 10, 25, 1, 10),
        utc(2026, 10, 25, 2, 10),
    ]


# -- plain chat or log text --------------------------------------------------------------------


def test_chat_text_with_times_continuations_and_midnight():
    chat = (
        "[23:50] alice: deploy started\n"
        "[23:58] bob: errors on /checkout\n"
        "    stack trace in the ticket\n"
        "\n"
        "[00:04] alice: rolling back\n"
        "00:20:30 - bob: recovered\n"
    )
    events = read_text(chat, UTC, DAY, source="chat.txt")
    assert [e.text for e in events] == [
        "alice: deploy started",
        "bob: errors on /checkout stack trace in the ticket",
        "alice: rolling back",
        "bob: recovered",
    ]
    assert [e.at for e in events] == [
        utc(2026, 3, 12, 23, 50),
        utc(2026, 3, 12, 23, 58),
        utc(2026, 3, 13, 0, 4),
        utc(2026, 3, 13, 0, 20, 30),
    ]
    assert {e.source for e in events} == {"chat.txt"}


def test_log_lines_with_iso_times_and_offsets():
    log = (
        "2026-03-12T14:05:07Z ERROR pool exhausted\n"
        "2026-03-12 16:06:00+02:00 WARN retrying\n"
        "2026-03-12 14:07:00 UTC INFO recovered\n"
    )
    events = read_text(log, BERLIN)
    assert [e.at for e in events] == [
        utc(2026, 3, 12, 14, 5, 7),
        utc(2026, 3, 12, 14, 6),
        utc(2026, 3, 12, 14, 7),
    ]
    assert events[0].text == "ERROR pool exhausted"


def test_text_that_does_not_start_with_a_time_is_named():
    with pytest.raises(TimelineImportError, match=r"line 2: does not start with a time"):
        read_text("\nHello team\n[14:05] alert\n", UTC, DAY)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_read_or_refused_with_a_message(text):
    for reader in (read_text, read_csv):
        try:
            events = reader(text, BERLIN, DAY)
        except TimelineImportError as exc:
            assert str(exc)
        else:
            assert all(e.at.tzinfo is not None and e.text.strip() for e in events)


def test_unknown_zone_is_named():
    with pytest.raises(TimelineImportError, match="unknown time zone 'Mars/Base'"):
        zone("Mars/Base")
    assert zone(None) is UTC


# -- into a review ---------------------------------------------------------------------------


def test_lines_already_in_the_timeline_are_not_added_twice():
    existing = [TimelineEvent(utc(2026, 3, 12, 14, 5), "Error-rate  alert fired")]
    events = read_csv(CSV_ROWS, UTC, DAY)
    new, skipped = split_new(existing, events + events[:1])
    assert [e.text for e in skipped] == ["Error-rate alert fired", "Deploy of v2.3.1 finished"]
    assert len(new) == 3


def _imported(library) -> str:
    review = read_review_file(API_SAMPLE)
    ops.import_reviews(library, [review])
    return review.id


def test_cli_import_timeline_adds_then_skips(library, library_target, tmp_path, capsys):
    review_id = _imported(library)
    before = len(read_back(library_target, review_id).timeline)
    library.close()
    csv_file = tmp_path / "events.csv"
    csv_file.write_text(CSV_ROWS, encoding="utf-8")
    args = ["--library", str(library_target), "import-timeline", review_id[:8], str(csv_file)]
    assert main(args) == 0
    assert capsys.readouterr().out == "added 4 events, skipped 0 already in the timeline\n"
    assert main(args) == 0
    assert capsys.readouterr().out == "added 0 events, skipped 4 already in the timeline\n"
    review = read_back(library_target, review_id)
    assert len(review.timeline) == before + 4
    fix = next(e for e in review.timeline if e.text == "Rolled back, then watched the pool")
    assert (fix.kind, fix.source) == (EventKind.FIX_APPLIED, "chat")
    assert main([*args[:4], str(SLACK)]) == 0
    assert capsys.readouterr().out.startswith("added 7 events")


def test_cli_malformed_file_adds_nothing(library, library_target, tmp_path, capsys):
    review_id = _imported(library)
    library.close()
    before = table_counts(library_target)
    bad = tmp_path / "bad.csv"
    bad.write_text("time,text\n14:05,fine\n14:99,broken\n", encoding="utf-8")
    code = main(["--library", str(library_target), "import-timeline", review_id, str(bad)])
    assert code == 2
    assert capsys.readouterr().err == ("pir-desktop: line 3: '14:99' is not a valid time\n")
    assert table_counts(library_target) == before
    zone_arg = ["--tz", "Nowhere/Land"]
    assert main(["--library", str(library_target), "import-timeline", review_id, str(bad),
                 *zone_arg]) == 2  # fmt: skip
    assert "unknown time zone" in capsys.readouterr().err


def test_import_events_operation_is_one_undoable_step(library, library_target):
    review_id = _imported(library)
    before = table_counts(library_target)["timeline_events"]
    events = [TimelineEvent(e.at, e.text, e.kind, e.source) for e in read_csv(CSV_ROWS, UTC, DAY)]
    added, skipped = ops.import_events(library, review_id, events + events[:2])
    assert (len(added), skipped) == (4, 2)
    assert table_counts(library_target)["timeline_events"] == before + 4
    ops.remove_events(library, [e.id for e in added])
    assert table_counts(library_target)["timeline_events"] == before
