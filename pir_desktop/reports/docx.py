"""The report as a Word document (python-docx), in the house style when given one.

With a template (the organisation's own ``.docx``) the report keeps its
styles, page set-up, header and footer, and replaces its body. A template
is read within ``limits`` (its size, its parts' number and unpacked size)
and only when every XML part is well-formed without a DTD; the report's own
parts are checked the same way before it is handed back, so an export never
writes a part Word cannot read. A style the
template lacks falls back to direct formatting rather than failing. Without
one, python-docx's default document gets compact type, narrow margins and a
"page N of M" footer.

Text is written unchanged; a paragraph that starts in Arabic or Hebrew is
marked right to left (``w:bidi``, ``w:rtl``) so Word and LibreOffice lay it
out. Large tables are built straight in the XML: python-docx's cell objects
cost about a millisecond each, which a 2,000-event timeline cannot afford.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from ..errors import PirError
from ..limits import TEMPLATE_FILE_BYTES, TEMPLATE_ZIP, BoundedZip, read_regular
from . import figure as fig
from .charts import ChartBlock
from .fonts import is_right_to_left
from .model import BulletList, KeyValues, Paragraph, Report, Table, TimelineFigure
from .raster import render_png

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ROOT_CAUSE = RGBColor(0x9E, 0x1F, 0x1A)
HEADING = RGBColor(0x1F, 0x38, 0x66)
FIGURE_WIDTH_PT = 480.0


class TemplateError(PirError):
    """The house-style template cannot be used."""


def _open_template(path: Path):
    if not path.exists():
        raise TemplateError(f"the template {path} does not exist")
    if path.is_dir():
        raise TemplateError(f"the template {path} is a folder, not a .docx file")
    unusable = f"the template {path} is not a usable Word template (.docx or .dotx)"
    try:
        data = read_regular(path, TEMPLATE_FILE_BYTES, TemplateError, "Word template")
        _check_package(io.BytesIO(data), path.name)
    except TemplateError as exc:
        raise TemplateError(f"{unusable}: {exc}") from None
    try:
        return Document(io.BytesIO(_as_document(data)))
    except Exception as exc:  # python-docx on a package it cannot make sense of
        raise TemplateError(f"{unusable}: {type(exc).__name__}: {exc}") from None


# A Word part never declares a DTD: refusing one keeps out entity expansion (billion
# laughs), external entities (XXE) and entities python-docx would write back unresolved.
_STRICT_XML = etree.XMLParser(
    resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False, recover=False
)


def _check_xml(content: bytes, name: str) -> None:
    if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
        raise TemplateError(f"{name} declares a DTD or entities, which a Word document never has")
    try:
        root = etree.fromstring(content, _STRICT_XML)
    except etree.XMLSyntaxError as exc:
        raise TemplateError(f"{name} is not well-formed XML ({exc})") from None
    if root.getroottree().docinfo.doctype:
        raise TemplateError(f"{name} declares a DTD, which a Word document never has")


def _check_package(source, name: str) -> None:
    """Every part unpacks within the limits and every XML part is well-formed, without
    a DTD; else ``TemplateError``."""
    with BoundedZip(source, name, TEMPLATE_ZIP, TemplateError) as archive:
        for entry in archive.entries:
            if entry.is_dir():
                continue
            content = archive.read(entry)
            if entry.filename.lower().endswith((".xml", ".rels")):
                _check_xml(content, entry.filename)


_TEMPLATE_TYPE = b"wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = b"wordprocessingml.document.main+xml"


def _as_document(data: bytes) -> bytes:
    """A Word template (.dotx) differs from a document only by its declared content
    type, which python-docx refuses; declare it a document."""
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        types = source.read("[Content_Types].xml")
    except (zipfile.BadZipFile, KeyError):
        return data  # python-docx names the problem
    if _TEMPLATE_TYPE not in types:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE)
            target.writestr(item, content)
    return out.getvalue()


class _Writer:
    def __init__(self, template: Path | None, dense: bool = False):
        self.templated = template is not None
        self.dense = dense
        self.doc = _open_template(template) if template is not None else Document()
        try:
            # python-docx looks a style up by scanning every style, on every paragraph.
            self.styles = {style.name: style.style_id for style in self.doc.styles}
            if self.templated:
                _clear_body(self.doc)
                # its document properties part must be one (a fuzzed template's was another
                # XML element, and setting the title raised AttributeError)
                self.doc.core_properties.title = self.doc.core_properties.title
        except Exception as exc:  # a template whose styles or body python-docx cannot read
            raise TemplateError(
                f"the template {template} is not a usable Word template (.docx or .dotx): "
                f"{type(exc).__name__}: {exc}"
            ) from None
        if not self.templated:
            _house_defaults(self.doc, dense)

    def style(self, *names: str) -> str | None:
        return next((name for name in names if name in self.styles), None)

    def add(self, style: str | None):
        para = self.doc.add_paragraph()
        if style is not None:
            para._p.style = self.styles[style]
        return para

    def paragraph(self, text: str, style: str | None = None, bold=False, color=None, size=None):
        para = self.add(style)
        self._runs(para, text, bold=bold, color=color, size=size)
        if is_right_to_left(text):
            _right_to_left(para)
        return para

    def _runs(self, para, text: str, bold=False, color=None, size=None) -> None:
        lines = text.split("\n")
        for index, line in enumerate(lines):
            run = para.add_run(line)
            run.bold = bold or None
            if color is not None:
                run.font.color.rgb = color
            if size is not None:
                run.font.size = size
            if is_right_to_left(line):
                run.font.rtl = True
            if index < len(lines) - 1:
                run.add_break()

    def heading(self, text: str, level: int) -> None:
        style = self.style(f"Heading {level}")
        if style:
            para = self.add(style)
            self._runs(para, text)
        else:
            para = self.paragraph(text, bold=True, color=HEADING, size=Pt(14 if level == 1 else 12))
        para.paragraph_format.keep_with_next = True
        if is_right_to_left(text):
            _right_to_left(para)

    def title(self, text: str) -> None:
        style = self.style("Title")
        if style:
            para = self.add(style)
            self._runs(para, text)
            if is_right_to_left(text):
                _right_to_left(para)
        else:
            self.paragraph(text, bold=True, size=Pt(20))

    def key_values(self, block: KeyValues) -> None:
        pairs = list(block.pairs)
        rows = [pairs[i : i + 2] for i in range(0, len(pairs), 2)]
        cells = [[t for pair in row for t in pair] + [""] * (4 - 2 * len(row)) for row in rows]
        self._table(cells, header=False, bold_columns=(0, 2), grid=False,
                    widths=(3.2, 5.3, 3.2, 5.3))  # fmt: skip

    def table(self, block: Table) -> None:
        self._table([block.headers, *block.rows], header=True, widths=_widths(block))

    def _table(self, cells, header: bool, widths, bold_columns=(), grid=True) -> None:
        columns = len(cells[0])
        table = self.doc.add_table(rows=0, cols=columns)
        style = self.style("Table Grid") if grid else None
        if style:
            table._tbl.tblStyle_val = self.styles[style]
        tbl = table._tbl
        table.autofit = False  # the widths below, not the word processor's guess
        tbl_w = tbl.tblPr.find(qn("w:tblW"))
        if tbl_w is not None:
            tbl_w.set(qn("w:type"), "dxa")
            tbl_w.set(qn("w:w"), str(round(Cm(sum(widths)).twips)))
        grid_cols = tbl.tblGrid.findall(qn("w:gridCol"))
        for col, width in zip(grid_cols, widths, strict=False):
            col.set(qn("w:w"), str(round(Cm(width).twips)))
        for row in _rows_xml(cells, widths, header, bold_columns, 14 if self.dense else 17):
            tbl.append(row)

    def bullets(self, block: BulletList) -> None:
        for item in block.items:
            level = min(item.level, 2)
            style = self.style("List Bullet" if level == 0 else f"List Bullet {level + 1}")
            text = f"{item.text} (root cause)" if item.marked else item.text
            para = self.paragraph(
                text if style else f"• {text}",
                style=style,
                bold=item.marked,
                color=ROOT_CAUSE if item.marked else None,
            )
            extra = item.level - level if style else item.level
            if extra > 0 or not style:
                para.paragraph_format.left_indent = Cm(0.63 * (item.level + 1))
            para.paragraph_format.space_after = Pt(1)

    def figure(self, block: TimelineFigure) -> None:
        scene = fig.layout(block, FIGURE_WIDTH_PT)
        png = render_png(scene)
        self.doc.add_picture(io.BytesIO(png), width=Pt(scene.width))
        last = self.doc.paragraphs[-1]
        last.paragraph_format.keep_with_next = True
        self.paragraph(block.caption, style=self.style("Caption"), size=Pt(8))

    def chart(self, block: ChartBlock) -> None:
        """A chart of the insights as a 200 dpi picture, the text width wide."""
        from .charts import png

        self.doc.add_picture(io.BytesIO(png(block.draw())), width=Cm(17))
        if block.caption:
            self.paragraph(block.caption, style=self.style("Caption"), size=Pt(8))

    def save(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        data = out.getvalue()
        try:  # a report is never written with a part Word could not read
            _check_package(io.BytesIO(data), "the report")
        except TemplateError as exc:
            raise TemplateError(f"the report could not be written as a Word file: {exc}") from None
        return data


def _rows_xml(rows, widths, header: bool, bold_columns, size: int = 17):
    """The table's rows, written as text and parsed once: building them element by
    element costs a second for a 2,000-event timeline."""
    twips = [str(round(Cm(w).twips)) for w in widths]
    out = [f'<w:tbl xmlns:w="{_W}">']
    for index, texts in enumerate(rows):
        is_header = header and index == 0
        out.append("<w:tr><w:trPr><w:tblHeader/></w:trPr>" if is_header else "<w:tr>")
        for column, text in enumerate(texts):
            width = twips[column] if column < len(twips) else "0"
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>')
            out.append(_cell_paragraph(text, is_header or column in bold_columns, size))
            out.append("</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return list(parse_xml("".join(out)))


def _cell_paragraph(text: str, bold: bool, size: int = 17) -> str:
    rtl = is_right_to_left(text)
    # Element order is the schema's (Word refuses others): b, sz, rtl; bidi, spacing.
    # size in half points: 17 is 8.5 pt, the dense summary's 14 is 7 pt
    properties = (
        ("<w:b/>" if bold else "") + f'<w:sz w:val="{size}"/>' + ("<w:rtl/>" if rtl else "")
    )
    runs = "<w:r><w:br/></w:r>".join(
        f'<w:r><w:rPr>{properties}</w:rPr><w:t xml:space="preserve">{_xml_text(line)}</w:t></w:r>'
        for line in text.split("\n")
    )
    bidi = "<w:bidi/>" if rtl else ""
    return f'<w:p><w:pPr>{bidi}<w:spacing w:before="0" w:after="0"/></w:pPr>{runs}</w:p>'


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """Escaped for XML; characters XML 1.0 cannot hold (the interchange format
    already refuses them) are dropped rather than breaking the file."""
    return escape(_CONTROL.sub("", text))


CM_PER_CHAR = 0.17  # an average character of the 10 pt body font, in cm
CM_PER_WORD_CHAR = 0.21  # a generous one, for the longest word a column must hold whole
CELL_PADDING_CM = 0.45


def _widths(block: Table) -> list[float]:
    """Column widths in cm over a 17 cm text width: short columns as wide as they need,
    and no column narrower than its longest word (a header, a date), so Word and
    LibreOffice never break "Status" into "Statu s"."""
    total = 17.0
    needs, floors = [], []
    for column, header in enumerate(block.headers):
        texts = [header] + [row[column] for row in block.rows]
        longest = max(len(text) for text in texts)
        word = max((len(w) for text in texts for w in text.split()), default=0)
        needs.append(min(longest, 60) * CM_PER_CHAR + CELL_PADDING_CM)
        floors.append(min(word, 18) * CM_PER_WORD_CHAR + CELL_PADDING_CM)
    needs = [max(need, floor) for need, floor in zip(needs, floors, strict=True)]
    if sum(needs) <= total:
        return needs
    spare = total - sum(floors)
    if spare <= 0:  # too many columns of long words: shrink them all alike
        return [floor * total / sum(floors) for floor in floors]
    wants = [need - floor for need, floor in zip(needs, floors, strict=True)]
    return [floor + spare * want / sum(wants) for floor, want in zip(floors, wants, strict=True)]


_AFTER_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
               "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
               "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
               "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")  # fmt: skip


def _right_to_left(para) -> None:
    p_pr = para._p.get_or_add_pPr()
    if p_pr.find(qn("w:bidi")) is None:
        p_pr.insert_element_before(OxmlElement("w:bidi"), *_AFTER_BIDI)
    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _clear_body(doc) -> None:
    """Remove the template's own text; its last section properties (page set-up,
    header and footer references) stay."""
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _house_defaults(doc, dense: bool = False) -> None:
    """The house style; ``dense`` (the one-page summary) sets smaller type and margins."""
    body, heading, title, gap = (8, 10.5, 14, 1) if dense else (10, 13, 20, 3)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(body)
    normal.paragraph_format.space_after = Pt(gap)
    for name, size in (("Heading 1", heading), ("Title", title)):
        style = doc.styles[name]
        style.font.size = Pt(size)
        style.paragraph_format.space_before = Pt((4 if dense else 10) if name == "Heading 1" else 0)
        style.paragraph_format.space_after = Pt(gap)
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(1.5 if dense else 2.0)
    section.top_margin = section.bottom_margin = Cm(1.0 if dense else 1.6)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for piece in ("page ", "PAGE", " of ", "NUMPAGES"):
        if piece.isupper():
            _field(footer, piece)
        else:
            run = footer.add_run(piece)
            run.font.size = Pt(8)


def _field(para, code: str) -> None:
    """A field (PAGE, NUMPAGES) the word processor fills in: begin, code, shown value, end."""

    def run_with(*elements) -> None:
        run = para.add_run()
        run.font.size = Pt(8)
        for element in elements:
            run._r.append(element)

    def char(kind: str) -> OxmlElement:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {code} "
    shown = OxmlElement("w:t")
    shown.text = "1"
    run_with(char("begin"))
    run_with(instr)
    run_with(char("separate"))
    run_with(shown)
    run_with(char("end"))


CORE_PROPERTY_LIMIT = 255  # characters: Word's limit for a title or an author property


def _core_property(text: str) -> str:
    """A document property holds 255 characters; a longer one is cut (the body keeps it all)."""
    if len(text) <= CORE_PROPERTY_LIMIT:
        return text
    return text[: CORE_PROPERTY_LIMIT - 1] + "…"


def render_docx(report: Report, template: Path | None = None) -> bytes:
    writer = _Writer(template, report.dense)
    properties = writer.doc.core_properties
    properties.title = _core_property(report.title)
    properties.author = _core_property(report.author)
    properties.subject = "Post-incident review"
    properties.comments = "Written by PIR Desktop"
    writer.title(report.title)
    for index, section in enumerate(report.sections):
        if not (index == 0 and section.title == "Summary"):
            writer.heading(section.title, 1)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                writer.paragraph(block.text)
            elif isinstance(block, KeyValues):
                writer.key_values(block)
            elif isinstance(block, Table):
                writer.table(block)
            elif isinstance(block, BulletList):
                writer.bullets(block)
            elif isinstance(block, TimelineFigure):
                writer.figure(block)
            elif isinstance(block, ChartBlock):
                writer.chart(block)
    return writer.save()
