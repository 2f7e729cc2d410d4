"""Shared fixtures. No test touches the real user folders: XDG paths point into tmp."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from pir_desktop.storage.library import open_library

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


@pytest.fixture
def library_path(tmp_path) -> Path:
    return tmp_path / "library.sqlite"


@pytest.fixture
def library(library_path):
    lib = open_library(library_path)
    yield lib
    lib.close()


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
)


def table_counts(path: Path) -> dict[str, int]:
    """Rows per table, read with plain sqlite3 (not through the code under test)."""
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        conn.close()
