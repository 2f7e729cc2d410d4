"""File › Export: the choices of ``pir-desktop export`` in a dialog (form ``ui/export_dialog.ui``).

The dialog only gathers an ``ExportChoice``; the window exports (through
``reports.export``) and opens the result. The last format, variant, template
and folder are remembered in the settings. Changing the format changes the
file's suffix; the template applies to Word only and the summary variant to
reports only, so those controls follow the format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ..reports.export import Format
from ..reports.model import Variant
from .file_dialogs import open_file_name, save_file_name
from .forms.ui_export_dialog import Ui_ExportDialog

VARIANT_LABELS = {
    Variant.FULL: "Full report",
    Variant.SUMMARY: "Summary (one page, for internal publishing)",
    Variant.PUBLIC: "Public (names as roles, addresses and revenue removed)",
}
VARIANT_HINTS = {
    Variant.FULL: "Everything in the review, with the whole timeline.",
    Variant.SUMMARY: "Key moments in place of the full timeline; everything else kept.",
    Variant.PUBLIC: "For outside the company: people become their roles; e-mail and IP "
    "addresses, host names, links and the revenue impact are left out.",
}


@dataclass(frozen=True)
class ExportChoice:
    fmt: Format
    variant: Variant
    template: Path | None
    path: Path
    open_after: bool
    with_notes: bool = False


def file_stem(title: str, day: str, variant: Variant) -> str:
    """``2026-03-12-api-returned-500-errors`` (plus ``-summary`` / ``-public``)."""
    slug = re.sub(r"[^\w]+", "-", title.lower(), flags=re.UNICODE).strip("-")[:60].strip("-")
    suffix = "" if variant == Variant.FULL else f"-{variant.value}"
    return f"{day}-{slug or 'review'}{suffix}"


class ExportDialog(QDialog):
    def __init__(self, parent: QWidget, settings: QSettings, title: str, day: str):
        super().__init__(parent)
        self.ui = Ui_ExportDialog()
        self.ui.setupUi(self)
        self.setObjectName("exportDialog")
        self.settings, self.title, self.day = settings, title, day
        ok = self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Export")
        self.ui.buttons.accepted.connect(self._accept_if_valid)
        self.ui.buttons.rejected.connect(self.reject)
        for fmt in Format:
            self.ui.formatCombo.addItem(fmt.label, fmt)
        for variant in Variant:
            self.ui.variantCombo.addItem(VARIANT_LABELS[variant], variant)

        self._select(self.ui.formatCombo, Format(settings.value("export/format", "pdf")))
        self._select(self.ui.variantCombo, Variant(settings.value("export/variant", "full")))
        self.ui.templateEdit.setText(str(settings.value("export/template", "")))
        self.ui.openAfter.setChecked(settings.value("export/open", "true") == "true")
        self.ui.withNotes.setChecked(settings.value("export/notes", "false") == "true")
        folder = Path(str(settings.value("export/folder", str(Path.home()))))
        self.ui.pathEdit.setText(str(folder / (self._stem() + self.fmt.suffix)))

        self.ui.formatCombo.currentIndexChanged.connect(self._format_changed)
        self.ui.variantCombo.currentIndexChanged.connect(self._variant_changed)
        self.ui.templateBrowse.clicked.connect(self._browse_template)
        self.ui.pathBrowse.clicked.connect(self._browse_path)
        self._follow_format()
        self.error = ""

    # -- state
    # Qt hands the enums back as plain strings.
    @property
    def fmt(self) -> Format:
        return Format(self.ui.formatCombo.currentData())

    @property
    def variant(self) -> Variant:
        return Variant(self.ui.variantCombo.currentData())

    def choice(self) -> ExportChoice:
        template = self.ui.templateEdit.text().strip()
        return ExportChoice(
            self.fmt,
            self.variant,
            Path(template).expanduser() if template and self.fmt == Format.DOCX else None,
            Path(self.ui.pathEdit.text().strip()).expanduser(),
            self.ui.openAfter.isChecked(),
            self.ui.withNotes.isChecked() and self.ui.withNotes.isEnabled(),
        )

    # -- reactions
    @staticmethod
    def _select(combo, data) -> None:
        index = combo.findData(data)
        if index >= 0:
            combo.setCurrentIndex(index)

    def _stem(self) -> str:
        return file_stem(self.title, self.day, self.variant)

    def _follow_format(self) -> None:
        is_docx = self.fmt == Format.DOCX
        for widget in (self.ui.templateLabel, self.ui.templateEdit, self.ui.templateBrowse):
            widget.setEnabled(is_docx)
        summary = self.ui.variantCombo.model().item(self.ui.variantCombo.findData(Variant.SUMMARY))
        whole = self.fmt in (Format.JSON, Format.CSV)  # files that always hold every item
        summary.setEnabled(not whole)
        if whole and self.variant == Variant.SUMMARY:
            self._select(self.ui.variantCombo, Variant.FULL)
        self.ui.variantHint.setText(VARIANT_HINTS[self.variant])
        self._follow_variant()

    def _follow_variant(self) -> None:
        report = self.fmt in (Format.PDF, Format.DOCX, Format.MD)
        self.ui.withNotes.setEnabled(report and self.variant == Variant.FULL)

    def _rename(self) -> None:
        """Keep the file's folder; give it the name for this format and variant."""
        current = Path(self.ui.pathEdit.text().strip() or str(Path.home() / "review"))
        self.ui.pathEdit.setText(str(current.with_name(self._stem() + self.fmt.suffix)))

    def _format_changed(self) -> None:
        self._follow_format()
        self._rename()

    def _variant_changed(self) -> None:
        self.ui.variantHint.setText(VARIANT_HINTS[self.variant])
        self._follow_variant()
        self._rename()

    def _browse_template(self) -> None:
        name = open_file_name(
            self, "House-style template", str(Path.home()), "Word documents (*.docx *.dotx)"
        )
        if name:
            self.ui.templateEdit.setText(name)

    def _browse_path(self) -> None:
        name, _ = save_file_name(
            self, "Export review", self.ui.pathEdit.text(), f"{self.fmt.label} (*{self.fmt.suffix})"
        )
        if name:
            self.ui.pathEdit.setText(name)

    def _accept_if_valid(self) -> None:
        choice = self.choice()
        if not self.ui.pathEdit.text().strip():
            self.error = "choose where to save the file"
        elif choice.path.is_dir():
            self.error = f"{choice.path} is a folder; give a file name"
        elif not choice.path.parent.is_dir():
            self.error = f"the folder {choice.path.parent} does not exist"
        elif choice.template is not None and not choice.template.is_file():
            self.error = f"the template {choice.template} does not exist"
        else:
            self.error = ""
        if self.error:
            self.ui.variantHint.setText(f"⚠ {self.error[:1].upper()}{self.error[1:]}.")
            return
        self.settings.setValue("export/format", choice.fmt.value)
        self.settings.setValue("export/variant", choice.variant.value)
        self.settings.setValue("export/template", self.ui.templateEdit.text().strip())
        self.settings.setValue("export/folder", str(choice.path.parent))
        self.settings.setValue("export/open", "true" if choice.open_after else "false")
        self.settings.setValue("export/notes", "true" if self.ui.withNotes.isChecked() else "false")
        self.accept()
