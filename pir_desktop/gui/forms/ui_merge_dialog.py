# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'merge_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, QSize, Qt)
from PySide6.QtWidgets import (QAbstractItemView, QDialogButtonBox, QLabel, QPlainTextEdit, QSizePolicy, QSpacerItem, QTableView, QVBoxLayout, QWidget)

class Ui_MergeDialog(object):
    def setupUi(self, MergeDialog):
        if not MergeDialog.objectName():
            MergeDialog.setObjectName(u"MergeDialog")
        MergeDialog.resize(960, 560)
        self.mergeLayout = QVBoxLayout(MergeDialog)
        self.mergeLayout.setObjectName(u"mergeLayout")
        self.headingLabel = QLabel(MergeDialog)
        self.headingLabel.setObjectName(u"headingLabel")
        self.headingLabel.setWordWrap(True)
        self.headingLabel.setTextFormat(Qt.TextFormat.RichText)

        self.mergeLayout.addWidget(self.headingLabel)

        self.summaryLabel = QLabel(MergeDialog)
        self.summaryLabel.setObjectName(u"summaryLabel")
        self.summaryLabel.setWordWrap(True)
        self.summaryLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.mergeLayout.addWidget(self.summaryLabel)

        self.linesLabel = QLabel(MergeDialog)
        self.linesLabel.setObjectName(u"linesLabel")

        self.mergeLayout.addWidget(self.linesLabel)

        self.linesText = QPlainTextEdit(MergeDialog)
        self.linesText.setObjectName(u"linesText")
        self.linesText.setReadOnly(True)
        self.linesText.setMaximumSize(QSize(16777215, 110))

        self.mergeLayout.addWidget(self.linesText)

        self.conflictsLabel = QLabel(MergeDialog)
        self.conflictsLabel.setObjectName(u"conflictsLabel")
        self.conflictsLabel.setWordWrap(True)

        self.mergeLayout.addWidget(self.conflictsLabel)

        self.conflictsView = QTableView(MergeDialog)
        self.conflictsView.setObjectName(u"conflictsView")
        self.conflictsView.setWordWrap(True)
        self.conflictsView.setTabKeyNavigation(False)
        self.conflictsView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.conflictsView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)

        self.mergeLayout.addWidget(self.conflictsView)

        self.underConflicts = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mergeLayout.addItem(self.underConflicts)

        self.noticeLabel = QLabel(MergeDialog)
        self.noticeLabel.setObjectName(u"noticeLabel")
        self.noticeLabel.setWordWrap(True)

        self.mergeLayout.addWidget(self.noticeLabel)

        self.buttons = QDialogButtonBox(MergeDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mergeLayout.addWidget(self.buttons)

        self.mergeLayout.setStretch(5, 1)
#if QT_CONFIG(shortcut)
        self.linesLabel.setBuddy(self.linesText)
        self.conflictsLabel.setBuddy(self.conflictsView)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.conflictsView, self.linesText)
        QWidget.setTabOrder(self.linesText, self.buttons)

        self.retranslateUi(MergeDialog)

        QMetaObject.connectSlotsByName(MergeDialog)
    # setupUi

    def retranslateUi(self, MergeDialog):
        MergeDialog.setWindowTitle(QCoreApplication.translate("MergeDialog", u"Merge", None))
#if QT_CONFIG(accessibility)
        self.summaryLabel.setAccessibleName(QCoreApplication.translate("MergeDialog", u"Summary", None))
#endif // QT_CONFIG(accessibility)
        self.linesLabel.setText(QCoreApplication.translate("MergeDialog", u"&Orphans and edits after a delete:", None))
#if QT_CONFIG(accessibility)
        self.linesText.setAccessibleName(QCoreApplication.translate("MergeDialog", u"Orphans and edits after a delete", None))
#endif // QT_CONFIG(accessibility)
        self.conflictsLabel.setText(QCoreApplication.translate("MergeDialog", u"&Conflicts, changed on both sides at the same time: the copy checked is kept. Click the other one, or press Space on it, to keep that instead.", None))
#if QT_CONFIG(accessibility)
        self.conflictsView.setAccessibleName(QCoreApplication.translate("MergeDialog", u"Conflicts", None))
#endif // QT_CONFIG(accessibility)
        self.noticeLabel.setText(QCoreApplication.translate("MergeDialog", u"Nothing is written until you press Merge; afterwards Ctrl+Z takes the whole merge back.", None))
    # retranslateUi

