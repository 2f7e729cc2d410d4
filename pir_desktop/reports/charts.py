"""The insights as charts: matplotlib figures the window shows and the reports embed.

Each function takes the document ``storage.queries.insights`` returns (the
``insights --json`` shape) and gives a ``matplotlib.figure.Figure`` built
without pyplot and without a GUI backend: the window puts it in a
``FigureCanvasQTAgg``, the PDF report takes it as SVG turned into ReportLab
vectors (``as_drawing``), the DOCX and Markdown reports as PNG (``png``).

matplotlib is imported only inside these functions, never at start-up: it
costs about half a second, which ``list`` and the window's first paint must
not pay. Text is set in the Noto Sans the reports embed (registered with
matplotlib on first use), so the charts read like the page around them.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from ..paths import resources_dir
from .insights_text import period_label

SEVERITY_COLOURS = {"P1": "#b3261e", "P2": "#e8710a", "P3": "#f2c230", "P4": "#8fa3bf"}
ACTION_SERIES = (
    ("committed", "Committed", "#5b7db1"),
    ("done", "Done", "#2e8b57"),
    ("done_on_time", "Done on time", "#9ccc65"),
    ("open_overdue", "Open and overdue", "#c62828"),
)
FACTOR_COLOURS = {"technical": "#5b7db1", "process": "#8e6bb8", "human": "#d08c3a",
                  "tooling": "#4a9c8c"}  # fmt: skip
METRICS = (("ttd", "Time to detect"), ("tta", "Time to acknowledge"),
           ("ttm", "Time to mitigate"), ("duration", "Duration"))  # fmt: skip
TOP_NAMES = 8
FONT_FILE = "NotoSans-Regular.ttf"
FONT_FAMILY = "Noto Sans"
WIDTH_IN = 7.0  # a report page's text width, about 180 mm


@dataclass(frozen=True)
class ChartBlock:
    """A chart in a report: its title, and the figure drawn on demand (so that building a
    report model never imports matplotlib until a renderer draws it)."""

    key: str
    title: str
    draw: Callable[[], object]  # -> matplotlib.figure.Figure
    caption: str = ""


@cache
def _fonts_ready() -> bool:
    from matplotlib import font_manager

    path = resources_dir() / "fonts" / FONT_FILE
    if not path.exists():
        return False
    font_manager.fontManager.addfont(str(path))
    return True


def _style() -> dict:
    style = {
        "font.size": 8,
        "axes.titlesize": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.grid.axis": "y",
        "grid.color": "#d9dde3",
        "grid.linewidth": 0.6,
        "legend.frameon": False,
        "axes.axisbelow": True,
        "svg.fonttype": "none",  # text stays text: searchable and copyable in the PDF
    }
    if _fonts_ready():
        style["font.family"] = FONT_FAMILY
    return style


def _figure(height_in: float, width_in: float = WIDTH_IN):
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_style()):
        figure = Figure(figsize=(width_in, height_in), layout="constrained")
    figure.pir_style = _style()
    return figure


def _styled(build):
    """Run ``build`` (which makes and fills a figure) in the charts' style."""

    def wrapper(doc: dict):
        import matplotlib

        with matplotlib.rc_context(_style()):
            return build(doc)

    wrapper.__doc__ = build.__doc__
    wrapper.__name__ = build.__name__
    return wrapper


def _labels(doc: dict) -> list[str]:
    return [period_label(p["start"], doc["by"]) for p in doc["periods"]]


def _integer_axis(axes) -> None:
    from matplotlib.ticker import MaxNLocator

    axes.yaxis.set_major_locator(MaxNLocator(integer=True))


@_styled
def severity_chart(doc: dict):
    """Incidents by severity per period, as stacked bars."""
    figure = _figure(2.3)
    axes = figure.add_subplot()
    labels = _labels(doc)
    bottom = [0] * len(labels)
    for severity, colour in SEVERITY_COLOURS.items():
        counts = [p["severity"][severity] for p in doc["periods"]]
        axes.bar(labels, counts, bottom=bottom, color=colour, label=severity, width=0.6)
        bottom = [a + b for a, b in zip(bottom, counts, strict=True)]
    axes.set_ylabel("incidents")
    _integer_axis(axes)
    axes.legend(ncols=4, loc="upper left", bbox_to_anchor=(0, 1.18))
    _rotate_if_crowded(axes, labels)
    return figure


