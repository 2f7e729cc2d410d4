"""Open, create and upgrade a library file; hand out read and write sessions.

A library is one SQLite file holding many reviews. Opening one never changes
a file that is not a library: the file is inspected read-only first (header,
``PRAGMA quick_check``, schema revision), and only a healthy library of an
older revision is upgraded, after a backup copy next to it. A new library is
built in a temporary file and moved into place, so a crash never leaves a
half-made library behind.

Every committed write is durable at once: WAL journal with
``synchronous=FULL``. Write transactions start with ``BEGIN IMMEDIATE`` so
two programs on one library wait for each other instead of failing midway.

The same ``Library`` also stands for a team library on PostgreSQL
(``open_library("postgresql+psycopg://...")``, ``storage.team``): the
operations see no difference. Each write transaction knows who writes
(``Library.author``: stamped on every row it changes), records what it changed
in the ``changes`` table (``storage.feed``), on PostgreSQL sends ``NOTIFY`` at
commit, and leaves a receipt in ``Library.last_write`` for the thread that made
it (the versions the edit produced, which the window's undo needs).
"""

from __future__ import annotations

import getpass
import glob
import itertools
import os
import socket
import sqlite3
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from ..errors import LibraryError, NewerLibraryError
from . import feed
from .peek import (
    BUSY_TIMEOUT_MS,
    HEAD,
    REVISIONS,
    check_writable,
    default_library_path,
    disk_full,
    explain,
    inspect_library,
)
from .schema import AUTHOR
from .team_address import TeamAddress, is_team_url

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def _set_pragmas(dbapi_connection, _record) -> None:
    # The driver must not open transactions on its own: the "begin" hook
    # below does, so that BEGIN IMMEDIATE and transactional DDL work.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite+pysqlite:///{path}")
    event.listen(engine, "connect", _set_pragmas)

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        mode = conn.get_execution_options().get("pir_begin", "")
        conn.exec_driver_sql(f"BEGIN {mode}".strip())

    return engine


def _make_read_only_engine(path: Path) -> Engine:
    """An engine whose connections cannot write (SQLite's read-only mode)."""
    from .peek import _connect_read_only

    engine = create_engine("sqlite+pysqlite://", creator=lambda: _connect_read_only(path))
    event.listen(engine, "connect", _set_pragmas)

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


@contextmanager
def _as_library_errors(path: Path) -> Iterator[None]:
    """Turn SQLite's failures on the library (locked, read-only, full...) into ``LibraryError``."""
    try:
        yield
    except IntegrityError:
        raise  # a broken invariant is a bug, not something the user can fix
    except DBAPIError as exc:
        raise LibraryError(explain(exc, path)) from exc


@contextmanager
def _as_team_errors(address: TeamAddress, *, opening: bool = False) -> Iterator[None]:
    """PostgreSQL's failures as sentences: ``RetryWrite`` for a collision (retried by the
    operations), ``ServerGone`` for a lost server, ``LibraryError`` for the rest."""
    from . import team

    try:
        yield
    except IntegrityError as exc:
        if team._state(exc) == "23505":
            # two writers inserting one id: run again, and the second finds it there
            raise team.RetryWrite(
                f"the team library {address.masked} was busy with another edit"
            ) from exc
        raise
    except DBAPIError as exc:
        raise team.explain(exc, address, opening=opening) from None


