"""A fatal error of the interpreter (a crash in Qt or in C code) leaves its trace in the log file.

Python's logging cannot run once the process is dying; ``faulthandler``
can: it writes the error and every thread's stack straight to a file
descriptor on SIGSEGV, SIGABRT, SIGFPE, SIGBUS and SIGILL, which is what
"Fatal Python error: none_dealloc" and a Qt abort are. The file stays open
for the life of the process.
"""

from __future__ import annotations

import faulthandler
import os
import time
from pathlib import Path
from typing import TextIO

_stream: TextIO | None = None


def enable(log_path: Path) -> bool:
    """Send fatal errors to ``log_path`` (appended); False if the file cannot be opened."""
    global _stream
    try:
        stream = open(log_path, "a", encoding="utf-8")  # noqa: SIM115 - open for the process
    except OSError:
        return False
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    stream.write(
        f"{stamp} pir-desktop {os.getpid()} started "
        "(if it ever stops on a fatal error, the details follow this line)\n"
    )
    stream.flush()
    faulthandler.enable(file=stream, all_threads=True)
    if _stream is not None:
        _stream.close()
    _stream = stream
    return True
