"""How much the program reads at most, and reading within it.

Every file a user hands over gets an answer, never a hang or a full memory:

- a file is read only if it is a regular file (a named pipe would block the
  read forever, ``/dev/zero`` never ends), and never past a size limit;
- a zip (a Slack export, a Word template) only after its listing is checked:
  how many entries, how large each is unpacked and all of them together,
  and how much smaller it is packed (a 4 MB zip can unpack to 4 GiB);
- a folder (a Slack export) is walked without following links out of it,
  to a bounded depth and number of entries.

Each refusal is the caller's own ``PirError`` class with a message naming
the limit. The limits are far above anything real: a review of 2,000
events is 0.5 MB, a Word template a few hundred KB to a few MB.
"""

from __future__ import annotations

import lzma
import os
import stat
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .errors import PirError

MiB = 2**20

REVIEW_FILE_BYTES = 64 * MiB
TIMELINE_FILE_BYTES = 64 * MiB  # a CSV or log text; 200,000 log lines are about 20 MB
SLACK_FILE_BYTES = 64 * MiB  # one channel's messages of one day
SLACK_TOTAL_BYTES = 256 * MiB  # every file of an export read together
SLACK_ENTRIES = 100_000  # entries of an export's zip, or of its folder walked
SLACK_FOLDER_DEPTH = 8  # an export is channel/day.json; deeper folders are not looked in
TEMPLATE_FILE_BYTES = 64 * MiB
TEMPLATE_PART_BYTES = 64 * MiB
TEMPLATE_TOTAL_BYTES = 256 * MiB
TEMPLATE_ENTRIES = 2_000
PACKED_RATIO = 200  # unpacked to packed, for an entry of more than a MiB unpacked


def size(n: int) -> str:
    """``64 MiB``, ``1.5 GiB``, ``300 bytes``."""
    if n < 1024:
        return f"{n} bytes"
    for unit, scale in (("GiB", 2**30), ("MiB", MiB), ("KiB", 1024)):
        if n >= scale:
            value = n / scale
            return (
                f"{value:.0f} {unit}"
                if value >= 10 or value.is_integer()
                else f"{value:.1f} {unit}"
            )
    raise AssertionError("unreachable")


_KINDS = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


def open_regular(path: Path, error: type[PirError], what: str) -> BinaryIO:
    """``path`` open for reading if it is a regular file; else ``error``.

    ``what`` names the file in messages ("review file", "template")."""
    try:
        # O_NONBLOCK: a named pipe opens at once instead of waiting for a writer
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    except PermissionError:
        raise error(f"{path}: permission denied") from None
    except OSError as exc:
        raise error(f"{path}: cannot be read ({exc.strerror})") from None
    mode = os.fstat(fd).st_mode
    if stat.S_ISREG(mode):
        return os.fdopen(fd, "rb")
    os.close(fd)
    if stat.S_ISDIR(mode):
        raise error(f"{path}: is a folder, not a {what}")
    kind = _KINDS.get(stat.S_IFMT(mode), "not a file")
    raise error(f"{path}: is {kind}, not a {what}; only a regular file is read")


def read_open(handle: BinaryIO, path, limit: int, error: type[PirError], what: str) -> bytes:
    """All of an open regular file, if it holds at most ``limit`` bytes; else ``error``."""
    found = os.fstat(handle.fileno()).st_size
    if found > limit:
        raise error(_too_large(path, found, limit, what))
    try:
        handle.seek(0)
        data = handle.read(limit + 1)
    except OSError as exc:
        raise error(f"{path}: cannot be read ({exc.strerror})") from None
    if len(data) > limit:  # it grew while being read
        raise error(_too_large(path, len(data), limit, what))
    return data


def read_regular(path: Path, limit: int, error: type[PirError], what: str) -> bytes:
    """The bytes of ``path``, a regular file of at most ``limit`` bytes; else ``error``."""
    with open_regular(path, error, what) as handle:
        return read_open(handle, path, limit, error, what)


def _too_large(name, found: int, limit: int, what: str) -> str:
    shown = f"{size(found)}" if found <= limit * 4 else f"more than {size(limit)}"
    return f"{name}: is {shown}, larger than a {what} may be ({size(limit)})"


_UNPACK_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,  # a compression method zipfile does not know
    RuntimeError,  # an encrypted entry
    EOFError,
    ValueError,
    OSError,
    zlib.error,
    lzma.LZMAError,
)


