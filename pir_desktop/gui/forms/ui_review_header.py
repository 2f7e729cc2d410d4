# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'review_header.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, QSize, Qt)
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QTableView, QVBoxLayout)

from pir_desktop.gui.date_field import DateField
from pir_desktop.gui.entry_line import EntryLine

class Ui_ReviewHeader(object):
    def setupUi(self, ReviewHeader):
        if not ReviewHeader.objectName():
            ReviewHeader.setObjectName(u"ReviewHeader")
        self.headerCards = QVBoxLayout(ReviewHeader)
        self.headerCards.setObjectName(u"headerCards")
        self.reviewBox = QGroupBox(ReviewHeader)
        self.reviewBox.setObjectName(u"reviewBox")
        self.reviewForm = QFormLayout(self.reviewBox)
        self.reviewForm.setObjectName(u"reviewForm")
        self.reviewForm.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.reviewForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.titleLabel = QLabel(self.reviewBox)
        self.titleLabel.setObjectName(u"titleLabel")

        self.reviewForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.titleLabel)

        self.titleEdit = QLineEdit(self.reviewBox)
        self.titleEdit.setObjectName(u"titleEdit")

        self.reviewForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.titleEdit)

        self.dateLabel = QLabel(self.reviewBox)
        self.dateLabel.setObjectName(u"dateLabel")

        self.reviewForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.dateLabel)

        self.dateEdit = DateField(self.reviewBox)
        self.dateEdit.setObjectName(u"dateEdit")

        self.reviewForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.dateEdit)

        self.dateProblem = QLabel(self.reviewBox)
        self.dateProblem.setObjectName(u"dateProblem")
        self.dateProblem.setWordWrap(True)
        self.dateProblem.setVisible(False)

        self.reviewForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.dateProblem)

        self.severityLabel = QLabel(self.reviewBox)
        self.severityLabel.setObjectName(u"severityLabel")

        self.reviewForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.severityLabel)

        self.severityCombo = QComboBox(self.reviewBox)
        self.severityCombo.setObjectName(u"severityCombo")

        self.reviewForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.severityCombo)

        self.statusLabel = QLabel(self.reviewBox)
        self.statusLabel.setObjectName(u"statusLabel")

        self.reviewForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.statusLabel)

        self.statusCombo = QComboBox(self.reviewBox)
        self.statusCombo.setObjectName(u"statusCombo")

        self.reviewForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.statusCombo)


        self.headerCards.addWidget(self.reviewBox)

        self.summaryBox = QGroupBox(ReviewHeader)
        self.summaryBox.setObjectName(u"summaryBox")
        self.summaryForm = QFormLayout(self.summaryBox)
        self.summaryForm.setObjectName(u"summaryForm")
        self.summaryForm.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.summaryForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.summaryLabel = QLabel(self.summaryBox)
        self.summaryLabel.setObjectName(u"summaryLabel")

        self.summaryForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.summaryLabel)

        self.summaryEdit = QPlainTextEdit(self.summaryBox)
        self.summaryEdit.setObjectName(u"summaryEdit")
        self.summaryEdit.setTabChangesFocus(True)
        self.summaryEdit.setMinimumSize(QSize(0, 110))

        self.summaryForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.summaryEdit)

        self.problemLabel = QLabel(self.summaryBox)
        self.problemLabel.setObjectName(u"problemLabel")

        self.summaryForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.problemLabel)

        self.problemEdit = QLineEdit(self.summaryBox)
        self.problemEdit.setObjectName(u"problemEdit")

        self.summaryForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.problemEdit)


        self.headerCards.addWidget(self.summaryBox)

        self.rolesBox = QGroupBox(ReviewHeader)
        self.rolesBox.setObjectName(u"rolesBox")
        self.rolesForm = QFormLayout(self.rolesBox)
        self.rolesForm.setObjectName(u"rolesForm")
        self.rolesForm.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.rolesForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.commanderLabel = QLabel(self.rolesBox)
        self.commanderLabel.setObjectName(u"commanderLabel")

        self.rolesForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.commanderLabel)

        self.incidentCommanderEdit = QLineEdit(self.rolesBox)
        self.incidentCommanderEdit.setObjectName(u"incidentCommanderEdit")

        self.rolesForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.incidentCommanderEdit)

        self.facilitatorLabel = QLabel(self.rolesBox)
        self.facilitatorLabel.setObjectName(u"facilitatorLabel")

        self.rolesForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.facilitatorLabel)

        self.facilitatorEdit = QLineEdit(self.rolesBox)
        self.facilitatorEdit.setObjectName(u"facilitatorEdit")

        self.rolesForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.facilitatorEdit)

        self.scribeLabel = QLabel(self.rolesBox)
        self.scribeLabel.setObjectName(u"scribeLabel")

        self.rolesForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.scribeLabel)

        self.scribeEdit = QLineEdit(self.rolesBox)
        self.scribeEdit.setObjectName(u"scribeEdit")

        self.rolesForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.scribeEdit)

        self.authorLabel = QLabel(self.rolesBox)
        self.authorLabel.setObjectName(u"authorLabel")

        self.rolesForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.authorLabel)

        self.authorEdit = QLineEdit(self.rolesBox)
        self.authorEdit.setObjectName(u"authorEdit")

        self.rolesForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.authorEdit)


        self.headerCards.addWidget(self.rolesBox)

        self.impactBox = QGroupBox(ReviewHeader)
        self.impactBox.setObjectName(u"impactBox")
        self.impactForm = QFormLayout(self.impactBox)
        self.impactForm.setObjectName(u"impactForm")
        self.impactForm.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.impactForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.usersLabel = QLabel(self.impactBox)
        self.usersLabel.setObjectName(u"usersLabel")

        self.impactForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.usersLabel)

        self.usersAffectedEdit = QLineEdit(self.impactBox)
        self.usersAffectedEdit.setObjectName(u"usersAffectedEdit")

        self.impactForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.usersAffectedEdit)

        self.revenueLabel = QLabel(self.impactBox)
        self.revenueLabel.setObjectName(u"revenueLabel")

        self.impactForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.revenueLabel)

        self.revenueEdit = QLineEdit(self.impactBox)
        self.revenueEdit.setObjectName(u"revenueEdit")

        self.impactForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.revenueEdit)

        self.slaLabel = QLabel(self.impactBox)
        self.slaLabel.setObjectName(u"slaLabel")

        self.impactForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.slaLabel)

        self.slaEdit = QLineEdit(self.impactBox)
        self.slaEdit.setObjectName(u"slaEdit")

        self.impactForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.slaEdit)

        self.commsLabel = QLabel(self.impactBox)
        self.commsLabel.setObjectName(u"commsLabel")

        self.impactForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.commsLabel)

        self.customerCommunicationsEdit = QLineEdit(self.impactBox)
        self.customerCommunicationsEdit.setObjectName(u"customerCommunicationsEdit")

        self.impactForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.customerCommunicationsEdit)

        self.detectionLabel = QLabel(self.impactBox)
        self.detectionLabel.setObjectName(u"detectionLabel")

        self.impactForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.detectionLabel)

        self.detectionMethodCombo = QComboBox(self.impactBox)
        self.detectionMethodCombo.setObjectName(u"detectionMethodCombo")

        self.impactForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.detectionMethodCombo)

        self.detectionNotesLabel = QLabel(self.impactBox)
        self.detectionNotesLabel.setObjectName(u"detectionNotesLabel")

        self.impactForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.detectionNotesLabel)

        self.detectionNotesEdit = QLineEdit(self.impactBox)
        self.detectionNotesEdit.setObjectName(u"detectionNotesEdit")

        self.impactForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.detectionNotesEdit)


        self.headerCards.addWidget(self.impactBox)

        self.participantsBox = QGroupBox(ReviewHeader)
        self.participantsBox.setObjectName(u"participantsBox")
        self.participantsLayout = QVBoxLayout(self.participantsBox)
        self.participantsLayout.setObjectName(u"participantsLayout")
        self.participantsView = QTableView(self.participantsBox)
        self.participantsView.setObjectName(u"participantsView")
        self.participantsView.setMinimumSize(QSize(0, 120))

        self.participantsLayout.addWidget(self.participantsView)

        self.participantButtons = QHBoxLayout()
        self.participantButtons.setObjectName(u"participantButtons")
        self.participantEntry = EntryLine(self.participantsBox)
        self.participantEntry.setObjectName(u"participantEntry")

        self.participantButtons.addWidget(self.participantEntry)

        self.removeParticipantButton = QPushButton(self.participantsBox)
        self.removeParticipantButton.setObjectName(u"removeParticipantButton")

        self.participantButtons.addWidget(self.removeParticipantButton)


        self.participantsLayout.addLayout(self.participantButtons)


        self.headerCards.addWidget(self.participantsBox)

