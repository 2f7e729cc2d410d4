"""Errors the user can fix, kept apart from bugs.

Every ``PirError`` carries a message written for a person. The CLI prints it
as one line on stderr and exits 2; the window shows it in a dialog. Anything
that is not a ``PirError`` is a bug and is logged with its traceback.
"""

import re

# Control characters, line breaks and lone surrogates (from a file's escapes or a
# non-UTF-8 path): what would move a terminal's cursor or break a one-line message.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` as one line that any terminal or dialog shows as it is: what it cannot
    show is spelled as an escape (``\\x1b``, ``\\n``, ``\\ud800``)."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class PirError(Exception):
    """A problem the user can understand and fix; ``str()`` is the message."""


class LibraryError(PirError):
    """The library file cannot be opened, created or upgraded."""


class NotALibrary(LibraryError):
    """The file is not a PIR Desktop library at all (another program's file or database)."""


class NewerLibraryError(LibraryError):
    """The library was written by a newer version of PIR Desktop."""


class InvalidReviewFile(PirError):
    """An interchange file is malformed, of the wrong version, or invalid."""


class NotFound(PirError):
    """A review or item that was asked for does not exist."""


class Ambiguous(PirError):
    """A review prefix matches more than one review."""


class InvalidChange(PirError):
    """An operation was given values that would make the review invalid."""


class Conflict(PirError):
    """The change collides with something already in the library."""


class OutdatedLibraryError(LibraryError):
    """A team library's schema is older than this version's, and only ``upgrade`` changes it."""


class ServerGone(LibraryError):
    """The team library's server cannot be reached (a restart, a network drop); nothing of
    the change that failed was written, and the next call tries to connect again."""


class Busy(LibraryError):
    """Other people's edits kept colliding with this one; it was tried again and gave up."""


class StaleEdit(Conflict):
    """The item changed since the version an edit was made from; the edit was not saved.

    ``changed_by`` and ``changed_at`` say who changed it last and when (``None`` when the
    library does not know who), ``version`` is the item's version now, and ``deleted``
    says the item is gone.
    """

    def __init__(
        self,
        message: str,
        *,
        item_id: str,
        what: str,
        changed_by: str | None,
        changed_at,
        version=None,
        deleted: bool = False,
    ):
        super().__init__(message)
        self.item_id, self.what = item_id, what
        self.changed_by, self.changed_at = changed_by, changed_at
        self.version, self.deleted = version, deleted
