"""One review to the bytes of one file: the choice of format and variant in one place.

The CLI's ``export`` and the window's File › Export both call
``export_review``; it refuses a combination that makes no sense (a template
for a PDF, a summary of a JSON file) with a message, before any work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from ..domain.model import Review
from ..errors import PirError
from .model import Variant, build_report


class Format(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    MD = "md"
    JSON = "json"
    CSV = "csv"

    @property
    def suffix(self) -> str:
        return f".{self.value}"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Format.PDF: "PDF document",
    Format.DOCX: "Word document",
    Format.MD: "Markdown (wikis)",
    Format.JSON: "Review file (JSON)",
    Format.CSV: "Action items (CSV)",
}


@dataclass
class Exported:
    data: bytes
    warnings: list[str] = field(default_factory=list)
    # For a version-1 review file: what of the review version 1 cannot hold.
    left_out: list[str] = field(default_factory=list)


def export_review(
    review: Review,
    fmt: Format | str,
    variant: Variant | str = Variant.FULL,
    template: Path | None = None,
    json_version: int = 2,
    with_notes: bool = False,
) -> Exported:
    fmt, variant = Format(fmt), Variant(variant)
    if template is not None and fmt != Format.DOCX:
        raise PirError(f"a template is a Word document's house style; {fmt.value} takes none")
    if json_version != 2 and fmt != Format.JSON:
        raise PirError(f"a version of the review file is for json; {fmt.value} has none")
    if json_version not in (1, 2):
        raise PirError(f"review files come in versions 1 and 2, not {json_version}")
    if fmt in (Format.JSON, Format.CSV):
        from .redact import public_review

        if variant == Variant.SUMMARY:
            what = (
                "a review file always holds the whole review"
                if fmt == Format.JSON
                else "the action items' CSV always holds every item"
            )
            raise PirError(f"{what}; the summary variant is for reports (pdf, docx, md)")
        chosen = public_review(review) if variant == Variant.PUBLIC else review
        if fmt == Format.CSV:
            from .actions_csv import actions_csv

            return Exported(actions_csv(chosen))
        from ..interchange.review_json import dumps, dumps_v1

        if json_version == 1:
            text, left_out = dumps_v1(chosen)
            return Exported(text.encode("utf-8"), left_out=left_out)
        return Exported(dumps(chosen).encode("utf-8"))
    if with_notes and (variant != Variant.FULL or fmt in (Format.JSON, Format.CSV)):
        raise PirError(
            "meeting notes go only into the full report (pdf, docx, md): they are the team's "
            "own words, not redacted for the public and too long for the summary"
        )
    report = build_report(review, variant, with_notes=with_notes)
    if fmt == Format.MD:
        from .markdown import render_markdown

        return Exported(render_markdown(report).encode("utf-8"))
    if fmt == Format.DOCX:
        from .docx import render_docx

        return Exported(render_docx(report, template))
    from .fonts import PdfFonts
    from .pdf import render_pdf

    fonts = PdfFonts()
    data = render_pdf(report, fonts)
    warnings = []
    if fonts.missing:
        shown = " ".join(sorted(fonts.missing)[:12])
        warnings.append(
            f"{len(fonts.missing)} character(s) are in none of the embedded fonts and are "
            f"missing from the PDF (the DOCX and Markdown reports keep them): {shown}"
        )
        hints = [face.install_hint for face in fonts.not_found if face.install_hint]
        if hints:
            warnings[-1] += f". {'; '.join(hints)}."
    return Exported(data, warnings)
