"""The timeline figure's layout: shapes inside the box, in time order, labels apart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from pir_desktop.interchange.review_json import read_review_file
from pir_desktop.reports import figure as fig
from pir_desktop.reports.model import Moment, Span, TimelineFigure, timeline_figure

from .conftest import API_SAMPLE

WIDTH = 480.0


def _label_boxes(scene):
    boxes = []
    for shape in scene.shapes:
        if isinstance(shape, fig.Label):
            wide = fig.text_width(shape.text)
            left = {"start": shape.x, "middle": shape.x - wide / 2, "end": shape.x - wide}
            boxes.append((left[shape.anchor], left[shape.anchor] + wide, shape.y))
    return boxes


def test_api_sample_figure_places_moments_and_spans_on_one_axis():
    figure = timeline_figure(read_review_file(API_SAMPLE))
    assert [m.label for m in figure.moments] == [
        "started 14:05", "detected 14:07", "responded 14:12", "root cause found 14:25",
        "fix applied 14:30", "recovered 14:45",
    ]  # fmt: skip
    assert [(s.label, s.over_threshold) for s in figure.spans] == [
        ("TTD 2 min", False),
        ("TTA 5 min", False),
        ("TTM 33 min", True),
    ]
    scene = fig.layout(figure, WIDTH)
    diamonds = [s.x for s in scene.shapes if isinstance(s, fig.Diamond)]
    assert diamonds == sorted(diamonds)
    assert diamonds[0] < 20 and diamonds[-1] > WIDTH - 80  # the axis spans the box
    bars = [s for s in scene.shapes if isinstance(s, fig.Bar) and s.color != fig.PAPER]
    # TTD runs from "started" to "detected", TTM from "responded" to "recovered".
    assert (
        abs(bars[0].x - diamonds[0]) < 0.01 and abs(bars[0].x + bars[0].width - diamonds[1]) < 0.01
    )
    assert (
        abs(bars[2].x - diamonds[2]) < 0.01 and abs(bars[2].x + bars[2].width - diamonds[5]) < 0.01
    )
    assert bars[2].color == fig.OVER and bars[0].color == fig.SPAN


moments = st.lists(st.integers(0, 6 * 3600), min_size=2, max_size=7)


@settings(max_examples=150, deadline=None)
@given(moments)
def test_labels_never_overlap_and_stay_in_the_box(offsets):
    start = datetime(2026, 1, 1, tzinfo=UTC)
    kinds = ["started", "detected", "responded", "root cause found", "fix applied", "recovered",
             "extra"]  # fmt: skip
    times = sorted(start + timedelta(seconds=o) for o in offsets)
    figure = TimelineFigure(
        [Moment(f"{kind} {t:%H:%M}", t) for kind, t in zip(kinds, times, strict=False)],
        [Span("TTD 1 min", times[0], times[1], False)],
        "caption",
    )
    scene = fig.layout(figure, WIDTH)
    boxes = _label_boxes(scene)
    for left, right, _y in boxes:
        assert left >= -0.01 and right <= WIDTH + 0.01
    for i, (l1, r1, y1) in enumerate(boxes):
        for l2, r2, y2 in boxes[i + 1 :]:
            assert y1 != y2 or r1 <= l2 or r2 <= l1
    for shape in scene.shapes:
        if isinstance(shape, fig.Diamond | fig.Bar):
            assert 0 <= shape.x <= WIDTH and 0 <= shape.y <= scene.height
