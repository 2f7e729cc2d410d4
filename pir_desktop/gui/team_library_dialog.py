"""File › Open team library…: the address of a PostgreSQL team library, and a password.

The addresses opened before are offered again (without their passwords, which
are never written to the settings). A password typed here is used for this
run only unless "Remember" is ticked: then it goes to the system keyring
(service ``pir-desktop``, the address as the account), where the next start
finds it. A library that cannot be opened is named in the dialog, which stays
open with what was typed; the library already open stays open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QWidget

from ..errors import PirError
from .forms.ui_team_library_dialog import Ui_TeamLibraryDialog

RECENT_KEY = "team/recent"
RECENT_COUNT = 8
EXAMPLE = "postgresql+psycopg://you@db.example.org:5432/pir"


def recent_addresses(settings: QSettings) -> list[str]:
    value = settings.value(RECENT_KEY) or []
    if isinstance(value, str):  # QSettings gives a one-item list back as a string
        value = [value]
    return [str(v) for v in value if str(v).strip()]


def remember_address(settings: QSettings, account: str) -> None:
    """Put ``account`` (an address without password) first in the recent list."""
    kept = [a for a in recent_addresses(settings) if a != account]
    settings.setValue(RECENT_KEY, [account, *kept][:RECENT_COUNT])


class TeamLibraryDialog(QDialog):
    """Asks for a team library and opens it through ``open_address(address) -> error``,
    which returns ``None`` once the library is open, else a sentence for a person.
    ``current`` is the address of the team library open now, offered first."""

    def __init__(
        self,
        settings: QSettings,
        open_address: Callable[[object], str | None],
        parent: QWidget | None = None,
        current: str | None = None,
    ):
        super().__init__(parent)
        self.ui = Ui_TeamLibraryDialog()
        self.ui.setupUi(self)
        self.settings, self._open_address = settings, open_address
        self.opened = None  # the TeamAddress that was opened
        self.warning = ""  # said after opening (a password the keyring refused)
        combo = self.ui.addressEdit
        recent = recent_addresses(settings)
        if current and current not in recent:
            recent.insert(0, current)  # the team library open now, opened from --library
        combo.addItems(recent)
        combo.lineEdit().setPlaceholderText(EXAMPLE)
        combo.setInsertPolicy(combo.InsertPolicy.NoInsert)
        self.ui.errorLabel.hide()
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Open).clicked.connect(self._open)
        combo.setFocus()
        combo.lineEdit().selectAll()

    def _address(self):
        from ..storage.team_address import TeamAddress, is_team_url, parse

        text = self.ui.addressEdit.currentText().strip()
        if not text:
            raise PirError(f"type the team library's address, like {EXAMPLE}")
        if not is_team_url(text):
            raise PirError(
                f"a team library's address starts with postgresql+psycopg://, like {EXAMPLE}; "
                "a library file is opened with File › Open another library file"
            )
        address = parse(text)
        password = self.ui.passwordEdit.text()
        if password:
            # "url": used for this run and shown masked, unless it is remembered below
            address = TeamAddress(address.url, password, "url")
        return address

    def _open(self) -> None:
        try:
            address = self._address()
        except PirError as exc:
            self._say(str(exc))
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            error = self._open_address(address)
        finally:
            QApplication.restoreOverrideCursor()
        if error is not None:
            self._say(error)
            return
        self.opened = address
        remember_address(self.settings, address.account)
        if self.ui.rememberBox.isChecked() and address.password:
            from ..storage.team_address import store_password

            try:
                store_password(address, address.password)
            except PirError as exc:
                self.warning = f"The password was not remembered: {exc}"
        self.accept()

    def _say(self, message: str) -> None:
        self.ui.errorLabel.setText(f"<b>Not opened:</b> {_escape(message)}")
        self.ui.errorLabel.show()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
