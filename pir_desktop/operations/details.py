"""The review's header details: roles, impact, detection, participants,
contributing factors and lessons."""

from __future__ import annotations

from datetime import datetime

from ..domain.enums import DetectionMethod, FactorCategory, ImpactField, RoleName
from ..domain.model import ContributingFactor, Detection, Lesson, Participant, new_id
from ..storage import convert, search_words
from ..storage import reviews as store
from ..storage.library import Library
from ..storage.retry import retried
from ..storage.schema import FactorRow, ImpactRow, LessonRow, ParticipantRow, RoleRow
from . import checks
from .rows import Removed, ReviewList


def _set_keyed(
    library,
    review_id,
    table,
    key_column,
    key,
    value_column,
    value,
    field,
    index=None,
    expected: datetime | None = None,
) -> str | None:
    """Set or clear (``None``) one keyed text of the top-level ``field``; returns the old
    text. ``index`` is the text's search kind, when the search reads it; ``expected`` the
    field's version the edit was made from."""
    with library.write() as session:
        store.touch(session, review_id, field, expected=expected)
        if index is not None:
            search_words.index_text(session, review_id, review_id, index, value)
        row = session.get(table, (review_id, key))
        old = None if row is None else getattr(row, value_column)
        if value is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(table(review_id=review_id, **{key_column: key, value_column: value}))
        else:
            setattr(row, value_column, value)
    return old


@retried
def set_role(
    library: Library,
    review_id: str,
    role: RoleName | str,
    name: str | None,
    *,
    expected: datetime | None = None,
):
    """Name the person in a role (``None`` clears it); returns the old name. ``expected``:
    the version of the review's roles (``field_updated_at["roles"]``)."""
    role = checks.choice(RoleName, role, "the role")
    name = checks.optional_text(name, "the name")
    return _set_keyed(
        library, review_id, RoleRow, "role", role.value, "name", name, "roles", None, expected
    )


@retried
def set_impact(
    library: Library,
    review_id: str,
    field: ImpactField | str,
    text: str | None,
    *,
    expected: datetime | None = None,
):
    """Set one impact field (``None`` clears it); returns the old text. ``expected``: the
    version of the review's impact (``field_updated_at["impact"]``)."""
    field = checks.choice(ImpactField, field, "the impact field")
    text = checks.optional_text(text, "the impact text")
    return _set_keyed(
        library,
        review_id,
        ImpactRow,
        "field",
        field.value,
        "text",
        text,
        "impact",
        index=search_words.IMPACT_PREFIX + field.value,
        expected=expected,
    )


@retried
def set_detection(
    library: Library,
    review_id: str,
    method: DetectionMethod | str | None,
    notes: str | None,
    *,
    expected: datetime | None = None,
) -> Detection:
    """Set how the incident was detected; returns the previous detection."""
    method = checks.optional_choice(DetectionMethod, method, "the detection method")
    notes = checks.optional_text(notes, "the detection notes")
    with library.write() as session:
        row = store.touch(session, review_id, "detection", expected=expected)
        search_words.index_text(session, review_id, review_id, "detection.notes", notes)
        old = Detection(
            DetectionMethod(row.detection_method) if row.detection_method else None,
            row.detection_notes,
        )
        row.detection_method = method.value if method else None
        row.detection_notes = notes
    return old


_PARTICIPANTS = ReviewList(
    ParticipantRow,
    "participant",
    convert.participant_from_row,
    convert.participant_values,
)


def _participant_changes(changes: dict) -> dict:
    clean = {}
    for name, value in changes.items():
        if name == "name":
            clean[name] = checks.text(value, "the participant's name", blank_ok=False)
        elif name == "role":
            clean[name] = checks.optional_text(value, "the participant's role")
        elif name == "required":
            clean[name] = checks.flag(value, "required")
        else:
            raise TypeError(f"unknown participant field {name!r}")
    return clean


