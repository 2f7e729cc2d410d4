"""Every change to a review, as named functions over a library.

Each function validates its input, runs as one transaction and either
commits all of its change or none of it. The window's undo commands call
these and nothing else; the CLI uses them too. Deleting functions return
what they removed, and the matching ``restore_*`` puts it back in place with
the same ids, which is what undo needs.

Every change moves the changed item's ``updated_at`` on (never backwards),
and the time of the top-level field it changed; a delete leaves a tombstone
that a restore removes; texts are re-indexed for the library's search in the
same transaction. Only SQLAlchemy constructs every database runs.
"""

from .actions import (
    add_action_item,
    delete_action_item,
    edit_action_item,
    move_action_item,
    restore_action_item,
)
from .details import (
    add_factor,
    add_lesson,
    add_participant,
    delete_factor,
    delete_lesson,
    delete_participant,
    edit_factor,
    edit_lesson,
    edit_participant,
    move_factor,
    move_lesson,
    move_participant,
    restore_factor,
    restore_lesson,
    restore_participant,
    set_detection,
    set_impact,
    set_role,
)
from .meeting import (
    HARD_CAP_MINUTES,
    PLANNED_TOTAL_MINUTES,
    change_phase,
    default_agenda,
    record_phase,
    set_agenda,
    set_meeting_phase,
)
from .metadata import set_related, set_services, set_tags
from .notes import add_note, delete_note, edit_note, move_note, restore_note
from .opening import set_blameless_statement, set_checklist_tick
from .panels import (
    add_panel_item,
    delete_panel_item,
    edit_panel_item,
    move_panel_item,
    restore_panel_item,
)
from .reviews import (
    create_review,
    delete_review,
    import_reviews,
    refuse_known_reviews,
    rename_review,
    restore_review,
    set_review_fields,
)
from .timeline import (
    add_event,
    delete_event,
    edit_event,
    import_events,
    move_event,
    remove_events,
    restore_event,
)
from .whys import add_why, delete_why, edit_why, move_why, restore_why, set_root_cause

__all__ = [
    "HARD_CAP_MINUTES",
    "PLANNED_TOTAL_MINUTES",
    "add_action_item",
    "add_event",
    "add_factor",
    "add_lesson",
    "add_note",
    "add_panel_item",
    "add_participant",
    "add_why",
    "change_phase",
    "create_review",
    "default_agenda",
    "delete_action_item",
    "delete_event",
    "delete_factor",
    "delete_lesson",
    "delete_note",
    "delete_panel_item",
    "delete_participant",
    "delete_review",
    "delete_why",
    "edit_action_item",
    "edit_event",
    "edit_factor",
    "edit_lesson",
    "edit_note",
    "edit_panel_item",
    "edit_participant",
    "edit_why",
    "import_events",
    "import_reviews",
    "move_action_item",
    "move_event",
    "move_factor",
    "move_lesson",
    "move_note",
    "move_panel_item",
    "move_participant",
    "move_why",
    "record_phase",
    "refuse_known_reviews",
    "remove_events",
    "rename_review",
    "restore_action_item",
    "restore_event",
    "restore_factor",
    "restore_lesson",
    "restore_note",
    "restore_panel_item",
    "restore_participant",
    "restore_review",
    "restore_why",
    "set_agenda",
    "set_blameless_statement",
    "set_checklist_tick",
    "set_detection",
    "set_impact",
    "set_meeting_phase",
    "set_related",
    "set_review_fields",
    "set_role",
    "set_root_cause",
    "set_services",
    "set_tags",
]
