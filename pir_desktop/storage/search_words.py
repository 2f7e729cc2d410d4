"""The words a search matches: every text of a review, case-folded and without accents.

Search finds a text when each word of the query starts a word of the text,
ignoring case and accents ("conn" finds "Connection", "reseau" finds
"Réseau"). ``words_of`` gives a text's words in that form, between single
spaces with a space at each end, which is what ``search_texts.words`` holds:
``LIKE '% conn%'`` then finds a word starting with "conn" in any SQL
database. ``texts_of`` lists the texts of a whole review, each with the item
it belongs to and its kind; the operations keep the table in step with each
edit (``index_text``, ``drop_texts``), in the same transaction.

Plain SQLAlchemy Core statements: no SQL only one database understands.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from ..domain.enums import Panel

WORD = re.compile(r"\w+")  # a word, as the search splits text

# Kinds of review-level texts; their item_id is the review's own id.
REVIEW_KINDS = ("title", "summary", "problem", "detection.notes")
IMPACT_PREFIX = "impact."


def fold(text: str) -> str:
    """Case-folded, accents removed (compatibility decomposition, then no combining marks)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def query_words(text: str) -> list[str]:
    """The distinct words of a query, folded, in their order."""
    seen: list[str] = []
    for word in WORD.findall(fold(text)):
        if word not in seen:
            seen.append(word)
    return seen


def words_of(text: str) -> str:
    """`` word word `` : the folded words of ``text`` for ``search_texts.words``."""
    return " " + " ".join(WORD.findall(fold(text))) + " "


def word_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, folded word) of each word of ``text``, in the original's offsets."""
    for match in WORD.finditer(text):
        yield match.start(), match.end(), fold(match.group())


def texts_of(review) -> Iterator[tuple[str, str, str]]:
    """(item_id, kind, text) of every searchable text of a ``domain.model.Review``."""
    rid = review.id
    yield rid, "title", review.title
    yield rid, "summary", review.summary
    yield rid, "problem", review.problem
    for key, value in review.impact.items():
        yield rid, IMPACT_PREFIX + key, value
    if review.detection is not None and review.detection.notes:
        yield rid, "detection.notes", review.detection.notes
    for event in review.timeline:
        yield event.id, "event", event.text
    for node in review.all_whys():
        yield node.id, "why", node.text
    for factor in review.contributing_factors:
        yield factor.id, "factor", factor.text
    for panel in Panel:
        for item in review.panels.get(panel, []):
            yield item.id, panel.value, item.text
    for action in review.action_items:
        yield action.id, "action", action.title
    for lesson in review.lessons:
        yield lesson.id, "lesson", lesson.text


def rows_of(review_id: str, texts: Iterable[tuple[str, str, str]]) -> list[dict]:
    """``search_texts`` rows for ``texts``; blank texts are left out (nothing to find)."""
    return [
        {"item_id": i, "kind": k, "review_id": review_id, "words": words_of(t), "text": t}
        for i, k, t in texts
        if t and t.strip()
    ]


def index_text(session, review_id: str, item_id: str, kind: str, text: str | None) -> None:
    """Put one text in the index (replacing what it held for that item and kind)."""
    from sqlalchemy import delete, insert

    from .schema import SearchTextRow

    session.execute(
        delete(SearchTextRow).where(SearchTextRow.item_id == item_id, SearchTextRow.kind == kind)
    )
    rows = rows_of(review_id, [(item_id, kind, text or "")])
    if rows:
        session.execute(insert(SearchTextRow), rows)


def drop_texts(session, item_ids: Iterable[str]) -> None:
    """Take the texts of deleted items out of the index."""
    from sqlalchemy import delete

    from .schema import SearchTextRow

    ids = list(item_ids)
    for start in range(0, len(ids), 500):
        session.execute(
            delete(SearchTextRow).where(SearchTextRow.item_id.in_(ids[start : start + 500]))
        )


def move_text(session, item_id: str, old_kind: str, new_kind: str) -> None:
    """A panel item moved to another panel: its text is now of that panel's kind."""
    from sqlalchemy import update

    from .schema import SearchTextRow

    if old_kind != new_kind:
        session.execute(
            update(SearchTextRow)
            .where(SearchTextRow.item_id == item_id, SearchTextRow.kind == old_kind)
            .values(kind=new_kind)
        )
