"""What the merge and offline-copy tests share: the hand-written v2 files, the review
they hold, the summary line's shape, the tables a review's rows live in, and the CLI."""

from __future__ import annotations

import io
from pathlib import Path

from pir_desktop.cli import main

DATA = Path(__file__).parent / "data" / "merge"
REVIEW = "5e0f1a2b-0000-4000-8000-000000000001"
SUMMARY = "added {}, updated {}, deleted {}, kept {}, conflicts {}"
TABLES = ("reviews", "participants", "timeline_events", "why_nodes", "contributing_factors",
          "panel_items", "action_items", "lessons", "meeting_notes", "deleted_items",
          "review_field_times", "search_texts")  # fmt: skip


def ident(suffix: str) -> str:
    return f"00000000-0000-4000-8000-0000000000{suffix}"


def cli(capsys, *args: str) -> tuple[int, list[str], list[str]]:
    """Run the command line; (exit code, stdout lines, stderr lines)."""
    code = main(list(args), stdin=io.StringIO(""))
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err.splitlines()
