"""A private PostgreSQL server for the tests and benchmarks: initdb into a temporary
folder, on a free loopback port, stopped at the end.

Debian's ``postgresql`` package (``packaging/system_deps.sh test`` installs it)
puts the server's programs in ``/usr/lib/postgresql/VERSION/bin``, off the PATH.
The server refuses to run as root, and CI runs as root: there the programs run
as ``nobody`` through ``setpriv``, in a folder that user owns. The superuser
``pir_admin`` signs in with a password over TCP (scram-sha-256), so the tests
meet the authentication a team's server asks for; nothing listens anywhere but
127.0.0.1, and the Unix socket lives in the private folder.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

ADMIN = "pir_admin"
ADMIN_PASSWORD = "admin-secret-Xq7"


def server_bin() -> Path:
    """The folder holding initdb and pg_ctl (the newest installed major version)."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    raise RuntimeError(
        "PostgreSQL's server is not installed: run 'sh packaging/system_deps.sh test' "
        "(Debian package postgresql)"
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    """One private server. ``url(dbname)`` gives a SQLAlchemy URL signing in as ``user``."""

    def __init__(self):
        self.bin = server_bin()
        self.root = Path(tempfile.mkdtemp(prefix="pir-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            self._as_user = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
            os.chown(self.root, 65534, 65534)
        self.running = False

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*self._as_user, *args],
            check=check,
            capture_output=True,
            text=True,
            cwd=self.root,
            env={**os.environ, "LC_ALL": "C.UTF-8", "HOME": str(self.root)},
        )

    def init(self) -> None:
        pwfile = self.root / "pw"
        pwfile.write_text(ADMIN_PASSWORD + "\n")
        if self._as_user:
            os.chown(pwfile, 65534, 65534)
        self._run(
            str(self.bin / "initdb"),
            "-D", str(self.data),
            "-U", ADMIN,
            f"--pwfile={pwfile}",
            "--auth-host=scram-sha-256",
            "--auth-local=trust",
            "--encoding=UTF8",
            "--no-sync",
        )  # fmt: skip
        pwfile.unlink()

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=100 -c shared_buffers=32MB"
        )
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options,
            "-l", str(self.root / "server.log"), "-w", "-t", "30", "start",
        )  # fmt: skip
        self.running = True

    def stop(self, mode: str = "fast") -> None:
        if self.running:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")
            self.running = False

    def restart(self, pause: float = 0.0) -> None:
        self.stop()
        time.sleep(pause)
        self.start()

    def cleanup(self) -> None:
        try:
            self.stop("immediate")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, dbname: str, user: str = ADMIN, password: str | None = ADMIN_PASSWORD) -> str:
        auth = user if password is None else f"{user}:{password}"
        return f"postgresql+psycopg://{auth}@127.0.0.1:{self.port}/{dbname}"

    def admin(self, dbname: str = "postgres"):
        """An autocommit psycopg connection as the superuser (through the Unix socket)."""
        import psycopg

        return psycopg.connect(
            host=str(self.root), port=self.port, user=ADMIN, dbname=dbname, autocommit=True
        )

    def create_database(self, name: str, template: str = "template0") -> None:
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')

    def drop_database(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def started() -> PgServer:
    server = PgServer()
    try:
        server.init()
        server.start()
    except subprocess.CalledProcessError as exc:
        server.cleanup()
        raise RuntimeError(f"the private PostgreSQL server did not start: {exc.stderr}") from exc
    except BaseException:
        server.cleanup()
        raise
    return server
