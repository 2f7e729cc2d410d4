"""The scribe's quick-capture line: type, press Enter, the right item appears (Ctrl+K).

The line is parsed by ``domain.quick_capture``; the item is added through
the same undo commands as the editors, so Ctrl+Z takes it back. A why goes
under the node selected in the 5-Whys tab (at the top level when none is).
A line the library refuses stays in the field, with the reason in the
status bar, and so does a line whose time or due date is not one (25:61,
due 2026-13-01); a #tag that was not understood is said too (it is kept
in the text).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, tzinfo

from PySide6.QtWidgets import QWidget

from ..domain import quick_capture as qc
from . import commands
from .document import ReviewDocument
from .entry_line import EntryLine

# Short enough to be read whole in a 1280-pixel window; the tooltip says the rest.
PLACEHOLDER = (
    "Quick capture (Ctrl+K): 14:05 text #detected · why: … · + well · - didn't · ~ lucky · "
    "todo: … @owner due +2w · else a note"
)
TOOLTIP = (
    "One line, Enter adds it:\n"
    "  14:05 text #detected  a timeline event (also 1405, 2:05 pm; #ack, #fixed, #resolved…)\n"
    "  why: text             a why (under the selected one)\n"
    "  + text / - text / ~ text   went well / didn't go well / lucky\n"
    "  todo: text @owner due 2026-04-01 #prevent   an action item (due +2w, +3d, tomorrow)\n"
    "  anything else         a meeting note\n"
    "Ctrl+Z right after Enter takes it back."
)
_PANEL_NAMES = {
    qc.Panel.WENT_WELL: "went well",
    qc.Panel.WENT_POORLY: "didn't go well",
    qc.Panel.LUCKY: "lucky",
}


class QuickCaptureBar(EntryLine):
    def __init__(
        self,
        doc: ReviewDocument,
        selected_why: Callable[[], str | None],
        status: Callable[[str], None],
        parent: QWidget | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        zone: Callable[[], tzinfo] = lambda: UTC,
    ):
        super().__init__(parent)
        self.doc, self.selected_why, self.status, self.now = doc, selected_why, status, now
        self.zone = zone
        self.setObjectName("quickCapture")
        self.setAccessibleName("Quick capture")
        self.setPlaceholderText(PLACEHOLDER)
        self.setToolTip(TOOLTIP)
        self.setClearButtonEnabled(True)
        self.returnPressed.connect(self.capture)

    def capture(self) -> bool:
        line = self.text()
        if not line.strip():
            return False
        zone = self.zone()
        today = self.now().astimezone(zone).date()
        doc = self.doc
        try:
            item = qc.parse(line, doc.review.incident_date, zone, today, _people(doc.review))
        except qc.NotUnderstood as exc:
            self.status(f"Not captured: {exc}")  # the line stays, to be corrected
            return False
        if isinstance(item, qc.Note):
            done = commands.add_note(doc, item.text, self.now())
            what = "a meeting note (no time: not in the timeline)"
        elif isinstance(item, qc.Event):
            done = commands.add_event(doc, item.at, item.text, item.kind, None)
            local = item.at.astimezone(self.zone())
            what = f"{item.kind.value.replace('_', ' ')} event at {local:%H:%M:%S}"
        elif isinstance(item, qc.Why):
            done = commands.add_why(doc, self.selected_why(), item.text)
            what = "why"
        elif isinstance(item, qc.PanelEntry):
            done = commands.add_panel_item(doc, item.panel, item.text)
            what = _PANEL_NAMES[item.panel]
        else:
            done = commands.add_action_item(
                doc, item.title, owner=item.owner, due=item.due, category=item.category
            )
            what = "action item"
        if done:
            self.committed()
            self.status(f"Captured as {what}; Ctrl+Z takes it back{_unread(item)}")
        return bool(done)


def _people(review) -> list[str]:
    """The names a review knows, for an owner of several words typed without quotes."""
    names = [p.name for p in review.participants] + list(review.roles.values())
    return names + [a.owner for a in review.action_items if a.owner]


def _unread(item: qc.Captured) -> str:
    tags = qc.unknown_tags(item)
    if not tags:
        return ""
    which = " and ".join(dict.fromkeys(tags))
    was = "was" if len(set(tags)) == 1 else "were"
    if isinstance(item, qc.Event):
        hint = "an event's tags are its kinds: #detected, #responded, #fixed, #recovered…"
    elif isinstance(item, qc.Action):
        hint = "an action item's are #prevent, #detect, #respond, #mitigate"
    elif isinstance(item, qc.Note):
        hint = "a line starting with a time is an event, and todo: an action item"
    else:
        hint = "tags are read on events and action items only"
    return f" · {which} {was} not understood and kept in the text ({hint})"
