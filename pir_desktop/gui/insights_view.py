"""Insights: incidents, response times and action items across the library, period by period.

For a range (default: the last four quarters) by month or quarter: the
headline figures of the range, then the charts of ``reports.charts``
(incidents by severity, median and 90th percentile of TTD, TTA, TTM and
duration, action items committed / done / on time / overdue, recurring
services and tags, contributing factors, repeats), the very figures the
pattern review report prints. "Write the pattern review…" writes that
report (PDF, Word or Markdown).

matplotlib is imported when this view is first shown, never at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..domain.metrics import format_duration
from ..errors import PirError
from .date_field import DateField
from .file_dialogs import save_file_name
from .library_source import open_reader

CHART_HEIGHT_PX = 300


def seconds_text(value: int | None) -> str:
    return "—" if value is None else format_duration(timedelta(seconds=value))


class InsightsView(QWidget):
    def __init__(self, today: Callable[[], date], status: Callable[[str], None], parent=None):
        super().__init__(parent)
        self._today, self._status = today, status
        self._path = None  # a library file's path, or a function giving a Reader
        self.doc: dict | None = None
        self.canvases: list = []
        self._titles: list[QLabel] = []
        self.start = DateField(self, today=today)
        self.start.setObjectName("insightsFrom")
        self.end = DateField(self, today=today)
        self.end.setObjectName("insightsTo")
        self.by = QComboBox(self)
        self.by.setObjectName("insightsBy")
        self.by.addItem("by quarter", "quarter")
        self.by.addItem("by month", "month")
        self.write_button = QPushButton("Write the pattern review…", self)
        self.write_button.setObjectName("patternReviewButton")
        self.write_button.setToolTip(
            "The 2-4 page report for the quarterly review: figures against the previous "
            "period, these charts, repeats, overdue actions, future improvements"
        )
        self.write_button.clicked.connect(self.write_report)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("From", self))
        bar.addWidget(self.start)
        bar.addWidget(QLabel("to", self))
        bar.addWidget(self.end)
        bar.addWidget(self.by)
        bar.addStretch(1)
        bar.addWidget(self.write_button)
        self.headline = QLabel(self)
        self.headline.setObjectName("insightsHeadline")
        self.headline.setWordWrap(True)
        self.charts = QWidget(self)
        self.grid = QGridLayout(self.charts)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.charts)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.headline)
        layout.addWidget(scroll, 1)
        first, last = self._default_range()
        self.start.set_value(first)
        self.end.set_value(last)
        for field in (self.start, self.end):
            field.date_entered.connect(self.refresh)
        self.by.currentIndexChanged.connect(lambda _i: self.refresh())

    def _default_range(self) -> tuple[date, date]:
        from ..storage.queries import default_range

        return default_range(self._today())

    def set_library(self, path) -> None:
        self._path = path
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.doc is None:
            self.refresh()

    # -- figures and charts --------------------------------------------------------------
    def refresh(self) -> None:
        if self._path is None:
            return
        from ..storage import queries

        try:
            start, end = self.start.value(), self.end.value()
            if end < start:
                raise PirError("the range ends before it starts")
            with open_reader(self._path) as reader:
                self.doc = queries.insights(
                    reader, start, end, self.by.currentData(), self._today()
                )
        except PirError as exc:
            self.headline.setText(f"No insights: {exc}")
            return
        self._show_headline(self.doc)
        self._draw(self.doc)

    def _show_headline(self, doc: dict) -> None:
        total = doc["total"]
        acts = total["actions"]
        severities = ", ".join(f"{k} {v}" for k, v in total["severity"].items() if v)
        self.headline.setText(
            f"<b>{total['reviews']} incidents</b> from {doc['from']} to {doc['to']}"
            + (f" ({severities})" if severities else "")
            + f" · median time to detect <b>{seconds_text(total['ttd']['median_seconds'])}</b>, "
            f"to mitigate <b>{seconds_text(total['ttm']['median_seconds'])}</b> "
            f"(90th percentile {seconds_text(total['ttm']['p90_seconds'])}) · "
            f"<b>{acts['committed']}</b> action items committed, {acts['done']} done "
            f"({acts['done_on_time']} on time), <b>{acts['open_overdue']}</b> open and overdue "
            f"· {total['repeats']} repeat{'s' if total['repeats'] != 1 else ''}"
        )

    def _draw(self, doc: dict) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        from ..reports.charts import CHARTS

        for canvas in self.canvases:
            self.grid.removeWidget(canvas)
            canvas.deleteLater()
        self.canvases = []
        for label in self._titles:
            self.grid.removeWidget(label)
            label.deleteLater()
        self._titles = []
        for number, (key, title, build) in enumerate(CHARTS):
            figure = build(doc)
            canvas = FigureCanvasQTAgg(figure)
            canvas.setObjectName(f"chart_{key}")
            canvas.setAccessibleName(title)
            canvas.setToolTip(title)
            canvas.setMinimumHeight(CHART_HEIGHT_PX)
            canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            heading = QLabel(f"<b>{title}</b>", self.charts)
            row, column = 2 * (number // 2), number % 2
            self.grid.addWidget(heading, row, column)
            self.grid.addWidget(canvas, row + 1, column)
            heading.show()
            canvas.show()
            self.canvases.append(canvas)
            self._titles.append(heading)

    # -- the report ------------------------------------------------------------------------
    def write_report(self) -> None:
        if self.doc is None:
            self.refresh()
        if self.doc is None:
            return
        name, _filter = save_file_name(
            self,
            "Write the pattern review",
            str(Path.home() / f"pattern-review-{self.doc['from']}-{self.doc['to']}.pdf"),
            "PDF (*.pdf);;Word (*.docx);;Markdown (*.md)",
        )
        if name:
            self.write_to(Path(name))

    def write_to(self, path: Path) -> bool:
        from ..reports.pattern_review import write_pattern_review

        fmt = path.suffix.lower().lstrip(".") or "pdf"
        try:
            with open_reader(self._path) as reader:
                written = write_pattern_review(reader, self.doc, fmt, path)
        except PirError as exc:
            self._status(f"The pattern review was not written: {exc}")
            return False
        extra = f" ({written.warnings[0]})" if written.warnings else ""
        self._status(f"Pattern review written to {path}: {written.description}{extra}")
        return True