def _unit(values: list[int | None]) -> tuple[float, str]:
    """Minutes, or hours when the longest is over three hours."""
    known = [v for v in values if v is not None]
    return (3600, "hours") if known and max(known) > 3 * 3600 else (60, "minutes")


def _scaled(values: list[int | None], divisor: float) -> list[float]:
    return [float("nan") if v is None else v / divisor for v in values]


@_styled
def times_chart(doc: dict):
    """Median and 90th percentile of TTD, TTA, TTM and duration per period (minutes, or
    hours for long ones). A period where no review knows the metric is a gap."""
    figure = _figure(3.8)
    grid = figure.subplots(2, 2, sharex=True)
    labels = _labels(doc)
    positions = list(range(len(labels)))
    for axes, (key, title) in zip(grid.flat, METRICS, strict=True):
        raw_medians = [p[key]["median_seconds"] for p in doc["periods"]]
        raw_p90s = [p[key]["p90_seconds"] for p in doc["periods"]]
        divisor, unit = _unit(raw_p90s)
        axes.plot(positions, _scaled(raw_p90s, divisor), marker="o", markersize=3,
                  color="#c98b2b", label="90th percentile")  # fmt: skip
        axes.plot(positions, _scaled(raw_medians, divisor), marker="o", markersize=3,
                  color="#1f3866", label="median")  # fmt: skip
        axes.set_title(title, loc="left")
        axes.set_ylabel(unit)
        axes.set_ylim(bottom=0)
        axes.set_xlim(-0.5, len(labels) - 0.5)
        axes.set_xticks(positions, labels)
        _rotate_if_crowded(axes, labels)
    figure.legend(*grid.flat[0].get_legend_handles_labels(), loc="outside upper left", ncols=2)
    return figure


@_styled
def actions_chart(doc: dict):
    """Action items per period: committed, done, done on time, open and overdue."""
    figure = _figure(2.3)
    axes = figure.add_subplot()
    labels = _labels(doc)
    width = 0.8 / len(ACTION_SERIES)
    for index, (key, name, colour) in enumerate(ACTION_SERIES):
        offset = (index - (len(ACTION_SERIES) - 1) / 2) * width
        values = [p["actions"][key] for p in doc["periods"]]
        axes.bar([i + offset for i in range(len(labels))], values, width=width, color=colour,
                 label=name)  # fmt: skip
    axes.set_xticks(range(len(labels)), labels)
    axes.set_ylabel("action items")
    _integer_axis(axes)
    axes.legend(ncols=4, loc="upper left", bbox_to_anchor=(0, 1.18))
    _rotate_if_crowded(axes, labels)
    return figure


def _barh(axes, names: list[dict], title: str, colour: str) -> None:
    shown = names[:TOP_NAMES][::-1]
    axes.barh([n["name"] for n in shown], [n["reviews"] for n in shown], color=colour, height=0.6)
    axes.set_title(title, loc="left")
    axes.grid(axis="x")
    axes.grid(axis="y", visible=False)
    axes.set_xlabel("reviews")
    from matplotlib.ticker import MaxNLocator

    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    if not shown:
        axes.text(0.5, 0.5, "none in this range", ha="center", va="center",
                  transform=axes.transAxes, color="#777777")  # fmt: skip
        axes.set_yticks([])


@_styled
def names_chart(doc: dict):
    """The services and tags most reviews of the range name."""
    figure = _figure(2.4)
    left, right = figure.subplots(1, 2)
    _barh(left, doc["services"], "Top services", "#5b7db1")
    _barh(right, doc["tags"], "Top tags", "#4a9c8c")
    return figure


@_styled
def factors_chart(doc: dict):
    """Contributing factors of the range by category."""
    figure = _figure(1.7, WIDTH_IN * 0.55)
    axes = figure.add_subplot()
    categories = list(doc["factors"])[::-1]
    axes.barh([c.capitalize() for c in categories], [doc["factors"][c] for c in categories],
              color=[FACTOR_COLOURS.get(c, "#777777") for c in categories], height=0.6)  # fmt: skip
    axes.grid(axis="x")
    axes.grid(axis="y", visible=False)
    axes.set_xlabel("contributing factors")
    from matplotlib.ticker import MaxNLocator

    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    return figure


