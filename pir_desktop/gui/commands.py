"""Every edit the window can make, as an undoable pair of operations.

Each function runs one operation through ``doc.apply`` with its inverse,
and returns whether it succeeded (a failure has already been reported
through ``doc.failed``). Ids are chosen here, so that redoing an "add" puts
back the very same item the undo removed. An edit, move or delete passes the
version of the item (or top-level field) it was made from, so one made over
someone else's change is refused (``ReviewDocument.apply_checked``).
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtGui import QGuiApplication

from .. import operations as ops
from ..domain.enums import ActionCategory, EventKind, FactorCategory, Panel
from ..domain.model import MeetingPhase, new_id
from ..errors import StaleEdit
from .document import ChangeSource, ReviewDocument

# -- review fields ----------------------------------------------------------


def _item(doc: ReviewDocument, text: str, item_id: str, do, undo, typed=None) -> bool:
    """An edit of one item, checked against the version the window shows. ``typed``: the
    text a person typed for it, put on the clipboard if someone else's change refuses it."""
    doc.last_failure = None
    ok = doc.apply_checked(text, doc.version(item_id), do, undo, item_id=item_id)
    if not ok and typed and isinstance(doc.last_failure, StaleEdit):
        QGuiApplication.clipboard().setText(str(typed))
        doc.failed.emit(f"{doc.last_failure}; what you typed is on the clipboard")
    return ok


def _field(doc: ReviewDocument, text: str, field: str, do, undo) -> bool:
    """An edit of one top-level field, checked against the version the window shows."""
    return doc.apply_checked(text, doc.field_version(field), do, undo, field=field)


def set_review_fields(doc: ReviewDocument, text: str, **fields) -> bool:
    lib, rid = doc.library, doc.review_id
    versions = {name: doc.field_version(name) for name in fields}

    def stamped(run):
        result = run()
        for name in versions:
            versions[name] = lib.last_write.field_version(name)
        return result

    return doc.apply(
        text,
        lambda: stamped(lambda: ops.set_review_fields(lib, rid, expected=dict(versions), **fields)),
        lambda old: stamped(
            lambda: ops.set_review_fields(lib, rid, expected=dict(versions), **old)
        ),
    )


def set_role(doc: ReviewDocument, role, name: str | None) -> bool:
    lib, rid = doc.library, doc.review_id
    return _field(
        doc,
        "Change role",
        "roles",
        lambda v: ops.set_role(lib, rid, role, name, expected=v),
        lambda old, v: ops.set_role(lib, rid, role, old, expected=v),
    )


def set_impact(doc: ReviewDocument, field, text: str | None) -> bool:
    lib, rid = doc.library, doc.review_id
    return _field(
        doc,
        "Change impact",
        "impact",
        lambda v: ops.set_impact(lib, rid, field, text, expected=v),
        lambda old, v: ops.set_impact(lib, rid, field, old, expected=v),
    )


def set_detection(doc: ReviewDocument, method, notes: str | None) -> bool:
    lib, rid = doc.library, doc.review_id
    return _field(
        doc,
        "Change detection",
        "detection",
        lambda v: ops.set_detection(lib, rid, method, notes, expected=v),
        lambda old, v: ops.set_detection(lib, rid, old.method, old.notes, expected=v),
    )


def set_services(doc: ReviewDocument, names: list[str]) -> bool:
    lib, rid = doc.library, doc.review_id
    return _field(
        doc,
        "Change services",
        "services",
        lambda v: ops.set_services(lib, rid, names, expected=v),
        lambda old, v: ops.set_services(lib, rid, old, expected=v),
    )


def set_tags(doc: ReviewDocument, names: list[str]) -> bool:
    lib, rid = doc.library, doc.review_id
    return _field(
        doc,
        "Change tags",
        "tags",
        lambda v: ops.set_tags(lib, rid, names, expected=v),
        lambda old, v: ops.set_tags(lib, rid, old, expected=v),
    )


def set_related(doc: ReviewDocument, links: list, text: str = "Change linked reviews") -> bool:
    lib, rid = doc.library, doc.review_id
    return _field(
        doc,
        text,
        "related",
        lambda v: ops.set_related(lib, rid, links, expected=v),
        lambda old, v: ops.set_related(lib, rid, old, expected=v),
    )


