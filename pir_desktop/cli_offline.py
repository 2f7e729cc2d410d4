"""The command line's offline copies: ``take-offline HOME [REVIEW ...]``, ``send-back
[REVIEW ...]`` and ``offline``, over ``operations.offline``.

``take-offline`` prints a line per review taken; ``send-back`` prints, per review, the
summary of the copy merged into its home and of the home merged back into the copy, with
one line for each conflict, orphan and edit after a delete of the first; ``offline``
lists the copies and whether each has changes not sent.
"""

from __future__ import annotations

from .domain.merge import Names
from .domain.text import one_line
from .domain.times import format_timestamp
from .operations.offline import offline_copies, send_back, take_offline
from .storage.library import open_library
from .storage.team_address import is_team_url


def _masked(home: str) -> str:
    """A home as the lines show it (a recorded home holds no password; a URL given on the
    command line may)."""
    if is_team_url(home):
        from .storage.team_address import parse

        return parse(home, keyring_lookup=False).masked
    return home


def take(library_path, home_spec: str, refs: list[str], out) -> int:
    from .cli_merge import open_source

    with open_source(home_spec) as home, open_library(library_path) as library:
        taken = take_offline(library, home, refs)
        name = home.name
    for review in taken:
        out.write(f"{review.id}\t{one_line(review.title)}\ttaken offline from {name}\n")
    return 0


def send(library_path, refs: list[str], out) -> int:
    with open_library(library_path) as library:
        sent = send_back(library, refs)
    if not sent:
        out.write("this library holds no offline copy ('take-offline' makes one)\n")
    for step in sent:
        home = _masked(step.home)
        out.write(f"{step.review_id}\t{one_line(step.title)}\tsent back to {home}\n")
        out.write(f"into the home: {step.to_home.summary()}\n")
        names = Names(library="the home", incoming="the offline copy")
        for line in step.to_home.lines(names):
            out.write(one_line(line) + "\n")
        out.write(f"into the copy: {step.to_copy.summary()}\n")
    return 0


def listing(library_path, out) -> int:
    with open_library(library_path) as library:
        copies = offline_copies(library)
    if not copies:
        out.write("this library holds no offline copy ('take-offline' makes one)\n")
    for copy in copies:
        state = "changes not sent" if copy.changed else "nothing to send"
        out.write(
            f"{copy.review_id}\t{one_line(copy.title)}\t{_masked(copy.home)}\t{state}\t"
            f"last synced {format_timestamp(copy.synced_at)}\n"
        )
    return 0
