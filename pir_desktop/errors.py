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
