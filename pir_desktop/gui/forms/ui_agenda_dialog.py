# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'agenda_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtWidgets import (QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSpacerItem, QTableWidget, QTableWidgetItem, QVBoxLayout)

class Ui_AgendaDialog(object):
    def setupUi(self, AgendaDialog):
        if not AgendaDialog.objectName():
            AgendaDialog.setObjectName(u"AgendaDialog")
        AgendaDialog.resize(460, 340)
        self.agendaLayout = QVBoxLayout(AgendaDialog)
        self.agendaLayout.setObjectName(u"agendaLayout")
        self.agendaHint = QLabel(AgendaDialog)
        self.agendaHint.setObjectName(u"agendaHint")
        self.agendaHint.setWordWrap(True)

        self.agendaLayout.addWidget(self.agendaHint)

        self.phasesTable = QTableWidget(AgendaDialog)
        if (self.phasesTable.columnCount() < 2):
            self.phasesTable.setColumnCount(2)
        __qtablewidgetitem = QTableWidgetItem()
        self.phasesTable.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.phasesTable.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        self.phasesTable.setObjectName(u"phasesTable")
        self.phasesTable.setColumnCount(2)

        self.agendaLayout.addWidget(self.phasesTable)

        self.agendaButtons = QHBoxLayout()
        self.agendaButtons.setObjectName(u"agendaButtons")
        self.addPhaseButton = QPushButton(AgendaDialog)
        self.addPhaseButton.setObjectName(u"addPhaseButton")

        self.agendaButtons.addWidget(self.addPhaseButton)

        self.removePhaseButton = QPushButton(AgendaDialog)
        self.removePhaseButton.setObjectName(u"removePhaseButton")

        self.agendaButtons.addWidget(self.removePhaseButton)

        self.defaultsButton = QPushButton(AgendaDialog)
        self.defaultsButton.setObjectName(u"defaultsButton")

        self.agendaButtons.addWidget(self.defaultsButton)

        self.agendaSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.agendaButtons.addItem(self.agendaSpacer)


        self.agendaLayout.addLayout(self.agendaButtons)

        self.totalLabel = QLabel(AgendaDialog)
        self.totalLabel.setObjectName(u"totalLabel")

        self.agendaLayout.addWidget(self.totalLabel)

        self.buttonBox = QDialogButtonBox(AgendaDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.agendaLayout.addWidget(self.buttonBox)


        self.retranslateUi(AgendaDialog)
        self.buttonBox.accepted.connect(AgendaDialog.accept)
        self.buttonBox.rejected.connect(AgendaDialog.reject)

        QMetaObject.connectSlotsByName(AgendaDialog)
    # setupUi

    def retranslateUi(self, AgendaDialog):
        AgendaDialog.setWindowTitle(QCoreApplication.translate("AgendaDialog", u"Meeting agenda", None))
        self.agendaHint.setText(QCoreApplication.translate("AgendaDialog", u"Phases in order, with the minutes planned for each. A review meeting is planned at 60 minutes, with 90 as a hard cap.", None))
        ___qtablewidgetitem = self.phasesTable.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("AgendaDialog", u"Phase", None))
        ___qtablewidgetitem1 = self.phasesTable.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("AgendaDialog", u"Minutes", None))
#if QT_CONFIG(accessibility)
        self.phasesTable.setAccessibleName(QCoreApplication.translate("AgendaDialog", u"Agenda phases", None))
#endif // QT_CONFIG(accessibility)
        self.addPhaseButton.setText(QCoreApplication.translate("AgendaDialog", u"&Add phase", None))
        self.removePhaseButton.setText(QCoreApplication.translate("AgendaDialog", u"&Remove phase", None))
        self.defaultsButton.setText(QCoreApplication.translate("AgendaDialog", u"Reset to &defaults", None))
    # retranslateUi

