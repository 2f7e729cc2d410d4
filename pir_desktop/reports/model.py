"""The report as a format-free tree: sections of paragraphs, key-value blocks, tables, lists.

``build_report`` reads a review and decides what a reader sees and in which
order (the order the practice uses); renderers only lay it out. Empty
sections are left out. Variants: ``full``; ``summary`` (key moments in
place of the whole timeline); ``public`` (the review redacted by
``redact.public_review``: people as roles, addresses and revenue gone, and
no list of participants).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import datetime
from enum import StrEnum

from ..domain.enums import KEY_MOMENTS, ActionStatus, EventKind, FactorCategory, Panel, RoleName
from ..domain.metrics import METRICS, compute_metrics, first_of_each_kind, format_duration
from ..domain.model import Review, WhyNode
from ..domain.text import clean, one_line
from .redact import public_review


class Variant(StrEnum):
    FULL = "full"
    SUMMARY = "summary"
    PUBLIC = "public"


@dataclass
class Paragraph:
    text: str


@dataclass
class KeyValues:
    """Labelled facts, such as the summary block."""

    pairs: list[tuple[str, str]]


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]


@dataclass
class ListItem:
    text: str
    level: int = 0  # indentation, for the 5-Whys tree
    marked: bool = False  # a root cause


@dataclass
class BulletList:
    items: list[ListItem]


@dataclass(frozen=True)
class Moment:
    label: str
    at: datetime


@dataclass(frozen=True)
class Span:
    """TTD, TTA or TTM drawn from one key moment to another."""

    label: str  # "TTD 2 min"
    start: datetime
    end: datetime
    over_threshold: bool


@dataclass
class TimelineFigure:
    """The key moments on a time axis with the TTD / TTA / TTM spans (see figure.py)."""

    moments: list[Moment]
    spans: list[Span]
    caption: str


Block = Paragraph | KeyValues | Table | BulletList | TimelineFigure


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Report:
    title: str
    sections: list[Section]
    author: str = ""  # for the document's properties
    dense: bool = False  # laid out to fit one page (the summary)


_KIND_NAMES = {kind: kind.value.replace("_", " ") for kind in EventKind}
_ROLE_LABELS = {role.value: role.label for role in RoleName}
_IMPACT_LABELS = {
    "users_affected": "Users affected",
    "revenue": "Revenue",
    "sla": "SLA",
    "customer_communications": "Customer communications",
}
_PANEL_TITLES = {
    Panel.WENT_WELL: "What went well",
    Panel.WENT_POORLY: "What didn't go well",
    Panel.LUCKY: "Where we got lucky",
}


def _time(review: Review, moment) -> str:
    text = f"{moment:%H:%M:%S}"
    return text if moment.date() == review.incident_date else f"{moment:%Y-%m-%d} {text}"


SUMMARY_TEXT_CHARS = 450  # the summary paragraph in the one-page summary
SUMMARY_CELL_CHARS = 110  # an impact value or an event's text there


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word before ``limit`` characters, with "…"; whole if it fits."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:.") + "…"


def _clock(review: Review, moment) -> str:
    """``23:03``, or ``23:03 (next day)`` / ``02:10 (+2 days)`` after the incident's date."""
    days = (moment.date() - review.incident_date).days
    if days == 0:
        return f"{moment:%H:%M}"
    if days == 1:
        return f"{moment:%H:%M} (next day)"
    return f"{moment:%H:%M} ({days:+d} days)"


