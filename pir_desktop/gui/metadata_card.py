"""The Details tab's card for patterns across reviews: services, tags, and links to others.

Services and tags are typed as comma-separated names, completing from what
the library already holds (so "checkout-api" is not also "Checkout API");
a line is saved when it is finished. Links to other reviews are picked by
title ("repeat of": this incident happened before; "related") and removed
with Delete. Every change is undoable.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from ..domain.enums import Relation
from ..domain.model import RelatedReview
from . import commands
from .document import ReviewDocument
from .shortcuts import editor_action

RELATION_LABELS = {Relation.REPEAT_OF: "Repeat of", Relation.RELATED: "Related to"}


def split_names(text: str) -> list[str]:
    """``checkout-api, postgres-main`` as names, blanks and repeats (ignoring case) left out."""
    seen: set[str] = set()
    names = []
    for part in text.split(","):
        name = " ".join(part.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


class NamesLine(QLineEdit):
    """A comma-separated list of names that completes the name being typed (after the last
    comma) from ``known``; ``editingFinished`` when Enter is pressed or the line is left."""

    def __init__(self, placeholder: str, parent=None):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.known = QStringListModel(self)
        completer = QCompleter(self.known, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        completer.setWidget(self)  # not setCompleter: that completes the whole line
        completer.activated.connect(self._completed)
        self.names_completer = completer
        self.textEdited.connect(self._typed)

    def _typed(self, text: str) -> None:
        word = text.split(",")[-1].strip()
        completer = self.names_completer
        completer.setCompletionPrefix(word)
        if word and completer.completionCount():
            completer.complete()
        else:
            completer.popup().hide()

    def _completed(self, name: str) -> None:
        head = self.text().rsplit(",", 1)[0] + ", " if "," in self.text() else ""
        self.setText(head + name)

    def set_names(self, names: list[str]) -> None:
        text = ", ".join(names)
        if not (self.hasFocus() and self.isModified()) and self.text() != text:
            self.setText(text)


class MetadataCard(QGroupBox):
    def __init__(
        self,
        doc: ReviewDocument,
        known: Callable[[], tuple[list[str], list[str], list[tuple[str, str, str]]]],
        parent=None,
    ):
        """``known()`` gives the library's services, tags and (id, title, date) of reviews."""
        super().__init__("Services, tags and linked reviews", parent)
        self.setObjectName("metadataBox")
        self.doc, self._known = doc, known
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.services = NamesLine("checkout-api, postgres-main", self)
        self.services.setObjectName("servicesEdit")
        self.services.setAccessibleName("Services")
        self.tags = NamesLine("config-change, capacity, third-party", self)
        self.tags.setObjectName("tagsEdit")
        self.tags.setAccessibleName("Tags")
        form.addRow("Ser&vices", self.services)
        form.addRow("Ta&gs", self.tags)
        self.links = QListWidget(self)
        self.links.setObjectName("linksList")
        self.links.setAccessibleName("Linked reviews")
        self.links.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        self.other = QComboBox(self)
        self.other.setObjectName("linkReview")
        self.other.setAccessibleName("Review to link")
        self.other.setEditable(True)
        self.other.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # sized to a few words, not to the longest title in the library (which widened
        # the card, squeezed the other column and slid the Details tab sideways)
        self.other.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.other.setMinimumContentsLength(16)
        self.other.view().setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.other.lineEdit().setPlaceholderText("a review's title…")
        self.other.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.other.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.relation = QComboBox(self)
        self.relation.setObjectName("linkRelation")
        for relation, label in RELATION_LABELS.items():
            self.relation.addItem(label, relation.value)
        add = QPushButton("&Link", self)
        add.setObjectName("linkButton")
        add.clicked.connect(self.add_link)
        # the title on a line of its own, so the card stays as narrow as the others
        row = QHBoxLayout()
        row.addWidget(self.relation)
        row.addStretch(1)
        row.addWidget(add)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.links)
        layout.addWidget(self.other)
        layout.addLayout(row)
        self.services.editingFinished.connect(self._services_done)
        self.tags.editingFinished.connect(self._tags_done)
        self.other.lineEdit().returnPressed.connect(self.add_link)
        editor_action(self.links, "&Remove the link", ["Del"], self.remove_link)
        doc.changed.connect(self.refresh)
        self.refresh()
        self.refresh_known()

    # -- snapshot -> widgets -------------------------------------------------------------
    def refresh_known(self) -> None:
        """What the library holds, for completion and the links' titles."""
        services, tags, reviews = self._known()
        self.services.known.setStringList(services)
        self.tags.known.setStringList(tags)
        self._reviews = {rid: (title, day) for rid, title, day in reviews}
        typed = self.other.currentText()
        self.other.blockSignals(True)
        self.other.clear()
        for rid, (title, day) in self._reviews.items():
            if rid != self.doc.review_id:
                self.other.addItem(f"{title} ({day})", rid)
        self.other.setEditText(typed)
        self.other.blockSignals(False)
        self._fill_links()

    def refresh(self) -> None:
        review = self.doc.review
        self.services.set_names(review.services)
        self.tags.set_names(review.tags)
        self._fill_links()

    def _fill_links(self) -> None:
        self.links.clear()
        for link in self.doc.review.related:
            title, day = getattr(self, "_reviews", {}).get(link.review, ("a review not here", ""))
            when = f" ({day})" if day else ""
            item = QListWidgetItem(f"{RELATION_LABELS[link.relation]}: {title}{when}")
            item.setData(Qt.ItemDataRole.UserRole, link.review)
            self.links.addItem(item)

    # -- widgets -> commands ---------------------------------------------------------------
    def _services_done(self) -> None:
        names = split_names(self.services.text())
        if names != self.doc.review.services:
            commands.set_services(self.doc, names)
        self.services.setModified(False)

    def _tags_done(self) -> None:
        names = split_names(self.tags.text())
        if names != self.doc.review.tags:
            commands.set_tags(self.doc, names)
        self.tags.setModified(False)

    def add_link(self) -> None:
        other = self.other.currentData()
        typed = self.other.currentText().strip()
        if other is None or self.other.itemText(self.other.currentIndex()) != typed:
            match = self.other.findText(typed, Qt.MatchFlag.MatchContains)
            other = self.other.itemData(match) if typed and match >= 0 else None
        if other is None:
            return
        relation = Relation(self.relation.currentData())
        links = [link for link in self.doc.review.related if link.review != other]
        links.append(RelatedReview(other, relation))
        label = "Link a repeat" if relation == Relation.REPEAT_OF else "Link a related review"
        if commands.set_related(self.doc, links, label):
            self.other.setEditText("")

    def remove_link(self) -> None:
        item = self.links.currentItem()
        if item is None:
            return
        gone = item.data(Qt.ItemDataRole.UserRole)
        links = [link for link in self.doc.review.related if link.review != gone]
        commands.set_related(self.doc, links, "Remove a link")

    def drafts_lines(self) -> dict[str, tuple[QLineEdit, str, list[str], Callable[[], None]]]:
        """The lines saved when finished, for the draft keeper: (line, label, stored, done)."""
        review = self.doc.review
        return {
            "services": (self.services, "Services", review.services, self._services_done),
            "tags": (self.tags, "Tags", review.tags, self._tags_done),
        }