def default_author() -> str:
    """``dana on dana-laptop``: the OS user and this machine, as changes are signed."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment nor the password database
        user = "someone"
    return f"{user} on {socket.gethostname() or 'this machine'}"


def _stamp_authors(session: Session, _context, _instances) -> None:
    """Rows whose time moved get the writer as their ``updated_by`` (or ``deleted_by``)."""
    author = session.info.get("pir_author")
    for obj in session.dirty:
        state = inspect(obj)
        for time_column, by_column in (("updated_at", "updated_by"), ("deleted_at", "deleted_by")):
            if by_column in state.attrs and state.attrs[time_column].history.has_changes():
                setattr(obj, by_column, author)


class Library:
    """An open library (a file, or a team library on PostgreSQL). Use :meth:`read` and
    :meth:`write` for sessions.

    ``path`` is the file (None for a team library), ``address`` the team library's
    ``TeamAddress`` (None for a file), ``name`` what messages show (a path, or the
    URL with its password masked). ``author`` signs every change (default: the OS
    user and host); a caller may set another name.
    """

    def __init__(
        self,
        path: Path | None,
        engine: Engine,
        *,
        address: TeamAddress | None = None,
        author: str | None = None,
    ):
        self.path = path
        self.address = address
        self.engine = engine
        self.author = author or default_author()
        if address is not None:
            # Writes at READ COMMITTED with row locks (FOR UPDATE on the item, then on its
            # review): writers of one review queue instead of failing each other, and
            # each check reads the row as committed when the lock was granted.
            self._write_engine = engine.execution_options(isolation_level="READ COMMITTED")
        else:
            self._write_engine = engine.execution_options(pir_begin="IMMEDIATE")
        self._local = threading.local()

    @property
    def is_team(self) -> bool:
        return self.address is not None

    @property
    def name(self) -> str:
        return self.address.masked if self.address is not None else str(self.path)

    def _errors(self):
        if self.address is not None:
            return _as_team_errors(self.address)
        return _as_library_errors(self.path)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; nothing it does is committed."""
        with self._errors(), Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any error.

        What the block records with ``feed.record`` is in the ``changes`` table with
        it; after the commit, :attr:`last_write` (for this thread) holds it.
        """
        token = AUTHOR.set(self.author)
        try:
            with (
                self._errors(),
                Session(self._write_engine, expire_on_commit=False) as session,
            ):
                session.info["pir_author"] = self.author
                event.listen(session, "before_flush", _stamp_authors)
                with session.begin():
                    yield session
                    recorded = feed.before_commit(session, notify=self.is_team)
            self._local.last_write = feed.Written(recorded)
        finally:
            AUTHOR.reset(token)

    @property
    def last_write(self) -> feed.Written:
        """What this thread's last committed write changed: its feed entries, with the
        version each item has after it (``Written.version(item_id)``)."""
        return getattr(self._local, "last_write", feed.Written(()))

    def reader(self):
        """A ``storage.queries.Reader`` on this library, on a connection of its own."""
        from . import queries

        if self.address is None:
            return queries.connect(self.path)
        return queries.team_reader(self.address)

    def ping(self) -> None:
        """Nothing when the library answers; ``ServerGone`` (a team library) when not. The
        engine's pool replaces dropped connections, so after a restart this reconnects."""
        with self._errors(), self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    def reconnect(self) -> None:
        """Drop every pooled connection; the next call opens fresh ones."""
        self.engine.dispose()

    def own_files(self) -> list[Path]:
        """The library file, its journal files and its backups: files no export may replace."""
        if self.path is None:
            return []
        journals = [Path(f"{self.path}{suffix}") for suffix in ("-wal", "-shm", "-journal")]
        backups = self.path.parent.glob(f"{glob.escape(self.path.stem)}.backup-r*")
        return [self.path, *journals, *sorted(backups)]

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def migrate_connection(connection, target: str = "head") -> None:
    """Run the Alembic migrations up to ``target`` on an open connection (its transaction;
    the caller commits)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    command.upgrade(config, target)


def run_migrations(
    engine: Engine, target: str = "head", *, back_up: Path | None = None
) -> Path | None:
    """Upgrade the schema behind ``engine`` to ``target`` in one transaction.

    With ``back_up`` (the library's path), the library is first copied to a
    backup inside that same write transaction: a second program opening the
    same old library waits for the first, then finds it upgraded and makes
    neither a second backup nor a second upgrade. Returns the backup's path,
    None when there was nothing to do.
    """
    # IMMEDIATE: a second program upgrading the same library waits, then
    # finds it at head and has nothing to do.
    with engine.execution_options(pir_begin="IMMEDIATE").connect() as connection:
        backup = None
        if back_up is not None:
            # the first statement begins the write transaction: from here others wait
            revision = connection.exec_driver_sql("SELECT version_num FROM alembic_version")
            revision = revision.scalar_one()
            if revision == target or (target == "head" and revision == HEAD):
                return None
            backup = _backup(back_up, revision)
        migrate_connection(connection, target)
        connection.commit()
    return backup


def _remove_with_journals(path: Path) -> None:
    for name in (path, *(Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", "-journal"))):
        name.unlink(missing_ok=True)


def _new_backup_file(path: Path, revision: str) -> Path:
    """A new, empty file for the backup, made exclusively: two programs (or two in one
    second) never write the same backup."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    suffix = path.suffix or ".sqlite"
    mode = stat.S_IMODE(path.stat().st_mode)  # the backup holds what the library holds
    for number in itertools.count(1):
        extra = "" if number == 1 else f"-{number}"
        target = path.with_name(f"{path.stem}.backup-r{revision}-{stamp}{extra}{suffix}")
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        except FileExistsError:
            continue
        os.close(fd)
        return target
    raise AssertionError("unreachable")


def _backup(path: Path, revision: str) -> Path:
    """A copy of the library (SQLite's backup API, through its own read-only connection)
    next to it; a failed copy leaves no file behind."""
    try:
        target = _new_backup_file(path, revision)
    except OSError as exc:
        raise LibraryError(
            f"could not back up {path} before upgrading it ({exc.strerror}); "
            "the library was left as it was"
        ) from None
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            dest = sqlite3.connect(target)
            try:
                source.backup(dest)
            finally:
                dest.close()
        finally:
            source.close()
    except sqlite3.Error as exc:
        _remove_with_journals(target)
        reason = "the disk is full" if disk_full(path.parent) else str(exc)
        raise LibraryError(
            f"could not back up {path} before upgrading it ({reason}); "
            "the library was left as it was"
        ) from None
    return target


def _create(path: Path, revision: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LibraryError(f"cannot create the folder {path.parent}: {exc.strerror}") from None
    if not os.access(path.parent, os.W_OK):
        raise LibraryError(f"cannot create a library in {path.parent}: the folder is read-only")
    temp = path.with_name(f".{path.name}.creating-{os.getpid()}")
    _remove_with_journals(temp)
    engine = _make_engine(temp)
    try:
        try:
            conn = sqlite3.connect(temp)
            try:
                conn.execute("PRAGMA journal_mode = WAL")  # persistent: stored in the file
            finally:
                conn.close()
            run_migrations(engine, revision)
        except (sqlite3.Error, DBAPIError) as exc:  # a full disk, most likely
            raise LibraryError(f"cannot create the library: {explain(exc, path)}") from None
    except Exception:
        engine.dispose()
        _remove_with_journals(temp)
        raise
    engine.dispose()
    try:
        # link() fails if another program created the library meanwhile: keep theirs.
        os.link(temp, path)
    except FileExistsError:
        pass
    except OSError:
        # A file system without hard links: a plain rename, still atomic.
        try:
            if not path.exists():
                os.replace(temp, path)
        except OSError as exc:
            raise LibraryError(f"cannot create the library {path}: {exc.strerror}") from None
    finally:
        _remove_with_journals(temp)


def open_library(
    path: Path | str | TeamAddress | None = None,
    *,
    create: bool = True,
    author: str | None = None,
    read_only: bool = False,
) -> Library:
    """Open the library at ``path`` (default: the user data folder), creating or upgrading it.

    A new library is made in the user data folder (created if need be) or in a folder
    that exists: a mistyped ``--library`` path is refused, not made into folders and an
    empty library. ``read_only`` opens an up-to-date library file that this user may
    not write (for the commands that only read); nothing through it can write.

    ``path`` may also be a team library's URL (``postgresql+psycopg://user@host/db``) or
    its ``TeamAddress``: an empty database gets the schema; one holding other tables, a
    newer schema or an older one (until ``upgrade_team_library``) is refused.
    """
    if isinstance(path, TeamAddress) or is_team_url(path):
        return open_team_library(path, author=author, create=create)
    path = Path(path).expanduser() if path is not None else default_library_path()
    path = path.absolute()
    if path.is_dir():
        raise LibraryError(f"{path} is a folder; give the path of a library file")
    if not path.exists():
        if not create or read_only:
            raise LibraryError(f"there is no library at {path}")
        if not path.parent.is_dir() and path != default_library_path().absolute():
            raise LibraryError(
                f"no library at {path}; its folder {path.parent} does not exist (check the "
                "path: a new library is made only in a folder that exists)"
            )
        _create(path, HEAD)
    revision = inspect_library(path)
    if revision not in REVISIONS:
        raise NewerLibraryError(
            f"the library {path} was written by a newer version of PIR Desktop "
            f"(schema {revision}); update PIR Desktop to open it"
        )
    if read_only:
        if revision != HEAD:
            raise LibraryError(
                f"the library {path} is read-only and needs an upgrade to this version, "
                "which writes to it; open it once where it can be written"
            )
        return Library(path, _make_read_only_engine(path), author=author)
    check_writable(path)
    engine = _make_engine(path)
    if revision != HEAD:
        try:
            with _as_library_errors(path):
                run_migrations(engine, back_up=path)
        except Exception:
            engine.dispose()
            raise
    return Library(path, engine, author=author)


def _team_address(target: str | TeamAddress) -> TeamAddress:
    from .team_address import parse

    return target if isinstance(target, TeamAddress) else parse(target)


def open_team_library(
    target: str | TeamAddress, *, author: str | None = None, create: bool = True
) -> Library:
    """Open a team library on PostgreSQL; an empty database gets the schema first (or,
    not ``create``, is refused)."""
    from . import team

    address = _team_address(target)
    engine = team.make_engine(address)
    try:
        with _as_team_errors(address, opening=True):
            team.prepare(engine, address, create=create)
    except Exception:
        engine.dispose()
        raise
    return Library(None, engine, address=address, author=author)


def upgrade_team_library(target: str | TeamAddress) -> tuple[str, str] | None:
    """Upgrade an older team library to this version's schema (``pir-desktop upgrade``);
    returns (old revision, new), or None when there was nothing to do."""
    from . import team

    address = _team_address(target)
    engine = team.make_engine(address)
    try:
        with _as_team_errors(address):
            return team.upgrade(engine, address)
    finally:
        engine.dispose()