def _summary(review: Review, variant: Variant) -> Section:
    metrics = compute_metrics(review.timeline, review.severity)
    duration = metrics.duration
    pairs = [
        ("Date", review.incident_date.isoformat()),
        ("Duration", format_duration(duration) if duration is not None else "unknown"),
        ("Severity", review.severity.value),
        ("Incident commander", review.roles.get("incident_commander", "")),
        ("Author", review.roles.get("author", "")),
        ("Status", review.status.value),
    ]
    if variant == Variant.SUMMARY:  # the summary has no participants section of its own
        count = len(review.participants)
        pairs += [
            ("Facilitator", review.roles.get("facilitator", "")),
            ("Participants", str(count) if count else ""),
        ]
    if variant == Variant.PUBLIC:  # the roles would only name themselves
        pairs = [(k, v) for k, v in pairs if k not in ("Incident commander", "Author")]
    blocks: list[Block] = [KeyValues([(k, v) for k, v in pairs if v])]
    if review.summary.strip():
        text = review.summary.strip()
        if variant == Variant.SUMMARY:
            text = shorten(text, SUMMARY_TEXT_CHARS)
        blocks.append(Paragraph(text))
    return Section("Summary", blocks)


def _impact(review: Review, compact: bool = False) -> Section:
    limit = SUMMARY_CELL_CHARS if compact else None
    pairs = [
        (_IMPACT_LABELS.get(key, key), shorten(text, limit) if limit else text)
        for key, text in review.impact.items()
        if text.strip()
    ]
    return Section("Impact", [KeyValues(pairs)] if pairs else [])


def timeline_figure(review: Review) -> TimelineFigure | None:
    """The figure, or None when fewer than two key moments are known."""
    earliest = first_of_each_kind(review.timeline)
    moments = [
        Moment(f"{_KIND_NAMES[kind]} {_clock(review, earliest[kind])}", earliest[kind])
        for kind in KEY_MOMENTS
        if kind in earliest
    ]
    if len(moments) < 2:
        return None
    metrics = compute_metrics(review.timeline, review.severity)
    flagged = {flag.metric for flag in metrics.flags}
    spans = [
        Span(
            f"{spec.key.upper()} {format_duration(value)}",
            earliest[spec.start],
            earliest[spec.end],
            spec.key in flagged,
        )
        for spec in METRICS
        if spec.key != "duration" and (value := metrics.values[spec.key]) is not None
    ]
    caption = "Key moments (UTC) with time to detect, acknowledge and mitigate"
    if flagged:
        caption += "; a red span is over its threshold"
    return TimelineFigure(sorted(moments, key=lambda m: m.at), spans, caption)


def _timeline(review: Review, variant: Variant) -> Section:
    events = review.timeline
    if variant == Variant.SUMMARY:
        events = [e for e in events if e.kind in KEY_MOMENTS]
    compact = variant == Variant.SUMMARY
    rows = [
        [
            _time(review, e.at),
            _KIND_NAMES[e.kind],
            shorten(e.text, SUMMARY_CELL_CHARS) if compact else e.text,
            e.source or "",
        ]
        for e in events
    ]
    title = "Key moments (UTC)" if compact else "Timeline (UTC)"
    blocks: list[Block] = []
    # The summary's table is the key moments already; the figure is for the full report.
    figure = timeline_figure(review) if variant != Variant.SUMMARY else None
    if figure is not None:
        blocks.append(figure)
    if rows:
        blocks.append(Table(["Time", "Kind", "What happened", "Source"], rows))
    return Section(title, blocks)


def _detection(review: Review, compact: bool) -> Section:
    metrics = compute_metrics(review.timeline, review.severity)
    blocks: list[Block] = []
    if review.detection and (review.detection.method or review.detection.notes):
        method = review.detection.method.value.replace("_", " ") if review.detection.method else ""
        text = "; ".join(t for t in (method, review.detection.notes or "") if t)
        blocks.append(Paragraph(shorten(f"Detected by {text}", SUMMARY_CELL_CHARS) if compact
                                else f"Detected by {text}"))  # fmt: skip
    rows = []
    flagged = {flag.metric: flag.message for flag in metrics.flags}
    for spec in METRICS:
        value = metrics.values[spec.key]
        if value is None:
            continue
        name = spec.key.upper() if spec.key != "duration" else "Duration"
        label = name if spec.key == "duration" else f"{name} ({spec.label})"
        rows.append([label, format_duration(value), flagged.get(spec.key, "")])
    if rows and compact:
        pairs = [
            (label, value + (" ▲ over threshold" if flag else "")) for label, value, flag in rows
        ]
        blocks.append(KeyValues(pairs))
    elif rows:
        blocks.append(Table(["Measure", "Value", "Threshold crossed"], rows))
    notes = metrics.problems + metrics.missing
    if notes:
        blocks.append(BulletList([ListItem(n) for n in notes]))
    return Section("Detection and response", blocks)


