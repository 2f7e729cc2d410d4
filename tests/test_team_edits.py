"""Concurrent editing without lost updates, on both back ends: an edit made from a stale
version is refused naming who changed the item and when, undo after someone else's
change is refused the same way, and edits to different items never conflict. Two
``Library`` objects stand for two people's windows; what is stored is read back through
a fresh connection."""

from __future__ import annotations

from datetime import date

import pytest

from pir_desktop import operations as ops
from pir_desktop.domain.enums import Panel
from pir_desktop.errors import StaleEdit
from pir_desktop.storage.library import open_library

from .conftest import fresh_rows, read_back, target_of

pytestmark = pytest.mark.both_backends


@pytest.fixture
def two(library):
    """Dana's and Sam's windows on one library."""
    library.author = "Dana on dana-laptop"
    sam = open_library(target_of(library), author="Sam on sam-desktop")
    yield library, sam
    sam.close()


@pytest.fixture
def review(library):
    return ops.create_review(library, "Checkout errors", date(2026, 3, 12), "P2")


def test_an_edit_from_a_stale_version_is_refused_naming_who_and_when(two, review):
    dana, sam = two
    why = ops.add_why(dana, review.id, None, "The pool was exhausted")
    seen = dana.last_write.version(why.id)  # what Sam's window shows after the feed
    assert seen is not None
    ops.edit_why(dana, why.id, "The pool was exhausted by retries", expected=seen)
    with pytest.raises(StaleEdit) as refused:
        ops.edit_why(sam, why.id, "Nobody knew the pool size", expected=seen)
    message = str(refused.value)
    assert "Dana on dana-laptop changed this why node at " in message
    assert "UTC on " in message and "not saved" in message
    assert refused.value.changed_by == "Dana on dana-laptop"
    assert refused.value.version == dana.last_write.version(why.id)
    stored = fresh_rows(dana, "SELECT text, updated_by FROM why_nodes WHERE id = ?", (why.id,))
    assert stored == [("The pool was exhausted by retries", "Dana on dana-laptop")]


def test_undo_after_someone_elses_change_is_refused_and_keeps_their_change(two, review):
    dana, sam = two
    item = ops.add_panel_item(dana, review.id, Panel.WENT_WELL, "Rollback was quick")
    # Dana edits, and her window keeps the version its own edit produced for the undo.
    old = ops.edit_panel_item(dana, item.id, "Rollback took 4 minutes")
    mine = dana.last_write.version(item.id)
    # Sam, whose window followed the feed, edits the same item from Dana's version.
    ops.edit_panel_item(sam, item.id, "Rollback took 4 minutes (scripted)", expected=mine)
    # Dana's undo puts her old text back only over her own version: refused.
    with pytest.raises(StaleEdit, match="Sam on sam-desktop changed this panel item"):
        ops.edit_panel_item(dana, item.id, old, expected=mine)
    back = read_back(dana, review.id)
    assert [i.text for i in back.panels[Panel.WENT_WELL]] == ["Rollback took 4 minutes (scripted)"]
    # Undo of Dana's add (a delete from her add's version) is refused the same way.
    added = fresh_rows(dana, "SELECT updated_by FROM panel_items WHERE id = ?", (item.id,))
    assert added == [("Sam on sam-desktop",)]
    with pytest.raises(StaleEdit):
        ops.delete_panel_item(dana, item.id, expected=mine)
    assert len(read_back(dana, review.id).panels[Panel.WENT_WELL]) == 1


def test_an_undo_from_the_version_it_made_goes_through(library, review):
    event = ops.add_event(library, review.id, _at(14, 5), "First 500 errors", "detected")
    added = library.last_write.version(event.id)
    before = ops.edit_event(library, event.id, text="First 500s on checkout", expected=added)
    edited = library.last_write.version(event.id)
    assert edited > added
    ops.edit_event(library, event.id, text=before.text, expected=edited)  # the undo
    ops.delete_event(library, event.id, expected=library.last_write.version(event.id))
    assert read_back(library, review.id).timeline == []


def test_edits_to_different_items_of_one_review_never_conflict(two, review):
    dana, sam = two
    first = ops.add_lesson(dana, review.id, "Alert on the pool")
    second = ops.add_lesson(dana, review.id, "Load-test retries")
    # both windows loaded the review here: each item's version is its updated_at
    seen = {lesson.id: lesson.updated_at for lesson in read_back(dana, review.id).lessons}
    ops.edit_lesson(dana, first.id, "Alert on the pool at 80 %", expected=seen[first.id])
    ops.edit_lesson(sam, second.id, "Load-test retries monthly", expected=seen[second.id])
    ops.move_lesson(sam, second.id, 0, expected=sam.last_write.version(second.id))
    assert [x.text for x in read_back(dana, review.id).lessons] == [
        "Load-test retries monthly",
        "Alert on the pool at 80 %",
    ]


def test_an_edit_of_an_item_someone_deleted_says_who_deleted_it(two, review):
    dana, sam = two
    factor = ops.add_factor(dana, review.id, "No load test", "process")
    seen = dana.last_write.version(factor.id)
    ops.delete_factor(sam, factor.id, expected=seen)
    with pytest.raises(StaleEdit, match="Sam on sam-desktop deleted this contributing factor"):
        ops.edit_factor(dana, factor.id, text="No load test of the pool", expected=seen)


def test_top_level_fields_have_versions_too(two, review):
    dana, sam = two
    times = read_back(dana, review.id).field_updated_at
    ops.set_review_fields(dana, review.id, title="Checkout 500s", expected=times)
    assert dana.last_write.field_version("title") > times["title"]
    with pytest.raises(StaleEdit, match="Dana on dana-laptop changed the review's title"):
        ops.rename_review(sam, review.id, "Checkout outage", expected=times["title"])
    # a field Dana did not touch still takes Sam's edit from the same load
    ops.set_impact(sam, review.id, "users_affected", "12 % of checkouts", expected=times["impact"])
    back = read_back(dana, review.id)
    assert (back.title, back.impact["users_affected"]) == ("Checkout 500s", "12 % of checkouts")


def test_no_expected_version_means_no_check(two, review):
    dana, sam = two
    why = ops.add_why(dana, review.id, None, "one")
    ops.edit_why(dana, why.id, "two")
    ops.edit_why(sam, why.id, "three")  # a script, the CLI: no version, last writer wins
    assert read_back(dana, review.id).whys[0].text == "three"


def _at(hour: int, minute: int):
    from datetime import UTC, datetime

    return datetime(2026, 3, 12, hour, minute, tzinfo=UTC)
