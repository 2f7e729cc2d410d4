#!/bin/sh
# Debian packages the app needs beyond pip, installed only when missing.
#
#   sh packaging/system_deps.sh test     # what the test suite needs (Qt offscreen)
#   sh packaging/system_deps.sh desktop  # a real window (xcb), and Xvfb for screenshots
#
# Qt's wheels bring Qt itself but not the system libraries it links to. The
# check is ldd on the Qt plugin the mode uses; nothing is installed when
# nothing is missing. Installing needs root and apt-get; otherwise the
# missing packages are named and the script fails.
set -eu
mode=${1:-test}
python=${PYTHON:-.venv/bin/python}
qt=$("$python" -c 'import PySide6, os; print(os.path.dirname(PySide6.__file__))')
case "$mode" in
    test) plugin=offscreen; packages="libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 fonts-dejavu-core" ;;
    desktop) plugin=xcb; packages="libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xkb1 fonts-dejavu-core xvfb" ;;
    *) echo "usage: $0 test|desktop" >&2; exit 2 ;;
esac
missing=$(ldd "$qt/Qt/plugins/platforms/libq$plugin.so" "$qt/Qt/lib/libQt6Widgets.so.6" 2>/dev/null | grep "not found" || true)
fonts=$(fc-list 2>/dev/null | head -n 1 || true)
if [ -z "$missing" ] && [ -n "$fonts" ] && { [ "$mode" = test ] || command -v Xvfb >/dev/null; }; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing the system libraries Qt needs ($mode): $packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
else
    echo "Qt needs these Debian packages ($mode): $packages" >&2
    echo "missing: $missing" >&2
    exit 1
fi