def _why_items(nodes: list[WhyNode], level: int = 0) -> list[ListItem]:
    items = []
    for node in nodes:
        items.append(ListItem(node.text, level, node.root_cause))
        items.extend(_why_items(node.children, level + 1))
    return items


def _root_cause(review: Review, compact: bool = False) -> Section:
    """The 5-Whys tree; the one-page summary gives the root causes only (the tree, or the
    whole tree when none is marked yet, is in the full report)."""
    blocks: list[Block] = []
    if review.problem.strip():
        blocks.append(Paragraph(f"Problem: {review.problem.strip()}"))
    items = _why_items(review.whys)
    roots = [item for item in items if item.marked]
    if compact and roots:
        items = [ListItem(item.text, 0, True) for item in roots]
    if items:
        blocks.append(BulletList(items))
    return Section(
        "Root cause (5 Whys)" if not (compact and roots) else "Root causes", blocks if items else []
    )


def _factors(review: Review, compact: bool) -> Section:
    """By category: one line each in the summary, a category with its factors below it else."""
    blocks: list[Block] = []
    items: list[ListItem] = []
    for category in FactorCategory:
        texts = [f.text for f in review.contributing_factors if f.category == category]
        if texts and compact:
            line = f"{category.value.capitalize()}: " + "; ".join(texts)
            blocks.append(Paragraph(shorten(line, SUMMARY_CELL_CHARS)))
        elif texts:
            items.append(ListItem(category.value.capitalize()))
            items.extend(ListItem(text, level=1) for text in texts)
    if items:
        blocks.append(BulletList(items))
    return Section("Contributing factors", blocks)


def _panel(review: Review, panel: Panel) -> Section:
    items = [ListItem(i.text) for i in review.panels.get(panel, []) if i.text.strip()]
    return Section(_PANEL_TITLES[panel], [BulletList(items)] if items else [])


def _actions(review: Review, compact: bool = False) -> list[Section]:
    def row(number: int, item) -> list[str]:
        return [
            str(number),
            item.title,
            item.owner or "",
            item.due.isoformat() if item.due else "",
            item.status.value.replace("_", " "),
            item.category.value if item.category else "",
        ]

    headers = ["#", "Action", "Owner", "Deadline", "Status", "Category"]
    committed = [i for i in review.action_items if not i.deferred]
    deferred = [i for i in review.action_items if i.deferred]
    sections = [
        Section(
            "Action items",
            [Table(headers, [row(n, i) for n, i in enumerate(committed, 1)])] if committed else [],
        ),
        Section(
            "Future improvements",
            [BulletList([ListItem(_deferred_line(i)) for i in deferred])] if deferred else [],
        ),
    ]
    if compact and deferred:  # the summary counts them; the full report lists them
        plural = "s are" if len(deferred) > 1 else " is"
        sections[1].blocks = [
            Paragraph(f"{len(deferred)} future improvement{plural} listed in the full report.")
        ]
    return sections


def _deferred_line(item) -> str:
    extra = ", ".join(
        t for t in (item.owner or "", item.category.value if item.category else "") if t
    )
    dropped = " (dropped)" if item.status == ActionStatus.DROPPED else ""
    return f"{item.title}{f' ({extra})' if extra else ''}{dropped}"


