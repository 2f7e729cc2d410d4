"""File › Export in the window: the dialog's choices, the file on disk, the file opened."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from pir_desktop.gui.export_dialog import ExportDialog, file_stem
from pir_desktop.reports.export import Format
from pir_desktop.reports.model import Variant

from .readers import docx_blocks, pdf_pages, pdf_text, squash


def _open_dialog(window, qtbot) -> ExportDialog:
    window.ui.actionExport.trigger()
    dialog = window.export_dialog
    assert isinstance(dialog, ExportDialog) and dialog.parent() is window
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _choose(dialog, combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def _press_export(qtbot, dialog) -> None:
    ok = dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "&Export"
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def test_export_summary_pdf_writes_and_opens_it(window, qtbot, api_review, tmp_path):
    opened = []
    window.open_file = opened.append
    dialog = _open_dialog(window, qtbot)
    _choose(dialog, dialog.ui.formatCombo, Format.PDF)
    _choose(dialog, dialog.ui.variantCombo, Variant.SUMMARY)
    name = dialog.ui.pathEdit.text()
    assert name.endswith("2026-03-12-api-returned-500-errors-for-40-minutes-summary.pdf")
    target = tmp_path / "summary.pdf"
    dialog.ui.pathEdit.setText(str(target))
    _press_export(qtbot, dialog)
    qtbot.waitUntil(lambda: opened == [target])
    text = squash(pdf_text(target))
    assert "API returned 500 errors for 40 minutes" in text and "Key moments (UTC)" in text
    assert pdf_pages(target) == 1
    assert window.last_message == f"Exported to {target}"


def test_export_public_docx_from_the_library_list(window, qtbot, tmp_path):
    """Without opening the review: the selected row of the home page is exported."""
    from .conftest import API_SAMPLE

    assert window.import_paths([API_SAMPLE])
    window.open_file = lambda path: None
    dialog = _open_dialog(window, qtbot)
    _choose(dialog, dialog.ui.formatCombo, Format.DOCX)
    assert dialog.ui.templateEdit.isEnabled()
    _choose(dialog, dialog.ui.variantCombo, Variant.PUBLIC)
    assert dialog.ui.pathEdit.text().endswith("-public.docx")
    target = tmp_path / "public.docx"
    dialog.ui.pathEdit.setText(str(target))
    dialog.ui.openAfter.setChecked(False)
    _press_export(qtbot, dialog)
    qtbot.waitUntil(target.exists)
    text = " ".join(docx_blocks(target))
    assert "Incident commander" in text and "Dana Reyes" not in text


def test_format_decides_the_suffix_the_template_and_the_variants(window, qtbot, api_review):
    dialog = _open_dialog(window, qtbot)
    _choose(dialog, dialog.ui.variantCombo, Variant.SUMMARY)
    _choose(dialog, dialog.ui.formatCombo, Format.MD)
    assert dialog.ui.pathEdit.text().endswith("-summary.md")
    assert not dialog.ui.templateEdit.isEnabled()
    _choose(dialog, dialog.ui.formatCombo, Format.JSON)
    assert dialog.variant == Variant.FULL  # a review file has no summary
    summary_item = dialog.ui.variantCombo.model().item(
        dialog.ui.variantCombo.findData(Variant.SUMMARY)
    )
    assert not summary_item.isEnabled()
    assert dialog.ui.pathEdit.text().endswith("minutes.json")
    dialog.reject()


def test_a_missing_template_is_refused_in_the_dialog(window, qtbot, api_review, tmp_path):
    dialog = _open_dialog(window, qtbot)
    _choose(dialog, dialog.ui.formatCombo, Format.DOCX)
    dialog.ui.templateEdit.setText(str(tmp_path / "nowhere.docx"))
    dialog.ui.pathEdit.setText(str(tmp_path / "out.docx"))
    _press_export(qtbot, dialog)
    assert dialog.isVisible()
    assert "does not exist" in dialog.ui.variantHint.text()
    assert not (tmp_path / "out.docx").exists()
    dialog.reject()


def test_a_broken_template_is_named_and_the_old_file_kept(window, qtbot, api_review, tmp_path):
    window.open_file = lambda path: None
    template = tmp_path / "house.docx"
    template.write_text("not a word document", encoding="utf-8")
    target = tmp_path / "out.docx"
    target.write_bytes(b"old report")
    dialog = _open_dialog(window, qtbot)
    _choose(dialog, dialog.ui.formatCombo, Format.DOCX)
    dialog.ui.templateEdit.setText(str(template))
    dialog.ui.pathEdit.setText(str(target))
    _press_export(qtbot, dialog)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "alert") is not None)
    box = window.findChild(QMessageBox, "alert")
    assert "is not a usable Word template" in box.text() and "Traceback" not in box.text()
    assert target.read_bytes() == b"old report"


def test_the_last_choices_are_remembered(window, qtbot, api_review, tmp_path):
    window.open_file = lambda path: None
    dialog = _open_dialog(window, qtbot)
    _choose(dialog, dialog.ui.formatCombo, Format.MD)
    _choose(dialog, dialog.ui.variantCombo, Variant.PUBLIC)
    dialog.ui.pathEdit.setText(str(tmp_path / "x.md"))
    _press_export(qtbot, dialog)
    qtbot.waitUntil(lambda: (tmp_path / "x.md").exists())
    again = _open_dialog(window, qtbot)
    assert (again.fmt, again.variant) == (Format.MD, Variant.PUBLIC)
    assert again.ui.pathEdit.text() == str(
        tmp_path / (file_stem("API returned 500 errors for 40 minutes", "2026-03-12",
                              Variant.PUBLIC) + ".md")
    )  # fmt: skip
    again.reject()


def test_file_stem_is_safe_for_any_title():
    assert file_stem("API: 500s / 40 min!", "2026-03-12", Variant.FULL) == (
        "2026-03-12-api-500s-40-min"
    )
    assert file_stem("データベース障害", "2026-01-02", Variant.SUMMARY) == (
        "2026-01-02-データベース障害-summary"
    )
    assert file_stem("///", "2026-01-02", Variant.FULL) == "2026-01-02-review"
