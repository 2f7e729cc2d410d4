"""Shared fixtures. No test touches the real user folders: XDG paths point into tmp."""

from __future__ import annotations

import json
import os
import sqlite3
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pir_desktop.storage.library import open_library
from pir_desktop.storage.reviews import load_review

# GUI tests run without a screen; set before pytest-qt creates the QApplication.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
_SHARED_SAMPLES = REPO.parent / "shared" / "samples"
# The samples that ship with the format; a copy is kept in tests/data so the
# suite also runs where ../shared is absent.
SAMPLES_DIR = _SHARED_SAMPLES if _SHARED_SAMPLES.is_dir() else REPO / "tests" / "data" / "samples"
SAMPLES = sorted(SAMPLES_DIR.glob("*.json"))
API_SAMPLE = SAMPLES_DIR / "api-500-connection-pool.json"


@pytest.fixture(autouse=True)
def _private_user_dirs(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    for var, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def _no_real_keyring():
    """No test reaches the machine's keyring: by default there is none (keyring's "fail"
    backend); ``memory_keyring`` gives a dict-backed one."""
    import keyring
    from keyring.backends import fail

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


@pytest.fixture
def memory_keyring():
    import keyring

    from tests.memory_keyring import MemoryKeyring

    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


BACKENDS = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc):
    """``backend`` is "sqlite", and also "postgresql" in tests marked ``both_backends``:
    the fixtures below (``library``, ``library_target``, ``make_target``) then give a
    library file or a team library on the private PostgreSQL server, with one test body."""
    if "backend" in metafunc.fixturenames:
        both = metafunc.definition.get_closest_marker("both_backends") is not None
        metafunc.parametrize("backend", BACKENDS if both else BACKENDS[:1], scope="module")


@pytest.fixture(scope="session")
def pg_server():
    """The private PostgreSQL server (tests/pg_server.py), started on first use, stopped at
    the end of the session."""
    from tests.pg_server import started

    server = started()
    yield server
    server.cleanup()


@pytest.fixture(scope="session")
def team_database(pg_server):
    """``make()`` gives the URL of a new, empty database on the private server."""
    import itertools

    numbers = itertools.count(1)

    def make(prefix: str = "t") -> str:
        name = f"{prefix}{next(numbers)}"
        pg_server.create_database(name)
        return pg_server.url(name)

    return make


@pytest.fixture(scope="module")
def make_target(backend, request, tmp_path_factory):
    """``make()`` gives where a new library goes: a file path, or a new database's URL."""

    def make():
        if backend == "postgresql":
            return request.getfixturevalue("team_database")()
        return tmp_path_factory.mktemp("lib") / "library.sqlite"

    return make


@pytest.fixture
def library_path(tmp_path) -> Path:
    return tmp_path / "library.sqlite"


@pytest.fixture
def library_target(backend, request, library_path):
    """A new library's place: ``library_path``, or (backend "postgresql") a database URL."""
    if backend == "postgresql":
        return request.getfixturevalue("team_database")()
    return library_path


@pytest.fixture
def library(library_target):
    lib = open_library(library_target)
    yield lib
    lib.close()


def target_of(target):
    """Where a library is: a path or a URL (with the private server's password) for an open
    ``Library``; a path or URL as it is."""
    if hasattr(target, "engine"):
        return target.path if target.path is not None else _plain_url(target.engine.url)
    return target


def fresh_rows(target, sql: str, params=()) -> list[tuple]:
    """Rows of ``sql`` (``?`` marks) read through a fresh connection of the database's own
    driver, not through the code under test: sqlite3 on a file, psycopg on a team library.
    ``target`` is a path, a URL or an open ``Library``."""
    target = target_of(target)
    if isinstance(target, Path) or not str(target).startswith("postgresql"):
        conn = sqlite3.connect(target)
        try:
            return conn.execute(sql, tuple(params)).fetchall()
        finally:
            conn.close()
    import psycopg

    with psycopg.connect(target.replace("postgresql+psycopg://", "postgresql://")) as conn:
        return conn.execute(sql.replace("?", "%s"), tuple(params)).fetchall()


def _plain_url(url) -> str:
    """A SQLAlchemy URL of the private server's database, with the test password."""
    from tests.pg_server import ADMIN_PASSWORD

    return url.set(password=ADMIN_PASSWORD).render_as_string(hide_password=False)


def load_sample(path: Path = API_SAMPLE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


TABLES = (
    "reviews",
    "review_roles",
    "review_impact",
    "participants",
    "timeline_events",
    "why_nodes",
    "contributing_factors",
    "panel_items",
    "action_items",
    "lessons",
    "meeting_phases",
    "checklist_ticks",
)


def table_counts(target) -> dict[str, int]:
    """Rows per table, read through a fresh connection (``fresh_rows``)."""
    return {t: fresh_rows(target, f"SELECT count(*) FROM {t}")[0][0] for t in TABLES}


def read_back(path, review_id: str):
    """The review as a fresh connection to the library sees it (not the window's)."""
    with open_library(target_of(path)) as lib, lib.read() as session:
        return load_review(session, review_id)


# "Today" for the window's tests: the morning after the API sample's incident,
# so its action items are not yet due and the meeting is not late.
MEETING_DAY = datetime(2026, 3, 13, 10, 0, tzinfo=UTC)


class FakeClock:
    """Seconds that move only when a test says so, for the meeting timer."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


@contextmanager
def open_window(qtbot, qapp, settings_path: Path, target, clock, expect_open: bool = True):
    """The main window on the library at ``target`` (a file or a team library's URL),
    shown offscreen, with its own settings file; closed and deleted at the end."""
    from PySide6.QtCore import QEvent, QSettings

    from pir_desktop.gui.appearance import Appearance
    from pir_desktop.gui.main_window import MainWindow

    font, palette = qapp.font(), qapp.palette()
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    appearance = Appearance(qapp, settings)
    appearance.apply()
    win = MainWindow(
        target,
        appearance,
        settings,
        clock=clock,
        today=lambda: MEETING_DAY.date(),
        now=lambda: MEETING_DAY,
    )
    # Closed here, not by qtbot.addWidget: pytest-qt closes its widgets before
    # fixture teardown, which would delete the models qtmodeltester still watches.
    win.resize(1300, 850)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    assert win.ensure_library(quiet=not expect_open) == expect_open
    try:
        yield win
    finally:
        win.close()
        win.deleteLater()
        qapp.processEvents()
        # deleteLater waits for an event loop that tests never run: without this, every
        # test's window stays alive, and each new one (and every style change) gets slower
        qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        qapp.setFont(font)
        qapp.setPalette(palette)
        qapp.setStyleSheet("")


@pytest.fixture
def window(qtbot, qapp, tmp_path, library_path, fake_clock):
    """The main window on a fresh library, shown offscreen, with a fake meeting clock."""
    with open_window(qtbot, qapp, tmp_path / "settings.ini", library_path, fake_clock) as win:
        yield win


@pytest.fixture
def api_review(window) -> str:
    """The API sample imported into the window's library and opened; returns its id."""
    assert window.import_paths([API_SAMPLE])
    review_id = window.home.selected_review().id
    assert window.open_review(review_id)
    return review_id
