"""Errors the user can fix, kept apart from bugs.

Every ``PirError`` carries a message written for a person. The CLI prints it
as one line on stderr and exits 2; the window shows it in a dialog. Anything
that is not a ``PirError`` is a bug and is logged with its traceback.
"""


def printable(text: str) -> str:
    """``text`` with lone surrogates (from a file's escapes or a non-UTF-8 path) spelled
    as escapes, so that any terminal or dialog can show it."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


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
