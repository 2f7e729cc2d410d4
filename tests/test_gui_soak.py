"""Soak (Meeting day): the window and the presenter on the large review through 1,000 edits.

Captures, why edits, panel moves, deletes, undo, redo and phase changes,
chosen at random (seeded) from what the review holds at each step, all
through the window's undo commands, with the presenter window shown and
repainted as the room would see it. A shadow model applies the same edits
(and their undo) in plain Python; the library, read back through a fresh
connection, must equal it at every checkpoint and at the end.
"""

from __future__ import annotations

import json
import os
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from pir_desktop.domain.enums import Panel
from pir_desktop.gui import commands
from pir_desktop.interchange.review_json import read_review

from .conftest import read_back

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from library_bench import large_review

EDITS = int(os.environ.get("PIR_SOAK_EDITS", "1000"))
PANELS = (Panel.WENT_WELL, Panel.WENT_POORLY, Panel.LUCKY)


@dataclass
class Shadow:
    """What the edits say the review holds: panels, whys, notes, the meeting's phase."""

    panels: dict[Panel, list[tuple[str, str]]]
    whys: dict[str, tuple[str | None, str]]  # id -> (parent id, text)
    children: dict[str | None, list[str]]
    notes: list[str] = field(default_factory=list)
    phase: int = 0
    done: list = field(default_factory=list)  # (redo, undo) pairs, oldest first
    undone: list = field(default_factory=list)

    @classmethod
    def of(cls, review) -> Shadow:
        whys, children = {}, {None: []}

        def walk(nodes, parent):
            for node in nodes:
                whys[node.id] = (parent, node.text)
                children.setdefault(parent, []).append(node.id)
                children.setdefault(node.id, [])
                walk(node.children, node.id)

        walk(review.whys, None)
        panels = {p: [(i.id, i.text) for i in review.panels[p]] for p in PANELS}
        return cls(panels, whys, children, [n.text for n in review.meeting_notes])

    def record(self, redo, undo) -> None:
        redo()
        self.done.append((redo, undo))
        self.undone.clear()

    def undo(self) -> None:
        if self.done:
            redo, undo = self.done.pop()
            undo()
            self.undone.append((redo, undo))

    def redo(self) -> None:
        if self.undone:
            redo, undo = self.undone.pop()
            redo()
            self.done.append((redo, undo))

    def subtree(self, why_id: str) -> list[str]:
        out = [why_id]
        for child in self.children.get(why_id, []):
            out += self.subtree(child)
        return out

    def tree(self, parent=None) -> list:
        return [(self.whys[i][1], self.tree(i)) for i in self.children.get(parent, [])]


def _tree(nodes) -> list:
    return [(n.text, _tree(n.children)) for n in nodes]


def _check(library_path, review_id, shadow: Shadow) -> None:
    stored = read_back(library_path, review_id)
    for panel in PANELS:
        assert [(i.id, i.text) for i in stored.panels[panel]] == shadow.panels[panel], panel
    assert _tree(stored.whys) == shadow.tree()
    assert [n.text for n in stored.meeting_notes] == shadow.notes
    assert stored.meeting_phase == shadow.phase


