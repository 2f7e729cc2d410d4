"""The pattern review report: the quarterly look across reviews, as PDF, DOCX or Markdown.

``build_pattern_review`` reads the insights of a range (``storage.queries``)
and lays out, in the report model the review reports use (``reports.model``):
headline figures against the range before it, the charts
(``reports.charts``), recurring services and tags, repeats, overdue action
items by owner and the future improvements (deferred items) to re-triage.
The existing renderers draw it; a chart is SVG made vectors in the PDF and a
PNG in DOCX and Markdown (written beside the ``.md`` file).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ..errors import PirError
from ..files import write_atomically
from ..storage import queries
from .charts import CHARTS, ChartBlock, factors_and_repeats_chart
from .insights_text import period_label, seconds_text
from .model import KeyValues, Paragraph, Report, Section, Table, readable

# What keeps the report within four pages on a library of a thousand reviews.
MAX_DEFERRED = 20  # rows of the re-triage list; the rest are counted
MAX_OWNERS = 12
MAX_REPEATED = 12
MAX_NAMES = 10
TITLES_PER_OWNER = 2
TITLE_CHARS = 60


def previous_range(doc: dict) -> tuple[date, date]:
    """The range of as many periods just before the one of ``doc``."""
    first = date.fromisoformat(doc["periods"][0]["start"])
    start = first
    for _ in doc["periods"]:
        start = queries.period_start(start - timedelta(days=1), doc["by"])
    return start, first - timedelta(days=1)


def _count_change(now: int, before: int) -> str:
    return "no change" if now == before else f"{now - before:+d}"


def _time_change(now: int | None, before: int | None) -> str:
    if now is None or before is None:
        return "–"
    if now == before:
        return "no change"
    sign = "+" if now > before else "−"
    return f"{sign}{seconds_text(abs(now - before))}"


def _headline(doc: dict, before: dict) -> Table:
    now, old = doc["total"], before["total"]
    rows = [
        ["Reviews", str(now["reviews"]), str(old["reviews"]),
         _count_change(now["reviews"], old["reviews"])],
        ["P1 and P2 incidents", str(now["severity"]["P1"] + now["severity"]["P2"]),
         str(old["severity"]["P1"] + old["severity"]["P2"]),
         _count_change(now["severity"]["P1"] + now["severity"]["P2"],
                       old["severity"]["P1"] + old["severity"]["P2"])],
    ]  # fmt: skip
    for key, label in (("ttd", "Time to detect"), ("tta", "Time to acknowledge"),
                       ("ttm", "Time to mitigate"), ("duration", "Duration")):  # fmt: skip
        a, b = now[key], old[key]
        rows.append(
            [f"{label}, median (90th percentile)",
             f"{seconds_text(a['median_seconds'])} ({seconds_text(a['p90_seconds'])})",
             f"{seconds_text(b['median_seconds'])} ({seconds_text(b['p90_seconds'])})",
             _time_change(a["median_seconds"], b["median_seconds"])]
        )  # fmt: skip
    acts, old_acts = now["actions"], old["actions"]
    action_labels = (
        ("committed", "Action items committed"),
        ("done", "Done"),
        ("done_on_time", "Done on time"),
        ("open_overdue", "Open and overdue"),
    )
    for key, label in action_labels:
        rows.append([label, str(acts[key]), str(old_acts[key]),
                     _count_change(acts[key], old_acts[key])])  # fmt: skip
    rows.append(["Repeats of an earlier incident", str(now["repeats"]), str(old["repeats"]),
                 _count_change(now["repeats"], old["repeats"])])  # fmt: skip
    range_now = f"{doc['from']} to {doc['to']}"
    range_before = f"{before['from']} to {before['to']}"
    return Table(["", range_now, range_before, "Change"], rows)


def _recurring(doc: dict) -> Section:
    """Services and tags named by more than one review of the range, side by side."""
    columns = [
        [n for n in doc[key] if n["reviews"] >= 2][:MAX_NAMES] for key in ("services", "tags")
    ]
    if not any(columns):
        return Section("Recurring services and tags", [Paragraph(
            "No service or tag is named by more than one review of this range.")])  # fmt: skip
    rows = []
    for i in range(max(len(c) for c in columns)):
        row = []
        for column in columns:
            row += [column[i]["name"], str(column[i]["reviews"])] if i < len(column) else ["", ""]
        rows.append(row)
    more = [len([n for n in doc[k] if n["reviews"] >= 2]) - MAX_NAMES for k in ("services", "tags")]
    intro = "Named by more than one review of this range, by how many"
    if max(more) > 0:
        intro += f" (the {MAX_NAMES} named most of each; insights --json lists them all)"
    return Section("Recurring services and tags", [
        Paragraph(intro + ":"), Table(["Service", "Reviews", "Tag", "Reviews"], rows)])  # fmt: skip


def _repeats(reader: queries.Reader, doc: dict) -> Section:
    """The incidents repeated most by reviews of the range (grouped by the earlier review)."""
    rows = reader.rows(
        "SELECT l.other_id, o.title, o.incident_date, r.incident_date "
        "FROM related_reviews l JOIN reviews r ON r.id = l.review_id "
        "LEFT JOIN reviews o ON o.id = l.other_id "
        "WHERE l.relation = 'repeat_of' AND r.incident_date >= ? AND r.incident_date <= ?",
        [reader.day(date.fromisoformat(doc["from"])), reader.day(date.fromisoformat(doc["to"]))],
    )
    if not rows:
        return Section(
            "Repeats", [Paragraph("No review of this range repeats an earlier incident.")]
        )
    repeated: dict[str, list] = defaultdict(list)
    for other_id, title, day, repeat_day in rows:
        repeated[other_id].append((title, str(day)[:10] if day else "", str(repeat_day)[:10]))
    ranked = sorted(repeated.items(), key=lambda pair: (-len(pair[1]), pair[1][0][1], pair[0]))
    table = [
        [
            first[0] if first[0] is not None else f"review {other_id} (not in this library)",
            first[1],
            str(len(seen)),
            max(day for _t, _d, day in seen),
        ]
        for other_id, seen in ranked[:MAX_REPEATED]
        for first in [seen[0]]
    ]
    blocks = [
        Paragraph(
            f"{len(rows)} reviews of this range repeat an earlier incident; "
            f"{len(repeated)} incidents were repeated, most often first:"
        ),
        Table(["Incident repeated", "Its date", "Repeats", "Latest repeat"], table),
    ]
    if len(ranked) > MAX_REPEATED:
        blocks.append(Paragraph(f"And {len(ranked) - MAX_REPEATED} more incidents repeated once "
                                "or more."))  # fmt: skip
    return Section("Repeats", blocks)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1].rstrip() + "…"


def _overdue_by_owner(reader: queries.Reader, as_of: date) -> Section:
    late = queries.actions(reader, queries.ActionFilter(state="overdue"), as_of=as_of)
    # Owners compare as the actions filter does: case aside, shown as most items write them.
    by_key: dict[str, list[queries.ActionRow]] = defaultdict(list)
    for item in late:
        by_key[(item.owner or "").strip().casefold()].append(item)
    owners = []
    for key, items in by_key.items():
        names = Counter((i.owner or "").strip() for i in items)
        owners.append((min(names, key=lambda n: (-names[n], n)) if key else "(no owner)", items))
    owners.sort(key=lambda pair: (pair[0] == "(no owner)", -len(pair[1]), pair[0].casefold()))
    rows = []
    for owner, items in owners[:MAX_OWNERS]:
        titles = "; ".join(_short(i.title) for i in items[:TITLES_PER_OWNER])
        if len(items) > TITLES_PER_OWNER:
            titles += f"; and {len(items) - TITLES_PER_OWNER} more"
        rows.append([owner, str(len(items)), items[0].due.isoformat(), titles])
    intro = Paragraph(
        f"Every overdue committed action item in the library as of {as_of.isoformat()} "
        f"({len(late)} in all), by owner, oldest due date first."
    )
    if not rows:
        return Section("Overdue action items by owner", [Paragraph(
            f"No committed action item is overdue as of {as_of.isoformat()}.")])  # fmt: skip
    blocks = [intro, Table(["Owner", "Overdue", "Oldest due", "Items"], rows)]
    if len(owners) > MAX_OWNERS:
        blocks.append(Paragraph(f"And {len(owners) - MAX_OWNERS} more owners: "
                                "pir-desktop actions --overdue lists them all."))  # fmt: skip
    return Section("Overdue action items by owner", blocks)


def _deferred(reader: queries.Reader, doc: dict, as_of: date) -> Section:
    start, end = date.fromisoformat(doc["from"]), date.fromisoformat(doc["to"])
    items = [
        a
        for a in queries.actions(reader, queries.ActionFilter(state="deferred"), as_of=as_of)
        if a.status != "dropped" and a.incident_date is not None and start <= a.incident_date <= end
    ]
    items.sort(key=lambda a: (a.incident_date, a.review_title, a.position))
    if not items:
        return Section("Future improvements to re-triage", [Paragraph(
            "No review of this range has deferred items.")])  # fmt: skip
    rows = [
        [a.title, a.owner or "", a.category or "", a.review_title, a.incident_date.isoformat()]
        for a in items[:MAX_DEFERRED]
    ]
    shown = (
        f"; the {MAX_DEFERRED} oldest here, and pir-desktop actions --deferred lists them all"
        if len(items) > MAX_DEFERRED
        else ""
    )
    blocks = [
        Paragraph(
            f"The {len(items)} deferred items of this range's reviews, oldest incident first"
            f"{shown}. Commit each, keep it deferred, or drop it."
        ),
        Table(["Item", "Owner", "Category", "Review", "Incident"], rows),
    ]
    return Section("Future improvements to re-triage", blocks)


def build_pattern_review(reader: queries.Reader, doc: dict) -> Report:
    """The report for the insights ``doc`` (``queries.insights``), read with ``reader``."""
    as_of = date.fromisoformat(doc["as_of"])
    start, end = previous_range(doc)
    before = queries.insights(reader, start, end, doc["by"], as_of)
    first, last = doc["periods"][0]["start"], doc["periods"][-1]["start"]
    span = period_label(first, doc["by"])
    if last != first:
        span += f" to {period_label(last, doc['by'])}"
    charts = {key: ChartBlock(key, title, (lambda b=build: b(doc))) for key, title, build in CHARTS}
    total = doc["total"]
    summary = KeyValues([
        ("Range", f"{doc['from']} to {doc['to']}, by {doc['by']}"),
        ("As of", doc["as_of"]),
        ("Reviews", str(total["reviews"])),
        ("Compared with", f"{before['from']} to {before['to']}"),
    ])  # fmt: skip
    sections = [
        Section(
            "Summary",
            [
                summary,
                Paragraph(
                    "Medians and 90th percentiles, not means: incident durations are skewed. "
                    "A time counts only for the reviews whose timeline holds both of its ends."
                ),
            ],
        ),
        Section("Headline figures against the previous range", [_headline(doc, before)]),
        Section("Incidents by severity", [charts["severity"]]),
        Section("How long incidents took", [charts["times"]]),
        Section("Action items", [charts["actions"]]),
        Section("Services and tags", [charts["names"]]),
        Section(
            "Contributing factors and repeats",
            [
                ChartBlock(
                    "factors_repeats",
                    "Contributing factors and repeats",
                    lambda: factors_and_repeats_chart(doc),
                )
            ],
        ),
        _recurring(doc),
        _repeats(reader, doc),
        _overdue_by_owner(reader, as_of),
        _deferred(reader, doc, as_of),
    ]
    return readable(Report(f"Pattern review, {span}", sections))  # domain.text, as every report


@dataclass
class Written:
    description: str
    warnings: list[str] = field(default_factory=list)


def charts_folder(out: Path) -> Path:
    """Where the Markdown report's chart pictures go: ``<name>-charts`` beside it."""
    return out.with_name(f"{out.stem}-charts")


