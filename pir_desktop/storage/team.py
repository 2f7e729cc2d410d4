"""The team library on PostgreSQL: connecting, the schema's state, creating and upgrading it,
and PostgreSQL's failures as sentences.

A database is a team library when its current schema holds ``alembic_version``
and ``reviews``. An empty one gets the schema on first use (the same Alembic
migrations as a library file), under an advisory lock so that two people
opening it at once create it once. A database holding other tables is refused;
a newer schema is refused; an older one is upgraded only by ``pir-desktop
--library URL upgrade`` (a shared database is upgraded by one person, after a
``pg_dump``), and until then nothing opens it.

Reads run at REPEATABLE READ: loading a review sees one snapshot of it. Writes
run at READ COMMITTED with row locks: an edit takes its item's row FOR UPDATE,
then its review's row (every write moves the review's ``updated_at``), so two
writers of one review queue rather than fail, and each check (the version an
edit was made from, a list's positions) reads what was committed when the lock
was granted. Writes to different reviews never meet. A deadlock (two reviews
locked in opposite orders) or a serialization failure is run again by
``storage.retry``. (Plain REPEATABLE READ writes were tried first: with eight
writers on one review, the first-updater-wins rule made nearly every write fail
and run again.)
Keepalives and ``tcp_user_timeout`` make a dropped network show as an error
within seconds instead of a hang.
"""

from __future__ import annotations

import logging
from typing import Any

from ..errors import (
    LibraryError,
    NewerLibraryError,
    NotALibrary,
    OutdatedLibraryError,
    PirError,
    ServerGone,
)
from .peek import HEAD, REVISIONS
from .team_address import TeamAddress

log = logging.getLogger(__name__)

# pg_advisory_xact_lock key held while the schema is created or upgraded ("PIRD").
SCHEMA_LOCK = 0x50495244
# libpq settings every connection gets unless the URL sets them itself.
CONNECTION_DEFAULTS: dict[str, Any] = {
    "connect_timeout": 5,
    "keepalives": 1,
    "keepalives_idle": 5,
    "keepalives_interval": 2,
    "keepalives_count": 3,
    "tcp_user_timeout": 10_000,  # ms: a send nobody acknowledges fails after 10 s
    "application_name": "pir-desktop",
}
RETRY_STATES = {"40001", "40P01"}  # serialization_failure, deadlock_detected
GONE_STATES = {"57P01", "57P02", "57P03"}  # admin shutdown, crash shutdown, cannot connect now
_GONE_WORDS = (
    "connection refused",
    "server closed the connection",
    "connection timed out",
    "timeout expired",
    "could not connect",
    "no route to host",
    "network is unreachable",
    "connection reset",
    "the connection is closed",
    "the connection is lost",
    "consuming input failed",
    "sending query failed",
    "terminating connection",
    "bad connection",
    "could not receive data",
    "could not send data",
    "ssl syscall error",
    "eof detected",
    "name or service not known",
    "temporary failure in name resolution",
)


class RetryWrite(LibraryError):
    """A write collided with another (a serialization failure or a deadlock) and can run
    again; ``storage.retry.retried`` does, a few times, then says the library is busy."""


def connect_kwargs(address: TeamAddress) -> dict[str, Any]:
    """psycopg.connect() keywords for ``address``: its URL's parts and query (sslmode,
    sslrootcert, service, ...) as libpq takes them, our defaults under them, the password."""
    url = address.url
    kwargs: dict[str, Any] = dict(CONNECTION_DEFAULTS)
    for key, value in url.query.items():
        kwargs[key] = value[-1] if isinstance(value, tuple) else value
    for key, value in (
        ("host", url.host),
        ("port", url.port),
        ("user", url.username),
        ("dbname", url.database),
    ):
        if value is not None:
            kwargs[key] = value
    if address.password is not None:
        kwargs["password"] = address.password
    return kwargs


def connect_raw(address: TeamAddress, *, autocommit: bool = True):
    """A plain psycopg connection (the change feed's, a ``Reader``'s)."""
    import psycopg

    try:
        return psycopg.connect(autocommit=autocommit, **connect_kwargs(address))
    except psycopg.Error as exc:
        raise explain(exc, address) from None


def make_engine(address: TeamAddress):
    from sqlalchemy import create_engine

    query = set(address.url.query)
    connect_args = {k: v for k, v in CONNECTION_DEFAULTS.items() if k not in query}
    if address.password is not None:
        connect_args["password"] = address.password  # never in the engine's URL
    return create_engine(
        address.url,
        isolation_level="REPEATABLE READ",
        pool_pre_ping=True,  # a connection the server dropped is replaced, not handed out
        pool_size=2,
        max_overflow=6,
        connect_args=connect_args,
    )


def _state(exc: BaseException) -> str | None:
    orig = getattr(exc, "orig", None) or exc
    return getattr(orig, "sqlstate", None)


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip()
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line.removeprefix("FATAL:").strip()
    return type(orig).__name__


def is_gone(exc: BaseException) -> bool:
    """Whether ``exc`` says the server or the network went away."""
    import psycopg

    state = _state(exc)
    if state in GONE_STATES or (state or "").startswith("08"):
        return True
    orig = getattr(exc, "orig", None) or exc
    if getattr(exc, "connection_invalidated", False):
        return True
    if isinstance(orig, psycopg.OperationalError | psycopg.InterfaceError) and state is None:
        text = str(orig).lower()
        return any(word in text for word in _GONE_WORDS) or not text
    return False


