"""The bundled app's entry point (PyInstaller runs this file)."""

import sys

from pir_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
