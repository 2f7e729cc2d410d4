"""The command line's merges: ``import --merge FILE ...`` and ``merge SOURCE [REVIEW ...]``.

Both read every copy before writing anything, then write every merge in one
transaction (``operations.merge``), or nothing with ``--dry-run``. For each
copy they print which review it is, the summary line of interchange v2
(``added 12, updated 3, deleted 1, kept 40, conflicts 1``) and one line for
each conflict, orphan and edit after a delete.
"""

from __future__ import annotations

import os
from pathlib import Path

from .domain.merge import Names
from .domain.text import one_line
from .errors import LibraryError, NotALibrary, PirError
from .operations.merge import PreparedMerge, apply_merges, prepare_merges
from .storage.library import Library, open_library


def _print(out, prepared: list[PreparedMerge], names_of, dry_run: bool) -> None:
    for step in prepared:
        review = step.result.review
        note = " (not in the library: imported whole)" if step.is_import else ""
        out.write(f"{step.source}: review {review.id} “{one_line(review.title)}”{note}\n")
        out.write(step.report.summary() + "\n")
        for line in step.report.lines(names_of(step)):
            out.write(one_line(line) + "\n")
    if dry_run:
        out.write("dry run: nothing was written\n")


def import_merge(library_path, files: list[Path], dry_run: bool, out) -> int:
    """``import --merge``: version-2 files into the library copies of their reviews."""
    from .interchange.review_json import read_review_file_to_merge

    copies = [(str(path), read_review_file_to_merge(path)) for path in files]  # all, first
    with _open_target(library_path, dry_run) as library:
        prepared = prepare_merges(library, copies)
        if not dry_run:
            apply_merges(library, prepared)
    _print(out, prepared, lambda step: Names(incoming=Path(step.source).name), dry_run)
    return 0


def _open_target(library_path, dry_run: bool) -> Library:
    """The library merged into; a dry run writes nothing, so it creates no library either
    (a path with no library, or an empty database, is refused)."""
    return open_library(library_path, create=not dry_run)


def open_source(spec: str) -> Library:
    """The library a ``merge`` reads from: a library file or a team library's URL. It must
    already be a library: nothing is created there (an empty database stays empty)."""
    from .storage.team_address import is_team_url

    team = is_team_url(spec)
    try:
        return open_library(spec if team else Path(spec), create=False)
    except NotALibrary as exc:  # not the --library's fault: no "--library" hint
        other = "source library" if team else "source file"
        raise LibraryError(f"{exc}; choose another {other}") from None


def source_name(library: Library) -> str:
    """How the lines name a source library: a file's name, a team library's URL with any
    password masked."""
    return library.name if library.is_team else library.path.name


def merge_libraries(library_path, source: str, refs: list[str], dry_run: bool, out) -> int:
    """``merge SOURCE [REVIEW ...]``: reviews of another library into this one (all the
    reviews both hold when none is named; a named one this library lacks is imported)."""
    from .storage.reviews import list_reviews, load_review, resolve_review_id

    with open_source(source) as other, _open_target(library_path, dry_run) as library:
        if _same_file(other, library):
            raise PirError(
                f"{other.name} is the library itself: name another library to merge from"
            )
        with other.read() as session:
            if refs:
                where = f"the library {other.name} (the source)"
                ids = list(dict.fromkeys(resolve_review_id(session, ref, where) for ref in refs))
            else:
                with library.read() as mine:
                    here = {r.id for r in list_reviews(mine)}
                ids = [r.id for r in list_reviews(session) if r.id in here]
            copies = [(other.name, load_review(session, review_id)) for review_id in ids]
        if not copies:
            out.write(
                f"no review of {other.name} is in the library {library.name}; "
                "name reviews to import them\n"
            )
            return 0
        prepared = prepare_merges(library, copies)
        if not dry_run:
            apply_merges(library, prepared)
        name = Names(incoming=source_name(other))
    _print(out, prepared, lambda _step: name, dry_run)
    return 0


def _same_file(a: Library, b: Library) -> bool:
    """Whether two open libraries are one: one file, or one database of one server."""
    if a.is_team or b.is_team:
        return a.is_team and b.is_team and _place(a) == _place(b)
    try:
        return os.path.samefile(a.path, b.path)
    except OSError:
        return False


def _place(library: Library) -> tuple:
    url = library.address.url
    return (url.host, url.port, url.database)
