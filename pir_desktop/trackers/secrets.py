"""Tracker tokens: in the system keyring, or for this session only in memory; never on disk.

Tokens are stored with ``keyring`` under the service ``pir-desktop`` and an
account naming the tracker and its base address (``github@https://api.github.com``),
so one machine can hold a token per GitHub Enterprise host or Jira site.

Where keyring has no usable backend (a headless Linux without a Secret
Service), storing fails with a message that says so; the caller may then
keep the token for this session only (``keep_for_session``), in this
object's memory, which is forgotten when the program ends. Nothing here
writes a file, and no message or ``repr`` contains a token.
"""

from __future__ import annotations

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from ..errors import PirError
from .target import Tracker

SERVICE = "pir-desktop"


class NoKeyringBackend(PirError):
    """There is no system keyring to keep a token in."""


class KeyringFailed(PirError):
    """The keyring is there but refused (locked, or access denied)."""


NO_BACKEND = (
    "there is no system keyring on this machine (no Secret Service, KWallet, macOS "
    "Keychain or Windows Credential Locker is available), so the token cannot be stored. "
    "PIR Desktop never writes tokens to a file: you can use a token for this session "
    "only, kept in memory and forgotten when the program ends, or install and unlock a "
    "keyring (on Linux, GNOME Keyring or KWallet) and store it again"
)


def account(tracker: Tracker | str, base: str) -> str:
    return f"{Tracker(tracker).value}@{base}"


def usable(backend: KeyringBackend) -> bool:
    """False for keyring's "fail" backend and a chain with nothing in it."""
    if backend.priority <= 0 and type(backend).__module__ == "keyring.backends.fail":
        return False
    backends = getattr(backend, "backends", None)
    return backends is None or bool(backends)


class TokenStore:
    """Get, store and delete tracker tokens; ``backend`` defaults to keyring's own choice."""

    def __init__(self, backend: KeyringBackend | None = None):
        self._backend = backend if backend is not None else keyring.get_keyring()
        self._session: dict[str, str] = {}

    def __repr__(self) -> str:  # never the tokens
        return f"TokenStore({type(self._backend).__name__}, {len(self._session)} in session)"

    @property
    def keyring_available(self) -> bool:
        return usable(self._backend)

    @property
    def backend_name(self) -> str:
        return getattr(self._backend, "name", type(self._backend).__name__)

    def get(self, tracker: Tracker | str, base: str) -> str | None:
        key = account(tracker, base)
        if key in self._session:
            return self._session[key]
        if not self.keyring_available:
            return None
        try:
            return self._backend.get_password(SERVICE, key)
        except keyring.errors.KeyringError as exc:
            raise KeyringFailed(f"the system keyring could not be read: {exc}") from None

    def where(self, tracker: Tracker | str, base: str) -> str | None:
        """ "session", "keyring" or None: where the token for this tracker and address is."""
        if account(tracker, base) in self._session:
            return "session"
        return "keyring" if self.get(tracker, base) is not None else None

    def store(self, tracker: Tracker | str, base: str, token: str) -> None:
        """Keep ``token`` in the keyring; ``NoKeyringBackend`` when there is none."""
        token = _clean(token)
        if not self.keyring_available:
            raise NoKeyringBackend(NO_BACKEND)
        try:
            self._backend.set_password(SERVICE, account(tracker, base), token)
        except keyring.errors.NoKeyringError:
            raise NoKeyringBackend(NO_BACKEND) from None
        except keyring.errors.KeyringError as exc:
            raise KeyringFailed(
                f"the system keyring refused to store the token ({exc}); unlock it and try again"
            ) from None
        self._session.pop(account(tracker, base), None)

    def keep_for_session(self, tracker: Tracker | str, base: str, token: str) -> None:
        """Hold ``token`` in memory until this program ends; nothing is written anywhere."""
        self._session[account(tracker, base)] = _clean(token)

    def delete(self, tracker: Tracker | str, base: str) -> bool:
        """Forget the token (session and keyring); False if there was none."""
        key = account(tracker, base)
        had = self._session.pop(key, None) is not None
        if not self.keyring_available:
            return had
        try:
            self._backend.delete_password(SERVICE, key)
        except keyring.errors.PasswordDeleteError:
            return had
        except keyring.errors.KeyringError as exc:
            raise KeyringFailed(f"the system keyring refused to delete the token ({exc})") from None
        return True


class InvalidToken(PirError):
    """A token that cannot be sent in an HTTP header."""


def check_token(token: str) -> str:
    """``token`` if it can travel in an HTTP header (printable ASCII, nothing else);
    else ``InvalidToken``. The message names the character, never the token."""
    if not token:
        raise InvalidToken("the token is empty")
    for position, char in enumerate(token, start=1):
        if char.isspace():
            raise InvalidToken("a token has no spaces or line breaks in it; paste it alone")
        if not "\x21" <= char <= "\x7e":
            what = "a control character" if ord(char) < 0x20 or ord(char) == 0x7F else "a letter"
            raise InvalidToken(
                f"a token is ASCII letters, digits and punctuation only, and this one holds "
                f"{what} that is not (U+{ord(char):04X}, character {position}); copy the token "
                "again from the tracker, without anything around it"
            )
    return token


def _clean(token: str) -> str:
    return check_token((token or "").strip())