# -- participants -------------------------------------------------------------


def add_participant(doc: ReviewDocument, name: str, role: str | None) -> bool:
    lib, rid, pid = doc.library, doc.review_id, new_id()
    return doc.apply_checked(
        f"Add participant {name}",
        None,
        lambda _v: ops.add_participant(lib, rid, name, role=role, participant_id=pid),
        lambda _, v: ops.delete_participant(lib, pid, expected=v),
        item_id=pid,
    )


def edit_participant(doc: ReviewDocument, participant_id: str, **changes) -> bool:
    lib = doc.library
    return _item(
        doc,
        "Edit participant",
        participant_id,
        lambda v: ops.edit_participant(lib, participant_id, expected=v, **changes),
        lambda old, v: ops.edit_participant(
            lib, participant_id, expected=v, **{name: getattr(old, name) for name in changes}
        ),
    )


def delete_participant(doc: ReviewDocument, participant_id: str) -> bool:
    lib = doc.library
    return _item(
        doc,
        "Remove participant",
        participant_id,
        lambda v: ops.delete_participant(lib, participant_id, expected=v),
        lambda removed, _v: ops.restore_participant(lib, removed),
    )


# -- timeline ---------------------------------------------------------------------


def add_event(
    doc: ReviewDocument, at: datetime, text: str, kind: EventKind, source: str | None
) -> str | None:
    lib, rid, eid = doc.library, doc.review_id, new_id()
    done = doc.apply_checked(
        "Add event",
        None,
        lambda _v: ops.add_event(lib, rid, at, text, kind, source, event_id=eid),
        lambda _, v: ops.delete_event(lib, eid, expected=v),
        item_id=eid,
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
    return _item(
        doc,
        "Edit event",
        event_id,
        lambda v: ops.edit_event(lib, event_id, expected=v, **changes),
        lambda old, v: ops.edit_event(
            lib, event_id, expected=v, **{k: getattr(old, k) for k in changes}
        ),
        typed=changes.get("text"),
    )


def delete_event(doc: ReviewDocument, event_id: str) -> bool:
    lib = doc.library
    return _item(
        doc,
        "Delete event",
        event_id,
        lambda v: ops.delete_event(lib, event_id, expected=v),
        lambda removed, _v: ops.restore_event(lib, removed),
    )


# -- whys -------------------------------------------------------------------------------

ASK_WHY, ADD_WHY = "Ask why", "Add a why"  # the undo texts of a new answer and a new top why


def add_why(
    doc: ReviewDocument, parent_id: str | None, text: str, position: int | None = None
) -> str | None:
    lib, rid, wid = doc.library, doc.review_id, new_id()
    label = ASK_WHY if parent_id else ADD_WHY
    done = doc.apply_checked(
        label,
        None,
        lambda _v: ops.add_why(lib, rid, parent_id, text, position=position, why_id=wid),
        lambda _, v: ops.delete_why(lib, wid, expected=v),
        item_id=wid,
    )
    return wid if done else None


def edit_why(doc: ReviewDocument, why_id: str, text: str) -> bool:
    lib = doc.library
    return _item(
        doc,
        "Edit why",
        why_id,
        lambda v: ops.edit_why(lib, why_id, text, expected=v),
        lambda old, v: ops.edit_why(lib, why_id, old, expected=v),
        typed=text,
    )


def set_root_cause(doc: ReviewDocument, why_id: str, root_cause: bool) -> bool:
    lib = doc.library
    return _item(
        doc,
        "Mark root cause" if root_cause else "Unmark root cause",
        why_id,
        lambda v: ops.set_root_cause(lib, why_id, root_cause, expected=v),
        lambda old, v: ops.set_root_cause(lib, why_id, old, expected=v),
    )


def move_why(doc: ReviewDocument, why_id: str, parent_id: str | None, position: int | None) -> bool:
    lib = doc.library
    return _item(
        doc,
        "Move why",
        why_id,
        lambda v: ops.move_why(lib, why_id, parent_id, position, expected=v),
        lambda old, v: ops.move_why(lib, why_id, old[0], old[1], expected=v),
    )


def delete_why(doc: ReviewDocument, why_id: str) -> bool:
    lib = doc.library
    return _item(
        doc,
        "Delete why",
        why_id,
        lambda v: ops.delete_why(lib, why_id, expected=v),
        lambda removed, _v: ops.restore_why(lib, removed),
    )


# -- panels -----------------------------------------------------------------------------


def add_panel_item(doc: ReviewDocument, panel: Panel, text: str) -> str | None:
    lib, rid, iid = doc.library, doc.review_id, new_id()
    done = doc.apply_checked(
        "Add item",
        None,
        lambda _v: ops.add_panel_item(lib, rid, panel, text, item_id=iid),
        lambda _, v: ops.delete_panel_item(lib, iid, expected=v),
        item_id=iid,
    )
    return iid if done else None


def edit_panel_item(doc: ReviewDocument, item_id: str, text: str) -> bool:
    lib = doc.library
    return _item(
        doc,
        "Edit item",
        item_id,
        lambda v: ops.edit_panel_item(lib, item_id, text, expected=v),
        lambda old, v: ops.edit_panel_item(lib, item_id, old, expected=v),
        typed=text,
    )


def move_panel_item(doc: ReviewDocument, item_id: str, panel: Panel, position: int | None) -> bool:
    lib = doc.library
    return _item(
        doc,
        "Move item",
        item_id,
        lambda v: ops.move_panel_item(lib, item_id, panel, position, expected=v),
        lambda old, v: ops.move_panel_item(lib, item_id, old[0], old[1], expected=v),
    )


def delete_panel_item(doc: ReviewDocument, item_id: str) -> bool:
    lib = doc.library
    return _item(
        doc,
        "Delete item",
        item_id,
        lambda v: ops.delete_panel_item(lib, item_id, expected=v),
        lambda removed, _v: ops.restore_panel_item(lib, removed),
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
    done = doc.apply_checked(
        "Make action item" if source else "Add action item",
        None,
        lambda _v: ops.add_action_item(
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
        lambda _, v: ops.delete_action_item(lib, aid, expected=v),
        item_id=aid,
    )
    return aid if done else None


def edit_action_item(doc: ReviewDocument, item_id: str, **changes) -> bool:
    lib = doc.library
    return _item(
        doc,
        "Edit action item",
        item_id,
        lambda v: ops.edit_action_item(lib, item_id, expected=v, **changes),
        lambda old, v: ops.edit_action_item(
            lib, item_id, expected=v, **{k: getattr(old, k) for k in changes}
        ),
        typed=changes.get("title"),
    )


def move_action_item(doc: ReviewDocument, item_id: str, position: int) -> bool:
    lib = doc.library
    return _item(
        doc,
        "Move action item",
        item_id,
        lambda v: ops.move_action_item(lib, item_id, position, expected=v),
        lambda old, v: ops.move_action_item(lib, item_id, old, expected=v),
    )


def delete_action_item(doc: ReviewDocument, item_id: str) -> bool:
    lib = doc.library
    return _item(
        doc,
        "Delete action item",
        item_id,
        lambda v: ops.delete_action_item(lib, item_id, expected=v),
        lambda removed, _v: ops.restore_action_item(lib, removed),
    )


# -- contributing factors and lessons ------------------------------------------------------


def add_factor(doc: ReviewDocument, text: str, category: FactorCategory) -> str | None:
    lib, rid, fid = doc.library, doc.review_id, new_id()
    done = doc.apply_checked(
        "Add contributing factor",
        None,
        lambda _v: ops.add_factor(lib, rid, text, category, factor_id=fid),
        lambda _, v: ops.delete_factor(lib, fid, expected=v),
        item_id=fid,
    )
    return fid if done else None


def edit_factor(doc: ReviewDocument, factor_id: str, **changes) -> bool:
    lib = doc.library
    return _item(
        doc,
        "Edit contributing factor",
        factor_id,
        lambda v: ops.edit_factor(lib, factor_id, expected=v, **changes),
        lambda old, v: ops.edit_factor(
            lib, factor_id, expected=v, **{k: getattr(old, k) for k in changes}
        ),
        typed=changes.get("text"),
    )


def move_factor(doc: ReviewDocument, factor_id: str, position: int) -> bool:
    lib = doc.library
    return _item(
        doc,
        "Move contributing factor",
        factor_id,
        lambda v: ops.move_factor(lib, factor_id, position, expected=v),
        lambda old, v: ops.move_factor(lib, factor_id, old, expected=v),
    )


def delete_factor(doc: ReviewDocument, factor_id: str) -> bool:
    lib = doc.library
    return _item(
        doc,
        "Delete contributing factor",
        factor_id,
        lambda v: ops.delete_factor(lib, factor_id, expected=v),
        lambda removed, _v: ops.restore_factor(lib, removed),
    )


def add_lesson(doc: ReviewDocument, text: str) -> str | None:
    lib, rid, lid = doc.library, doc.review_id, new_id()
    done = doc.apply_checked(
        "Add lesson",
        None,
        lambda _v: ops.add_lesson(lib, rid, text, lesson_id=lid),
        lambda _, v: ops.delete_lesson(lib, lid, expected=v),
        item_id=lid,
    )
    return lid if done else None


def edit_lesson(doc: ReviewDocument, lesson_id: str, text: str) -> bool:
    lib = doc.library
    return _item(
        doc,
        "Edit lesson",
        lesson_id,
        lambda v: ops.edit_lesson(lib, lesson_id, text, expected=v),
        lambda old, v: ops.edit_lesson(lib, lesson_id, old.text, expected=v),
        typed=text,
    )


def move_lesson(doc: ReviewDocument, lesson_id: str, position: int) -> bool:
    lib = doc.library
    return _item(
        doc,
        "Move lesson",
        lesson_id,
        lambda v: ops.move_lesson(lib, lesson_id, position, expected=v),
        lambda old, v: ops.move_lesson(lib, lesson_id, old, expected=v),
    )


def delete_lesson(doc: ReviewDocument, lesson_id: str) -> bool:
    lib = doc.library
    return _item(
        doc,
        "Delete lesson",
        lesson_id,
        lambda v: ops.delete_lesson(lib, lesson_id, expected=v),
        lambda removed, _v: ops.restore_lesson(lib, removed),
    )


# -- meeting notes -----------------------------------------------------------------------


def add_note(doc: ReviewDocument, text: str, noted_at: datetime | None = None) -> str | None:
    lib, rid, nid = doc.library, doc.review_id, new_id()
    done = doc.apply_checked(
        "Add meeting note",
        None,
        lambda _v: ops.add_note(lib, rid, text, noted_at=noted_at, note_id=nid),
        lambda _, v: ops.delete_note(lib, nid, expected=v),
        item_id=nid,
    )
    return nid if done else None


def edit_note(doc: ReviewDocument, note_id: str, text: str) -> bool:
    lib = doc.library
    return _item(
        doc,
        "Edit meeting note",
        note_id,
        lambda v: ops.edit_note(lib, note_id, text, expected=v),
        lambda old, v: ops.edit_note(lib, note_id, old.text, expected=v),
        typed=text,
    )


def move_note(doc: ReviewDocument, note_id: str, position: int) -> bool:
    lib = doc.library
    return _item(
        doc,
        "Move meeting note",
        note_id,
        lambda v: ops.move_note(lib, note_id, position, expected=v),
        lambda old, v: ops.move_note(lib, note_id, old, expected=v),
    )


def delete_note(doc: ReviewDocument, note_id: str) -> bool:
    lib = doc.library
    return _item(
        doc,
        "Delete meeting note",
        note_id,
        lambda v: ops.delete_note(lib, note_id, expected=v),
        lambda removed, _v: ops.restore_note(lib, removed),
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
    return _field(
        doc,
        "Edit the blameless statement",
        "opening",
        lambda v: ops.set_blameless_statement(lib, rid, text, expected=v),
        lambda old, v: ops.set_blameless_statement(lib, rid, old, expected=v),
    )


# -- merges ---------------------------------------------------------------------------


def merge(source: ChangeSource, text: str, prepared: list) -> bool:
    """Write prepared merges (``operations.merge``) as one step: its undo puts every review
    back as it was, its redo writes the same merge again."""
    from ..operations.merge import apply_merges, undo_merges

    lib = source.library
    return source.apply(
        text, lambda: apply_merges(lib, prepared), lambda undone: undo_merges(lib, undone)
    )
