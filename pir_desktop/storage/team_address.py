"""Where a team library is: a PostgreSQL URL, its password, and how it is shown.

``--library`` takes a file path or ``postgresql+psycopg://user@host:5432/dbname``
(``postgresql://`` and ``postgres://`` are read as the same). The password
comes, in this order, from the URL itself (for that run only: never saved),
from the system keyring (service ``pir-desktop``, account: the URL without its
password), or from libpq's own places (``PGPASSWORD``, ``~/.pgpass``, a
service file named by ``service=`` or ``PGSERVICE``), which libpq reads itself
when no password is given. Query parameters (``sslmode``, ``sslrootcert``,
``service``, ``options``...) pass through to libpq unchanged.

The password never reaches a message, a log line or a file: the address is
always shown masked (``postgresql+psycopg://dana:***@db:5432/pir``), the engine
is built from the URL without it (the password goes to the driver as a
separate argument), and every text that leaves this package through an error
is scrubbed of it (``scrub``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from ..errors import LibraryError

KEYRING_SERVICE = "pir-desktop"
SCHEMES = ("postgresql+psycopg://", "postgresql://", "postgres://")
log = logging.getLogger(__name__)


def is_team_url(text: object) -> bool:
    """Whether ``text`` (a ``--library`` value) names a team library rather than a file."""
    return isinstance(text, str) and text.lower().startswith(SCHEMES)


@dataclass(frozen=True)
class TeamAddress:
    """A parsed team library URL. ``url`` is SQLAlchemy's URL without a password."""

    url: object  # sqlalchemy.engine.URL
    password: str | None = field(default=None, repr=False)
    password_source: str = "libpq"  # "url", "keyring" or "libpq" (PGPASSWORD, .pgpass, service)

    @property
    def account(self) -> str:
        """The URL without its password: the keyring's account, and what may be saved."""
        return self.url.render_as_string(hide_password=False)

    @property
    def masked(self) -> str:
        """The URL as every message shows it: a password, if one was given, as ``***``."""
        if self.password_source == "url":
            return self.url._replace(password="x").render_as_string(hide_password=True)
        return self.account

    @property
    def database(self) -> str:
        return self.url.database or self.url.username or "postgres"

    def scrub(self, text: str) -> str:
        """``text`` with the password (should a driver ever repeat it) replaced by ``***``."""
        if self.password:
            text = text.replace(self.password, "***")
        return text

    def __str__(self) -> str:
        return self.masked


def parse(text: str, *, keyring_lookup: bool = True) -> TeamAddress:
    """Read a team library URL; refuses anything but PostgreSQL through psycopg."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    raw = text.strip()
    lowered = raw.lower()
    for alias in ("postgresql://", "postgres://"):
        if lowered.startswith(alias):
            raw = "postgresql+psycopg://" + raw[len(alias) :]
            break
    try:
        url = make_url(raw)
    except (ArgumentError, ValueError):
        # the text may hold a password: never repeat it
        raise LibraryError(
            "the team library's address is not a URL like "
            "postgresql+psycopg://user@host:5432/dbname"
        ) from None
    if url.drivername != "postgresql+psycopg":
        raise LibraryError(
            f"a team library is on PostgreSQL through psycopg (postgresql+psycopg://...), "
            f"not {url.drivername}"
        )
    if not url.database:
        raise LibraryError(
            "the team library's address names no database: postgresql+psycopg://user@host/dbname"
        )
    password = url.password
    url = url._replace(password=None)  # URL.set(password=None) would keep it: None is "unset"
    if password is not None:
        return TeamAddress(url, str(password), "url")
    address = TeamAddress(url)
    if keyring_lookup:
        stored = _keyring_password(address.account)
        if stored is not None:
            return TeamAddress(url, stored, "keyring")
    return address


def _keyring_password(account: str) -> str | None:
    """The password stored for ``account``, or None (also when there is no keyring)."""
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(KEYRING_SERVICE, account)
        except KeyringError:
            return None
    except Exception:  # a broken keyring back end must not stop libpq's own places
        log.debug("the keyring could not be read for a team library password", exc_info=False)
        return None


def store_password(address: TeamAddress, password: str) -> None:
    """Keep ``password`` in the system keyring for ``address`` (a window's "remember")."""
    import keyring
    from keyring.errors import KeyringError, NoKeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, address.account, password)
    except NoKeyringError:
        raise LibraryError(
            "there is no system keyring to keep the password in; use ~/.pgpass or "
            "PGPASSWORD instead"
        ) from None
    except KeyringError as exc:
        raise LibraryError(f"the system keyring refused the password: {exc}") from None


def forget_password(address: TeamAddress) -> bool:
    """Remove the stored password for ``address``; False if there was none."""
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        keyring.delete_password(KEYRING_SERVICE, address.account)
    except PasswordDeleteError:
        return False
    except KeyringError as exc:
        raise LibraryError(f"the system keyring could not be changed: {exc}") from None
    return True