def write_pattern_review(reader: queries.Reader, doc: dict, fmt: str, out: Path) -> Written:
    """Write the report as ``fmt`` (pdf, docx, md) to ``out``; what was written, and any
    warning (characters no embedded font has)."""
    report = build_pattern_review(reader, doc)
    if fmt == "pdf":
        from .fonts import PdfFonts
        from .pdf import render_pdf

        fonts = PdfFonts()
        data = render_pdf(report, fonts)
        write_atomically(out, data)
        pages = len(re.findall(rb"/Type /Page\b(?!s)", data))
        warnings = []
        if fonts.missing:
            shown = " ".join(sorted(fonts.missing)[:12])
            warnings.append(f"{len(fonts.missing)} character(s) are in none of the embedded "
                            f"fonts and are missing from the PDF: {shown}")  # fmt: skip
        return Written(f"PDF, {pages} pages", warnings)
    if fmt == "docx":
        from .docx import render_docx

        write_atomically(out, render_docx(report))
        return Written("Word document")
    if fmt == "md":
        from .charts import png
        from .markdown import render_markdown

        folder = charts_folder(out.expanduser())
        try:
            folder.mkdir(exist_ok=True)
        except OSError as exc:
            raise PirError(
                f"cannot make the folder {folder} for the charts: {exc.strerror}"
            ) from None

        def picture(block: ChartBlock) -> str:
            path = folder / f"{block.key}.png"
            write_atomically(path, png(block.draw()))
            return f"{folder.name}/{path.name}"

        write_atomically(out, render_markdown(report, picture).encode("utf-8"))
        return Written(f"Markdown, with its charts in {folder}")
    raise PirError(f"the pattern review is written as pdf, docx or md, not {fmt}")