#if QT_CONFIG(shortcut)
        self.titleLabel.setBuddy(self.titleEdit)
        self.dateLabel.setBuddy(self.dateEdit)
        self.severityLabel.setBuddy(self.severityCombo)
        self.statusLabel.setBuddy(self.statusCombo)
        self.summaryLabel.setBuddy(self.summaryEdit)
        self.problemLabel.setBuddy(self.problemEdit)
        self.commanderLabel.setBuddy(self.incidentCommanderEdit)
        self.facilitatorLabel.setBuddy(self.facilitatorEdit)
        self.scribeLabel.setBuddy(self.scribeEdit)
        self.authorLabel.setBuddy(self.authorEdit)
        self.usersLabel.setBuddy(self.usersAffectedEdit)
        self.revenueLabel.setBuddy(self.revenueEdit)
        self.slaLabel.setBuddy(self.slaEdit)
        self.commsLabel.setBuddy(self.customerCommunicationsEdit)
        self.detectionLabel.setBuddy(self.detectionMethodCombo)
        self.detectionNotesLabel.setBuddy(self.detectionNotesEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ReviewHeader)

        QMetaObject.connectSlotsByName(ReviewHeader)
    # setupUi

    def retranslateUi(self, ReviewHeader):
        self.reviewBox.setTitle(QCoreApplication.translate("ReviewHeader", u"Review", None))
        self.titleLabel.setText(QCoreApplication.translate("ReviewHeader", u"&Title", None))