def _lessons(review: Review, compact: bool = False) -> Section:
    items = [ListItem(lesson.text) for lesson in review.lessons if lesson.text.strip()]
    if compact and len(items) > SUMMARY_PANEL_ROWS:
        more = len(items) - SUMMARY_PANEL_ROWS + 1
        items[SUMMARY_PANEL_ROWS - 1 :] = [ListItem(f"… and {more} more in the full report")]
    return Section("Lessons learned", [BulletList(items)] if items else [])


SUMMARY_PANEL_ROWS = 3  # per panel in the one-page summary; the rest is in the full report


def _panels_side_by_side(review: Review) -> Section:
    """The three panels as the columns of one table: the summary's one-page layout."""
    columns = [[i.text for i in review.panels.get(panel, []) if i.text.strip()] for panel in Panel]
    for column in columns:
        if len(column) > SUMMARY_PANEL_ROWS:
            more = len(column) - SUMMARY_PANEL_ROWS + 1
            column[SUMMARY_PANEL_ROWS - 1 :] = [f"… and {more} more in the full report"]
    depth = max(len(column) for column in columns)
    rows = [[column[i] if i < len(column) else "" for column in columns] for i in range(depth)]
    headers = [_PANEL_TITLES[panel] for panel in Panel]
    return Section("Went well, didn't, got lucky", [Table(headers, rows)] if rows else [])


def _participants(review: Review, compact: bool) -> Section:
    roles = [(_ROLE_LABELS[k], v) for k, v in review.roles.items() if k in _ROLE_LABELS and v]
    blocks: list[Block] = []
    if compact:  # the summary block names the roles and counts the people
        return Section("Participants")
    rows = [[p.name, p.role or "", "required" if p.required else "optional"]
            for p in review.participants]  # fmt: skip
    if roles:
        blocks.append(KeyValues(roles))
    if rows:
        blocks.append(Table(["Name", "Role", "Attendance"], rows))
    return Section("Participants", blocks)


def _meeting_notes(review: Review) -> Section:
    items = [ListItem(note.text) for note in review.meeting_notes if note.text.strip()]
    return Section("Meeting notes", [BulletList(items)] if items else [])


def build_report(
    review: Review, variant: Variant | str = Variant.FULL, *, with_notes: bool = False
) -> Report:
    """The report of ``review``; ``with_notes`` adds the meeting notes (the full variant only:
    notes are written as said in the room, for the team, and are never redacted)."""
    variant = Variant(variant)
    if variant == Variant.PUBLIC:
        review = public_review(review)
    compact = variant == Variant.SUMMARY
    sections = [
        _summary(review, variant),
        _impact(review, compact),
        _timeline(review, variant),
        _detection(review, compact),
        _root_cause(review, compact),
        _factors(review, compact),
        *(
            [_panels_side_by_side(review)]
            if compact
            else [_panel(review, panel) for panel in Panel]
        ),
        *_actions(review, compact),
        _lessons(review, compact),
        _meeting_notes(review) if with_notes and variant == Variant.FULL else Section("Notes"),
        _participants(review, compact) if variant != Variant.PUBLIC else Section("Participants"),
    ]
    author = review.roles.get("author", "")
    report = Report(review.title, [s for s in sections if s.blocks], author, dense=compact)
    return readable(report)


def _cleaned(value):
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [_cleaned(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_cleaned(item) for item in value)
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: _cleaned(getattr(value, f.name)) for f in fields(value)})
    return value


def readable(report: Report) -> Report:
    """The report with its text as ``domain.text`` allows it, for every renderer alike: no
    control characters anywhere (a library written before that rule may hold them), and
    what a reader sees as one line (the title, headings, labels, column headers) on one."""
    report = _cleaned(report)
    report.title, report.author = one_line(report.title), one_line(report.author)
    for section in report.sections:
        section.title = one_line(section.title)
        for block in section.blocks:
            if isinstance(block, KeyValues):
                block.pairs = [(one_line(key), value) for key, value in block.pairs]
            elif isinstance(block, Table):
                block.headers = [one_line(header) for header in block.headers]
    return report
