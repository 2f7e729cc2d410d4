"""Writing a file so that a failure leaves whatever was there before.

The bytes go to a temporary file beside the target, are flushed to disk,
then renamed over it: a full disk or a crash never leaves half a report.
The file gets the permissions any editor's new file gets (what the umask
leaves of rw-rw-rw-); a file that is replaced keeps its permissions and,
where the system allows, its owner. A symbolic link is written through, so
the link stays. A device or a named pipe (``/dev/null``, a FIFO a script
reads) is written into, never replaced.

``protected`` names files that must never be replaced (the open library, its
journal and its backups); they are recognised by identity (device and
inode) as well as by name, so a hard link or another spelling of the path
is refused too.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path

from .errors import PirError

NEW_FILE_MODE = 0o666  # the kernel takes the umask off, as for any program's new file


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def refuse_protected(path: Path, protected: Iterable[Path]) -> None:
    """``PirError`` if ``path`` is one of ``protected``, by name or by identity."""
    target = Path(os.path.abspath(path))
    resolved = target.resolve()
    for kept in protected:
        kept = Path(os.path.abspath(kept))
        if target == kept or resolved == kept.resolve() or _same_file(target, kept):
            raise PirError(
                f"cannot write {path}: it is {kept.name}, a file of the open library (the "
                "library, its journal or a backup), and writing there would replace the "
                "reviews in it; choose another file"
            )


def is_protected(path: Path, protected: Iterable[Path]) -> bool:
    """Whether ``path`` is one of ``protected``, by name or by identity (without opening it)."""
    try:
        refuse_protected(path, protected)
    except PirError:
        return True
    return False


def refuse_reading_library(path: Path, protected: Iterable[Path]) -> None:
    """``PirError`` if ``path`` is a file of the open library: reading it and closing it
    would drop this process's SQLite locks on the library (POSIX locks go with any close)."""
    if is_protected(path, protected):
        raise PirError(
            f"{path} is a file of the open library itself, not a file to import; "
            "choose another file"
        )


def _temporary_beside(path: Path) -> tuple[int, Path]:
    """A new, empty file in ``path``'s folder, opened for writing, with the umask's mode."""
    while True:
        temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, NEW_FILE_MODE)
        except FileExistsError:
            continue
        return fd, temp


def _keep_mode_and_owner(fd: int, old: os.stat_result) -> None:
    os.fchmod(fd, stat.S_IMODE(old.st_mode))
    if (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
        # only root may give a file away; the mode is kept anyway
        with contextlib.suppress(PermissionError):
            os.fchown(fd, old.st_uid, old.st_gid)


def _write_into(path: Path, data: bytes) -> None:
    """A device or a named pipe: write into it, as a shell's ``>`` would."""
    try:
        with open(path, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise PirError(f"cannot write {path}: {exc.strerror}") from None


def write_atomically(path: Path, data: bytes, *, protected: Iterable[Path] = ()) -> None:
    path = path.expanduser()
    if path.is_dir():
        raise PirError(f"cannot write {path}: it is a folder")
    refuse_protected(path, protected)
    if path.is_symlink():
        path = path.resolve()  # write the file the link names; the link stays
        if path.is_dir():
            raise PirError(f"cannot write {path}: it is a folder")
    try:
        old = path.stat()
    except FileNotFoundError:
        old = None
    except OSError as exc:
        raise PirError(f"cannot write {path}: {exc.strerror}") from None
    if old is not None and not stat.S_ISREG(old.st_mode):
        _write_into(path, data)
        return
    try:
        fd, temp = _temporary_beside(path)
    except FileNotFoundError:
        raise PirError(f"cannot write {path}: the folder {path.parent} does not exist") from None
    except OSError as exc:
        raise PirError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            if old is not None:
                _keep_mode_and_owner(handle.fileno(), old)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise PirError(f"cannot write {path}: {exc.strerror}") from None
