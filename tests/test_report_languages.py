"""Any language: a review in Japanese, Arabic, Greek, Cyrillic, Hebrew and emoji.

The PDF must give every text back through pdftotext (searchable, copyable),
in the embedded fonts; DOCX and Markdown keep every character unchanged.
Right-to-left lines are drawn right to left, which pdftotext reads word by
word from the left, so for those the words are compared.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from pir_desktop.domain.enums import ActionCategory, EventKind, Panel, Severity
from pir_desktop.domain.model import ActionItem, PanelItem, Review, TimelineEvent, WhyNode
from pir_desktop.reports.export import export_review
from pir_desktop.reports.fonts import PdfFonts, is_right_to_left
from pir_desktop.reports.model import build_report
from pir_desktop.reports.pdf import render_pdf

from .readers import docx_blocks, pdf_fonts, pdf_ink, pdf_text, squash

TEXTS = {
    "japanese": "データベースの接続プールが枯渇した 🔥",
    "arabic": "تعطلت قاعدة البيانات بعد تحديث الإعدادات",
    "greek": "Η βάση δεδομένων σταμάτησε να απαντά ⚠️",
    "russian": "Сервер перестал отвечать на запросы",
    "hebrew": "השרת הפסיק להגיב לבקשות",
    "latin": "Café déjà vu: naïve façade, Ærø, Łódź 🚀",
    "chinese": "数据库连接池耗尽，服务中断",
    "korean": "데이터베이스 연결 풀이 고갈되었습니다",
}


def multilingual_review() -> Review:
    review = Review(
        title="障害報告 — تقرير الحادث — Αναφορά 📋",
        incident_date=date(2026, 3, 12),
        severity=Severity.P2,
        summary="Résumé: Сбой базы данных ✅",
        problem=TEXTS["greek"],
    )
    for minute, text in enumerate(TEXTS.values()):
        review.timeline.append(
            TimelineEvent(datetime(2026, 3, 12, 14, minute, tzinfo=UTC), text, EventKind.NOTE)
        )
    review.whys = [
        WhyNode(TEXTS["japanese"], children=[WhyNode(TEXTS["arabic"], root_cause=True)]),
    ]
    review.panels[Panel.WENT_WELL] = [PanelItem(TEXTS["korean"])]
    review.panels[Panel.LUCKY] = [PanelItem(TEXTS["hebrew"])]
    review.action_items = [
        ActionItem("إضافة تنبيه على استخدام المجمع", owner="Ωμέγα", category=ActionCategory.DETECT),
        ActionItem("接続プールの監視を追加する", owner="田中", category=ActionCategory.PREVENT),
    ]
    return review


def _without_selectors(text: str) -> str:
    """The emoji variation selector U+FE0F is invisible and has no glyph to carry it."""
    return text.replace("\ufe0f", "")


def test_pdf_gives_every_script_back_as_text(tmp_path):
    review = multilingual_review()
    fonts = PdfFonts()
    path = tmp_path / "report.pdf"
    path.write_bytes(render_pdf(build_report(review), fonts))
    assert fonts.missing == set()
    text = squash(pdf_text(path, raw=False))
    expected = [*TEXTS.values(), review.title.split(" — ")[0], "Сбой базы данных ✅"]
    expected += [item.title for item in review.action_items]
    for sample in expected:
        sample = _without_selectors(sample)
        if is_right_to_left(sample):
            missing = [word for word in sample.split() if word not in text]
            assert missing == [], sample
        else:
            assert sample in text
    embedded = "\n".join(pdf_fonts(path))
    fonts_used = (
        "NotoSans-Regular",
        "NotoSansArabic",
        "NotoSansHebrew",
        "DroidSans",
        "Nanum",
        "Symbola",
    )
    for font in fonts_used:
        assert font in embedded
    for line in pdf_fonts(path):
        if "TrueType" in line:
            assert line.split()[-5:-2] == ["yes", "yes", "yes"]  # embedded, subset, unicode map


def test_emoji_beyond_the_basic_plane_come_back_whole(tmp_path):
    """ReportLab alone writes U+1F525 as 5 hex digits and readers get U+1F52 ("ὒ")."""
    review = Review(title="Fire 🔥 rocket 🚀 check ✅", incident_date=date(2026, 1, 2),
                    severity=Severity.P3)  # fmt: skip
    path = tmp_path / "emoji.pdf"
    path.write_bytes(render_pdf(build_report(review)))
    text = pdf_text(path)
    assert "Fire 🔥 rocket 🚀 check ✅" in text
    assert "ὒ" not in text


def test_a_space_after_a_symbol_draws_nothing(tmp_path):
    """The summary's "33 min ▲ over threshold" showed a box where the space
    was: the space went to the symbol font, which has no space glyph."""
    ink = {}
    for name, title in (("spaced", "Load ▲ ▲ ▲ ▲ ▲ ▲ high"), ("tight", "Load ▲▲▲▲▲▲ high")):
        review = Review(title=title, incident_date=date(2026, 1, 2), severity=Severity.P3)
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(render_pdf(build_report(review)))
        assert squash(title) in squash(pdf_text(path))
        ink[name] = pdf_ink(path)
    # Six missing-glyph boxes add well over a hundred dark pixels at 100 dpi;
    # spacing alone changes anti-aliasing by a few.
    assert abs(ink["spaced"] - ink["tight"]) < 40, ink


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_docx_and_markdown_keep_every_character(tmp_path, fmt):
    review = multilingual_review()
    data = export_review(review, fmt).data
    if fmt == "docx":
        path = tmp_path / "report.docx"
        path.write_bytes(data)
        text = "\n".join(docx_blocks(path))
    else:
        text = data.decode("utf-8")
    for sample in [*TEXTS.values(), review.title]:
        assert sample in text


def test_docx_marks_right_to_left_paragraphs(tmp_path):
    from docx import Document

    path = tmp_path / "report.docx"
    path.write_bytes(export_review(multilingual_review(), "docx").data)
    doc = Document(str(path))
    arabic = next(p for p in doc.paragraphs if TEXTS["arabic"] in p.text)
    assert (
        arabic._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi")
        is not None
    )
    assert all(run.font.rtl for run in arabic.runs)
    japanese = next(p for p in doc.paragraphs if TEXTS["japanese"] == p.text)
    assert not any(run.font.rtl for run in japanese.runs)


def test_a_character_no_font_has_is_named_in_a_warning(tmp_path):
    review = Review(title="Ancient 𓂀 sign", incident_date=date(2026, 1, 2), severity=Severity.P3)
    exported = export_review(review, "pdf")
    assert exported.warnings and "𓂀" in exported.warnings[0]
    path = tmp_path / "r.pdf"
    path.write_bytes(exported.data)
    assert "Ancient sign" in squash(pdf_text(path))  # the rest of the text is intact
