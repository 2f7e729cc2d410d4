"""Compile the Qt Designer forms in ui/ into pir_desktop/gui/forms/ui_*.py.

    python packaging/build_forms.py          # write the generated modules
    python packaging/build_forms.py --check  # exit 1 if any is out of date

The generated code is committed so that the app starts without compiling
anything; the check (also run by the test suite) keeps it in sync with the
forms. Only the compiler's version line is ignored when comparing.

The compiler imports every Qt class a form might use; the names a form does
not use are dropped, because PySide6 builds a class (and all its enums) when
it is first imported by name, and the main window's form paid for gradients,
painters and images at every start-up.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent
FORMS = TOP / "ui"
OUT = TOP / "pir_desktop" / "gui" / "forms"
_VERSION_LINE = re.compile(r"^## Created by: Qt User Interface Compiler version .*$", re.M)
_QT_IMPORT = re.compile(r"^from (PySide6\.\w+) import \(([^)]*)\)\n", re.M)


def _uic() -> str:
    found = shutil.which("pyside6-uic", path=str(Path(sys.executable).parent))
    return found or shutil.which("pyside6-uic") or "pyside6-uic"


def compile_form(form: Path) -> str:
    result = subprocess.run(
        [_uic(), "--from-imports", str(form)], capture_output=True, text=True, check=True
    )
    return _without_unused_imports(result.stdout)


def _without_unused_imports(code: str) -> str:
    """``code`` with each ``from PySide6.X import (...)`` keeping only the names used."""
    body = _QT_IMPORT.sub("", code)

    def keep_used(match: re.Match) -> str:
        names = [n.strip() for n in match.group(2).split(",") if n.strip()]
        used = [n for n in names if re.search(rf"\b{re.escape(n)}\b", body)]
        if not used:
            return ""
        return f"from {match.group(1)} import ({', '.join(used)})\n"

    return _QT_IMPORT.sub(keep_used, code)


def _normal(text: str) -> str:
    return _VERSION_LINE.sub("", text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    stale = []
    for form in sorted(FORMS.glob("*.ui")):
        target = OUT / f"ui_{form.stem}.py"
        fresh = compile_form(form)
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if _normal(fresh) == _normal(current):
            continue
        stale.append(target.name)
        if not args.check:
            target.write_text(fresh, encoding="utf-8")
    if args.check and stale:
        print(f"out of date: {', '.join(stale)}; run 'make forms'", file=sys.stderr)
        return 1
    for name in stale:
        print(f"wrote {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
