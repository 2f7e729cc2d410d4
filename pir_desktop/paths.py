"""Where the top-level ``resources/`` and ``ui/`` folders are, in a checkout or a wheel.

A wheel carries them inside the package as ``pir_desktop/_data/`` (see
``pyproject.toml``); a source checkout has them beside the package.
"""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def resources_dir() -> Path:
    """Icons, stylesheets and fonts."""
    return _data_dir("resources")


def ui_dir() -> Path:
    """Qt Designer forms."""
    return _data_dir("ui")
