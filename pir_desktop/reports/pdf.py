"""The report as PDF, laid out with ReportLab's platypus; text stays text.

A4, compact type (9 pt body, 8 pt tables) so that a typical review fits in
two or three pages. Every string goes through ``PdfFonts.markup``, so any
script is drawn in an embedded font that has it and can be searched and
copied. A paragraph that starts in Arabic or Hebrew is set right to left
(ReportLab reverses the words of each line) with its letters joined by
HarfBuzz. The timeline figure is drawn as vectors from ``figure.layout``.
"""

from __future__ import annotations

import heapq
import io
from dataclasses import dataclass, field

from reportlab.graphics.shapes import Drawing, Polygon, Rect, String
from reportlab.graphics.shapes import Line as GLine
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from . import figure as fig
from .charts import ChartBlock
from .fonts import PdfFonts, is_right_to_left, needs_shaping
from .model import (
    BulletList,
    KeyValues,
    Paragraph,
    Report,
    Section,
    Table,
    TimelineFigure,
)

PAGE = A4
MARGIN = 16 * mm
DENSE_MARGIN = 12 * mm
RULE = colors.Color(0.78, 0.80, 0.84)
HEADER_FILL = colors.Color(0.93, 0.94, 0.96)
ROOT_CAUSE = colors.Color(0.62, 0.12, 0.10)
PRODUCER = "PIR Desktop"
SLICE_ROWS = 100  # rows of a long table handed to ReportLab at once (see _SlicedTable)
LONG_CELL = 900  # characters: a longer cell goes on over several printed rows
LONG_FACT = 400  # characters: a longer fact (impact) is a paragraph under the facts table


@dataclass
class _Styles:
    """The type scale; ``dense`` (the summary variant) is what fits a review on one page."""

    fonts: PdfFonts
    dense: bool = False
    scale: float = 1.0  # below 1 when a dense report had to shrink to fit its page
    body: ParagraphStyle = field(init=False)
    cell: ParagraphStyle = field(init=False)
    head_cell: ParagraphStyle = field(init=False)
    title: ParagraphStyle = field(init=False)
    heading: ParagraphStyle = field(init=False)
    caption: ParagraphStyle = field(init=False)

    def __post_init__(self) -> None:
        base, bold = self.fonts.base, self.fonts.base_bold
        size, cell, gap = (8.2, 7.4, 0.55) if self.dense else (9.0, 8.0, 1.0)
        size, cell, gap = size * self.scale, cell * self.scale, gap * self.scale
        self.body = ParagraphStyle(
            "body", fontName=base, fontSize=size, leading=size * 1.25, spaceAfter=3 * gap
        )
        self.cell = ParagraphStyle("cell", fontName=base, fontSize=cell, leading=cell * 1.2)
        self.head_cell = ParagraphStyle("head", parent=self.cell, fontName=bold)
        self.title = ParagraphStyle(
            "title",
            fontName=bold,
            fontSize=(16 - 2 * self.dense) * self.scale,
            leading=19 * self.scale,
            spaceAfter=6 * gap,
        )
        self.heading = ParagraphStyle(
            "heading", fontName=bold, fontSize=size + 2, leading=(size + 2) * 1.2,
            spaceBefore=9 * gap, spaceAfter=3 * gap, keepWithNext=1,
            textColor=colors.Color(0.12, 0.22, 0.40),
        )  # fmt: skip
        self.caption = ParagraphStyle(
            "caption",
            parent=self.cell,
            fontSize=cell - 0.5,
            textColor=colors.Color(0.35, 0.35, 0.4),
        )


