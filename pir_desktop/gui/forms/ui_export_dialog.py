# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'export_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget)

class Ui_ExportDialog(object):
    def setupUi(self, ExportDialog):
        if not ExportDialog.objectName():
            ExportDialog.setObjectName(u"ExportDialog")
        ExportDialog.resize(560, 300)
        self.exportLayout = QVBoxLayout(ExportDialog)
        self.exportLayout.setObjectName(u"exportLayout")
        self.exportForm = QFormLayout()
        self.exportForm.setObjectName(u"exportForm")
        self.formatLabel = QLabel(ExportDialog)
        self.formatLabel.setObjectName(u"formatLabel")

        self.exportForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.formatLabel)

        self.formatCombo = QComboBox(ExportDialog)
        self.formatCombo.setObjectName(u"formatCombo")

        self.exportForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.formatCombo)

        self.variantLabel = QLabel(ExportDialog)
        self.variantLabel.setObjectName(u"variantLabel")

        self.exportForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.variantLabel)

        self.variantCombo = QComboBox(ExportDialog)
        self.variantCombo.setObjectName(u"variantCombo")

        self.exportForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.variantCombo)

        self.variantHint = QLabel(ExportDialog)
        self.variantHint.setObjectName(u"variantHint")
        self.variantHint.setWordWrap(True)

        self.exportForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.variantHint)

        self.templateLabel = QLabel(ExportDialog)
        self.templateLabel.setObjectName(u"templateLabel")

        self.exportForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.templateLabel)

        self.templateRow = QHBoxLayout()
        self.templateRow.setObjectName(u"templateRow")
        self.templateEdit = QLineEdit(ExportDialog)
        self.templateEdit.setObjectName(u"templateEdit")
        self.templateEdit.setClearButtonEnabled(True)

        self.templateRow.addWidget(self.templateEdit)

        self.templateBrowse = QToolButton(ExportDialog)
        self.templateBrowse.setObjectName(u"templateBrowse")

        self.templateRow.addWidget(self.templateBrowse)


        self.exportForm.setLayout(3, QFormLayout.ItemRole.FieldRole, self.templateRow)

        self.pathLabel = QLabel(ExportDialog)
        self.pathLabel.setObjectName(u"pathLabel")

        self.exportForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.pathLabel)

        self.pathRow = QHBoxLayout()
        self.pathRow.setObjectName(u"pathRow")
        self.pathEdit = QLineEdit(ExportDialog)
        self.pathEdit.setObjectName(u"pathEdit")

        self.pathRow.addWidget(self.pathEdit)

        self.pathBrowse = QToolButton(ExportDialog)
        self.pathBrowse.setObjectName(u"pathBrowse")

        self.pathRow.addWidget(self.pathBrowse)


        self.exportForm.setLayout(4, QFormLayout.ItemRole.FieldRole, self.pathRow)

        self.withNotes = QCheckBox(ExportDialog)
        self.withNotes.setObjectName(u"withNotes")

        self.exportForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.withNotes)

        self.openAfter = QCheckBox(ExportDialog)
        self.openAfter.setObjectName(u"openAfter")
        self.openAfter.setChecked(True)

        self.exportForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.openAfter)


        self.exportLayout.addLayout(self.exportForm)

        self.buttons = QDialogButtonBox(ExportDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.exportLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.formatLabel.setBuddy(self.formatCombo)
        self.variantLabel.setBuddy(self.variantCombo)
        self.templateLabel.setBuddy(self.templateEdit)
        self.pathLabel.setBuddy(self.pathEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.formatCombo, self.variantCombo)
        QWidget.setTabOrder(self.variantCombo, self.templateEdit)
        QWidget.setTabOrder(self.templateEdit, self.templateBrowse)
        QWidget.setTabOrder(self.templateBrowse, self.pathEdit)
        QWidget.setTabOrder(self.pathEdit, self.pathBrowse)
        QWidget.setTabOrder(self.pathBrowse, self.openAfter)

        self.retranslateUi(ExportDialog)

        QMetaObject.connectSlotsByName(ExportDialog)
    # setupUi

    def retranslateUi(self, ExportDialog):
        ExportDialog.setWindowTitle(QCoreApplication.translate("ExportDialog", u"Export review", None))
        self.formatLabel.setText(QCoreApplication.translate("ExportDialog", u"&Format:", None))
#if QT_CONFIG(accessibility)
        self.formatCombo.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Format", None))
#endif // QT_CONFIG(accessibility)
        self.variantLabel.setText(QCoreApplication.translate("ExportDialog", u"&Variant:", None))
#if QT_CONFIG(accessibility)
        self.variantCombo.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Variant", None))
#endif // QT_CONFIG(accessibility)
        self.templateLabel.setText(QCoreApplication.translate("ExportDialog", u"House &style:", None))
        self.templateEdit.setPlaceholderText(QCoreApplication.translate("ExportDialog", u"none: the built-in style (or your organisation's .docx / .dotx)", None))
#if QT_CONFIG(accessibility)
        self.templateEdit.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Template", None))
#endif // QT_CONFIG(accessibility)
        self.templateBrowse.setText(QCoreApplication.translate("ExportDialog", u"\u2026", None))
#if QT_CONFIG(tooltip)
        self.templateBrowse.setToolTip(QCoreApplication.translate("ExportDialog", u"Choose a Word template", None))
#endif // QT_CONFIG(tooltip)
        self.pathLabel.setText(QCoreApplication.translate("ExportDialog", u"Save &as:", None))
#if QT_CONFIG(accessibility)
        self.pathEdit.setAccessibleName(QCoreApplication.translate("ExportDialog", u"File to write", None))
#endif // QT_CONFIG(accessibility)
        self.pathBrowse.setText(QCoreApplication.translate("ExportDialog", u"\u2026", None))
#if QT_CONFIG(tooltip)
        self.pathBrowse.setToolTip(QCoreApplication.translate("ExportDialog", u"Choose where to save", None))
#endif // QT_CONFIG(tooltip)
        self.withNotes.setText(QCoreApplication.translate("ExportDialog", u"Include the &meeting notes (full report only)", None))
#if QT_CONFIG(tooltip)
        self.withNotes.setToolTip(QCoreApplication.translate("ExportDialog", u"The lines captured without a time, under their own heading", None))
#endif // QT_CONFIG(tooltip)
        self.openAfter.setText(QCoreApplication.translate("ExportDialog", u"&Open the file when done", None))
    # retranslateUi

