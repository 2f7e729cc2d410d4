"""The report as a format-free tree: sections of paragraphs, key-value blocks, tables, lists.

``build_report`` reads a review and decides what a reader sees and in which
order (the order the practice uses); renderers only lay it out. Empty
sections are left out. Variants: ``full``, and ``summary`` (key moments in
place of the whole timeline).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ..domain.enums import KEY_MOMENTS, ActionStatus, EventKind, FactorCategory, Panel
from ..domain.metrics import METRICS, compute_metrics, format_duration
from ..domain.model import Review, WhyNode


class Variant(StrEnum):
    FULL = "full"
    SUMMARY = "summary"


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


Block = Paragraph | KeyValues | Table | BulletList


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Report:
    title: str
    sections: list[Section]


_KIND_NAMES = {kind: kind.value.replace("_", " ") for kind in EventKind}
_ROLE_LABELS = {
    "incident_commander": "Incident commander",
    "facilitator": "Facilitator",
    "scribe": "Scribe",
    "author": "Author",
}
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


def _summary(review: Review) -> Section:
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
    blocks: list[Block] = [KeyValues([(k, v) for k, v in pairs if v])]
    if review.summary.strip():
        blocks.append(Paragraph(review.summary.strip()))
    return Section("Summary", blocks)


def _impact(review: Review) -> Section:
    pairs = [
        (_IMPACT_LABELS.get(key, key), text) for key, text in review.impact.items() if text.strip()
    ]
    return Section("Impact", [KeyValues(pairs)] if pairs else [])


def _timeline(review: Review, variant: Variant) -> Section:
    events = review.timeline
    if variant == Variant.SUMMARY:
        events = [e for e in events if e.kind in KEY_MOMENTS]
    rows = [[_time(review, e.at), _KIND_NAMES[e.kind], e.text, e.source or ""] for e in events]
    title = "Timeline (UTC)" if variant == Variant.FULL else "Key moments (UTC)"
    return Section(
        title, [Table(["Time", "Kind", "What happened", "Source"], rows)] if rows else []
    )


def _detection(review: Review) -> Section:
    metrics = compute_metrics(review.timeline, review.severity)
    blocks: list[Block] = []
    if review.detection and (review.detection.method or review.detection.notes):
        method = review.detection.method.value.replace("_", " ") if review.detection.method else ""
        text = "; ".join(t for t in (method, review.detection.notes or "") if t)
        blocks.append(Paragraph(f"Detected by {text}"))
    rows = []
    flagged = {flag.metric: flag.message for flag in metrics.flags}
    for spec in METRICS:
        value = metrics.values[spec.key]
        if value is None:
            continue
        name = spec.key.upper() if spec.key != "duration" else "Duration"
        label = name if spec.key == "duration" else f"{name} ({spec.label})"
        rows.append([label, format_duration(value), flagged.get(spec.key, "")])
    if rows:
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


def _root_cause(review: Review) -> Section:
    blocks: list[Block] = []
    if review.problem.strip():
        blocks.append(Paragraph(f"Problem: {review.problem.strip()}"))
    items = _why_items(review.whys)
    if items:
        blocks.append(BulletList(items))
    return Section("Root cause (5 Whys)", blocks if items else [])


def _factors(review: Review) -> Section:
    blocks: list[Block] = []
    for category in FactorCategory:
        texts = [f.text for f in review.contributing_factors if f.category == category]
        if texts:
            blocks.append(Paragraph(category.value.capitalize()))
            blocks.append(BulletList([ListItem(t) for t in texts]))
    return Section("Contributing factors", blocks)


def _panel(review: Review, panel: Panel) -> Section:
    items = [ListItem(i.text) for i in review.panels.get(panel, []) if i.text.strip()]
    return Section(_PANEL_TITLES[panel], [BulletList(items)] if items else [])


def _actions(review: Review) -> list[Section]:
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
    return sections


def _deferred_line(item) -> str:
    extra = ", ".join(
        t for t in (item.owner or "", item.category.value if item.category else "") if t
    )
    dropped = " (dropped)" if item.status == ActionStatus.DROPPED else ""
    return f"{item.title}{f' ({extra})' if extra else ''}{dropped}"


def _lessons(review: Review) -> Section:
    items = [ListItem(lesson.text) for lesson in review.lessons if lesson.text.strip()]
    return Section("Lessons learned", [BulletList(items)] if items else [])


def _participants(review: Review) -> Section:
    rows = [[p.name, p.role or "", "required" if p.required else "optional"]
            for p in review.participants]  # fmt: skip
    roles = [(_ROLE_LABELS[k], v) for k, v in review.roles.items() if k in _ROLE_LABELS and v]
    blocks: list[Block] = []
    if roles:
        blocks.append(KeyValues(roles))
    if rows:
        blocks.append(Table(["Name", "Role", "Attendance"], rows))
    return Section("Participants", blocks)


def build_report(review: Review, variant: Variant | str = Variant.FULL) -> Report:
    variant = Variant(variant)
    sections = [
        _summary(review),
        _impact(review),
        _timeline(review, variant),
        _detection(review),
        _root_cause(review),
        _factors(review),
        _panel(review, Panel.WENT_WELL),
        _panel(review, Panel.WENT_POORLY),
        _panel(review, Panel.LUCKY),
        *_actions(review),
        _lessons(review),
        _participants(review),
    ]
    return Report(review.title, [s for s in sections if s.blocks])
