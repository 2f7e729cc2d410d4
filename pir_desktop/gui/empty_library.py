"""What the home page shows when the library holds no review yet: what to do first."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from ..paths import resources_dir

SAMPLE = "api-500-connection-pool.json"


def sample_path():
    return resources_dir() / "samples" / SAMPLE


class EmptyLibrary(QFrame):
    """Three ways to start: a new review, a review file, or the sample to look around."""

    new_review = Signal()
    import_files = Signal()
    open_sample = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("emptyLibrary")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        title = QLabel("<b>No review in this library yet.</b>", self)
        text = QLabel(
            "Start a review for an incident, bring in a review file (exported from another "
            "library or written by a script), or open the sample review to look around first.",
            self,
        )
        text.setWordWrap(True)
        row = QHBoxLayout()
        for label, tip, signal in (
            ("New review", "Ctrl+N", self.new_review),
            ("Import a review file…", "Ctrl+I", self.import_files),
            (
                "Open the sample review",
                "a P1 outage of an API, with a whole review",
                self.open_sample,
            ),
        ):
            button = QPushButton(label, self)
            button.setToolTip(tip)
            button.clicked.connect(signal)
            row.addWidget(button)
        row.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addLayout(row)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
