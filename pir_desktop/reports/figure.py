"""The timeline figure laid out once, as shapes in points, for every renderer.

``layout`` turns a ``TimelineFigure`` into a ``Scene``: lines, bars,
diamonds and labels in a box whose origin is the bottom-left corner (PDF's
convention). The PDF renderer draws the shapes as vectors; the DOCX
renderer rasterises the same scene (``raster.py``). Labels are the report's
own short ASCII strings ("detected 14:07", "TTD 2 min"), so one font does.

The axis runs from the first to the last key moment. Moment labels sit
above the axis on as many rows as they need not to overlap; each span gets
its own row below it, labelled just after its end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import TimelineFigure

INK = (0.15, 0.15, 0.18)
MUTED = (0.45, 0.45, 0.5)
SPAN = (0.22, 0.45, 0.75)
OVER = (0.80, 0.15, 0.12)
PAPER = (1.0, 1.0, 1.0)
MOMENT = (0.10, 0.30, 0.55)

LABEL_SIZE = 7.5
CHAR_WIDTH = 0.56  # of the font size: a safe width for Noto Sans / Helvetica labels
ROW = 11.0
BAR = 6.0
MARGIN = 6.0


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    color: tuple[float, float, float]
    width: float = 0.8


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    color: tuple[float, float, float]


@dataclass(frozen=True)
class Diamond:
    x: float
    y: float
    radius: float
    color: tuple[float, float, float]


@dataclass(frozen=True)
class Label:
    x: float
    y: float  # the baseline
    text: str
    anchor: str  # "start", "middle" or "end"
    color: tuple[float, float, float] = INK
    bold: bool = False
    size: float = LABEL_SIZE


Shape = Line | Bar | Diamond | Label


@dataclass
class Scene:
    width: float
    height: float
    shapes: list[Shape] = field(default_factory=list)


def text_width(text: str, size: float = LABEL_SIZE) -> float:
    return len(text) * size * CHAR_WIDTH


def _placed(x: float, text: str, width: float) -> tuple[float, str, float, float]:
    """Anchor a label so that it stays inside the box: (x, anchor, left, right)."""
    half = text_width(text) / 2
    if x - half < MARGIN:
        return x - 3, "start", x - 3, x - 3 + 2 * half
    if x + half > width - MARGIN:
        return x + 3, "end", x + 3 - 2 * half, x + 3
    return x, "middle", x - half, x + half


def layout(figure: TimelineFigure, width: float) -> Scene:
    first = figure.moments[0].at
    last = figure.moments[-1].at
    total = max((last - first).total_seconds(), 60.0)
    # The axis leaves room on the right for the longest span label, which sits
    # just after its bar's end.
    labels = max((text_width(span.label) for span in figure.spans), default=0.0)
    left, right = MARGIN + 4, width - MARGIN - 4 - (labels + 4 if labels else 0)

    def x_of(moment) -> float:
        return left + (right - left) * (moment - first).total_seconds() / total

    # Moment labels: first row where the previous label has room.
    rows_end: list[float] = []
    placed: list[tuple[int, float, str, str]] = []
    for moment in figure.moments:
        x, anchor, start, end = _placed(x_of(moment.at), moment.label, width)
        for row, row_end in enumerate(rows_end):
            if start > row_end + 4:
                rows_end[row] = end
                break
        else:
            row = len(rows_end)
            rows_end.append(end)
        placed.append((row, x, anchor, moment.label))

    span_rows = len(figure.spans)
    below = MARGIN + span_rows * ROW + (4 if span_rows else 0)
    axis_y = below + 6
    height = axis_y + 8 + len(rows_end) * ROW + MARGIN
    scene = Scene(width, height)
    shapes = scene.shapes

    shapes.append(Line(left, axis_y, right, axis_y, MUTED, 1.0))
    for (row, _x, _anchor, _text), moment in zip(placed, figure.moments, strict=True):
        tick = x_of(moment.at)
        shapes.append(Line(tick, axis_y, tick, axis_y + 8 + row * ROW, MUTED, 0.4))
    # Labels over the ticks, each on a white ground so a tick from a higher row
    # never runs through a lower label.
    for row, x, anchor, text in placed:
        label_y = axis_y + 8 + row * ROW + 2
        wide = text_width(text)
        ground = {"start": x, "middle": x - wide / 2, "end": x - wide}[anchor]
        shapes.append(Bar(ground - 1, label_y - 2, wide + 2, LABEL_SIZE + 1.5, PAPER))
        shapes.append(Label(x, label_y, text, anchor))
    for moment in figure.moments:
        shapes.append(Diamond(x_of(moment.at), axis_y, 3.2, MOMENT))

    for index, span in enumerate(figure.spans):
        y = axis_y - 6 - (index + 1) * ROW + (ROW - BAR) / 2
        x1, x2 = x_of(span.start), x_of(span.end)
        color = OVER if span.over_threshold else SPAN
        shapes.append(Bar(x1, y, max(x2 - x1, 1.5), BAR, color))
        shapes.append(Label(x2 + 4, y + 1, span.label, "start", color, bold=True))
    return scene
