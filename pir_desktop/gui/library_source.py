"""Where the library's lists (home, follow-ups, insights) are read from.

A library file is read through a plain read-only sqlite3 connection, with no
SQLAlchemy, so the home's first paint is quick; a team library through a
connection of its own on the server (``Library.reader``).
"""

from __future__ import annotations


def open_reader(source):
    """A ``storage.queries.Reader`` on ``source``: a library file's path or a function
    that gives a Reader (a team library's ``Library.reader``)."""
    if callable(source):
        return source()
    from ..storage import queries

    return queries.connect(source)
