"""The insights of a range as plain text for a person at a terminal (``pir-desktop insights``).

Reads the document ``storage.queries.insights`` returns (the ``--json``
shape) and nothing else.
"""

from __future__ import annotations

from datetime import date

METRIC_LABELS = (("ttd", "TTD"), ("tta", "TTA"), ("ttm", "TTM"), ("duration", "Duration"))


def period_label(start: str, by: str) -> str:
    """``2026 Q1`` for a quarter, ``2026-03`` for a month."""
    day = date.fromisoformat(start)
    if by == "quarter":
        return f"{day.year} Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}-{day.month:02d}"


def seconds_text(seconds: int | None) -> str:
    """``45 s``, ``12 min``, ``3 h 05 min``, ``2 d 4 h``; a dash when unknown."""
    if seconds is None:
        return "–"
    if seconds < 60:
        return f"{seconds} s"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes:02d} min"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h"


def spread(metric: dict) -> str:
    """``5 min / 15 min (4)``: median / p90 (how many reviews know it)."""
    if not metric["known"]:
        return "unknown"
    return (
        f"{seconds_text(metric['median_seconds'])} / {seconds_text(metric['p90_seconds'])} "
        f"({metric['known']})"
    )


def _row(label: str, summary: dict) -> list[str]:
    actions = summary["actions"]
    return [
        label,
        str(summary["reviews"]),
        " ".join(f"{summary['severity'][s]}" for s in ("P1", "P2", "P3", "P4")),
        *(spread(summary[key]) for key, _ in METRIC_LABELS),
        f"{actions['done']}/{actions['committed']}",
        str(actions["done_on_time"]),
        str(actions["open_overdue"]),
        str(summary["repeats"]),
    ]


def insights_text(doc: dict) -> str:
    headers = ["Period", "Reviews", "P1 P2 P3 P4", *(f"{label} med/p90" for _, label in
               METRIC_LABELS), "Done", "On time", "Overdue", "Repeats"]  # fmt: skip
    rows = [_row(period_label(p["start"], doc["by"]), p) for p in doc["periods"]]
    rows.append(_row("Total", doc["total"]))
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    lines = [
        f"Insights from {doc['from']} to {doc['to']} by {doc['by']}, as of {doc['as_of']}",
        "(times: median / 90th percentile, with how many reviews know them)",
        "",
    ]
    for row in [headers, *rows]:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    lines.append("")
    for key, title in (("services", "Services"), ("tags", "Tags")):
        named = doc[key][:10]
        shown = ", ".join(f"{n['name']} ({n['reviews']})" for n in named) or "none"
        lines.append(f"{title}: {shown}")
    factors = ", ".join(f"{k} {v}" for k, v in doc["factors"].items())
    lines.append(f"Contributing factors: {factors}")
    return "\n".join(lines) + "\n"
