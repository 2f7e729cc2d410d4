"""File › Take reviews offline…: which home library, and which of its reviews to copy here.

The home is a team library's address (the recent ones are offered, without
passwords) or a library file. "Show its reviews" opens the home to read its
list; the reviews this library already holds cannot be ticked. Nothing is
copied until OK, and then through the window's ``take(home, ids)``, which
returns ``None`` or a sentence for a person (the dialog stays open with it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QListWidgetItem, QWidget

from .busy import while_busy
from .file_dialogs import open_file_name
from .forms.ui_take_offline_dialog import Ui_TakeOfflineDialog
from .team_library_dialog import recent_addresses

ID_ROLE = Qt.ItemDataRole.UserRole


class TakeOfflineDialog(QDialog):
    def __init__(
        self,
        settings: QSettings,
        list_home: Callable[[str], list],
        here: set[str],
        take: Callable[[str, list[str]], str | None],
        parent: QWidget | None = None,
    ):
        """``list_home(home)`` gives the home's reviews (``ReviewSummary``) or raises a
        ``PirError``; ``here`` holds the ids this library already has."""
        super().__init__(parent)
        self.ui = Ui_TakeOfflineDialog()
        self.ui.setupUi(self)
        self._list_home, self._here, self._take = list_home, here, take
        self._shown_home: str | None = None
        ui = self.ui
        ui.homeEdit.addItems(recent_addresses(settings))
        ui.homeEdit.lineEdit().setPlaceholderText(
            "postgresql+psycopg://you@db.example.org/pir, or a library file"
        )
        ui.homeEdit.setInsertPolicy(ui.homeEdit.InsertPolicy.NoInsert)
        self.ok = ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("&Take offline")
        self.ok.setEnabled(False)
        self.ok.clicked.connect(self._accept)
        ui.showButton.clicked.connect(self.show_reviews)
        ui.showButton.setDefault(True)
        ui.fileButton.clicked.connect(self._choose_file)
        ui.homeEdit.lineEdit().returnPressed.connect(self.show_reviews)
        ui.homeEdit.editTextChanged.connect(self._home_edited)
        ui.reviewList.itemChanged.connect(lambda _item: self._update_ok())
        ui.errorLabel.hide()

    def home(self) -> str:
        return self.ui.homeEdit.currentText().strip()

    def _home_edited(self) -> None:
        if self.home() != self._shown_home:  # the list shown is another home's
            self.ui.reviewList.clear()
            self._shown_home = None
            self._update_ok()

    def _choose_file(self) -> None:
        name = open_file_name(
            self,
            "The library to take reviews from",
            str(Path.home()),
            "PIR Desktop library (*.sqlite);;All files (*)",
        )
        if name:
            self.ui.homeEdit.setEditText(name)
            self.show_reviews()

    def show_reviews(self) -> None:
        home = self.home()
        if not home:
            self._say("type the team library's address, or choose a library file")
            return
        reviews, failure = while_busy(lambda: self._list_home(home))
        listing = self.ui.reviewList
        listing.clear()
        if failure is not None:
            self._say(failure)
            return
        self.ui.errorLabel.hide()
        self._shown_home = home
        for review in reviews:
            item = QListWidgetItem(f"{review.title} · {review.incident_date.isoformat()}")
            item.setData(ID_ROLE, review.id)
            if review.id in self._here:
                item.setText(item.text() + " (already in this library)")
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setCheckState(Qt.CheckState.Unchecked)
            else:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
            listing.addItem(item)
        if not reviews:
            self._say("that library holds no review")
        listing.setFocus()
        listing.setCurrentRow(0)
        self._update_ok()

    def chosen(self) -> list[str]:
        listing = self.ui.reviewList
        return [
            listing.item(row).data(ID_ROLE)
            for row in range(listing.count())
            if listing.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _update_ok(self) -> None:
        count = len(self.chosen())
        self.ok.setEnabled(count > 0)
        self.ok.setText(f"&Take {count} offline" if count else "&Take offline")

    def _accept(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            error = self._take(self._shown_home or self.home(), self.chosen())
        finally:
            QApplication.restoreOverrideCursor()
        if error is not None:
            self._say(error)
            return
        self.accept()

    def _say(self, message: str) -> None:
        text = message[:1].upper() + message[1:]
        self.ui.errorLabel.setText(
            "<b>Nothing taken:</b> "
            + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        )
        self.ui.errorLabel.show()
