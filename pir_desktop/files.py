"""Writing a file so that a failure leaves whatever was there before.

The bytes go to a temporary file beside the target, are flushed to disk,
then renamed over it: a full disk or a crash never leaves half a report.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import PirError


def write_atomically(path: Path, data: bytes) -> None:
    path = path.expanduser()
    if path.is_dir():
        raise PirError(f"cannot write {path}: it is a folder")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    except FileNotFoundError:
        raise PirError(f"cannot write {path}: the folder {path.parent} does not exist") from None
    except OSError as exc:
        raise PirError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise PirError(f"cannot write {path}: {exc.strerror}") from None
