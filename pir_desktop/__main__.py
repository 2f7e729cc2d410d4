"""``python -m pir_desktop``: the same as the ``pir-desktop`` command."""

import sys

from .cli import main

sys.exit(main())
