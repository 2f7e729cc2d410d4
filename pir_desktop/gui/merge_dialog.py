"""File › Merge's preview (form ``ui/merge_dialog.ui``): what the merge will do, before it does.

It shows, for each copy merged, the summary line of interchange v2
(``added 12, updated 3, deleted 1, kept 40, conflicts 1``), the lines for
orphans and edits after a delete, and every conflict side by side
(``merge_model``), the library's copy chosen until the person chooses the
other. A choice merges again in memory (``operations.merge.choose_all``):
the counts follow it. The dialog writes nothing; ``prepared`` is what the
window applies, as one undo step, once Merge is pressed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, tzinfo
from functools import partial

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QWidget

from ..domain.merge import Names, Side
from ..domain.text import one_line
from ..operations.merge import PreparedMerge, choose_all
from .forms.ui_merge_dialog import Ui_MergeDialog
from .merge_model import INCOMING, LIBRARY, ConflictModel, ConflictRow
from .time_zone import readable_time

ROW_AIR = 10  # pixels added to each conflict's row, so two conflicts do not run together
TABLE_MOST = 360  # pixels: the conflicts' table grows to fit its rows up to this, then scrolls
QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's largest widget size, which PySide6 does not export
NARROW = 720  # pixels: the width without a table of conflicts (the form's is for the table)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class MergeDialog(QDialog):
    def __init__(
        self,
        parent: QWidget,
        prepared: Sequence[PreparedMerge],
        zone: tzinfo = UTC,
        look_alikes: Mapping[str, str] | None = None,
    ):
        super().__init__(parent)
        # review id -> a review of the library with the same title and date, another id
        self._look_alikes = dict(look_alikes or {})
        self._when = partial(readable_time, zone=zone)  # the window's zone (View › Time zone)
        self.ui = Ui_MergeDialog()
        self.ui.setupUi(self)
        self.setObjectName("mergeDialog")
        self._original = list(prepared)
        self.choices: list[dict[str, Side]] = [{} for _ in prepared]
        self.prepared: list[PreparedMerge] = list(prepared)
        sources = list(dict.fromkeys(step.source for step in prepared))
        self._names = Names(incoming=sources[0] if len(sources) == 1 else "the other copy")
        self.model = ConflictModel(self._names.incoming, self, when=self._when)
        self.model.chosen.connect(self._chosen)
        view = self.ui.conflictsView
        view.setModel(self.model)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(160)
        view.clicked.connect(self._clicked)
        self.merge_button = self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        imports = all(step.is_import for step in prepared)
        self.merge_button.setText("&Import" if imports else "&Merge")
        self.ui.buttons.accepted.connect(self.accept)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.headingLabel.setText(self._heading(sources))
        self.setWindowTitle(f"Merge {sources[0]}" if len(sources) == 1 else "Merge copies")
        self._show()
        self._sized = False  # to its content when first shown, then as the person sizes it
        if not self.model.rowCount():
            self.resize(NARROW, self.height())
        if self._look_alikes:  # a second copy is one click away: Enter must not make it
            cancel = self.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel)
            self.merge_button.setAutoDefault(False)
            self.merge_button.setDefault(False)
            cancel.setDefault(True)
        if self.model.rowCount():
            view.setCurrentIndex(self.model.index(0, LIBRARY))
            view.setFocus()
        elif self._look_alikes:
            cancel.setFocus()
        else:
            self.merge_button.setFocus()

    def _heading(self, sources: list[str]) -> str:
        reviews: dict[str, str] = {}
        for step in self._original:  # the title the library has, before the merge
            reviews.setdefault(step.review_id, (step.base or step.incoming).title)
        if len(reviews) == 1:
            title = _escape(one_line(next(iter(reviews.values()))))
            where = ", ".join(_escape(s) for s in sources)
            if all(step.is_import for step in self._original):
                if self._look_alikes:
                    return (
                        f"<b>“{title}” is not in this library under its id.</b> This library "
                        "has a review with the same title and date, under another id: "
                        f"importing makes a second copy from {where}."
                    )
                return (
                    f"<b>“{title}” is not in this library.</b> Merging imports it whole from "
                    f"{where}."
                )
            return f"Merge <b>{where}</b> into <b>“{title}”</b>."
        return f"Merge {len(self._original)} copies into {len(reviews)} reviews."

    def _fit_rows(self) -> None:
        view = self.ui.conflictsView
        view.resizeRowsToContents()
        for row in range(self.model.rowCount()):  # a little air between two conflicts
            view.setRowHeight(row, view.rowHeight(row) + ROW_AIR)
        self._fit_table()

    def _fit_table(self) -> None:
        """The table as tall as its rows (no empty area under them), up to ``TABLE_MOST``."""
        view = self.ui.conflictsView
        rows = sum(view.rowHeight(row) for row in range(self.model.rowCount()))
        content = view.horizontalHeader().sizeHint().height() + rows + 2 * view.frameWidth()
        if view.horizontalScrollBar().isVisible():
            content += view.horizontalScrollBar().height()
        if content <= TABLE_MOST:
            view.setFixedHeight(content)
        else:
            view.setMinimumHeight(TABLE_MOST)
            view.setMaximumHeight(QWIDGETSIZE_MAX)

    def _fit_height(self) -> None:
        """As tall as what it shows, at its width: no gaps between three lines."""
        layout = self.layout()
        layout.activate()
        height = layout.totalHeightForWidth(self.width())
        if height < 0:
            height = layout.totalSizeHint().height()
        self.resize(self.width(), height)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit_rows()  # the columns have their real widths only now
        if not self._sized:
            self._sized = True
            self._fit_height()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_rows()

    def _chosen(self, step: int, key: str, side: Side) -> None:
        self.choices[step][key] = side
        self.prepared = choose_all(self._original, self.choices)
        self._show()

    def _clicked(self, index) -> None:
        if index.column() == LIBRARY:
            self.model.choose(index.row(), Side.LIBRARY)
        elif index.column() == INCOMING:
            self.model.choose(index.row(), Side.INCOMING)

    def _show(self) -> None:
        many = len(self.prepared) > 1
        summaries, lines, stamped, rows = [], [], [], []
        for number, step in enumerate(self.prepared):
            report = step.report
            title = one_line(step.result.review.title)
            imported = " (not in this library: imported whole)" if step.is_import else ""
            if step.review_id in self._look_alikes:
                imported = (
                    " (not in this library under its id: imported whole, a second copy of "
                    "the review with the same title and date)"
                )
            prefix = f"{step.source} → “{title}”{imported}: " if many or imported else ""
            summaries.append(prefix + report.summary())
            names = Names(incoming=step.source)
            readable = Names(incoming=step.source, when=self._when)
            for entry in (*report.orphans, *report.edited_after_delete):
                lines.append(one_line(entry.line(readable)))
                stamped.append(one_line(entry.line(names)))
            rows += [ConflictRow(number, step.source, c) for c in report.conflicts]
        self.ui.summaryLabel.setText("\n".join(summaries))
        self.ui.linesText.setPlainText("\n".join(lines))
        self.ui.linesText.setToolTip("\n".join(stamped))  # the full stamps
        self.ui.linesLabel.setVisible(bool(lines))
        self.ui.linesText.setVisible(bool(lines))
        self.model.set_conflicts(rows)
        self.ui.conflictsLabel.setVisible(bool(rows))
        self.ui.conflictsView.setVisible(bool(rows))
        self._fit_rows()
        changed = any(step.result.changed for step in self.prepared)
        self.merge_button.setEnabled(changed)
        self.ui.noticeLabel.setText(self._notice(changed, bool(rows)))

    def _notice(self, changed: bool, conflicts: bool) -> str:
        """The footer, as the choices stand: what pressing the button does, or why there is
        nothing to press."""
        if changed:
            verb = self.merge_button.text().replace("&", "")
            return (
                f"Nothing is written until you press {verb}; afterwards Ctrl+Z takes the "
                f"whole {verb.lower()} back."
            )
        if conflicts:
            return (
                "Nothing to merge as chosen: this library keeps its own copy of every "
                "conflict and already holds the rest. Check the other copy to take it."
            )
        return "Nothing to merge: this library already holds everything in it."
