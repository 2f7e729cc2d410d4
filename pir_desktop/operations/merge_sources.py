"""The copies a merge reads: version-2 review files, or reviews of another library file.

``read_copies`` turns the files a person chose into ``(source, review)``
pairs for ``operations.merge.prepare_merges``, reading all of them before
anything is merged, so one bad file leaves everything as it was. A file
that starts as an SQLite database is another library; any other file must
be a version-2 review file (a version-1 file has no item ids to merge by,
and is refused with the reason).

From another library the copy taken is the review the caller names
(``wanted``: the open review) when it holds it; else every review both
libraries hold; else (none shared) every review it holds, which the merge
imports whole. Nothing here writes to the library.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from ..domain.model import Review
from ..errors import PirError
from ..files import refuse_reading_library
from ..storage.library import Library, open_library

_SQLITE_MAGIC = b"SQLite format 3\x00"


def is_library_file(path: Path) -> bool:
    """Whether ``path`` starts as an SQLite database (another library, or not a review file)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    except OSError:
        return False  # the review file reader names the problem


def read_copies(
    library: Library,
    paths: Sequence[Path],
    wanted: str | None = None,
    how_to_export: str | None = None,
) -> list[tuple[str, Review]]:
    """Every copy the files hold, in order, as ``(the file's name, review)``; ``how_to_export``
    tells the person refused a version-1 file how to get a version-2 one (the window's
    menu; by default the command line's words)."""
    from ..interchange.review_json import CLI_EXPORT, read_review_file_to_merge

    for path in paths:  # before any file is opened: closing one drops the library's locks
        refuse_reading_library(path, library.own_files())
    copies: list[tuple[str, Review]] = []
    for path in paths:
        if is_library_file(path):
            copies += _library_copies(library, path, wanted)
        else:
            copies.append((path.name, read_review_file_to_merge(path, how_to_export or CLI_EXPORT)))
    return copies


def _library_copies(library: Library, path: Path, wanted: str | None):
    from ..storage.reviews import list_reviews, load_review

    with open_library(path, create=False) as other, other.read() as session:
        theirs = [r.id for r in list_reviews(session)]
        if not theirs:
            raise PirError(f"the library {path} holds no review to merge")
        if wanted in theirs:
            ids: Iterable[str] = [wanted]
        else:
            with library.read() as mine:
                here = {r.id for r in list_reviews(mine)}
            ids = [i for i in theirs if i in here] or theirs
        return [(path.name, load_review(session, review_id)) for review_id in ids]
