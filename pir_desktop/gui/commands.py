"""Every edit the window can make, as an undoable pair of operations.

Each function runs one operation through ``doc.apply`` with its inverse,
and returns whether it succeeded (a failure has already been reported
through ``doc.failed``). Ids are chosen here, so that redoing an "add" puts
back the very same item the undo removed.
"""

from __future__ import annotations

from datetime import date, datetime

from .. import operations as ops
from ..domain.enums import ActionCategory, EventKind, FactorCategory, Panel
from ..domain.model import MeetingPhase, new_id
from .document import ReviewDocument

# -- review fields ----------------------------------------------------------


def set_review_fields(doc: ReviewDocument, text: str, **fields) -> bool:
    lib, rid = doc.library, doc.review_id
    return doc.apply(
        text,
        lambda: ops.set_review_fields(lib, rid, **fields),
        lambda old: ops.set_review_fields(lib, rid, **old),
    )


def set_role(doc: ReviewDocument, role, name: str | None) -> bool:
    lib, rid = doc.library, doc.review_id
    return doc.apply(
        "Change role",
        lambda: ops.set_role(lib, rid, role, name),
        lambda old: ops.set_role(lib, rid, role, old),
    )


def set_impact(doc: ReviewDocument, field, text: str | None) -> bool:
    lib, rid = doc.library, doc.review_id
    return doc.apply(
        "Change impact",
        lambda: ops.set_impact(lib, rid, field, text),
        lambda old: ops.set_impact(lib, rid, field, old),
    )


def set_detection(doc: ReviewDocument, method, notes: str | None) -> bool:
    lib, rid = doc.library, doc.review_id
    return doc.apply(
        "Change detection",
        lambda: ops.set_detection(lib, rid, method, notes),
        lambda old: ops.set_detection(lib, rid, old.method, old.notes),
    )


def set_services(doc: ReviewDocument, names: list[str]) -> bool:
    lib, rid = doc.library, doc.review_id
    return doc.apply(
        "Change services",
        lambda: ops.set_services(lib, rid, names),
        lambda old: ops.set_services(lib, rid, old),
    )


def set_tags(doc: ReviewDocument, names: list[str]) -> bool:
    lib, rid = doc.library, doc.review_id
    return doc.apply(
        "Change tags",
        lambda: ops.set_tags(lib, rid, names),
        lambda old: ops.set_tags(lib, rid, old),
    )


def set_related(doc: ReviewDocument, links: list, text: str = "Change linked reviews") -> bool:
    lib, rid = doc.library, doc.review_id
    return doc.apply(
        text,
        lambda: ops.set_related(lib, rid, links),
        lambda old: ops.set_related(lib, rid, old),
    )


# -- participants -------------------------------------------------------------


def add_participant(doc: ReviewDocument, name: str, role: str | None) -> bool:
    lib, rid, pid = doc.library, doc.review_id, new_id()
    return doc.apply(
        f"Add participant {name}",
        lambda: ops.add_participant(lib, rid, name, role=role, participant_id=pid),
        lambda _: ops.delete_participant(lib, pid),
    )


def edit_participant(doc: ReviewDocument, participant_id: str, **changes) -> bool:
    lib = doc.library
    return doc.apply(
        "Edit participant",
        lambda: ops.edit_participant(lib, participant_id, **changes),
        lambda old: ops.edit_participant(
            lib, participant_id, **{name: getattr(old, name) for name in changes}
        ),
    )


def delete_participant(doc: ReviewDocument, participant_id: str) -> bool:
    lib = doc.library
    return doc.apply(
        "Remove participant",
        lambda: ops.delete_participant(lib, participant_id),
        lambda removed: ops.restore_participant(lib, removed),
    )


# -- timeline ---------------------------------------------------------------------


def add_event(
    doc: ReviewDocument, at: datetime, text: str, kind: EventKind, source: str | None
) -> str | None:
    lib, rid, eid = doc.library, doc.review_id, new_id()
    done = doc.apply(
        "Add event",
        lambda: ops.add_event(lib, rid, at, text, kind, source, event_id=eid),
        lambda _: ops.delete_event(lib, eid),
    )
    return eid if done else None


def import_events(doc: ReviewDocument, events: list) -> int | None:
    """Add imported events as one step; how many were added (None on failure)."""
    lib, rid = doc.library, doc.review_id
    added: list = []

    def do():
        result = ops.import_events(lib, rid, events)
        added[:] = result[0]
        return result

    plural = "s" if len(events) != 1 else ""
    if not doc.apply(
        f"Import {len(events)} event{plural}",
        do,
        lambda result: ops.remove_events(lib, [e.id for e in result[0]]),
    ):
        return None
    return len(added)


def edit_event(doc: ReviewDocument, event_id: str, **changes) -> bool:
    lib = doc.library
    return doc.apply(
        "Edit event",
        lambda: ops.edit_event(lib, event_id, **changes),
        lambda old: ops.edit_event(lib, event_id, **{k: getattr(old, k) for k in changes}),
    )