class _Renderer:
    def __init__(self, fonts: PdfFonts, dense: bool, scale: float = 1.0):
        self.fonts = fonts
        self.styles = _Styles(fonts, dense, scale)
        self.margin = DENSE_MARGIN if dense else MARGIN
        self.width = PAGE[0] - 2 * self.margin

    def para(self, text: str, style: ParagraphStyle, bold: bool = False, **extra) -> RLParagraph:
        """A paragraph of plain text in any script."""
        shaped = needs_shaping(text)
        markup = self.fonts.markup(text, every_run=shaped)
        if bold:
            markup = f"<b>{markup}</b>"
        changes = dict(extra)
        if shaped:
            # ReportLab only shapes when the paragraph's own font can be shaped.
            first = next(face for face, piece in self.fonts.runs(text) if needs_shaping(piece))
            changes.update(fontName=first, shaping=1)
        if is_right_to_left(text):
            changes.update(wordWrap="RTL", alignment=TA_RIGHT)
        if changes:
            style = ParagraphStyle(f"{style.name}-x", parent=style, **changes)
        return RLParagraph(markup, style)

    # -- blocks

    def key_values(self, block: KeyValues) -> list[Flowable]:
        """Short facts two to a row; a long one (a whole paragraph of impact) below them,
        where it can run over a page as a table's cell cannot."""
        short = [(k, v) for k, v in block.pairs if not _long_value(v)]
        out: list[Flowable] = [self._facts(short)] if short else []
        for key, value in block.pairs:
            if _long_value(value):
                out += [self.para(key, self.styles.head_cell), self.para(value, self.styles.body)]
        return out

    def _facts(self, pairs: list[tuple[str, str]]) -> RLTable:
        cells = []
        for index in range(0, len(pairs), 2):
            row = []
            for key, value in pairs[index : index + 2]:
                row += [self.para(key, self.styles.head_cell), self.para(value, self.styles.cell)]
            row += [""] * (4 - len(row))
            cells.append(row)
        quarter = self.width / 4
        table = RLTable(cells, colWidths=[quarter * 0.8, quarter * 1.2] * 2, hAlign="LEFT")
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]))  # fmt: skip
        return table

    def table(self, block: Table) -> Flowable:
        widths = _column_widths(
            block, self.fonts.base, self.fonts.base_bold, self.styles.cell.fontSize, self.width
        )
        header = [self.para(h, self.styles.head_cell) for h in block.headers]
        rows: list[_Row] = []
        for row in block.rows:
            pieces = [_pieces(text) for text in row]
            depth = max(len(p) for p in pieces)
            for line in range(depth):
                cells = [self.cell(p[line], w) if line < len(p) else ""
                         for p, w in zip(pieces, widths, strict=True)]  # fmt: skip
                rows.append(_Row(cells, last=line == depth - 1))
        return _SlicedTable(header, rows, widths, self.styles.cell)

    def cell(self, text: str, width: float) -> str | RLParagraph:
        """A plain string when one line of the base font holds it, else a paragraph.

        ReportLab draws a string cell about twenty times faster than a
        paragraph, which is what a 2,000-event timeline needs.
        """
        style = self.styles.cell
        if (
            "\n" not in text
            and self.fonts.base_has(text)
            and stringWidth(text, style.fontName, style.fontSize) <= width - 7
        ):
            return text
        return self.para(text, style)

    def bullets(self, block: BulletList) -> list[Flowable]:
        out: list[Flowable] = []
        for item in block.items:
            indent = 10 + item.level * 12
            text = f"{item.text} (root cause)" if item.marked else item.text
            bullet = "◆" if item.marked else ("•" if item.level == 0 else "–")
            extra: dict = {"textColor": ROOT_CAUSE} if item.marked else {}
            if is_right_to_left(item.text):
                # ReportLab draws a bullet at the left edge, across right-to-left
                # text; the marker goes in the text (first, so rightmost) instead.
                text = f"{bullet} {text}"
                extra.update(rightIndent=indent - 10)
            else:
                extra.update(
                    leftIndent=indent,
                    bulletIndent=indent - 9,
                    bulletFontName=self.fonts.face_for(bullet) or self.fonts.base,
                    bulletFontSize=7 if item.marked else 9,
                )
            paragraph = self.para(text, self.styles.body, bold=item.marked, spaceAfter=1.5, **extra)
            if not is_right_to_left(item.text):
                paragraph.bulletText = bullet
            out.append(paragraph)
        return out

    def figure(self, block: TimelineFigure) -> list[Flowable]:
        scene = fig.layout(block, self.width)
        return [_drawing(scene, self.fonts), self.para(block.caption, self.styles.caption)]

    def chart(self, block: ChartBlock) -> list[Flowable]:
        """A chart of the insights as vectors (matplotlib's SVG through svglib)."""
        from .charts import as_drawing

        out: list[Flowable] = [as_drawing(block.draw(), self.width, self.fonts.base)]
        if block.caption:
            out.append(self.para(block.caption, self.styles.caption))
        return out

    def section(self, section: Section) -> list[Flowable]:
        out: list[Flowable] = [
            CondPageBreak(40),  # never a heading alone at the foot of a page
            self.para(section.title, self.styles.heading),
        ]
        for block in section.blocks:
            if isinstance(block, Paragraph):
                out.append(self.para(block.text, self.styles.body))
            elif isinstance(block, KeyValues):
                out.extend(self.key_values(block))
            elif isinstance(block, Table):
                out.append(self.table(block))
            elif isinstance(block, BulletList):
                out.extend(self.bullets(block))
            elif isinstance(block, TimelineFigure):
                out.append(KeepTogether(self.figure(block)))
            elif isinstance(block, ChartBlock):
                out.extend(self.chart(block))
            out.append(Spacer(0, 3))
        if any(isinstance(block, ChartBlock) for block in section.blocks):
            # A chart keeps its heading with it (one KeepTogether: nested ones always split).
            return [out[0], KeepTogether(out[1:])]
        return out


