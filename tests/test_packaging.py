"""A wheel installed with plain ``pip install .`` carries everything it reads at run time."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import API_SAMPLE, REPO


def pip(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", *args, "--quiet", "--no-deps"],
        check=True,
        capture_output=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    pip("wheel", "--no-build-isolation", "--wheel-dir", str(out), str(REPO))
    (found,) = out.glob("pir_desktop-*.whl")
    return found


def test_wheel_holds_migrations_schema_resources_and_forms(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        "pir_desktop/storage/migrations/env.py",
        "pir_desktop/storage/migrations/versions/0001_initial_schema.py",
        "pir_desktop/storage/migrations/versions/0002_action_item_source.py",
        "pir_desktop/interchange/review-v1.schema.json",
        "pir_desktop/_data/resources/icons/pir-desktop.svg",
        "pir_desktop/_data/ui/README.md",
        "pir_desktop/_data/ui/main_window.ui",
        "pir_desktop/_data/resources/stylesheets/presentation.qss",
        "pir_desktop/gui/forms/ui_main_window.py",
        "pir_desktop/gui/forms/ui_review_header.py",
    ):
        assert expected in names
    assert not any("__pycache__" in n or n.startswith("tests/") for n in names)


def test_installed_wheel_works_away_from_the_checkout(wheel, tmp_path):
    target = tmp_path / "site"
    pip("install", "--target", str(target), str(wheel))
    env = dict(os.environ, PYTHONPATH=str(target))
    lib = tmp_path / "lib.sqlite"
    probe = (
        "import pir_desktop, pir_desktop.paths as p; "
        "print(pir_desktop.__file__); print(p.resources_dir()); print(p.ui_dir())"
    )
    where = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert where[0].startswith(str(target))
    assert Path(where[1], "icons", "pir-desktop.svg").is_file()
    assert Path(where[2]).is_dir() and str(target) in where[2]
    result = subprocess.run(
        [sys.executable, "-m", "pir_desktop", "--library", str(lib), "import", str(API_SAMPLE)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("\tAPI returned 500 errors for 40 minutes\n")

    # the window starts from the installed wheel, with its forms and stylesheets
    result = subprocess.run(
        [sys.executable, "-m", "pir_desktop", "--library", str(lib), "--exit-after-startup"],
        cwd=tmp_path,
        env=dict(env, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
