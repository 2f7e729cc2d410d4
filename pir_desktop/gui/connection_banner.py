"""The bar across the top of the window while the library cannot be reached.

It says what happened in a person's words, that nothing is saved until the
server is back, and that what is being typed stays where it is; it goes away
by itself when the connection returns.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

_STYLE = (
    "QLabel#connectionBanner { background: #fce8e6; color: #3c0a06; "
    "border: 1px solid #d93025; border-radius: 3px; padding: 6px 10px; }"
)


class ConnectionBanner(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("connectionBanner")
        self.setAccessibleName("Connection")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setStyleSheet(_STYLE)
        self.hide()

    def show_lost(self, name: str, reason: str) -> None:
        from html import escape

        self.setText(
            f"<b>Read-only: the library {escape(name)} cannot be reached.</b> "
            f"{escape(_why(reason))} Nothing is saved until it is back; "
            "what you are typing stays where it is. Trying again every few seconds…"
        )
        self.show()


def _why(reason: str) -> str:
    """The cause in ``reason`` as a sentence, without the library's name said again."""
    found = re.search(r"cannot be reached \((.*)\)", reason)
    why = found.group(1) if found else reason
    why = why[:1].upper() + why[1:]
    return why if why.endswith((".", "?", "!")) else why + "."
