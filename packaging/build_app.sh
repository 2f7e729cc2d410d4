#!/bin/sh
# Build the bundled app with PyInstaller, then check that it starts.
#
#   sh packaging/build_app.sh        # -> dist/pir-desktop/pir-desktop
#
# It uses its own virtual environment (build/venv-pyinstaller) so that the
# bundle holds exactly the app's dependencies. The check runs the bundle
# with --exit-after-startup on a fresh library, on Qt's offscreen platform,
# and fails if it does not exit with 0.
set -eu
cd "$(dirname "$0")/.."
VENV=build/venv-pyinstaller
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
fi
"$VENV/bin/python" -m pip install --quiet . "pyinstaller>=6.3"
"$VENV/bin/pyinstaller" --noconfirm --clean --distpath dist --workpath build/pyinstaller \
    packaging/pir-desktop.spec

check=$(mktemp -d)
trap 'rm -rf "$check"' EXIT
QT_QPA_PLATFORM=offscreen HOME="$check" XDG_DATA_HOME="$check/data" XDG_CONFIG_HOME="$check/config" \
    dist/pir-desktop/pir-desktop --library "$check/library.sqlite" import tests/data/samples/*.json
QT_QPA_PLATFORM=offscreen HOME="$check" XDG_CONFIG_HOME="$check/config" \
    dist/pir-desktop/pir-desktop --library "$check/library.sqlite" --exit-after-startup
QT_QPA_PLATFORM=offscreen HOME="$check" \
    dist/pir-desktop/pir-desktop --library "$check/library.sqlite" list
echo "built dist/pir-desktop/pir-desktop; it imports, lists and starts"
