"""The ``pir-desktop`` command: open the app, or work on a library from a terminal.

A user error (a ``PirError``) prints one line on stderr and exits 2. A bug
prints one line naming the log file that holds its traceback and exits 1.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .domain.text import clean_all, one_line
from .errors import NotALibrary, PirError, printable

PROG = "pir-desktop"
log = logging.getLogger("pir_desktop")


class UsageError(PirError):
    """The command line itself is wrong."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, as for every user error
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _library_value(text: str):
    """A ``--library`` value: a team library's URL as it is, else a file path."""
    from .storage.team_address import is_team_url

    return text if is_team_url(text) else Path(text)


def _add_library_option(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument(
        "--library",
        metavar="PATH|URL",
        type=_library_value,
        default=default,
        help="the library file to use (default: library.sqlite in your user data folder), "
        "or a team library on PostgreSQL: postgresql+psycopg://user@host:5432/dbname",
    )


def _is_team(args) -> bool:
    from .storage.team_address import is_team_url

    return is_team_url(args.library)


def _add_tracker_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tracker", required=True, choices=["github", "jira"])
    parser.add_argument(
        "--base-url",
        metavar="URL",
        help="GitHub Enterprise host (default github.com) or the Jira site, "
        "e.g. https://example.atlassian.net",
    )


def _add_jira_api(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--jira-api",
        type=int,
        choices=[2, 3],
        help="Jira REST API version (default: 3 for *.atlassian.net, else 2)",
    )


def _add_token_stdin(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--token-stdin",
        action="store_true",
        help="read the token from standard input for this run only (nothing is stored)",
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

    sub = command(
        "open", "open the app on one review (an id, the start of one, or a pir-desktop:// link)"
    )
    sub.add_argument("review", metavar="REVIEW", nargs="?", help="without it, the library")

    sub = command(
        "upgrade",
        "upgrade a team library to this version's schema, for everyone who uses it "
        "(take a pg_dump first); a library file is upgraded when it is opened",
    )
    sub.add_argument(
        "--yes", action="store_true", help="a backup was taken: upgrade without asking"
    )

    sub = command(
        "watch",
        "print one line per change to a review as it lands (another window's edit, a "
        "script's import...), until interrupted",
    )
    sub.add_argument("review", metavar="REVIEW", help="a review id or the start of one")
    sub.add_argument(
        "--json",
        action="store_true",
        help='one JSON object a line: {"at", "review_id", "change", "item_id"}',
    )

    sub = command("list", "list the reviews in the library, newest incident first")
    sub.add_argument("--json", action="store_true", help="print a JSON array")

    sub = command("import", "import review files (JSON interchange format) into the library")
    sub.add_argument("files", nargs="+", metavar="FILE", type=Path)
    sub.add_argument(
        "--merge",
        action="store_true",
        help="merge version 2 files into the library's copies of their reviews "
        "(a review the library lacks is imported)",
    )
    _add_dry_run(sub)

    sub = command(
        "merge",
        "merge reviews of another library into this one (every review both hold, "
        "when none is named)",
    )
    sub.add_argument(
        "source", metavar="SOURCE", help="the other library: a file, or a team library URL"
    )
    sub.add_argument(
        "reviews", nargs="*", metavar="REVIEW", help="a review id or the start of one, in SOURCE"
    )
    _add_dry_run(sub)

    sub = command(
        "take-offline",
        "copy reviews of a team library (or another library file) into this library, with "
        "the same ids, as offline copies to send back later (every review when none is named)",
    )
    sub.add_argument("home", metavar="HOME", help="the team library URL, or a library file")
    sub.add_argument(
        "reviews", nargs="*", metavar="REVIEW", help="a review id or the start of one, in HOME"
    )

    sub = command(
        "send-back",
        "merge offline copies with their home both ways (the copy into the home, the home "
        "into the copy), so that both are equal after (every copy when none is named)",
    )
    sub.add_argument("reviews", nargs="*", metavar="REVIEW", help="a review id or the start of one")

    command("offline", "list this library's offline copies and whether each has changes not sent")

    sub = command(
        "export",
        "export a review as a report (pdf, docx, md), a review file (json) "
        "or its action items (csv)",
    )
    sub.add_argument("review", metavar="REVIEW", help="a review id or the start of one")
    sub.add_argument(
        "--format",
        required=True,
        choices=["pdf", "docx", "md", "json", "csv"],
        help="the file format (csv: the action items, for a spreadsheet)",
    )
    sub.add_argument(
        "--variant",
        choices=["full", "summary", "public"],
        default="full",
        help="full: everything; summary: key moments in place of the full timeline; "
        "public: names replaced by roles, addresses and revenue removed",
    )
    sub.add_argument(
        "--json-version",
        type=int,
        choices=[1, 2],
        default=2,
        help="for json: the interchange version (default 2; 1 names on stderr what it leaves out)",
    )
    sub.add_argument(
        "--with-notes",
        action="store_true",
        help="add the meeting notes (lines captured without a time) to a full report",
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

    sub = command(
        "push",
        "create an issue in GitHub or Jira for each committed action item not yet linked "
        "(label pir-action); its address is stored in the item, so pushing again makes none twice",
    )
    sub.add_argument("review", metavar="REVIEW", help="a review id or the start of one")
    _add_tracker_options(sub)
    where = sub.add_mutually_exclusive_group()
    where.add_argument("--repo", metavar="OWNER/NAME", help="GitHub: the repository")
    where.add_argument("--project", metavar="KEY", help="Jira: the project key")
    _add_jira_api(sub)
    sub.add_argument(
        "--issue-type", default="Task", metavar="NAME", help="Jira: the issue type (default Task)"
    )
    sub.add_argument(
        "--report-url",
        metavar="URL",
        help="where the published report is; each issue links to it as well as to the review",
    )
    _add_token_stdin(sub)

    sub = command(
        "refresh",
        "look up each linked action item's issue and mark the item done when it is closed",
    )
    sub.add_argument("review", metavar="REVIEW", help="a review id or the start of one")
    _add_jira_api(sub)
    _add_token_stdin(sub)
    sub.add_argument(
        "--tracker",
        choices=["github", "jira"],
        help="with --token-stdin: the tracker the token is for (only its items are refreshed)",
    )
    sub.add_argument(
        "--base-url",
        metavar="URL",
        help="with --token-stdin: the GitHub Enterprise host or the Jira site the token is for",
    )

    sub = command("token", "store, test or delete a tracker token in the system keyring")
    token_commands = sub.add_subparsers(
        dest="token_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    for name, text in (
        (
            "set",
            "read a token from standard input and store it in the system keyring "
            "(Jira Cloud: EMAIL:API_TOKEN; Jira Server, Data Center: a personal access token)",
        ),
        ("test", "ask the tracker who the stored token belongs to"),
        ("delete", "remove the stored token"),
    ):
        action = token_commands.add_parser(name, help=text, description=text)
        _add_tracker_options(action)
        if name == "test":
            action.add_argument("--jira-api", type=int, choices=[2, 3], help=argparse.SUPPRESS)

    sub = command("metrics", "time to detect, acknowledge and mitigate, from the timeline")
    sub.add_argument("review", metavar="REVIEW", help="a review id or the start of one")
    sub.add_argument("--json", action="store_true", help="print a JSON object")

    sub = command(
        "search",
        "find every text of every review where each word of QUERY starts a word "
        "(case and accents aside), best first",
    )
    sub.add_argument("query", metavar="QUERY")
    sub.add_argument(
        "--json", action="store_true", help="print a JSON array of {review_id, review_title, "
        "path, snippet}"
    )  # fmt: skip

    sub = command("actions", "the action items of every review, by due date (none last)")
    state = sub.add_mutually_exclusive_group()
    state.add_argument(
        "--open", dest="state", action="store_const", const="open",
        help="open or in progress, not deferred",
    )  # fmt: skip
    state.add_argument(
        "--overdue", dest="state", action="store_const", const="overdue",
        help="open and due before the as-of date",
    )  # fmt: skip
    state.add_argument(
        "--deferred", dest="state", action="store_const", const="deferred",
        help="the future improvements of every review, to re-triage",
    )  # fmt: skip
    sub.add_argument("--owner", metavar="NAME", help="only this owner's items (case aside)")
    sub.add_argument("--service", metavar="NAME", help="only reviews that touched this service")
    _add_as_of(sub)
    sub.add_argument("--json", action="store_true", help="print a JSON array")

    sub = command(
        "insights",
        "patterns across the reviews of a range, by month or quarter (default: the last four "
        "quarters, by quarter): severities, TTD/TTA/TTM and duration, actions, services, tags, "
        "contributing factors, repeats",
    )
    sub.add_argument("--from", dest="start", metavar="DATE", type=_day, help="YYYY-MM-DD")
    sub.add_argument("--to", dest="end", metavar="DATE", type=_day, help="YYYY-MM-DD")
    sub.add_argument("--by", choices=["month", "quarter"], default="quarter")
    _add_as_of(sub)
    shape = sub.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print a JSON object")
    shape.add_argument(
        "--format",
        choices=["pdf", "docx", "md"],
        help="write the pattern review report (needs --out)",
    )
    sub.add_argument("--out", metavar="PATH", type=Path, help="where the report goes")
    return parser


def _day(text: str):
    from .domain.times import TimeFormatError, parse_date

    try:
        return parse_date(text)
    except TimeFormatError as exc:
        raise argparse.ArgumentTypeError(f"{text!r}: {exc}") from None


def _add_dry_run(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dry-run", action="store_true", help="print what the merge would do; write nothing"
    )


def _add_as_of(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of", dest="as_of", metavar="DATE", type=_day, help="the day to count from "
        "(YYYY-MM-DD; default today): overdue is due before it"
    )  # fmt: skip


def _open(args):
    from .storage.library import open_library

    return open_library(args.library)


def _open_to_read(args):
    """The library for a command that only reads (export, metrics, lint): opened read-only
    when this user may not write it, as ``_open`` otherwise (which creates or upgrades)."""
    from .errors import LibraryError
    from .storage.library import open_library
    from .storage.peek import check_writable, default_library_path

    if _is_team(args):
        return _open(args)
    path = (Path(args.library).expanduser() if args.library else default_library_path()).absolute()
    if path.is_file():
        try:
            check_writable(path)
        except LibraryError:
            return open_library(path, read_only=True)
    return _open(args)


def _read_only(args):
    """A read-only ``storage.queries.Reader`` on the library, without SQLAlchemy when the
    library is healthy and up to date (the usual case); a library that must first be
    created or upgraded goes through ``open_library`` (SQLAlchemy, Alembic) once."""
    from .errors import LibraryError
    from .storage.peek import HEAD, default_library_path, inspect_library
    from .storage.queries import connect, open_reader

    if _is_team(args):
        return open_reader(args.library), None
    path = Path(args.library).expanduser() if args.library else default_library_path()
    path = path.absolute()
    if path.is_dir():
        raise LibraryError(f"{path} is a folder; give the path of a library file")
    # Reading only: a damaged file shows as an error of the read, so the full check
    # (quick_check, a tenth of a second on a large library) is left to writers.
    if not path.exists() or inspect_library(path, check=False) != HEAD:
        _open(args).close()  # to create or upgrade it, which a read-only file refuses
    return connect(path), path  # read-only: a file this user may not write is read


def _resolve(library, ref: str) -> str:
    from .storage.reviews import resolve_review_id

    with library.read() as session:
        return resolve_review_id(session, ref, f"the library {library.name}")


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
        from .crash_log import enable

        log.addHandler(handler)
        enable(Path(handler.baseFilename))
    try:
        return run(
            args.library,
            exit_after_startup=args.exit_after_startup,
            open_review=getattr(args, "review", None),
            log_path=Path(handler.baseFilename) if handler else None,
        )
    finally:
        if handler is not None:
            log.removeHandler(handler)
            handler.close()


def _cmd_list(args, out) -> int:
    import json

    from .domain.times import format_timestamp
    from .storage.peek import peek_reviews

    reader, path = _read_only(args)
    if path is None:  # a team library
        from .storage.library import open_library
        from .storage.reviews import list_reviews

        reader.close()
        with open_library(args.library) as library, library.read() as session:
            reviews = list_reviews(session)
        path = library.name
    else:
        reader.close()
        reviews = peek_reviews(path)
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
        out.write(json.dumps(clean_all(rows), ensure_ascii=False, indent=2) + "\n")
    elif not reviews:
        out.write(f"The library {path} holds no reviews yet; add one with '{PROG} import FILE'.\n")
    else:
        for r in reviews:
            out.write(
                f"{r.id[:8]}  {r.incident_date.isoformat()}  {r.severity.value}  "
                f"{r.status.value:<8}  {one_line(r.title)}\n"
            )
    return 0


def _cmd_import(args, out) -> int:
    from .interchange.review_json import read_review_files_to_import
    from .operations import import_reviews

    if args.merge:
        from .cli_merge import import_merge

        return import_merge(args.library, args.files, args.dry_run, out)
    if args.dry_run:
        raise UsageError("--dry-run is for a merge: add --merge")
    reviews, named = read_review_files_to_import(args.files)  # all valid before any write
    with _open(args) as library:
        import_reviews(library, reviews, named)
    for review in reviews:
        out.write(f"{review.id}\t{one_line(review.title)}\n")
    return 0


def _cmd_merge(args, out) -> int:
    from .cli_merge import merge_libraries

    return merge_libraries(args.library, args.source, args.reviews, args.dry_run, out)


def _cmd_export(args, out) -> int:
    from .files import refuse_protected, write_atomically
    from .reports.export import Format, export_review
    from .storage.reviews import load_review

    binary = args.format in (Format.PDF, Format.DOCX)
    if binary and args.out is None and _is_terminal(out):
        raise PirError(f"a {args.format} file would garble the terminal; give --out FILE")
    with _open_to_read(args) as library:
        review_id = _resolve(library, args.review)
        with library.read() as session:
            review = load_review(session, review_id)
        library_files = library.own_files()
    if args.out is not None:
        refuse_protected(args.out, library_files)  # before the work, as well as at the write
    exported = export_review(
        review, args.format, args.variant, args.template, args.json_version, args.with_notes
    )
    for warning in exported.warnings:
        sys.stderr.write(f"{PROG}: warning: {printable(warning)}\n")
    if exported.left_out:
        sys.stderr.write(f"{PROG}: left out of version 1: {', '.join(exported.left_out)}\n")
    if args.out is not None:
        write_atomically(args.out, exported.data, protected=library_files)
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
    import json

    from .domain.metrics import METRICS, compute_metrics, format_duration
    from .storage.reviews import load_review

    with _open_to_read(args) as library:
        review_id = _resolve(library, args.review)
        with library.read() as session:
            review = load_review(session, review_id)
    metrics = compute_metrics(review.timeline, review.severity)
    if args.json:
        doc = {f"{spec.key}_seconds": metrics.seconds(spec.key) for spec in METRICS}
        doc["problems"] = metrics.problems
        doc["missing"] = metrics.missing
        doc["flags"] = [flag.message for flag in metrics.flags]
        out.write(json.dumps(clean_all(doc), ensure_ascii=False, indent=2) + "\n")
        return 0
    flagged = {flag.metric: flag.message for flag in metrics.flags}
    out.write(
        f"{one_line(review.title)} ({review.severity.value}, {review.incident_date.isoformat()})\n"
    )
    for spec in METRICS:
        value = metrics.values[spec.key]
        shown = "unknown" if value is None else format_duration(value)
        mark = f"  ! over {format_duration(spec.threshold)}" if spec.key in flagged else ""
        out.write(f"  {spec.label.capitalize():<20} {shown}{mark}\n")
    for line in metrics.problems:
        out.write(f"  problem: {one_line(line)}\n")
    for line in metrics.missing:
        out.write(f"  missing: {one_line(line)}\n")
    return 0


def _cmd_lint(args, out) -> int:
    import json
    from datetime import date

    from .domain.findings import lint_review
    from .storage.reviews import load_review

    with _open_to_read(args) as library:
        review_id = _resolve(library, args.review)
        with library.read() as session:
            review = load_review(session, review_id)
    findings = lint_review(review, date.today())
    if args.json:
        doc = [finding.as_dict() for finding in findings]
        out.write(json.dumps(clean_all(doc), ensure_ascii=False, indent=2) + "\n")
        return 0
    title = one_line(review.title)
    if not findings:
        out.write(f"{title}: nothing to point out\n")
        return 0
    plural = "s" if len(findings) > 1 else ""
    out.write(f"{title}: {len(findings)} finding{plural}\n")
    for finding in findings:
        out.write(one_line(f"{finding.path}: {finding.rule}: {finding.message}") + "\n")
        out.write(f"    {one_line(finding.suggestion)}\n")
    return 0


def _cmd_import_timeline(args, out) -> int:
    from .files import refuse_reading_library
    from .interchange.timeline_import import read_timeline_file, zone
    from .operations import import_events
    from .storage.reviews import load_review

    tz = zone(args.tz)
    with _open(args) as library:
        review_id = _resolve(library, args.review)
        with library.read() as session:
            day = load_review(session, review_id).incident_date
        refuse_reading_library(args.file, library.own_files())  # its locks would go with it
        read = read_timeline_file(args.file, args.format, tz, day)  # all read before any write
        added, skipped = import_events(library, review_id, [e.to_event() for e in read])
    out.write(
        f"added {len(added)} event{'s' if len(added) != 1 else ''}, "
        f"skipped {skipped} already in the timeline\n"
    )
    return 0


def _read_token(stdin) -> str:
    """One line from standard input; typed at a terminal, without echo."""
    if _is_terminal(stdin):
        import getpass

        return getpass.getpass("Token (not shown): ")
    return stdin.readline().strip()


def _tracker_target(args, project: str | None):
    from .trackers.target import Tracker, TrackerSetupError, make_target

    tracker = Tracker(args.tracker)
    if project is None:
        option = "--repo OWNER/NAME" if tracker is Tracker.GITHUB else "--project KEY"
        raise UsageError(f"pushing to {tracker.label} needs {option}")
    if tracker is Tracker.GITHUB and args.project:
        raise TrackerSetupError("--project is for Jira; GitHub takes --repo OWNER/NAME")
    if tracker is Tracker.JIRA and args.repo:
        raise TrackerSetupError("--repo is for GitHub; Jira takes --project KEY")
    return make_target(tracker, project, args.base_url, args.jira_api)


def _cmd_push(args, out, stdin) -> int:
    from .trackers.connect import open_client, token_for
    from .trackers.secrets import TokenStore
    from .trackers.sync import PushStopped, push_actions

    target = _tracker_target(args, args.repo or args.project)
    tokens = TokenStore()
    if args.token_stdin:
        tokens.keep_for_session(target.tracker, target.base, _read_token(stdin))
    with _open(args) as library:
        review_id = _resolve(library, args.review)
        token = token_for(tokens, target.tracker, target.base)
        client = open_client(target, token, issue_type=args.issue_type)
        try:
            result = push_actions(
                library,
                review_id,
                target,
                client,
                report_url=args.report_url,
                progress=lambda line: out.write(one_line(line) + "\n"),
            )
        except PushStopped:
            out.flush()
            raise
        finally:
            client.close()
    out.write(one_line(result.summary(target.name)) + "\n")
    return 0


def _web_address(tracker, base: str) -> str:
    from .trackers.target import Tracker

    return base if tracker is Tracker.JIRA else base.removesuffix("/api/v3")


def _cmd_refresh(args, out, stdin) -> int:
    from .trackers.connect import open_client, target_of, token_for
    from .trackers.secrets import TokenStore
    from .trackers.sync import Elsewhere, refresh_actions
    from .trackers.target import Tracker, base_url

    tokens = TokenStore()
    given = None  # the one tracker and address a token on standard input is for
    if args.token_stdin:
        if args.tracker is None:
            raise UsageError(
                "--token-stdin needs --tracker (and --base-url for Jira or GitHub Enterprise): "
                "the token is sent only to the tracker it is for"
            )
        tracker = Tracker(args.tracker)
        given = (tracker, base_url(tracker, args.base_url))
        tokens.keep_for_session(*given, _read_token(stdin))
    elif args.tracker or args.base_url:
        raise UsageError("--tracker and --base-url name the tracker a --token-stdin token is for")

    def connect(ref):
        if given is not None and (ref.tracker, ref.base) != given:
            raise Elsewhere(
                f"its issue is at {_web_address(ref.tracker, ref.base)}, not at "
                f"{_web_address(*given)} that the token on standard input is for"
            )
        target = target_of(ref, args.jira_api)
        return open_client(target, token_for(tokens, ref.tracker, ref.base))

    with _open(args) as library:
        review_id = _resolve(library, args.review)
        result = refresh_actions(
            library, review_id, connect, progress=lambda line: out.write(one_line(line) + "\n")
        )
    for item, message in result.problems:
        out.write(one_line(f"could not check “{item.title}”: {message}") + "\n")
    for item, message in result.skipped:
        out.write(one_line(f"skipped “{item.title}”: {message}") + "\n")
    out.write(one_line(result.summary()) + "\n")
    return 0


def _cmd_token(args, out, stdin) -> int:
    from .trackers.connect import open_client, token_for
    from .trackers.secrets import TokenStore
    from .trackers.target import Target, Tracker, base_url, is_jira_cloud

    tracker = Tracker(args.tracker)
    base = base_url(tracker, args.base_url)
    tokens = TokenStore()
    if args.token_command == "set":
        tokens.store(tracker, base, _read_token(stdin))
        out.write(f"stored the token for {tracker.label} at {base} in the system keyring\n")
    elif args.token_command == "delete":
        if tokens.delete(tracker, base):
            out.write(f"deleted the token for {tracker.label} at {base}\n")
        else:
            out.write(f"there was no token for {tracker.label} at {base}\n")
    else:
        api = args.jira_api or (3 if is_jira_cloud(base) else 2)
        target = Target(tracker, base, "", api)
        client = open_client(target, token_for(tokens, tracker, base))
        try:
            who = client.whoami()
        finally:
            client.close()
        out.write(f"the token for {tracker.label} at {base} works: signed in as {one_line(who)}\n")
    return 0


def _cmd_search(args, out) -> int:
    import json

    from .storage.queries import search

    reader, _path = _read_only(args)
    with reader:
        hits = search(reader, args.query)
    if args.json:
        doc = clean_all([h.as_dict() for h in hits])
        out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return 0
    if not hits:
        out.write(f"no text of any review holds every word of “{one_line(args.query)}”\n")
        return 0
    for hit in hits:
        out.write(f"{hit.review_id[:8]}  {one_line(hit.review_title)}  {hit.path}\n")
        out.write(f"    {one_line(hit.snippet)}\n")
    return 0


def _cmd_actions(args, out) -> int:
    import json
    from datetime import date

    from .storage.queries import ActionFilter, actions

    reader, _path = _read_only(args)
    as_of = args.as_of or date.today()
    with reader:
        rows = actions(reader, ActionFilter(args.state, args.owner, args.service), as_of=as_of)
    if args.json:
        doc = clean_all([r.as_dict() for r in rows])
        out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return 0
    if not rows:
        out.write("no action item matches\n")
        return 0
    for r in rows:
        due = r.due.isoformat() if r.due else "no date   "
        mark = "  OVERDUE" if r.overdue else ("  deferred" if r.deferred else "")
        owner = one_line(r.owner) if r.owner else "(no owner)"
        out.write(
            f"{due}  {r.status.replace('_', ' '):<11}  {owner:<18}  {one_line(r.title)}"
            f"  [{one_line(r.review_title)}]{mark}\n"
        )
    open_count = sum(1 for r in rows if r.status in ("open", "in_progress") and not r.deferred)
    late = sum(1 for r in rows if r.overdue)
    out.write(f"{len(rows)} item(s); {open_count} open, {late} overdue as of {as_of}\n")
    return 0


def _cmd_insights(args, out) -> int:
    import json
    from datetime import date

    from .storage.queries import insights

    if args.format and args.out is None:
        raise UsageError("the pattern review report needs --out PATH")
    if args.out is not None and not args.format:
        raise UsageError("--out is for the report: give --format pdf, docx or md")
    reader, _path = _read_only(args)
    as_of = args.as_of or date.today()
    with reader:
        doc = insights(reader, args.start, args.end, args.by, as_of)
        if args.format:
            from .reports.pattern_review import write_pattern_review

            written = write_pattern_review(reader, doc, args.format, args.out)
            for warning in written.warnings:
                sys.stderr.write(f"{PROG}: warning: {printable(warning)}\n")
            out.write(f"wrote {args.out} ({written.description})\n")
            return 0
    if args.json:
        out.write(json.dumps(clean_all(doc), ensure_ascii=False, indent=2) + "\n")
        return 0
    from .reports.insights_text import insights_text

    out.write(insights_text(clean_all(doc)))
    return 0


def _cmd_upgrade(args, out, stdin) -> int:
    if not _is_team(args):
        from .storage.library import open_library

        with open_library(args.library) as library:
            out.write(f"the library {library.name} is at this version's schema\n")
        return 0
    from .storage.library import upgrade_team_library
    from .storage.team_address import parse

    address = parse(args.library)
    backup = f"pg_dump --format=custom --file=pir-backup.dump '{address.account}'"
    if not args.yes:
        if not _is_terminal(stdin):
            raise UsageError(
                f"upgrading changes the team library {address.masked} for everyone: take a "
                f"backup first ({backup}), then run upgrade again with --yes"
            )
        out.write(
            f"This upgrades the team library {address.masked} for everyone who uses it.\n"
            f"Take a backup first:  {backup}\nType yes to upgrade: "
        )
        out.flush()
        if stdin.readline().strip().lower() != "yes":
            out.write("nothing was changed\n")
            return 0
    done = upgrade_team_library(address)
    if done is None:
        out.write(f"the team library {address.masked} is already at this version's schema\n")
    else:
        out.write(
            f"upgraded the team library {address.masked} from schema {done[0]} to {done[1]}\n"
        )
    return 0


def _cmd_watch(args, out) -> int:
    import json
    import time

    from .errors import ServerGone
    from .storage.feed import ChangeFeed

    with _open(args) as library:
        review_id = _resolve(library, args.review)
        feed = ChangeFeed(library, review_id)
        try:
            while True:
                try:
                    changes = feed.wait(1.0)
                except ServerGone as exc:
                    sys.stderr.write(f"{PROG}: {printable(str(exc))}; trying again\n")
                    changes = _reconnect(feed, time)
                for change in changes:
                    if args.json:
                        out.write(json.dumps(change.as_json(), ensure_ascii=False) + "\n")
                    else:
                        item = change.item_id or "-"
                        by = one_line(change.by) if change.by else "unknown"
                        out.write(
                            f"{change.as_json()['at']}  {change.change:<22} {item}  by {by}\n"
                        )
                out.flush()
        finally:
            feed.close()


def _cmd_take_offline(args, out) -> int:
    from .cli_offline import take

    return take(args.library, args.home, args.reviews, out)


def _cmd_send_back(args, out) -> int:
    from .cli_offline import send

    return send(args.library, args.reviews, out)


def _cmd_offline(args, out) -> int:
    from .cli_offline import listing

    return listing(args.library, out)


def _reconnect(feed, time) -> list:
    """Try the feed's connection again every 2 s until the server answers; what landed
    meanwhile comes back."""
    from .errors import ServerGone

    while True:
        time.sleep(2.0)
        try:
            changes = feed.reconnect()
        except ServerGone:
            continue
        sys.stderr.write(f"{PROG}: connected again\n")
        return changes


COMMANDS = {
    None: _cmd_open_app,
    "watch": _cmd_watch,
    "open": _cmd_open_app,
    "list": _cmd_list,
    "import": _cmd_import,
    "merge": _cmd_merge,
    "take-offline": _cmd_take_offline,
    "send-back": _cmd_send_back,
    "offline": _cmd_offline,
    "export": _cmd_export,
    "metrics": _cmd_metrics,
    "lint": _cmd_lint,
    "import-timeline": _cmd_import_timeline,
    "search": _cmd_search,
    "actions": _cmd_actions,
    "insights": _cmd_insights,
}
# Commands that read standard input (a token) take it as a third argument.
INPUT_COMMANDS = {
    "push": _cmd_push,
    "refresh": _cmd_refresh,
    "token": _cmd_token,
    "upgrade": _cmd_upgrade,
}


def _log_handler() -> logging.FileHandler | None:
    """A handler on the log file in the user's log folder, or None if it cannot be written."""
    try:
        from platformdirs import user_log_path

        folder = user_log_path("pir-desktop", appauthor=False)
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(folder / "pir-desktop.log", encoding="utf-8", delay=True)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        return handler
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


def _window_start(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments of a plain start of the window (only ``--library`` and the
    benchmarks' ``--exit-after-startup``), read without building the parser of every
    command, which the window's start-up would otherwise pay for; None for anything
    else (a command, ``--help``, an abbreviation, a mistake), which the parser reads."""
    library, exit_after_startup = None, False
    rest = list(argv)
    while rest:
        word = rest.pop(0)
        if word == "--exit-after-startup":
            exit_after_startup = True
        elif word == "--library" and rest and not rest[0].startswith("-"):
            library = rest.pop(0)
        elif word.startswith("--library=") and len(word) > len("--library="):
            library = word[len("--library=") :]
        else:
            return None
    return argparse.Namespace(
        command=None,
        library=None if library is None else _library_value(library),
        exit_after_startup=exit_after_startup,
    )


def main(argv: Sequence[str] | None = None, out=None, err=None, stdin=None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    stdin = stdin or sys.stdin
    try:
        words = sys.argv[1:] if argv is None else argv
        args = _window_start(words) or build_parser().parse_args(words)
        if args.command in INPUT_COMMANDS:
            return INPUT_COMMANDS[args.command](args, out, stdin)
        return COMMANDS[args.command](args, out)
    except PirError as exc:
        hint = "; choose another file with --library" if isinstance(exc, NotALibrary) else ""
        err.write(f"{PROG}: {printable(str(exc))}{hint}\n")
        return 2
    except KeyboardInterrupt:
        err.write(f"{PROG}: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        where = _log_bug()
        detail = f"details in {where}" if where else "no log file could be written"
        first_line = printable((str(exc).splitlines() or [""])[0])
        err.write(f"{PROG}: internal error ({type(exc).__name__}: {first_line}); {detail}\n")
        return 1