def explain(exc: BaseException, address: TeamAddress, *, opening: bool = False) -> PirError:
    """A person's sentence (a ``PirError``) for a PostgreSQL failure on the team library
    (``opening``: while opening it, when no change was under way)."""
    where = address.masked
    state = _state(exc)
    reason = address.scrub(_first_line(exc))
    if state in RETRY_STATES:
        return RetryWrite(
            f"the team library {where} was busy with another edit of the same review; "
            "nothing was saved, try again"
        )
    if is_gone(exc) and opening:
        return LibraryError(f"the team library {where} cannot be reached ({_gone_reason(reason)})")
    if is_gone(exc):
        return ServerGone(
            f"the team library {where} cannot be reached ({_gone_reason(reason)}); "
            "nothing of the change that failed was saved, and PIR Desktop connects again "
            "at the next step"
        )
    user = address.url.username or "your user"
    lowered = str(getattr(exc, "orig", None) or exc).lower()
    if state is None:  # a failure to connect carries no SQLSTATE: read libpq's words
        if "authentication failed" in lowered or "no password supplied" in lowered:
            state = "28P01"
        elif "database" in lowered and "does not exist" in lowered:
            state = "3D000"
        elif "role" in lowered and "does not exist" in lowered:
            state = "28000"
    if state in ("28P01", "28000"):
        return LibraryError(
            f"the team library {where} refused to sign in {user} ({reason}); check the "
            "password (~/.pgpass, PGPASSWORD or the keyring) and the server's pg_hba.conf"
        )
    if state == "3D000":
        return LibraryError(
            f"there is no database {address.database} on the server of {where}; "
            "create it first (README: setting up a team library)"
        )
    if state == "42501":
        return LibraryError(
            f"the role {user} may not do this in the team library {where} ({reason}); "
            "it needs the grants the README lists"
        )
    if state == "53300":
        return LibraryError(f"the server of the team library {where} has no free connection")
    if state is not None and state.startswith("53"):
        return LibraryError(f"the server of the team library {where} is out of resources: {reason}")
    return LibraryError(f"the team library {where} could not be used: {reason}")


def _gone_reason(reason: str) -> str:
    lowered = reason.lower()
    if "refused" in lowered:
        return "the server refused the connection: is it running?"
    if "terminating connection" in lowered or "shut" in lowered:
        return "the server is shutting down or restarting"
    if "timeout" in lowered or "timed out" in lowered:
        return "no answer from the server in time"
    if "name" in lowered and ("resolution" in lowered or "known" in lowered):
        return "its host name is not known here"
    if "closed" in lowered or "lost" in lowered or "reset" in lowered or "eof" in lowered:
        return "the connection to the server was lost"
    return reason or "the connection to the server was lost"


def schema_revision(connection, address: TeamAddress) -> str | None:
    """The revision of the schema in the database's current schema; None when it is empty.

    Raises ``NotALibrary`` for a database that holds other tables.
    """
    tables = {
        row[0]
        for row in connection.exec_driver_sql(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        )
    }
    if not tables:
        return None
    if "alembic_version" not in tables or "reviews" not in tables:
        shown = ", ".join(sorted(tables)[:5]) + (" ..." if len(tables) > 5 else "")
        raise NotALibrary(
            f"the database {address.database} of {address.masked} holds other tables "
            f"({shown}) and is not a PIR Desktop team library; give PIR Desktop an empty "
            "database of its own"
        )
    rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").fetchall()
    if len(rows) != 1:
        raise LibraryError(
            f"the team library {address.masked} is damaged: its schema revision is missing"
        )
    return rows[0][0]


def _refuse_revision(revision: str, address: TeamAddress) -> None:
    if revision not in REVISIONS:
        raise NewerLibraryError(
            f"the team library {address.masked} was written by a newer version of PIR "
            f"Desktop (schema {revision}); update PIR Desktop to open it"
        )
    if revision != HEAD:
        raise OutdatedLibraryError(
            f"the team library {address.masked} has schema {revision}, older than this "
            f"version's {HEAD}; one person upgrades it for everyone: take a backup first "
            f"(pg_dump --format=custom --file=pir-backup.dump {address.database}), then "
            f"run 'pir-desktop --library {address.account} upgrade'. Until then it is not "
            "opened"
        )


def prepare(engine, address: TeamAddress, *, create: bool = True) -> None:
    """Check the database behind ``engine``: create the schema in an empty one (refuse it
    when not ``create``), refuse a foreign, newer or older one (``upgrade`` handles the
    last)."""
    from .library import migrate_connection

    with engine.connect() as connection:
        revision = schema_revision(connection, address)
        connection.rollback()
        if revision is not None:
            _refuse_revision(revision, address)
            return
        if not create:
            raise LibraryError(
                f"there is no team library in {address.masked} (the database is empty)"
            )
        # Empty: create under the lock, and look again once holding it (another
        # program may have created it while this one waited).
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SCHEMA_LOCK})")
        revision = schema_revision(connection, address)
        if revision is None:
            log.info("creating the team library schema in %s", address.masked)
            migrate_connection(connection, HEAD)
        connection.commit()
    if revision is not None:
        _refuse_revision(revision, address)


def upgrade(engine, address: TeamAddress) -> tuple[str, str] | None:
    """Upgrade an older team library to this version's schema, in one transaction under the
    schema lock; returns (from, to), or None when it was already up to date."""
    from .library import migrate_connection

    with engine.connect() as connection:
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SCHEMA_LOCK})")
        revision = schema_revision(connection, address)
        if revision is None:
            migrate_connection(connection, HEAD)
            connection.commit()
            return ("none", HEAD)
        if revision not in REVISIONS:
            _refuse_revision(revision, address)
        if revision == HEAD:
            connection.rollback()
            return None
        log.info("upgrading the team library %s from %s to %s", address.masked, revision, HEAD)
        migrate_connection(connection, HEAD)
        connection.commit()
    return (revision, HEAD)
