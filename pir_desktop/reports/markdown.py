"""The report as Markdown: CommonMark with GFM tables (Confluence, Notion, GitHub, GitLab).

Text keeps every character; what would break the structure is escaped:
pipes and line breaks in table cells, and Markdown's own punctuation at the
places where it would start a heading, a list, emphasis, a link or HTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .charts import ChartBlock
from .model import BulletList, KeyValues, Paragraph, Report, Table

_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")  # emphasis, code, links, HTML, tables, entities
_LINE_START = re.compile(r"^(\s*)([#+=-])")  # headings, lists, setext underlines
_ORDERED = re.compile(r"^(\s*\d+)([.)])")


def escape(text: str) -> str:
    """Inline text that renders as itself: what Markdown would read as markup is escaped.

    Leading blanks go: four of them would start a code block, and a reader
    never sees them anyway.
    """
    text = _INLINE.sub(r"\\\1", text.lstrip(" \t"))
    text = _LINE_START.sub(r"\1\\\2", text)
    return _ORDERED.sub(r"\1\\\2", text)


def cell(text: str) -> str:
    """Text for a table cell: escaped, with line breaks as <br> (a cell is one line)."""
    return "<br>".join(escape(line) for line in text.splitlines()) if text else ""


def _table(table: Table) -> list[str]:
    lines = [
        "| " + " | ".join(cell(h) for h in table.headers) + " |",
        "|" + "|".join(" --- " for _ in table.headers) + "|",
    ]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in table.rows]
    return lines


def _paragraph(text: str) -> str:
    return "  \n".join(escape(line) for line in text.splitlines())


def render_markdown(report: Report, picture: Callable[[ChartBlock], str] | None = None) -> str:
    """The report's Markdown. ``picture(chart)`` writes a chart's image and gives the link
    to it; without it charts are left out."""
    out: list[str] = [f"# {escape(report.title)}", ""]
    for section in report.sections:
        out += [f"## {escape(section.title)}", ""]
        for block in section.blocks:
            if isinstance(block, Paragraph):
                out.append(_paragraph(block.text))
            elif isinstance(block, KeyValues):
                out += [f"- **{escape(k)}:** {escape(v)}" for k, v in block.pairs]
            elif isinstance(block, Table):
                out += _table(block)
            elif isinstance(block, BulletList):
                for item in block.items:
                    text = escape(" ".join(item.text.splitlines()))
                    if item.marked:
                        text = f"**{text}** (root cause)"
                    out.append(f"{'  ' * item.level}- {text}")
            elif isinstance(block, ChartBlock):
                if picture is None:
                    continue
                target = picture(block).replace(" ", "%20").replace(")", "%29")
                out.append(f"![{escape(block.title)}]({target})")
            out.append("")
    return "\n".join(out).rstrip() + "\n"