#if QT_CONFIG(accessibility)
        self.titleEdit.setAccessibleName(QCoreApplication.translate("ReviewHeader", u"Title", None))
#endif // QT_CONFIG(accessibility)
        self.dateLabel.setText(QCoreApplication.translate("ReviewHeader", u"Incident &date", None))
#if QT_CONFIG(accessibility)
        self.dateEdit.setAccessibleName(QCoreApplication.translate("ReviewHeader", u"Incident date", None))
#endif // QT_CONFIG(accessibility)
        self.severityLabel.setText(QCoreApplication.translate("ReviewHeader", u"Se&verity", None))
        self.statusLabel.setText(QCoreApplication.translate("ReviewHeader", u"Stat&us", None))
        self.summaryBox.setTitle(QCoreApplication.translate("ReviewHeader", u"What happened", None))
        self.summaryLabel.setText(QCoreApplication.translate("ReviewHeader", u"Su&mmary", None))
#if QT_CONFIG(accessibility)
        self.summaryEdit.setAccessibleName(QCoreApplication.translate("ReviewHeader", u"Summary", None))
#endif // QT_CONFIG(accessibility)
        self.problemLabel.setText(QCoreApplication.translate("ReviewHeader", u"&Problem statement", None))
        self.problemEdit.setPlaceholderText(QCoreApplication.translate("ReviewHeader", u"The symptom the 5 Whys start from", None))
        self.rolesBox.setTitle(QCoreApplication.translate("ReviewHeader", u"Roles", None))
        self.commanderLabel.setText(QCoreApplication.translate("ReviewHeader", u"Incident &commander", None))
        self.facilitatorLabel.setText(QCoreApplication.translate("ReviewHeader", u"&Facilitator", None))
        self.scribeLabel.setText(QCoreApplication.translate("ReviewHeader", u"Scri&be", None))
        self.authorLabel.setText(QCoreApplication.translate("ReviewHeader", u"Aut&hor", None))
        self.impactBox.setTitle(QCoreApplication.translate("ReviewHeader", u"Impact and detection", None))
        self.usersLabel.setText(QCoreApplication.translate("ReviewHeader", u"Users affected", None))
        self.revenueLabel.setText(QCoreApplication.translate("ReviewHeader", u"Revenue (internal)", None))
        self.slaLabel.setText(QCoreApplication.translate("ReviewHeader", u"SLA", None))
        self.commsLabel.setText(QCoreApplication.translate("ReviewHeader", u"Customer comms", None))
#if QT_CONFIG(accessibility)
        self.customerCommunicationsEdit.setAccessibleName(QCoreApplication.translate("ReviewHeader", u"Customer communications", None))
#endif // QT_CONFIG(accessibility)
        self.detectionLabel.setText(QCoreApplication.translate("ReviewHeader", u"Detected by", None))
        self.detectionNotesLabel.setText(QCoreApplication.translate("ReviewHeader", u"Detection notes", None))
        self.participantsBox.setTitle(QCoreApplication.translate("ReviewHeader", u"Participants", None))
#if QT_CONFIG(accessibility)
        self.participantsView.setAccessibleName(QCoreApplication.translate("ReviewHeader", u"Participants", None))
#endif // QT_CONFIG(accessibility)
        self.participantEntry.setPlaceholderText(QCoreApplication.translate("ReviewHeader", u"Add a participant: name, role (Enter)", None))
#if QT_CONFIG(accessibility)
        self.participantEntry.setAccessibleName(QCoreApplication.translate("ReviewHeader", u"Add a participant", None))
#endif // QT_CONFIG(accessibility)
        self.removeParticipantButton.setText(QCoreApplication.translate("ReviewHeader", u"Remove", None))
        pass
    # retranslateUi