@retried
def add_participant(
    library: Library,
    review_id: str,
    name: str,
    role: str | None = None,
    required: bool = True,
    *,
    position: int | None = None,
    participant_id: str | None = None,
) -> Participant:
    clean = _participant_changes({"name": name, "role": role, "required": required})
    person = Participant(**clean, id=participant_id or new_id())
    return _PARTICIPANTS.add(library, review_id, person, position)


@retried
def edit_participant(
    library: Library, participant_id: str, *, expected: datetime | None = None, **changes
) -> Participant:
    return _PARTICIPANTS.edit(library, participant_id, _participant_changes(changes), expected)


@retried
def move_participant(
    library: Library, participant_id: str, position: int, *, expected: datetime | None = None
) -> int:
    return _PARTICIPANTS.move(library, participant_id, position, expected)


@retried
def delete_participant(
    library: Library, participant_id: str, *, expected: datetime | None = None
) -> Removed:
    return _PARTICIPANTS.delete(library, participant_id, expected)


@retried
def restore_participant(library: Library, removed: Removed) -> None:
    _PARTICIPANTS.restore(library, removed)


_FACTORS = ReviewList(
    FactorRow,
    "contributing factor",
    convert.factor_from_row,
    convert.factor_values,
    indexed=lambda factor: ("factor", factor.text),
)


@retried
def add_factor(
    library: Library,
    review_id: str,
    text: str,
    category: FactorCategory | str,
    *,
    position: int | None = None,
    factor_id: str | None = None,
) -> ContributingFactor:
    factor = ContributingFactor(
        text=checks.text(text, "the factor's text"),
        category=checks.choice(FactorCategory, category, "the factor's category"),
        id=factor_id or new_id(),
    )
    return _FACTORS.add(library, review_id, factor, position)


@retried
def edit_factor(
    library: Library,
    factor_id: str,
    *,
    text: str | None = None,
    category=None,
    expected: datetime | None = None,
) -> ContributingFactor:
    changes = {}
    if text is not None:
        changes["text"] = checks.text(text, "the factor's text")
    if category is not None:
        changes["category"] = checks.choice(FactorCategory, category, "the category").value
    return _FACTORS.edit(library, factor_id, changes, expected)


@retried
def move_factor(
    library: Library, factor_id: str, position: int, *, expected: datetime | None = None
) -> int:
    return _FACTORS.move(library, factor_id, position, expected)


@retried
def delete_factor(library: Library, factor_id: str, *, expected: datetime | None = None) -> Removed:
    return _FACTORS.delete(library, factor_id, expected)


@retried
def restore_factor(library: Library, removed: Removed) -> None:
    _FACTORS.restore(library, removed)


_LESSONS = ReviewList(
    LessonRow,
    "lesson",
    convert.lesson_from_row,
    convert.lesson_values,
    indexed=lambda lesson: ("lesson", lesson.text),
)


@retried
def add_lesson(
    library: Library,
    review_id: str,
    text: str,
    *,
    position: int | None = None,
    lesson_id: str | None = None,
) -> Lesson:
    lesson = Lesson(text=checks.text(text, "the lesson"), id=lesson_id or new_id())
    return _LESSONS.add(library, review_id, lesson, position)


@retried
def edit_lesson(
    library: Library, lesson_id: str, text: str, *, expected: datetime | None = None
) -> Lesson:
    return _LESSONS.edit(library, lesson_id, {"text": checks.text(text, "the lesson")}, expected)


@retried
def move_lesson(
    library: Library, lesson_id: str, position: int, *, expected: datetime | None = None
) -> int:
    return _LESSONS.move(library, lesson_id, position, expected)


@retried
def delete_lesson(library: Library, lesson_id: str, *, expected: datetime | None = None) -> Removed:
    return _LESSONS.delete(library, lesson_id, expected)


@retried
def restore_lesson(library: Library, removed: Removed) -> None:
    _LESSONS.restore(library, removed)
