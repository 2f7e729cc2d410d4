"""Fuzzing every reader of outside input: a file either reads, or is refused with the
user-facing error (a ``PirError``, one line); no other exception ever comes out.

The readers: the review interchange format, the timeline's CSV, chat or log
text and Slack export (a folder, a day's file, a zip), and the Word
template. Inputs are random bytes, random JSON of any shape (the fields
Slack uses among others) and valid files damaged at random.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pir_desktop.errors import PirError
from pir_desktop.interchange.review_json import read_review, read_review_file
from pir_desktop.interchange.timeline_import import UTC, read_timeline_file
from pir_desktop.reports.docx import render_docx
from pir_desktop.reports.model import build_report

from .conftest import API_SAMPLE, SAMPLES

SETTINGS = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


def _answer(read) -> None:
    """Run a reader: a result or a PirError whose message is one line; nothing else."""
    try:
        read()
    except PirError as exc:
        assert "\n" not in str(exc)


def _damage(data: bytes, draw) -> bytes:
    how = draw(st.sampled_from(["flip", "cut", "insert", "splice"]))
    data = bytearray(data)
    if how == "cut":
        return bytes(data[: draw(st.integers(0, max(0, len(data) - 1)))])
    at = draw(st.integers(0, max(0, len(data) - 1)))
    if how == "flip":
        data[at] = draw(st.integers(0, 255))
    elif how == "insert":
        data[at:at] = draw(st.binary(min_size=1, max_size=16))
    else:
        end = draw(st.integers(at, min(len(data), at + 64)))
        data[at:end] = draw(st.binary(max_size=64))
    return bytes(data)


# -- the interchange format ---------------------------------------------------------------


@settings(max_examples=200, **SETTINGS)
@given(data=st.binary(max_size=200))
def test_review_reader_on_random_bytes(data):
    _answer(lambda: read_review(data, "fuzz.json"))


@settings(max_examples=200, **SETTINGS)
@given(value=json_values)
def test_review_reader_on_json_of_any_shape(value):
    doc = value if not isinstance(value, dict) else {"format": "pir-review", "version": 1, **value}
    _answer(lambda: read_review(json.dumps(doc), "fuzz.json"))


@settings(max_examples=200, **SETTINGS)
@given(data=st.data())
def test_review_reader_on_damaged_samples(tmp_path, data):
    sample = data.draw(st.sampled_from(SAMPLES)).read_bytes()
    path = tmp_path / "damaged.json"
    path.write_bytes(_damage(sample, data.draw))
    _answer(lambda: read_review_file(path))


# -- timeline files ---------------------------------------------------------------------------

zones = st.sampled_from([UTC, ZoneInfo("Europe/Berlin"), ZoneInfo("Pacific/Kiritimati")])
STAMPS = ["14:05", "23:59:59", "12:00 PM", "25:70", "9999-12-31T23:59:59-01:00",
          "0001-01-01T00:00:00+14:00", "2026-03-29 02:30", "2026-10-25 02:30", "[14:05]",
          "2026-03-12T14:05:07.123Z"]  # fmt: skip
days = st.one_of(st.none(), st.dates(), st.sampled_from([date.min, date.max]))
line = st.one_of(
    st.text(max_size=30),
    st.builds(
        lambda stamp, text: f"{stamp} {text}",
        st.sampled_from(STAMPS),
        st.text(max_size=20),
    ),
)


@settings(max_examples=300, **SETTINGS)
@given(
    lines=st.lists(line, max_size=8),
    fmt=st.sampled_from(["csv", "text"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
    tz=zones,
    day=days,
    tail=st.binary(max_size=3),
)
def test_csv_and_text_readers(tmp_path, lines, fmt, encoding, tz, day, tail):
    path = tmp_path / f"timeline.{fmt}"
    text = "\n".join(lines)
    separator = "," if fmt == "csv" else " "
    text = text.replace(" ", separator, 1) if fmt == "csv" else text
    path.write_bytes(text.encode(encoding, "replace") + tail)
    _answer(lambda: read_timeline_file(path, fmt, tz, day))


@settings(max_examples=200, **SETTINGS)
@given(data=st.binary(max_size=300), fmt=st.sampled_from(["csv", "text", "slack"]))
def test_timeline_readers_on_random_bytes(tmp_path, data, fmt):
    path = tmp_path / ("2026-03-12.json" if fmt == "slack" else f"timeline.{fmt}")
    path.write_bytes(data)
    _answer(lambda: read_timeline_file(path, fmt, UTC, date(2026, 3, 12)))


SLACK_KEYS = ["ts", "text", "user", "username", "subtype", "thread_ts", "bot_id", "files",
              "user_profile", "bot_profile", "name", "title", "display_name", "real_name",
              "id", "profile"]  # fmt: skip
slack_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
    | st.sampled_from(["1773324000.0001", "<@U1|kim> <https://x.example|x> &amp;", "U1"]),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.sampled_from(SLACK_KEYS), children, max_size=5),
    max_leaves=15,
)  # fmt: skip


@settings(max_examples=200, **SETTINGS)
@given(
    messages=st.lists(slack_values, max_size=5) | slack_values,
    users=st.none() | slack_values,
    packed=st.booleans(),
)
def test_slack_reader_on_exports_of_any_shape(tmp_path, messages, users, packed):
    files = {"incident/2026-03-12.json": json.dumps(messages)}
    if users is not None:
        files["users.json"] = json.dumps(users)
    if packed:
        path = tmp_path / "export.zip"
        with zipfile.ZipFile(path, "w") as archive:
            for name, text in files.items():
                archive.writestr(name, text)
    else:
        path = tmp_path / "export"
        for name, text in files.items():
            (path / name).parent.mkdir(parents=True, exist_ok=True)
            (path / name).write_text(text, encoding="utf-8")
    _answer(lambda: read_timeline_file(path, "slack"))


@settings(max_examples=100, **SETTINGS)
@given(data=st.data())
def test_slack_reader_on_damaged_zips(tmp_path, data):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("users.json", json.dumps([{"id": "U1", "name": "kim"}]))
        archive.writestr("incident/2026-03-12.json", json.dumps([
            {"ts": "1773324000.0001", "text": "pool exhausted", "user": "U1"}]))  # fmt: skip
    path = tmp_path / "export.zip"
    path.write_bytes(_damage(out.getvalue(), data.draw))
    _answer(lambda: read_timeline_file(path, "slack"))


# -- Word templates ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def house_template() -> dict[str, bytes]:
    document = Document()
    document.sections[0].header.paragraphs[0].text = "ACME house style"
    # fixed times: hypothesis replays a saved example against the same bytes only if the
    # template is the same in every run (its core properties held the time of the run)
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    document.core_properties.created = document.core_properties.modified = stamp
    out = io.BytesIO()
    document.save(out)
    archive = zipfile.ZipFile(out)
    return {info.filename: archive.read(info) for info in archive.infolist()}


@pytest.fixture(scope="module")
def report():
    from pir_desktop.interchange.review_json import read_review_file

    return build_report(read_review_file(API_SAMPLE))


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            # a fixed date: the same draws must give the same bytes when hypothesis replays
            entry = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            archive.writestr(entry, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


# Derandomized, with no saved examples: now and then hypothesis reported "inconsistent data
# generation" (FlakyStrategyDefinition) here, a replay drawing less than the first run, and a
# saved example of a run whose template differed (it held the run's time) failed every run
# after. The cause within one run is not found; a fixed seed makes the run the same each time.
@settings(max_examples=40, database=None, derandomize=True, **SETTINGS)
@given(data=st.data())
def test_template_reader(tmp_path_factory, house_template, report, data):
    parts = dict(house_template)
    how = data.draw(st.sampled_from(["damage a part", "damage the zip", "drop a part",
                                     "replace a part"]))  # fmt: skip
    name = data.draw(st.sampled_from(sorted(parts)))
    if how == "damage a part":
        parts[name] = _damage(parts[name], data.draw)
    elif how == "drop a part":
        del parts[name]
    elif how == "replace a part":
        parts[name] = data.draw(
            st.binary(max_size=60)
            | st.sampled_from([b"<?xml version='1.0'?><x/>", b"<w:document/>", b"&amp;", b""])
        )
    packed = _zip(parts)
    if how == "damage the zip":
        packed = _damage(packed, data.draw)
    path = Path(tmp_path_factory.mktemp("template")) / "house.docx"
    path.write_bytes(packed)
    _answer(lambda: render_docx(report, path))


def test_a_template_whose_properties_part_is_another_element_is_refused(
    tmp_path, house_template, report
):
    """Found by test_template_reader: python-docx raised AttributeError setting the title."""
    from pir_desktop.reports.docx import TemplateError

    parts = dict(house_template)
    parts["docProps/core.xml"] = b"<?xml version='1.0'?><x/>"
    path = tmp_path / "house.docx"
    path.write_bytes(_zip(parts))
    with pytest.raises(TemplateError, match="not a usable Word template"):
        render_docx(report, path)
