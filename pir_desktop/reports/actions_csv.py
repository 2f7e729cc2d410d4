"""The action items of a review as CSV, for a spreadsheet or a tracker's own CSV import.

One row per item, committed ones first as in the review: title, owner, due
date, status, category, committed or deferred, tracker address, item id.
UTF-8 with a byte-order mark, so that Excel reads accents right. A cell that
a spreadsheet would run as a formula (it starts with = + - @) is written
with a leading apostrophe, so opening the file never runs anything; control
characters are left out, as in every report.
"""

from __future__ import annotations

import csv
import io

from ..domain.model import Review
from ..domain.text import clean

COLUMNS = ("title", "owner", "due", "status", "category", "committed", "tracker_url", "id")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: str) -> str:
    value = clean(value)  # no control characters, as in every report (domain.text)
    return "'" + value if value.startswith(_FORMULA_START) else value


def actions_csv(review: Review) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    items = sorted(review.action_items, key=lambda item: item.deferred)  # stable: keeps order
    for item in items:
        writer.writerow(
            _safe(value)
            for value in (
                item.title,
                item.owner or "",
                item.due.isoformat() if item.due else "",
                item.status.value,
                item.category.value if item.category else "",
                "deferred" if item.deferred else "committed",
                item.tracker_url or "",
                item.id,
            )
        )
    return buffer.getvalue().encode("utf-8-sig")
