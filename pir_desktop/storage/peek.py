"""Read a library with the standard sqlite3 module only: its health, revision and review list.

Importing SQLAlchemy costs about half a second, more than showing the whole
window. The window's first paint and the home list come from here; the full
library (``storage.library``) is opened once SQLAlchemy has been imported.
Nothing here ever writes.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import LibraryError, NotALibrary

if TYPE_CHECKING:  # the window's first paint needs no model: imported by peek_reviews
    from ..domain.model import ReviewSummary

# Every schema revision this version knows, oldest first; the last is the
# head. A test checks this against the Alembic scripts, so that opening an
# up-to-date library does not have to import Alembic at all.
REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007")
HEAD = REVISIONS[-1]

BUSY_TIMEOUT_MS = 10_000
_SQLITE_MAGIC = b"SQLite format 3\x00"


def default_library_path() -> Path:
    """``library.sqlite`` in the platform's user data folder."""
    from platformdirs import user_data_path

    return user_data_path("pir-desktop", appauthor=False) / "library.sqlite"


FULL_BELOW_BYTES = 1024 * 1024  # less free space than this: the disk is full for SQLite


def disk_full(folder: Path) -> bool:
    """Whether the file system holding ``folder`` has (next to) no space left for us."""
    try:
        info = os.statvfs(folder)
    except OSError:
        return False
    blocks = info.f_bfree if os.geteuid() == 0 else info.f_bavail  # root may use the reserve
    return blocks * info.f_frsize < FULL_BELOW_BYTES


def check_writable(path: Path) -> None:
    """``LibraryError`` when the library file or its folder (for the journal) is read-only."""
    import os

    if not os.access(path, os.W_OK):
        raise LibraryError(f"the library {path} is read-only; check the file's permissions")
    if not os.access(path.parent, os.W_OK):
        raise LibraryError(
            f"the folder {path.parent} is read-only; the library needs to write its journal there"
        )


def explain(exc: BaseException, path: Path) -> str:
    """A person's sentence for an SQLite failure on the library at ``path``."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    if "locked" in text or "busy" in text:
        return f"the library {path} is busy: another program is writing to it; try again"
    if "readonly" in text or "read-only" in text:
        return f"the library {path} is read-only; check the permissions of the file and its folder"
    # SQLite says "disk I/O error" for a write that failed for want of space (a full
    # journal or -shm on some file systems); the file system's free space tells.
    if "is full" in text or ("disk i/o error" in text and disk_full(path.parent)):
        return f"the disk holding the library {path} is full; free some space and try again"
    if "disk i/o error" in text:
        return (
            f"the library {path} could not be written or read (a disk I/O error: the disk "
            "may be full, failing or gone, or the file too large for this system)"
        )
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return f"the library {path} is damaged ({text})"
    if "unable to open" in text:
        return f"cannot open the library {path}; check that its folder exists and is writable"
    return f"the library {path} could not be used: {text}"


def _connect_read_only(path: Path) -> sqlite3.Connection:
    # Without a journal beside it, "immutable" reads the file without creating
    # the -shm and -wal files a WAL database would otherwise get on open.
    journal = Path(f"{path}-wal")
    flags = "mode=ro" if journal.exists() else "mode=ro&immutable=1"
    try:
        return sqlite3.connect(f"file:{path}?{flags}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise LibraryError(explain(exc, path)) from None


def inspect_library(path: Path, *, check: bool = True) -> str:
    """The schema revision of the library at ``path``, read without changing it.

    Raises ``LibraryError`` for anything that is not a healthy library.
    ``check=False`` skips ``PRAGMA quick_check`` (0.13 s on a library of 1,000
    reviews): for a caller that only reads, where damage shows as an error of
    the read itself, never as a write to a damaged file.
    """
    try:
        # O_NONBLOCK: a named pipe given as the library opens at once instead of waiting
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except PermissionError:
        raise LibraryError(f"cannot read the library {path}: permission denied") from None
    except OSError as exc:
        raise LibraryError(f"cannot read the library {path}: {exc.strerror}") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise LibraryError(f"{path} is a folder; give the path of a library file")
        if not stat.S_ISREG(mode):
            raise LibraryError(
                f"{path} is not a library file (it is a named pipe, a device or a socket); "
                "give the path of a library file"
            )
        header = os.read(fd, 100)
    except OSError as exc:
        raise LibraryError(f"cannot read the library {path}: {exc.strerror}") from None
    finally:
        os.close(fd)
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise NotALibrary(f"{path} is not a PIR Desktop library (it is not an SQLite database)")
    conn = _connect_read_only(path)
    try:
        health = conn.execute("PRAGMA quick_check").fetchall() if check else [("ok",)]
        if health != [("ok",)]:
            problem = "; ".join(row[0] for row in health[:3])
            raise LibraryError(f"the library {path} is damaged: {problem}")
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if "alembic_version" not in tables or "reviews" not in tables:
            raise NotALibrary(f"{path} is an SQLite database but not a PIR Desktop library")
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.Error as exc:
        raise LibraryError(explain(exc, path)) from None
    finally:
        conn.close()
    if len(rows) != 1:
        raise LibraryError(f"the library {path} is damaged: its schema revision is missing")
    return rows[0][0]


def peek_reviews(path: Path) -> list[ReviewSummary]:
    """The reviews of a library at head, as ``storage.reviews.list_reviews`` gives them.

    The caller has checked the revision with :func:`inspect_library`.
    """
    from ..domain.enums import ReviewStatus, Severity
    from ..domain.model import ReviewSummary

    conn = _connect_read_only(path)
    try:
        rows = conn.execute(
            "SELECT id, title, incident_date, severity, status, updated_at FROM reviews "
            "ORDER BY incident_date DESC, created_at DESC"
        ).fetchall()
    except sqlite3.Error as exc:
        raise LibraryError(explain(exc, path)) from None
    finally:
        conn.close()
    try:
        return [
            ReviewSummary(
                id=r[0],
                title=r[1],
                incident_date=date.fromisoformat(r[2]),
                severity=Severity(r[3]),
                status=ReviewStatus(r[4]),
                updated_at=None if r[5] is None else _stored_time(r[5]),
            )
            for r in rows
        ]
    except ValueError as exc:
        raise LibraryError(f"the library {path} is damaged: {exc}") from None


def _stored_time(text: str) -> datetime:
    # SQLAlchemy's SQLite DateTime: "YYYY-MM-DD HH:MM:SS.ffffff", UTC by our convention.
    return datetime.fromisoformat(text).replace(tzinfo=UTC)