@dataclass(frozen=True)
class ZipLimits:
    entries: int
    entry_bytes: int
    total_bytes: int
    what: str  # "Slack export", "template"


SLACK_ZIP = ZipLimits(SLACK_ENTRIES, SLACK_FILE_BYTES, SLACK_TOTAL_BYTES, "Slack export")
TEMPLATE_ZIP = ZipLimits(
    TEMPLATE_ENTRIES, TEMPLATE_PART_BYTES, TEMPLATE_TOTAL_BYTES, "Word template"
)


class BoundedZip:
    """A zip archive whose entries are read within ``limits``; any failure is ``error``."""

    def __init__(self, source, name: str, limits: ZipLimits, error: type[PirError]):
        self.name, self.limits, self.error = name, limits, error
        self.read_bytes = 0
        try:
            self.archive = zipfile.ZipFile(source)
            self.entries = self.archive.infolist()
        except _UNPACK_ERRORS as exc:
            raise error(f"{name}: not a readable zip file ({exc})") from None
        if len(self.entries) > limits.entries:
            raise error(
                f"{name}: holds {len(self.entries):,} entries, more than a {limits.what} may "
                f"({limits.entries:,})"
            )

    def close(self) -> None:
        self.archive.close()

    def __enter__(self) -> BoundedZip:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def check(self, entry: zipfile.ZipInfo) -> None:
        """Refuse an entry by what the listing says, before unpacking any of it."""
        where = f"{self.name}: {entry.filename}"
        if entry.file_size > self.limits.entry_bytes:
            raise self.error(
                _too_large(
                    where, entry.file_size, self.limits.entry_bytes, f"part of a {self.limits.what}"
                )
            )
        if entry.file_size > MiB and entry.file_size > entry.compress_size * PACKED_RATIO:
            raise self.error(
                f"{where}: unpacks to {size(entry.file_size)} from {size(entry.compress_size)}, "
                f"more than {PACKED_RATIO} times its packed size (a zip bomb?); not unpacked"
            )
        if self.read_bytes + entry.file_size > self.limits.total_bytes:
            raise self.error(
                f"{self.name}: unpacks to more than a {self.limits.what} may "
                f"({size(self.limits.total_bytes)} in all)"
            )

    def read(self, entry: zipfile.ZipInfo) -> bytes:
        self.check(entry)
        try:
            # zipfile stops at the size the listing gives, then checks the CRC
            with self.archive.open(entry) as handle:
                data = handle.read(self.limits.entry_bytes + 1)
        except _UNPACK_ERRORS as exc:
            raise self.error(
                f"{self.name}: {entry.filename} cannot be unpacked ({exc or type(exc).__name__})"
            ) from None
        self.read_bytes += len(data)
        if len(data) > self.limits.entry_bytes or self.read_bytes > self.limits.total_bytes:
            raise self.error(
                f"{self.name}: unpacks to more than a {self.limits.what} may "
                f"({size(self.limits.total_bytes)} in all, {size(self.limits.entry_bytes)} "
                "an entry)"
            )
        return data


def walk_folder(
    root: Path, error: type[PirError], entries: int = SLACK_ENTRIES,
    depth: int = SLACK_FOLDER_DEPTH,
) -> Iterator[tuple[str, Path]]:  # fmt: skip
    """(name relative to ``root``, path) of every file below ``root``, sorted by name.

    Links to folders are not followed; a link to a file is given as it is (the reader
    checks where it leads with ``inside``). Folders deeper than ``depth`` are not
    looked in; more than ``entries`` entries in all is refused."""
    found: list[tuple[str, Path]] = []
    seen = 0
    stack = [(root, "", 0)]
    while stack:
        folder, prefix, level = stack.pop()
        try:
            with os.scandir(folder) as listing:
                items = list(listing)
        except OSError as exc:
            raise error(f"{folder}: cannot be read ({exc.strerror})") from None
        seen += len(items)
        if seen > entries:
            raise error(
                f"{root}: holds more than {entries:,} files and folders; not a Slack export"
            )
        for item in items:
            name = f"{prefix}{item.name}"
            if item.is_dir(follow_symlinks=False):
                if level + 1 < depth:
                    stack.append((Path(item.path), f"{name}/", level + 1))
            else:
                found.append((name, Path(item.path)))
    return iter(sorted(found))


def inside(path: Path, root: Path) -> bool:
    """Whether ``path``, its links followed, is within ``root``."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return False
