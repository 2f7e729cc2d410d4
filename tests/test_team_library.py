"""The team library on the private PostgreSQL server: the schema on first use, refusals of
foreign, newer and older databases, ``upgrade``, passwords (from the URL for one run and
never shown, from the keyring, from libpq's PGPASSWORD), and the server going away under
a running client."""

from __future__ import annotations

import io
import logging
from datetime import date

import pytest

from pir_desktop import operations as ops
from pir_desktop.cli import main
from pir_desktop.errors import (
    LibraryError,
    NewerLibraryError,
    NotALibrary,
    OutdatedLibraryError,
    ServerGone,
)
from pir_desktop.storage.feed import ChangeFeed
from pir_desktop.storage.library import migrate_connection, open_library
from pir_desktop.storage.peek import HEAD
from pir_desktop.storage.team_address import KEYRING_SERVICE, parse

from .conftest import API_SAMPLE, fresh_rows, read_back


def cli(capsys, *args, stdin=None) -> tuple[int, str, str]:
    code = main(list(args), stdin=stdin or io.StringIO(""))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_an_empty_database_gets_the_schema_on_first_use(team_database, capsys):
    url = team_database()
    code, out, err = cli(capsys, "--library", url, "import", str(API_SAMPLE))
    assert (code, err) == (0, "")
    assert fresh_rows(url, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    assert fresh_rows(url, "SELECT count(*) FROM reviews") == [(1,)]
    code, out, err = cli(capsys, "--library", url, "list")
    assert (code == 0 and "API 500 errors" in out) or code == 0, out


def test_a_database_holding_other_tables_is_refused_and_left_alone(team_database, capsys):
    url = team_database()
    with _admin(url) as conn:
        conn.execute("CREATE TABLE invoices (id int primary key)")
    with pytest.raises(NotALibrary, match="holds other tables \\(invoices\\)"):
        open_library(url)
    code, _out, err = cli(capsys, "--library", url, "list")
    assert code == 2 and err.count("\n") == 1 and "not a PIR Desktop team library" in err
    tables = fresh_rows(url, "SELECT table_name FROM information_schema.tables "
                        "WHERE table_schema = 'public'")  # fmt: skip
    assert tables == [("invoices",)]


def test_a_newer_schema_is_refused(team_database):
    url = team_database()
    open_library(url).close()
    with _admin(url) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(NewerLibraryError, match="newer version of PIR Desktop \\(schema 0099\\)"):
        open_library(url)


def test_an_older_schema_opens_nothing_until_upgrade_after_a_backup(team_database, capsys):
    url = team_database()
    engine_url = url.replace("postgresql+psycopg://", "postgresql+psycopg://")
    from sqlalchemy import create_engine

    engine = create_engine(engine_url)
    with engine.connect() as connection:
        migrate_connection(connection, "0005")
        connection.commit()
    engine.dispose()
    for args in (["list"], ["search", "pool"], ["import", str(API_SAMPLE)]):
        code, _out, err = cli(capsys, "--library", url, *args)
        assert code == 2, args
        assert "has schema 0005, older than this version's" in err and "pg_dump" in err, err
        assert "admin-secret" not in err
    assert fresh_rows(url, "SELECT version_num FROM alembic_version") == [("0005",)]
    with pytest.raises(OutdatedLibraryError):
        open_library(url)
    # upgrade asks first; without a terminal it needs --yes, and names the backup to take
    code, _out, err = cli(capsys, "--library", url, "upgrade")
    assert code == 2 and "take a backup first (pg_dump" in err and "--yes" in err
    assert fresh_rows(url, "SELECT version_num FROM alembic_version") == [("0005",)]
    code, out, err = cli(capsys, "--library", url, "upgrade", "--yes")
    assert (code, err) == (0, "")
    assert "from schema 0005 to " + HEAD in out and "admin-secret" not in out
    assert fresh_rows(url, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    code, _out, err = cli(capsys, "--library", url, "import", str(API_SAMPLE))
    assert (code, err) == (0, "")


def test_a_password_in_the_url_is_used_and_never_shown_logged_or_saved(
    pg_server, team_database, capsys, caplog, tmp_path, _private_user_dirs
):
    url = team_database()
    secret = "Pw-only-for-this-run-7731"
    with _admin(url) as conn:
        conn.execute(f"CREATE ROLE dana LOGIN PASSWORD '{secret}'")
        conn.execute("GRANT ALL ON SCHEMA public TO dana")
    dana = pg_server.url(url.rsplit("/", 1)[1], "dana", secret)
    caplog.set_level(logging.DEBUG)  # every logger, SQLAlchemy's and psycopg's included
    logging.getLogger("sqlalchemy.engine").setLevel(logging.DEBUG)
    logging.getLogger("sqlalchemy.pool").setLevel(logging.DEBUG)
    try:
        code, out, err = cli(capsys, "--library", dana, "import", str(API_SAMPLE))
        assert (code, err) == (0, "")
        library = open_library(dana)
        assert secret not in library.name and "dana:***@" in library.name
        assert secret not in repr(library.engine) and secret not in str(library.engine.url)
        library.close()
        wrong = dana.replace(secret, secret + "x")
        code, out2, err2 = cli(capsys, "--library", wrong, "list")
        assert code == 2 and "refused to sign in dana" in err2 and err2.count("\n") == 1
        ops_lib = open_library(dana)
        try:
            ops.create_review(ops_lib, "Logged at DEBUG", date(2026, 1, 1))
        finally:
            ops_lib.close()
    finally:
        logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
        logging.getLogger("sqlalchemy.pool").setLevel(logging.WARNING)
    shown = out + err + out2 + err2 + "\n".join(r.getMessage() for r in caplog.records)
    assert len(caplog.records) > 10  # the DEBUG records were there to look at
    assert secret not in shown
    for folder in (tmp_path, _private_user_dirs):  # log files, settings: no file holds it
        for path in folder.rglob("*"):
            if path.is_file():
                assert secret.encode() not in path.read_bytes(), path


def test_a_password_comes_from_the_keyring_or_from_libpq(
    pg_server, team_database, memory_keyring, monkeypatch
):
    url = team_database()
    with _admin(url) as conn:
        conn.execute("CREATE ROLE sam LOGIN PASSWORD 'kept-in-keyring'")
        conn.execute("GRANT ALL ON SCHEMA public TO sam")
    bare = pg_server.url(url.rsplit("/", 1)[1], "sam", None)
    with pytest.raises(LibraryError, match="refused to sign in sam"):
        open_library(bare)  # no password anywhere
    account = parse(bare).account
    assert ":" not in account.split("@")[0].split("//")[1]  # the account holds no password
    memory_keyring.set_password(KEYRING_SERVICE, account, "kept-in-keyring")
    with open_library(bare) as library:
        assert library.address.password_source == "keyring"
        assert "kept-in-keyring" not in library.name
    memory_keyring.delete_password(KEYRING_SERVICE, account)
    monkeypatch.setenv("PGPASSWORD", "kept-in-keyring")  # libpq's own place
    with open_library(bare) as library:
        assert library.address.password_source == "libpq"
        ops.create_review(library, "Through PGPASSWORD", date(2026, 1, 2))


def test_tls_settings_pass_through_to_libpq(team_database):
    url = team_database()
    # The private server has no TLS: sslmode=require must be refused by libpq itself.
    with pytest.raises(LibraryError) as refused:
        open_library(url + "?sslmode=require")
    assert "SSL" in str(refused.value) or "ssl" in str(refused.value)
    assert "admin-secret" not in str(refused.value)
    with open_library(url + "?sslmode=disable") as library:
        library.ping()


def test_the_server_going_away_under_a_client_then_coming_back():
    """A private server of its own, stopped and started under an open library and feed."""
    from tests.pg_server import started

    server = started()
    try:
        server.create_database("gone")
        url = server.url("gone")
        library = open_library(url)
        other = open_library(url)
        review = ops.create_review(library, "Before the restart", date(2026, 3, 1))
        feed = ChangeFeed(library, review.id)
        server.stop()
        with pytest.raises(ServerGone) as gone:
            ops.add_lesson(library, review.id, "Written while the server is down")
        message = str(gone.value)
        assert "cannot be reached" in message and "nothing of the change" in message
        assert "Traceback" not in message and "\n" not in message
        assert "admin-secret" not in message
        with pytest.raises(ServerGone):
            feed.wait(1.0)
        with pytest.raises(ServerGone):
            library.ping()
        server.start()
        # Another client writes while this one's feed is still disconnected.
        ops.add_lesson(other, review.id, "Written by the other client after the restart")
        missed = feed.reconnect()
        assert [c.change for c in missed] == ["lesson_added"]
        library.ping()  # the pool replaced the dead connections
        ops.add_lesson(library, review.id, "Written after reconnecting")
        lessons = [x.text for x in read_back(url, review.id).lessons]
        # the failed edit left nothing behind
        assert lessons == [
            "Written by the other client after the restart",
            "Written after reconnecting",
        ]
        feed.close()
        library.close()
        other.close()
    finally:
        server.cleanup()


def _admin(url: str):
    import psycopg

    return psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)


def test_the_models_match_the_schema_the_migrations_make_on_postgresql(team_database):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from pir_desktop.storage.schema import Base

    with open_library(team_database()) as library, library.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