def delete_event(doc: ReviewDocument, event_id: str) -> bool:
    lib = doc.library
    return doc.apply(
        "Delete event",
        lambda: ops.delete_event(lib, event_id),
        lambda removed: ops.restore_event(lib, removed),
    )


# -- whys -------------------------------------------------------------------------------

ASK_WHY, ADD_WHY = "Ask why", "Add a why"  # the undo texts of a new answer and a new top why


def add_why(
    doc: ReviewDocument, parent_id: str | None, text: str, position: int | None = None
) -> str | None:
    lib, rid, wid = doc.library, doc.review_id, new_id()
    label = ASK_WHY if parent_id else ADD_WHY
    done = doc.apply(
        label,
        lambda: ops.add_why(lib, rid, parent_id, text, position=position, why_id=wid),
        lambda _: ops.delete_why(lib, wid),
    )
    return wid if done else None


def edit_why(doc: ReviewDocument, why_id: str, text: str) -> bool:
    lib = doc.library
    return doc.apply(
        "Edit why",
        lambda: ops.edit_why(lib, why_id, text),
        lambda old: ops.edit_why(lib, why_id, old),
    )


def set_root_cause(doc: ReviewDocument, why_id: str, root_cause: bool) -> bool:
    lib = doc.library
    return doc.apply(
        "Mark root cause" if root_cause else "Unmark root cause",
        lambda: ops.set_root_cause(lib, why_id, root_cause),
        lambda old: ops.set_root_cause(lib, why_id, old),
    )


def move_why(doc: ReviewDocument, why_id: str, parent_id: str | None, position: int | None) -> bool:
    lib = doc.library
    return doc.apply(
        "Move why",
        lambda: ops.move_why(lib, why_id, parent_id, position),
        lambda old: ops.move_why(lib, why_id, old[0], old[1]),
    )


def delete_why(doc: ReviewDocument, why_id: str) -> bool:
    lib = doc.library
    return doc.apply(
        "Delete why",
        lambda: ops.delete_why(lib, why_id),
        lambda removed: ops.restore_why(lib, removed),
    )


# -- panels -----------------------------------------------------------------------------


def add_panel_item(doc: ReviewDocument, panel: Panel, text: str) -> str | None:
    lib, rid, iid = doc.library, doc.review_id, new_id()
    done = doc.apply(
        "Add item",
        lambda: ops.add_panel_item(lib, rid, panel, text, item_id=iid),
        lambda _: ops.delete_panel_item(lib, iid),
    )
    return iid if done else None


def edit_panel_item(doc: ReviewDocument, item_id: str, text: str) -> bool:
    lib = doc.library
    return doc.apply(
        "Edit item",
        lambda: ops.edit_panel_item(lib, item_id, text),
        lambda old: ops.edit_panel_item(lib, item_id, old),
    )


def move_panel_item(doc: ReviewDocument, item_id: str, panel: Panel, position: int | None) -> bool:
    lib = doc.library
    return doc.apply(
        "Move item",
        lambda: ops.move_panel_item(lib, item_id, panel, position),
        lambda old: ops.move_panel_item(lib, item_id, old[0], old[1]),
    )


def delete_panel_item(doc: ReviewDocument, item_id: str) -> bool:
    lib = doc.library
    return doc.apply(
        "Delete item",
        lambda: ops.delete_panel_item(lib, item_id),
        lambda removed: ops.restore_panel_item(lib, removed),
    )


# -- action items -----------------------------------------------------------------------


def add_action_item(
    doc: ReviewDocument,
    title: str,
    *,
    source: tuple[str, str] | None = None,
    category: ActionCategory | None = None,
    deferred: bool = False,
    owner: str | None = None,
    due: date | None = None,
) -> str | None:
    lib, rid, aid = doc.library, doc.review_id, new_id()
    done = doc.apply(
        "Make action item" if source else "Add action item",
        lambda: ops.add_action_item(
            lib,
            rid,
            title,
            source=source,
            category=category,
            deferred=deferred,
            item_id=aid,
            owner=owner,
            due=due,
        ),
        lambda _: ops.delete_action_item(lib, aid),
    )
    return aid if done else None


def edit_action_item(doc: ReviewDocument, item_id: str, **changes) -> bool:
    lib = doc.library
    return doc.apply(
        "Edit action item",
        lambda: ops.edit_action_item(lib, item_id, **changes),
        lambda old: ops.edit_action_item(lib, item_id, **{k: getattr(old, k) for k in changes}),
    )


def move_action_item(doc: ReviewDocument, item_id: str, position: int) -> bool:
    lib = doc.library
    return doc.apply(
        "Move action item",
        lambda: ops.move_action_item(lib, item_id, position),
        lambda old: ops.move_action_item(lib, item_id, old),
    )


def delete_action_item(doc: ReviewDocument, item_id: str) -> bool:
    lib = doc.library
    return doc.apply(
        "Delete action item",
        lambda: ops.delete_action_item(lib, item_id),
        lambda removed: ops.restore_action_item(lib, removed),
    )


# -- contributing factors and lessons ------------------------------------------------------