@_styled
def repeats_chart(doc: dict):
    """Per period: the reviews, and how many of them are repeats of an earlier incident."""
    figure = _figure(1.7, WIDTH_IN * 0.45)
    axes = figure.add_subplot()
    labels = _labels(doc)
    axes.bar(labels, [p["reviews"] for p in doc["periods"]], color="#c9d3e3", width=0.6,
             label="reviews")  # fmt: skip
    axes.bar(labels, [p["repeats"] for p in doc["periods"]], color="#b3261e", width=0.6,
             label="repeats")  # fmt: skip
    _integer_axis(axes)
    axes.set_ylim(top=max([p["reviews"] for p in doc["periods"]] + [1]) * 1.35)
    axes.legend(ncols=2, loc="upper left", fontsize=7)
    _rotate_if_crowded(axes, labels)
    return figure


@_styled
def factors_and_repeats_chart(doc: dict):
    """The factors by category and the repeats per period side by side (for the report)."""
    figure = _figure(1.9)
    left, right = figure.subplots(1, 2, width_ratios=[1.1, 1])
    categories = list(doc["factors"])[::-1]
    left.barh([c.capitalize() for c in categories], [doc["factors"][c] for c in categories],
              color=[FACTOR_COLOURS.get(c, "#777777") for c in categories], height=0.6)  # fmt: skip
    left.set_title("Contributing factors by category", loc="left")
    left.grid(axis="x")
    left.grid(axis="y", visible=False)
    from matplotlib.ticker import MaxNLocator

    left.xaxis.set_major_locator(MaxNLocator(integer=True))
    labels = _labels(doc)
    right.bar(labels, [p["reviews"] for p in doc["periods"]], color="#c9d3e3", width=0.6,
              label="reviews")  # fmt: skip
    right.bar(labels, [p["repeats"] for p in doc["periods"]], color="#b3261e", width=0.6,
              label="repeats of an earlier incident")  # fmt: skip
    right.set_title("Repeats", loc="left")
    _integer_axis(right)
    right.set_ylim(top=max([p["reviews"] for p in doc["periods"]] + [1]) * 1.35)
    right.legend(loc="upper left", ncols=2, fontsize=7)
    _rotate_if_crowded(right, labels)
    return figure


def _rotate_if_crowded(axes, labels: list[str]) -> None:
    if len(labels) > 6:
        for label in axes.get_xticklabels():
            label.set_rotation(45)
            label.set_horizontalalignment("right")


CHARTS: tuple[tuple[str, str, Callable[[dict], object]], ...] = (
    ("severity", "Incidents by severity", severity_chart),
    ("times", "How long incidents took: median and 90th percentile", times_chart),
    ("actions", "Action items", actions_chart),
    ("names", "Recurring services and tags", names_chart),
    ("factors", "Contributing factors by category", factors_chart),
    ("repeats", "Repeats", repeats_chart),
)


def chart_blocks(doc: dict, keys: tuple[str, ...] | None = None) -> list[ChartBlock]:
    """The charts of the insights (``keys`` of ``CHARTS``, or all), drawn when a renderer
    needs them."""
    return [
        ChartBlock(key, title, (lambda f=build: f(doc)))
        for key, title, build in CHARTS
        if keys is None or key in keys
    ]


def svg(figure) -> bytes:
    import matplotlib

    out = io.BytesIO()
    with matplotlib.rc_context(getattr(figure, "pir_style", _style())):
        figure.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


def png(figure, dpi: int = 200) -> bytes:
    import matplotlib

    out = io.BytesIO()
    with matplotlib.rc_context(getattr(figure, "pir_style", _style())):
        figure.savefig(out, format="png", dpi=dpi, metadata={"Software": None})
    return out.getvalue()


def as_drawing(figure, width: float, base_font: str):
    """The figure as ReportLab vector shapes ``width`` points wide (SVG through svglib),
    its text in the PDF's ``base_font``."""
    from svglib.fonts import register_font
    from svglib.svglib import svg2rlg

    register_font(FONT_FAMILY, rlgFontName=base_font)
    register_font("DejaVu Sans", rlgFontName=base_font)
    register_font("sans-serif", rlgFontName=base_font)
    drawing = svg2rlg(io.BytesIO(svg(figure)))
    scale = width / drawing.width
    drawing.scale(scale, scale)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    return drawing
