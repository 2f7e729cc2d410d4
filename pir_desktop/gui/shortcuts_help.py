"""The F1 list: every command that has a key of its own (a test compares it with the
window's actions), and the dialog that shows it.

The list is taller than a laptop's screen (967 px in a message box, whose
close button was off the bottom of a 1280x800 or 1366x768 screen): the
dialog shows it in a scrolling view, as tall as the list or as the screen
allows, whichever is less, with the keyboard in it (Page Down, arrows);
Esc or Close shuts it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

WIDTH = 620  # room for "Ctrl+Shift+U / Ctrl+Shift+R  push action items…" on one line
# The window manager's title bar and borders, not known before the dialog is shown.
FRAME, SIDES = 48, 8

SHORTCUTS_HELP = """<h3>Keyboard shortcuts</h3>
<table cellspacing=4>
<tr><td><b>Ctrl+N</b></td><td>new review</td></tr>
<tr><td><b>Ctrl+L</b></td><td>the library (all reviews)</td></tr>
<tr><td><b>Ctrl+F</b></td><td>search every review</td></tr>
<tr><td><b>Ctrl+I</b></td><td>import review files (JSON)</td></tr>
<tr><td><b>Del</b></td><td>delete the selected review, event, why or item (Ctrl+Z brings it back)
</td></tr>
<tr><td><b>Ctrl+E</b></td><td>export: PDF, Word, Markdown or a review file</td></tr>
<tr><td><b>Ctrl+M</b></td><td>merge another copy of a review (a review file, another library):
see every change and conflict first</td></tr>
<tr><td><b>Ctrl+K</b></td><td>quick capture: one line becomes an event, a why, a panel item,
an action item, or (without a time) a meeting note; an owner of several words is
@"Lee Chen" or @Lee_Chen</td></tr>
<tr><td><b>Ctrl+Shift+T</b></td><td>put the selected meeting note on the timeline</td></tr>
<tr><td><b>Ctrl+1 … Ctrl+6</b></td>
<td>details, timeline, 5 whys and contributing factors, went well / didn't and lessons,
actions, meeting notes</td></tr>
<tr><td><b>Ctrl+Z / Ctrl+Shift+Z, Ctrl+Y</b></td><td>undo / redo any edit, phase changes too
</td></tr>
<tr><td><b>F2</b></td><td>edit the selected cell, why or item</td></tr>
<tr><td><b>Insert</b></td><td>new event, ask why, new action item</td></tr>
<tr><td><b>Shift+Insert</b></td><td>add a branch in the 5 whys</td></tr>
<tr><td><b>Ctrl+R</b></td><td>mark or unmark a root cause</td></tr>
<tr><td><b>Ctrl+Shift+A</b></td><td>make an action item from a why or a panel item</td></tr>
<tr><td><b>Alt+arrows</b></td><td>move items: reorder, re-parent, to another list</td></tr>
<tr><td><b>Ctrl+D</b></td><td>action item committed / deferred</td></tr>
<tr><td><b>Ctrl+O</b></td><td>open the selected action item's tracker issue</td></tr>
<tr><td><b>Ctrl+T</b></td><td>show the meeting timer</td></tr>
<tr><td><b>F5 / F6 / Shift+F6</b></td><td>timer start-pause / next / previous phase</td></tr>
<tr><td><b>F7</b></td><td>next question on the prompt card</td></tr>
<tr><td><b>F8</b></td><td>presenter window to share (Esc hides it, F11 full screen)</td></tr>
<tr><td><b>Ctrl+Shift+B</b></td><td>show the blameless statement to the room</td></tr>
<tr><td><b>Ctrl+Shift+K</b></td><td>the coach: blame framing and action-item problems</td></tr>
<tr><td><b>Ctrl+Shift+I</b></td><td>import timeline events: CSV, a Slack export, a chat log
</td></tr>
<tr><td><b>Ctrl+Shift+U / Ctrl+Shift+R</b></td><td>push action items to GitHub or Jira / refresh
their state</td></tr>
<tr><td><b>Ctrl+Shift+S</b></td><td>send the offline copies back to their home (File › Take
reviews offline makes them)</td></tr>
<tr><td><b>Ctrl+Shift+O / Ctrl+Alt+O</b></td><td>open another library file / a team library
on PostgreSQL</td></tr>
<tr><td><b>Ctrl+ + / Ctrl+ - / Ctrl+0</b></td><td>zoom in / out / actual size</td></tr>
<tr><td><b>Ctrl+Shift+P</b></td><td>presentation theme (large type, high contrast)</td></tr>
<tr><td><b>F11</b></td><td>full screen</td></tr>
<tr><td><b>F1</b></td><td>this list</td></tr>
<tr><td><b>Ctrl+Q</b></td><td>quit (everything is already saved)</td></tr>
</table>"""


class ShortcutsDialog(QDialog):
    """``SHORTCUTS_HELP`` in a scrolling view, sized to fit ``parent``'s screen."""

    def __init__(self, parent: QWidget, area: QRect | None = None):
        """``area``: the screen's available geometry (tests give a laptop's)."""
        super().__init__(parent)
        self.setObjectName("shortcutsHelp")
        self.setWindowTitle("Keyboard shortcuts")
        self.text = QTextBrowser(self)
        self.text.setHtml(SHORTCUTS_HELP)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self._fit(parent, area or parent.screen().availableGeometry())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.text.setFocus()  # Page Down and the arrows scroll the list; Esc closes it

    def _fit(self, parent: QWidget, area: QRect) -> None:
        width = min(WIDTH, area.width() - SIDES)
        margins = self.layout().contentsMargins()
        around = margins.left() + margins.right() + 2 * self.text.frameWidth()
        document = self.text.document()
        document.setTextWidth(width - around - self.text.verticalScrollBar().sizeHint().width())
        buttons = self.layout().itemAt(1).widget().sizeHint().height()
        needed = (
            int(document.size().height())
            + buttons
            + self.layout().spacing()
            + margins.top()
            + margins.bottom()
            + 2 * self.text.frameWidth()
        )
        height = min(needed, area.height() - FRAME)
        self.resize(width, height)
        # over the middle of the window, and whole on its screen, frame included (move()
        # places the frame's corner)
        place = QRect(0, 0, width + SIDES, height + FRAME)
        place.moveCenter(parent.frameGeometry().center())
        left = max(area.left(), min(place.left(), area.right() + 1 - place.width()))
        top = max(area.top(), min(place.top(), area.bottom() + 1 - place.height()))
        self.move(left, top)