def add_factor(doc: ReviewDocument, text: str, category: FactorCategory) -> str | None:
    lib, rid, fid = doc.library, doc.review_id, new_id()
    done = doc.apply(
        "Add contributing factor",
        lambda: ops.add_factor(lib, rid, text, category, factor_id=fid),
        lambda _: ops.delete_factor(lib, fid),
    )
    return fid if done else None


def edit_factor(doc: ReviewDocument, factor_id: str, **changes) -> bool:
    lib = doc.library
    return doc.apply(
        "Edit contributing factor",
        lambda: ops.edit_factor(lib, factor_id, **changes),
        lambda old: ops.edit_factor(lib, factor_id, **{k: getattr(old, k) for k in changes}),
    )


def move_factor(doc: ReviewDocument, factor_id: str, position: int) -> bool:
    lib = doc.library
    return doc.apply(
        "Move contributing factor",
        lambda: ops.move_factor(lib, factor_id, position),
        lambda old: ops.move_factor(lib, factor_id, old),
    )


def delete_factor(doc: ReviewDocument, factor_id: str) -> bool:
    lib = doc.library
    return doc.apply(
        "Delete contributing factor",
        lambda: ops.delete_factor(lib, factor_id),
        lambda removed: ops.restore_factor(lib, removed),
    )


def add_lesson(doc: ReviewDocument, text: str) -> str | None:
    lib, rid, lid = doc.library, doc.review_id, new_id()
    done = doc.apply(
        "Add lesson",
        lambda: ops.add_lesson(lib, rid, text, lesson_id=lid),
        lambda _: ops.delete_lesson(lib, lid),
    )
    return lid if done else None


def edit_lesson(doc: ReviewDocument, lesson_id: str, text: str) -> bool:
    lib = doc.library
    return doc.apply(
        "Edit lesson",
        lambda: ops.edit_lesson(lib, lesson_id, text),
        lambda old: ops.edit_lesson(lib, lesson_id, old.text),
    )


def move_lesson(doc: ReviewDocument, lesson_id: str, position: int) -> bool:
    lib = doc.library
    return doc.apply(
        "Move lesson",
        lambda: ops.move_lesson(lib, lesson_id, position),
        lambda old: ops.move_lesson(lib, lesson_id, old),
    )


def delete_lesson(doc: ReviewDocument, lesson_id: str) -> bool:
    lib = doc.library
    return doc.apply(
        "Delete lesson",
        lambda: ops.delete_lesson(lib, lesson_id),
        lambda removed: ops.restore_lesson(lib, removed),
    )


# -- meeting notes -----------------------------------------------------------------------


def add_note(doc: ReviewDocument, text: str, noted_at: datetime | None = None) -> str | None:
    lib, rid, nid = doc.library, doc.review_id, new_id()
    done = doc.apply(
        "Add meeting note",
        lambda: ops.add_note(lib, rid, text, noted_at=noted_at, note_id=nid),
        lambda _: ops.delete_note(lib, nid),
    )
    return nid if done else None


def edit_note(doc: ReviewDocument, note_id: str, text: str) -> bool:
    lib = doc.library
    return doc.apply(
        "Edit meeting note",
        lambda: ops.edit_note(lib, note_id, text),
        lambda old: ops.edit_note(lib, note_id, old.text),
    )


def move_note(doc: ReviewDocument, note_id: str, position: int) -> bool:
    lib = doc.library
    return doc.apply(
        "Move meeting note",
        lambda: ops.move_note(lib, note_id, position),
        lambda old: ops.move_note(lib, note_id, old),
    )


def delete_note(doc: ReviewDocument, note_id: str) -> bool:
    lib = doc.library
    return doc.apply(
        "Delete meeting note",
        lambda: ops.delete_note(lib, note_id),
        lambda removed: ops.restore_note(lib, removed),
    )


# -- meeting -----------------------------------------------------------------------------


def set_agenda(doc: ReviewDocument, phases: list[MeetingPhase], text: str = "Edit agenda") -> bool:
    lib, rid = doc.library, doc.review_id
    return doc.apply(
        text,
        lambda: ops.set_agenda(lib, rid, phases),
        lambda old: ops.set_agenda(lib, rid, old),
    )


def record_phase(doc: ReviewDocument, phase_id: str, seconds: int, text: str) -> bool:
    lib = doc.library
    return doc.apply(
        text,
        lambda: ops.record_phase(lib, phase_id, seconds),
        lambda old: ops.record_phase(lib, phase_id, old),
    )


# -- opening the meeting ------------------------------------------------------------


def set_checklist_tick(doc: ReviewDocument, item: str, ticked: bool) -> bool:
    lib, rid = doc.library, doc.review_id
    return doc.apply(
        "Tick checklist item" if ticked else "Untick checklist item",
        lambda: ops.set_checklist_tick(lib, rid, item, ticked),
        lambda old: ops.set_checklist_tick(lib, rid, item, old),
    )


def set_blameless_statement(doc: ReviewDocument, text: str | None) -> bool:
    lib, rid = doc.library, doc.review_id
    return doc.apply(
        "Edit the blameless statement",
        lambda: ops.set_blameless_statement(lib, rid, text),
        lambda old: ops.set_blameless_statement(lib, rid, old),
    )
