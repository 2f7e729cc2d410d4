"""Hostile input as a user's shell meets it: the real command in a child process, under limits.

``run_bounded`` starts ``python -m pir_desktop`` with a cap on its address
space and CPU time (``resource.setrlimit``) and a wall-clock timeout, so a
defect that reads a bomb into memory, loops for minutes or blocks on a pipe
fails the test instead of the machine. The bounds are generous (a report
export needs about 300 MB and a second): they catch runaway work, not a
slow shared machine. ``assert_refused`` is what every refusal must look
like: exit 2, one line on stderr naming the problem, no internal error.
``library_state`` reads every row of a library through a fresh sqlite3
connection, to show a refused command changed nothing.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import struct
import subprocess
import sys
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from .conftest import TABLES

MEMORY_BYTES = 1024 * 2**20
CPU_SECONDS = 60
WALL_SECONDS = 180


def run_bounded(
    *args: str,
    stdin: bytes | None = None,
    memory: int = MEMORY_BYTES,
    file_size: int | None = None,
    env: dict | None = None,
    timeout: float = WALL_SECONDS,
) -> subprocess.CompletedProcess:
    """The command under limits; ``file_size`` also caps what it may write (a full disk)."""

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
        if file_size is not None:
            # a write past the limit then fails with EFBIG instead of killing the process
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "pir_desktop", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        preexec_fn=limits,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
    result.seconds = time.monotonic() - start
    result.stdout = result.stdout.decode("utf-8", "replace")
    result.stderr = result.stderr.decode("utf-8", "replace")
    return result


def assert_refused(result: subprocess.CompletedProcess, *says: str) -> None:
    """Exit 2 with one line on stderr that contains each of ``says``."""
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert result.stderr.startswith("pir-desktop: "), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    for words in says:
        assert words in result.stderr, result.stderr


def library_state(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, read through a fresh connection."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}
    finally:
        conn.close()


def folder_names(folder: Path) -> set[str]:
    """The files in a folder, leaving out SQLite's journal files (they come and go)."""
    return {p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm"))}


def import_review(library: Path, doc: dict, folder: Path) -> str:
    """Import ``doc`` (in process: it is the set-up, not what is tested); its id."""
    from pir_desktop.cli import main

    path = folder / "review.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["--library", str(library), "import", str(path)]) == 0
    conn = sqlite3.connect(library)
    review_id = conn.execute("SELECT id FROM reviews ORDER BY created_at DESC").fetchone()[0]
    conn.close()
    return review_id


def export_bounded(library: Path, review_id: str, fmt: str, out: Path, variant: str = "full"):
    """``export`` through the command under limits; it must succeed. Returns ``out``."""
    result = run_bounded(
        "--library", str(library), "export", review_id, "--format", fmt,
        "--variant", variant, "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return out


@dataclass
class RawEntry:
    """One entry of a zip written byte by byte: what its listing claims is up to the test."""

    name: str
    packed: bytes  # the bytes as stored (deflated when method is 8)
    size: int  # the unpacked size the listing gives
    crc: int
    method: int = 8


def deflated(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def entry(name: str, data: bytes) -> RawEntry:
    """An honest entry."""
    return RawEntry(name, deflated(data), len(data), zlib.crc32(data))


def zeros_entry(name: str, size: int) -> RawEntry:
    """An entry of ``size`` zero bytes, deflated without deflating them all: 64 MiB are
    packed once, each followed by a full flush (which resets the packer, so every further
    64 MiB pack to the same bytes). The CRC is left 0: a reader that checks it has had to
    unpack everything first, which is what must not happen."""
    chunk = 64 * 2**20
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(bytes(chunk)) + packer.flush(zlib.Z_FULL_FLUSH)
    whole, rest = divmod(size, chunk)
    tail = packer.compress(bytes(rest)) + packer.flush()
    return RawEntry(name, block * whole + tail, size, 0)


def raw_zip(entries: list[RawEntry]) -> bytes:
    """A zip file (no ZIP64: sizes below 4 GiB) holding ``entries`` exactly as given."""
    out, central = bytearray(), bytearray()
    for item in entries:
        name = item.name.encode("utf-8")
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, item.method, 0, 0x21,
                           item.crc, len(item.packed), item.size, len(name), 0)  # fmt: skip
        out += name + item.packed
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, item.method, 0,
                               0x21, item.crc, len(item.packed), item.size, len(name), 0, 0, 0,
                               0, 0, offset)  # fmt: skip
        central += name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central),
                      len(out), 0)  # fmt: skip
    return bytes(out + central + end)
