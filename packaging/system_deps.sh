#!/bin/sh
# Debian packages the app and its tests need beyond pip, installed only when missing.
#
#   sh packaging/system_deps.sh test     # the test suite: Qt offscreen, the
#                                        # independent readers of the reports
#                                        # (pdftotext, qpdf, LibreOffice) and the
#                                        # PostgreSQL server the team library's
#                                        # tests start privately (initdb, pg_ctl)
#   sh packaging/system_deps.sh desktop  # a real window (xcb), and Xvfb for screenshots
#
# Qt's wheels bring Qt itself but not the system libraries it links to. The
# check is ldd on the Qt plugin the mode uses, `command -v` for the tools
# and the path of the CJK font; nothing is installed when nothing is missing. Installing needs root
# and apt-get; otherwise the missing packages are named and the script fails.
set -eu
mode=${1:-test}
python=${PYTHON:-.venv/bin/python}
qt=$("$python" -c 'import PySide6, os; print(os.path.dirname(PySide6.__file__))')
case "$mode" in
    test) plugin=offscreen
          libraries="libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 fonts-dejavu-core"
          tools="pdftotext:poppler-utils pdftoppm:poppler-utils qpdf:qpdf soffice:libreoffice-writer-nogui"
          # metric twins of Calibri and Cambria, so LibreOffice lays out our Word files as Word does
          files_extra="/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf:fonts-crosextra-carlito /usr/share/fonts/truetype/crosextra/Caladea-Regular.ttf:fonts-crosextra-caladea" ;;
    desktop) plugin=xcb
          files_extra=""
          libraries="libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xkb1 fonts-dejavu-core"
          tools="Xvfb:xvfb" ;;
    *) echo "usage: $0 test|desktop" >&2; exit 2 ;;
esac
# The PDF reports' Chinese and Japanese font, too big to ship (resources/fonts/README.md).
files="/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf:fonts-droid-fallback $files_extra"
packages=""
missing=$(ldd "$qt/Qt/plugins/platforms/libq$plugin.so" "$qt/Qt/lib/libQt6Widgets.so.6" 2>/dev/null | grep "not found" || true)
fonts=$(fc-list 2>/dev/null | head -n 1 || true)
if [ -n "$missing" ] || [ -z "$fonts" ]; then
    packages="$libraries"
fi
for pair in $tools; do
    command -v "${pair%%:*}" >/dev/null || packages="$packages ${pair#*:}"
done
for pair in $files; do
    [ -e "${pair%%:*}" ] || packages="$packages ${pair#*:}"
done
# Debian's server programs live in /usr/lib/postgresql/VERSION/bin, off the PATH.
if [ "$mode" = test ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
        && ! command -v initdb >/dev/null; then
    packages="$packages postgresql"
fi
packages=$(echo $packages | tr ' ' '\n' | sort -u | tr '\n' ' ')
if [ -z "${packages% }" ]; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing the Debian packages the $mode mode needs: $packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages >/dev/null
else
    echo "these Debian packages are needed ($mode): $packages" >&2
    [ -z "$missing" ] || echo "Qt cannot find: $missing" >&2
    exit 1
fi
