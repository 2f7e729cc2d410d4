"""The baseline of the start-up benchmark: a bare PySide6 window that shows, paints and quits.

It does what ``pir-desktop --exit-after-startup`` does, with nothing of ours.
"""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("bare window"))
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, lambda: (window.repaint(), app.quit()))
sys.exit(app.exec())