@pytest.mark.slow
def test_a_thousand_edits_with_the_presenter_open(window, qtbot, library_path, fake_clock):
    rng = random.Random(20261201)
    review = read_review(json.dumps({"format": "pir-review", "version": 1, **large_review(rng)}))
    from pir_desktop import operations as ops

    ops.import_reviews(window.library, [review])
    window.refresh_home()
    assert window.open_review(review.id)
    window.set_presenter_shown(True)
    presenter = window.presenter
    qtbot.waitExposed(presenter)
    doc = window.doc
    shadow = Shadow.of(doc.review)
    bar = window.workspace.capture
    phases = len(window.meeting.clock.phases)
    counts: dict[str, int] = {}

    def capture_panel():
        panel_of = {"+": Panel.WENT_WELL, "-": Panel.WENT_POORLY, "~": Panel.LUCKY}
        sign = rng.choice("+-~")
        text = f"captured {len(shadow.done)} {rng.randint(0, 10**6)}"
        bar.setText(f"{sign} {text}")
        assert bar.capture()
        item_id = doc.review.panels[panel_of[sign]][-1].id
        items = shadow.panels[panel_of[sign]]
        shadow.record(lambda: items.append((item_id, text)), lambda: items.remove((item_id, text)))

    def capture_note():
        text = f"note {len(shadow.done)} {rng.randint(0, 10**6)}"
        bar.setText(text)
        assert bar.capture()
        shadow.record(lambda: shadow.notes.append(text), lambda: shadow.notes.remove(text))

    def add_why():
        parent = rng.choice([None, *rng.sample(sorted(shadow.whys), min(3, len(shadow.whys)))])
        text = f"why {len(shadow.done)}"
        why_id = commands.add_why(doc, parent, text)
        assert why_id
        kids = shadow.children.setdefault(parent, [])

        def redo():
            shadow.whys[why_id] = (parent, text)
            kids.append(why_id)
            shadow.children[why_id] = []

        def undo():
            kids.remove(why_id)
            del shadow.whys[why_id], shadow.children[why_id]

        shadow.record(redo, undo)

    def edit_why():
        why_id = rng.choice(sorted(shadow.whys))
        parent, old = shadow.whys[why_id]
        new = f"{old.split(' (edit')[0]} (edit {len(shadow.done)})"
        assert commands.edit_why(doc, why_id, new)
        shadow.record(
            lambda: shadow.whys.__setitem__(why_id, (parent, new)),
            lambda: shadow.whys.__setitem__(why_id, (parent, old)),
        )

    def move_panel_item():
        source = rng.choice([p for p in PANELS if shadow.panels[p]] or [None])
        if source is None:
            return capture_panel()
        target = rng.choice([p for p in PANELS if p != source])
        item = rng.choice(shadow.panels[source])
        position = shadow.panels[source].index(item)
        assert commands.move_panel_item(doc, item[0], target, None)

        def redo():
            shadow.panels[source].remove(item)
            shadow.panels[target].append(item)

        def undo():
            shadow.panels[target].remove(item)
            shadow.panels[source].insert(position, item)

        shadow.record(redo, undo)

    def delete_something():
        if rng.random() < 0.5 and any(shadow.panels.values()):
            panel = rng.choice([p for p in PANELS if shadow.panels[p]])
            item = rng.choice(shadow.panels[panel])
            position = shadow.panels[panel].index(item)
            assert commands.delete_panel_item(doc, item[0])
            shadow.record(
                lambda: shadow.panels[panel].remove(item),
                lambda: shadow.panels[panel].insert(position, item),
            )
            return
        why_id = rng.choice(sorted(shadow.whys))
        parent = shadow.whys[why_id][0]
        position = shadow.children[parent].index(why_id)
        gone = {
            i: (shadow.whys[i], list(shadow.children.get(i, []))) for i in shadow.subtree(why_id)
        }
        assert commands.delete_why(doc, why_id)

        def redo():
            shadow.children[parent].remove(why_id)
            for i in gone:
                del shadow.whys[i], shadow.children[i]

        def undo():
            shadow.children[parent].insert(position, why_id)
            for i, (entry, kids) in gone.items():
                shadow.whys[i], shadow.children[i] = entry, list(kids)

        shadow.record(redo, undo)

    def change_phase():
        before = window.meeting.clock.index
        fake_clock.advance(rng.randint(1, 120))
        if rng.random() < 0.7 and before + 1 < phases:
            window.meeting.next_phase()
        elif before > 0:
            window.meeting.previous_phase()
        else:
            return
        after = window.meeting.clock.index
        shadow.record(
            lambda: setattr(shadow, "phase", after), lambda: setattr(shadow, "phase", before)
        )

    def undo():
        doc.undo_stack.undo()
        shadow.undo()

    def redo():
        doc.undo_stack.redo()
        shadow.redo()

    moves = [
        (capture_panel, 16), (capture_note, 8), (add_why, 12), (edit_why, 14),
        (move_panel_item, 12), (delete_something, 10), (change_phase, 6), (undo, 14), (redo, 8),
    ]  # fmt: skip
    actions, weights = zip(*moves, strict=True)
    window.meeting.start_pause()
    for step in range(EDITS):
        action = rng.choices(actions, weights)[0]
        action()
        counts[action.__name__] = counts.get(action.__name__, 0) + 1
        if step % 7 == 0:  # the room's screen follows: lay out and paint, delegates and all
            QApplication.processEvents()
            presenter.repaint()
        if step % 250 == 249:
            _check(library_path, review.id, shadow)
    QApplication.processEvents()
    _check(library_path, review.id, shadow)
    assert window.last_message == "" or "Could not" not in window.last_message
    assert all(counts.get(a.__name__, 0) > EDITS // 40 for a in actions), counts
    # the presenter showed the review all along, and still does
    assert presenter.isVisible() and presenter.views["whys"].model().rowCount() == 1
