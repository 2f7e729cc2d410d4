"""The ``pir-desktop`` command: open the app, or work on a library from a terminal.

A user error (a ``PirError``) prints one line on stderr and exits 2. A bug
prints one line naming the log file that holds its traceback and exits 1.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import PirError, printable

PROG = "pir-desktop"
log = logging.getLogger("pir_desktop")


class UsageError(PirError):
    """The command line itself is wrong."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, as for every user error
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _add_library_option(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument(
        "--library",
        metavar="PATH",
        type=Path,
        default=default,
        help="the library file to use (default: library.sqlite in your user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Run a blameless post-incident review and write its report. "
        "Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    # Hidden: show the window on the library, let it paint, quit (start-up benchmarks).
    parser.add_argument("--exit-after-startup", action="store_true", help=argparse.SUPPRESS)
    _add_library_option(parser, None)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        _add_library_option(sub, argparse.SUPPRESS)
        return sub

    sub = command("list", "list the reviews in the library, newest incident first")
    sub.add_argument("--json", action="store_true", help="print a JSON array")

    sub = command("import", "import review files (JSON interchange format) into the library")
    sub.add_argument("files", nargs="+", metavar="FILE", type=Path)

    sub = command("export", "export a review as a report (pdf, docx, md) or a review file (json)")
    sub.add_argument("review", metavar="REVIEW", help="a review id or the start of one")
    sub.add_argument(
        "--format", required=True, choices=["pdf", "docx", "md", "json"], help="the file format"
    )
    sub.add_argument(
        "--variant",
        choices=["full", "summary", "public"],
        default="full",
        help="full: everything; summary: key moments in place of the full timeline; "
        "public: names replaced by roles, addresses and revenue removed",
    )
    sub.add_argument(
        "--template",
        metavar="FILE.docx",
        type=Path,
        help="for docx: a Word document whose styles, header and footer the report takes",
    )
    sub.add_argument(
        "--out", metavar="PATH", type=Path, help="write here (default: stdout for md and json)"
    )

    sub = command(
        "lint",
        "find blame framing and vague or incomplete action items (exit 0 either way)",
    )
    sub.add_argument("review", metavar="REVIEW", help="a review id or the start of one")
    sub.add_argument(
        "--json",
        action="store_true",
        help="print a JSON array of {path, rule, message, suggestion}",
    )

    sub = command(
        "import-timeline",
        "add timeline events from a CSV file, a Slack export or a chat or log text "
        "(events already in the timeline are skipped)",
    )
    sub.add_argument("review", metavar="REVIEW", help="a review id or the start of one")
    sub.add_argument("file", metavar="FILE", type=Path, help="the file, Slack folder or zip")
    sub.add_argument(
        "--format",
        choices=["csv", "slack", "text"],
        help="default: from the name (.csv; .json, .zip or a folder: slack; else text)",
    )
    sub.add_argument(
        "--tz",
        metavar="ZONE",
        help="the zone of times written without an offset, e.g. Europe/Berlin (default UTC)",
    )

    sub = command("metrics", "time to detect, acknowledge and mitigate, from the timeline")
    sub.add_argument("review", metavar="REVIEW", help="a review id or the start of one")
    sub.add_argument("--json", action="store_true", help="print a JSON object")
    return parser


def _open(args):
    from .storage.library import open_library

    return open_library(args.library)


def _resolve(library, ref: str) -> str:
    from .storage.reviews import resolve_review_id

    with library.read() as session:
        return resolve_review_id(session, ref)


def _no_screen() -> bool:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _cmd_open_app(args, out) -> int:
    if _no_screen():
        raise PirError(
            "there is no screen to open the window on (neither DISPLAY nor WAYLAND_DISPLAY "
            "is set); run it on a desktop, or under 'xvfb-run -a pir-desktop'. The commands "
            f"work without a screen: see '{PROG} --help'"
        )
    try:
        from .gui.app import run
    except ImportError as exc:  # a broken Qt install: say so, do not show a traceback
        raise PirError(
            f"the window cannot start: Qt could not be loaded ({exc}); "
            "see the README for what a desktop needs beyond pip"
        ) from None
    handler = _log_handler()
    if handler is not None:
        log.addHandler(handler)
    try:
        return run(
            args.library,
            exit_after_startup=args.exit_after_startup,
            log_path=Path(handler.baseFilename) if handler else None,
        )
    finally:
        if handler is not None:
            log.removeHandler(handler)
            handler.close()


def _cmd_list(args, out) -> int:
    from .domain.times import format_timestamp
    from .storage.reviews import list_reviews

    with _open(args) as library, library.read() as session:
        reviews = list_reviews(session)
        if args.json:
            rows = [
                {
                    "id": r.id,
                    "title": r.title,
                    "incident_date": r.incident_date.isoformat(),
                    "severity": r.severity.value,
                    "status": r.status.value,
                    "updated_at": format_timestamp(r.updated_at),
                }
                for r in reviews
            ]
            out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        elif not reviews:
            out.write(
                f"The library {library.path} holds no reviews yet; "
                f"add one with '{PROG} import FILE'.\n"
            )
        else:
            for r in reviews:
                out.write(
                    f"{r.id[:8]}  {r.incident_date.isoformat()}  {r.severity.value}  "
                    f"{r.status.value:<8}  {r.title}\n"
                )
    return 0


def _cmd_import(args, out) -> int:
    from .interchange.review_json import read_review_file
    from .operations import import_reviews

    reviews = [read_review_file(path) for path in args.files]  # all valid before any write
    with _open(args) as library:
        import_reviews(library, reviews)
    for review in reviews:
        out.write(f"{review.id}\t{review.title}\n")
    return 0


def _cmd_export(args, out) -> int:
    from .files import write_atomically
    from .reports.export import Format, export_review
    from .storage.reviews import load_review

    binary = args.format in (Format.PDF, Format.DOCX)
    if binary and args.out is None and _is_terminal(out):
        raise PirError(f"a {args.format} file would garble the terminal; give --out FILE")
    with _open(args) as library:
        review_id = _resolve(library, args.review)
        with library.read() as session:
            review = load_review(session, review_id)
    exported = export_review(review, args.format, args.variant, args.template)
    for warning in exported.warnings:
        sys.stderr.write(f"{PROG}: warning: {printable(warning)}\n")
    if args.out is not None:
        write_atomically(args.out, exported.data)
    elif hasattr(out, "buffer"):
        out.buffer.write(exported.data)
        out.flush()
    else:  # a text stream without bytes underneath (tests' StringIO)
        out.write(exported.data.decode("utf-8"))
    return 0


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _cmd_metrics(args, out) -> int:
    from .domain.metrics import METRICS, compute_metrics, format_duration
    from .storage.reviews import load_review

    with _open(args) as library:
        review_id = _resolve(library, args.review)
        with library.read() as session:
            review = load_review(session, review_id)
    metrics = compute_metrics(review.timeline, review.severity)
    if args.json:
        doc = {f"{spec.key}_seconds": metrics.seconds(spec.key) for spec in METRICS}
        doc["problems"] = metrics.problems
        doc["missing"] = metrics.missing
        doc["flags"] = [flag.message for flag in metrics.flags]
        out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return 0
    flagged = {flag.metric: flag.message for flag in metrics.flags}
    out.write(f"{review.title} ({review.severity.value}, {review.incident_date.isoformat()})\n")
    for spec in METRICS:
        value = metrics.values[spec.key]
        shown = "unknown" if value is None else format_duration(value)
        mark = f"  ! over {format_duration(spec.threshold)}" if spec.key in flagged else ""
        out.write(f"  {spec.label.capitalize():<20} {shown}{mark}\n")
    for line in metrics.problems:
        out.write(f"  problem: {line}\n")
    for line in metrics.missing:
        out.write(f"  missing: {line}\n")
    return 0


def _cmd_lint(args, out) -> int:
    from datetime import date

    from .domain.findings import lint_review
    from .storage.reviews import load_review

    with _open(args) as library:
        review_id = _resolve(library, args.review)
        with library.read() as session:
            review = load_review(session, review_id)
    findings = lint_review(review, date.today())
    if args.json:
        doc = [finding.as_dict() for finding in findings]
        out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return 0
    if not findings:
        out.write(f"{review.title}: nothing to point out\n")
        return 0
    plural = "s" if len(findings) > 1 else ""
    out.write(f"{review.title}: {len(findings)} finding{plural}\n")
    for finding in findings:
        out.write(f"{finding.path}: {finding.rule}: {finding.message}\n")
        out.write(f"    {finding.suggestion}\n")
    return 0


def _cmd_import_timeline(args, out) -> int:
    from .interchange.timeline_import import read_timeline_file, zone
    from .operations import import_events
    from .storage.reviews import load_review

    tz = zone(args.tz)
    with _open(args) as library:
        review_id = _resolve(library, args.review)
        with library.read() as session:
            day = load_review(session, review_id).incident_date
        read = read_timeline_file(args.file, args.format, tz, day)  # all read before any write
        added, skipped = import_events(library, review_id, [e.to_event() for e in read])
    out.write(
        f"added {len(added)} event{'s' if len(added) != 1 else ''}, "
        f"skipped {skipped} already in the timeline\n"
    )
    return 0


COMMANDS = {
    None: _cmd_open_app,
    "list": _cmd_list,
    "import": _cmd_import,
    "export": _cmd_export,
    "metrics": _cmd_metrics,
    "lint": _cmd_lint,
    "import-timeline": _cmd_import_timeline,
}


def _log_handler() -> logging.FileHandler | None:
    """A handler on the log file in the user's log folder, or None if it cannot be written."""
    try:
        from platformdirs import user_log_path

        folder = user_log_path("pir-desktop", appauthor=False)
        folder.mkdir(parents=True, exist_ok=True)
        return logging.FileHandler(folder / "pir-desktop.log", encoding="utf-8", delay=True)
    except Exception:
        return None


def _log_bug() -> str | None:
    """Write the current exception's traceback to the log file; returns its path."""
    handler = _log_handler()
    if handler is None:
        return None
    log.addHandler(handler)
    try:
        log.exception("unexpected error")
    finally:
        log.removeHandler(handler)
        handler.close()
    return handler.baseFilename


def main(argv: Sequence[str] | None = None, out=None, err=None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = build_parser().parse_args(argv)
        return COMMANDS[args.command](args, out)
    except PirError as exc:
        err.write(f"{PROG}: {printable(str(exc))}\n")
        return 2
    except KeyboardInterrupt:
        err.write(f"{PROG}: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        where = _log_bug()
        detail = f"details in {where}" if where else "no log file could be written"
        first_line = (str(exc).splitlines() or [""])[0]
        err.write(f"{PROG}: internal error ({type(exc).__name__}: {first_line}); {detail}\n")
        return 1