@dataclass
class _Row:
    cells: list
    last: bool  # the last (or only) printed row of one row of the report's table


def _pieces(text: str) -> list[str]:
    """``text`` cut into parts of at most ``LONG_CELL`` characters, at a space if one is near,
    so that no printed row is taller than a page (ReportLab cannot split a row)."""
    pieces = []
    while len(text) > LONG_CELL:
        cut = text.rfind(" ", LONG_CELL * 3 // 4, LONG_CELL)
        cut = cut + 1 if cut > 0 else LONG_CELL
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text]


def _long_value(text: str) -> bool:
    return len(text) > LONG_FACT or text.count("\n") >= 6


class _SlicedTable(Flowable):
    """A table laid out a slice of rows at a time, its header repeated on each page.

    ReportLab's Table works out its row heights in time quadratic in its rows
    (it finds the next row to measure by scanning from the top), and measures
    all the remaining rows again on every page it splits over: a timeline of
    16,000 events took 16 times as long as one of 2,000. The frame is given
    one table of at most ``SLICE_ROWS`` rows at a time instead, which keeps
    the time linear in the rows.
    """

    def __init__(self, header: list, rows: list[_Row], widths: list[float], style,
                 with_header: bool = True):  # fmt: skip
        super().__init__()
        self.header, self.rows, self.widths = header, rows, widths
        self.style, self.with_header = style, with_header
        self._table: RLTable | None = None

    def _make(self, rows: list[_Row]) -> RLTable:
        head = [self.header] if self.with_header else []
        table = RLTable([*head, *(row.cells for row in rows)], colWidths=self.widths,
                        repeatRows=len(head), hAlign="LEFT")  # fmt: skip
        style = self.style
        first = len(head)
        commands = [
            ("FONT", (0, first), (-1, -1), style.fontName, style.fontSize, style.leading),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ]
        if head:
            commands += [("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                         ("LINEBELOW", (0, 0), (-1, 0), 0.4, RULE)]  # fmt: skip
        # a rule under each row of the report's table, not between its printed rows
        commands += [("LINEBELOW", (0, first + start), (-1, first + end), 0.4, RULE)
                     for start, end in _runs([row.last for row in rows])]  # fmt: skip
        table.setStyle(TableStyle(commands))
        return table

    def _slice(self) -> RLTable:
        if self._table is None:
            self._table = self._make(self.rows[:SLICE_ROWS])
        return self._table

    def wrap(self, availWidth, availHeight):
        width, height = self._slice().wrap(availWidth, availHeight)
        if len(self.rows) > SLICE_ROWS:
            height = max(height, availHeight) + 1  # more rows follow: always split
        return width, height

    def split(self, availWidth, availHeight):
        table = self._slice()
        rest = self.rows[SLICE_ROWS:]
        parts = table.split(availWidth, availHeight)
        if not parts or not rest:
            return parts
        if len(parts) == 1:  # the whole slice fits; the next goes on below it, no header
            return [parts[0], self._following(rest, with_header=False)]
        shown = len(parts[0]._cellvalues) - (1 if self.with_header else 0)
        return [parts[0], self._following(self.rows[shown:], with_header=True)]

    def _following(self, rows: list[_Row], with_header: bool) -> _SlicedTable:
        return _SlicedTable(self.header, rows, self.widths, self.style, with_header)

    def draw(self):
        self._table.drawOn(self.canv, 0, 0)


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    """(first, last) index of each run of true flags."""
    runs, start = [], None
    for index, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = index
        elif not flag and start is not None:
            runs.append((start, index - 1))
            start = None
    return runs


def _share(total: float, wants: dict[int, float], floors: dict[int, float]) -> dict[int, float]:
    """``total`` split among columns in proportion to what they want, none below its floor."""
    widths: dict[int, float] = {}
    open_columns = set(wants)
    while open_columns:
        weight = sum(wants[i] for i in open_columns)
        below = {i for i in open_columns if total * wants[i] / weight < floors[i]}
        if not below:
            widths.update({i: total * wants[i] / weight for i in open_columns})
            break
        for i in below:
            widths[i] = floors[i]
            total -= floors[i]
        open_columns -= below
    return widths


def _column_widths(
    block: Table, font: str, bold: str, size: float, frame_width: float
) -> list[float]:
    """Short columns get what their longest cell needs; long ones share the rest.

    A column is never narrower than its heading, nor than its longest word up
    to a fair share of the page: a longer word (a dashboard link) is broken
    across lines instead of squeezing the other columns to nothing.
    """
    padding = 6
    fair = frame_width / len(block.headers)
    natural = []
    for column, header in enumerate(block.headers):
        texts = {row[column] for row in block.rows}
        # Measuring every cell of a 2,000-row table costs a quarter of the export; the
        # few longest by character count hold the widest.
        longest_texts = heapq.nlargest(8, texts, key=len)
        words = {word for text in longest_texts for word in text.split()}
        words |= {max(text.split(), key=len, default="") for text in texts}
        longest_words = heapq.nlargest(8, words, key=len) or [""]
        heading = stringWidth(header, bold, size) + padding + 1
        longest = max([stringWidth(t, font, size) + padding + 1 for t in longest_texts] + [heading])
        word = max(stringWidth(w, font, size) for w in longest_words) + padding
        natural.append((min(longest, frame_width), max(min(word, fair), heading)))
    widths = [longest for longest, _ in natural]
    if sum(widths) <= frame_width:
        return widths
    # Columns narrower than a fair share keep their width; the others split what is left.
    fixed = {i for i, w in enumerate(widths) if w <= fair * 0.8}
    flexible = [i for i in range(len(widths)) if i not in fixed]
    shared = _share(
        frame_width - sum(widths[i] for i in fixed),
        {i: widths[i] for i in flexible},
        {i: natural[i][1] for i in flexible},
    )
    widths = [shared.get(i, w) for i, w in enumerate(widths)]
    scale = frame_width / sum(widths)  # below 1 only when the headings alone are too wide
    return [w * scale for w in widths] if scale < 1 else widths


def _drawing(scene: fig.Scene, fonts: PdfFonts) -> Drawing:
    drawing = Drawing(scene.width, scene.height)
    regular, bold = fonts.base, fonts.base_bold
    for shape in scene.shapes:
        if isinstance(shape, fig.Line):
            drawing.add(
                GLine(shape.x1, shape.y1, shape.x2, shape.y2,
                      strokeColor=colors.Color(*shape.color), strokeWidth=shape.width)
            )  # fmt: skip
        elif isinstance(shape, fig.Bar):
            drawing.add(
                Rect(shape.x, shape.y, shape.width, shape.height,
                     fillColor=colors.Color(*shape.color), strokeColor=None)
            )  # fmt: skip
        elif isinstance(shape, fig.Diamond):
            r = shape.radius
            points = [shape.x, shape.y + r, shape.x + r, shape.y, shape.x, shape.y - r,
                      shape.x - r, shape.y]  # fmt: skip
            drawing.add(
                Polygon(points, fillColor=colors.Color(*shape.color), strokeColor=colors.white,
                        strokeWidth=0.6)
            )  # fmt: skip
        elif isinstance(shape, fig.Label):
            drawing.add(
                String(shape.x, shape.y, shape.text, fontName=bold if shape.bold else regular,
                       fontSize=shape.size, fillColor=colors.Color(*shape.color),
                       textAnchor=shape.anchor)
            )  # fmt: skip
    return drawing


def _numbered_canvas(fonts: PdfFonts, margin: float):
    """A canvas class that writes "page N of M" once it knows M."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            count = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                self.setFont(fonts.base, 7)
                self.setFillColor(colors.Color(0.45, 0.45, 0.5))
                footer = f"page {number} of {count}"
                self.drawRightString(PAGE[0] - margin, margin / 2, footer)
                super().showPage()
            super().save()

    return NumberedCanvas


# A dense report (the one-page summary) that runs over its page is set again a little
# smaller, down to the last of these; past that, type would be too small to read.
DENSE_SCALES = (1.0, 0.93, 0.87)


def render_pdf(report: Report, fonts: PdfFonts | None = None) -> bytes:
    """The PDF's bytes. ``fonts.missing`` tells afterwards what no font could draw."""
    fonts = fonts if fonts is not None else PdfFonts()
    if not report.dense:
        return _render(report, fonts, 1.0)[0]
    for scale in DENSE_SCALES:
        data, pages = _render(report, fonts, scale)
        if pages == 1:
            break
    return data


def _render(report: Report, fonts: PdfFonts, scale: float) -> tuple[bytes, int]:
    renderer = _Renderer(fonts, dense=report.dense, scale=scale)
    story: list[Flowable] = [renderer.para(report.title, renderer.styles.title)]
    for index, section in enumerate(report.sections):
        if index == 0 and section.title == "Summary":
            # The summary block sits under the title without a heading of its own.
            story.extend(renderer.section(section)[2:])
        else:
            story.extend(renderer.section(section))
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=PAGE,
        leftMargin=renderer.margin,
        rightMargin=renderer.margin,
        topMargin=renderer.margin,
        bottomMargin=renderer.margin,
        title=report.title,
        author=report.author or "",
        subject="Post-incident review",
        creator=PRODUCER,
        producer=PRODUCER,
    )
    doc.build(story, canvasmaker=_numbered_canvas(fonts, renderer.margin))
    return out.getvalue(), doc.page
