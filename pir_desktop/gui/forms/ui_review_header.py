# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'review_header.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QComboBox, QDateEdit, QFormLayout,
    QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPlainTextEdit, QPushButton, QSizePolicy,
    QTableView, QVBoxLayout, QWidget)

class Ui_ReviewHeader(object):
    def setupUi(self, ReviewHeader):
        if not ReviewHeader.objectName():
            ReviewHeader.setObjectName(u"ReviewHeader")
        self.headerColumns = QHBoxLayout(ReviewHeader)
        self.headerColumns.setObjectName(u"headerColumns")
        self.reviewBox = QGroupBox(ReviewHeader)
        self.reviewBox.setObjectName(u"reviewBox")
        self.reviewForm = QFormLayout(self.reviewBox)
        self.reviewForm.setObjectName(u"reviewForm")
        self.titleLabel = QLabel(self.reviewBox)
        self.titleLabel.setObjectName(u"titleLabel")

        self.reviewForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.titleLabel)

        self.titleEdit = QLineEdit(self.reviewBox)
        self.titleEdit.setObjectName(u"titleEdit")

        self.reviewForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.titleEdit)

        self.dateLabel = QLabel(self.reviewBox)
        self.dateLabel.setObjectName(u"dateLabel")

        self.reviewForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.dateLabel)

        self.dateEdit = QDateEdit(self.reviewBox)
        self.dateEdit.setObjectName(u"dateEdit")
        self.dateEdit.setCalendarPopup(True)

        self.reviewForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.dateEdit)

        self.severityLabel = QLabel(self.reviewBox)
        self.severityLabel.setObjectName(u"severityLabel")

        self.reviewForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.severityLabel)

        self.severityCombo = QComboBox(self.reviewBox)
        self.severityCombo.setObjectName(u"severityCombo")

        self.reviewForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.severityCombo)

        self.statusLabel = QLabel(self.reviewBox)
        self.statusLabel.setObjectName(u"statusLabel")

        self.reviewForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.statusLabel)

        self.statusCombo = QComboBox(self.reviewBox)
        self.statusCombo.setObjectName(u"statusCombo")

        self.reviewForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.statusCombo)

        self.commanderLabel = QLabel(self.reviewBox)
        self.commanderLabel.setObjectName(u"commanderLabel")

        self.reviewForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.commanderLabel)

        self.incidentCommanderEdit = QLineEdit(self.reviewBox)
        self.incidentCommanderEdit.setObjectName(u"incidentCommanderEdit")

        self.reviewForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.incidentCommanderEdit)

        self.facilitatorLabel = QLabel(self.reviewBox)
        self.facilitatorLabel.setObjectName(u"facilitatorLabel")

        self.reviewForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.facilitatorLabel)

        self.facilitatorEdit = QLineEdit(self.reviewBox)
        self.facilitatorEdit.setObjectName(u"facilitatorEdit")

        self.reviewForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.facilitatorEdit)

        self.scribeLabel = QLabel(self.reviewBox)
        self.scribeLabel.setObjectName(u"scribeLabel")

        self.reviewForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.scribeLabel)

        self.scribeEdit = QLineEdit(self.reviewBox)
        self.scribeEdit.setObjectName(u"scribeEdit")

        self.reviewForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.scribeEdit)

        self.authorLabel = QLabel(self.reviewBox)
        self.authorLabel.setObjectName(u"authorLabel")

        self.reviewForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.authorLabel)

        self.authorEdit = QLineEdit(self.reviewBox)
        self.authorEdit.setObjectName(u"authorEdit")

        self.reviewForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.authorEdit)


        self.headerColumns.addWidget(self.reviewBox)

        self.impactBox = QGroupBox(ReviewHeader)
        self.impactBox.setObjectName(u"impactBox")
        self.impactForm = QFormLayout(self.impactBox)
        self.impactForm.setObjectName(u"impactForm")
        self.summaryLabel = QLabel(self.impactBox)
        self.summaryLabel.setObjectName(u"summaryLabel")

        self.impactForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.summaryLabel)

        self.summaryEdit = QPlainTextEdit(self.impactBox)
        self.summaryEdit.setObjectName(u"summaryEdit")
        self.summaryEdit.setTabChangesFocus(True)
        self.summaryEdit.setMaximumSize(QSize(16777215, 90))

        self.impactForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.summaryEdit)

        self.problemLabel = QLabel(self.impactBox)
        self.problemLabel.setObjectName(u"problemLabel")

        self.impactForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.problemLabel)

        self.problemEdit = QLineEdit(self.impactBox)
        self.problemEdit.setObjectName(u"problemEdit")

        self.impactForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.problemEdit)

        self.usersLabel = QLabel(self.impactBox)
        self.usersLabel.setObjectName(u"usersLabel")

        self.impactForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.usersLabel)

        self.usersAffectedEdit = QLineEdit(self.impactBox)
        self.usersAffectedEdit.setObjectName(u"usersAffectedEdit")

        self.impactForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.usersAffectedEdit)

        self.revenueLabel = QLabel(self.impactBox)
        self.revenueLabel.setObjectName(u"revenueLabel")

        self.impactForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.revenueLabel)

        self.revenueEdit = QLineEdit(self.impactBox)
        self.revenueEdit.setObjectName(u"revenueEdit")

        self.impactForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.revenueEdit)

        self.slaLabel = QLabel(self.impactBox)
        self.slaLabel.setObjectName(u"slaLabel")

        self.impactForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.slaLabel)

        self.slaEdit = QLineEdit(self.impactBox)
        self.slaEdit.setObjectName(u"slaEdit")

        self.impactForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.slaEdit)

        self.commsLabel = QLabel(self.impactBox)
        self.commsLabel.setObjectName(u"commsLabel")

        self.impactForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.commsLabel)

        self.customerCommunicationsEdit = QLineEdit(self.impactBox)
        self.customerCommunicationsEdit.setObjectName(u"customerCommunicationsEdit")

        self.impactForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.customerCommunicationsEdit)

        self.detectionLabel = QLabel(self.impactBox)
        self.detectionLabel.setObjectName(u"detectionLabel")

        self.impactForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.detectionLabel)

        self.detectionMethodCombo = QComboBox(self.impactBox)
        self.detectionMethodCombo.setObjectName(u"detectionMethodCombo")

        self.impactForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.detectionMethodCombo)

        self.detectionNotesLabel = QLabel(self.impactBox)
        self.detectionNotesLabel.setObjectName(u"detectionNotesLabel")

        self.impactForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.detectionNotesLabel)

        self.detectionNotesEdit = QLineEdit(self.impactBox)
        self.detectionNotesEdit.setObjectName(u"detectionNotesEdit")

        self.impactForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.detectionNotesEdit)


        self.headerColumns.addWidget(self.impactBox)

        self.participantsBox = QGroupBox(ReviewHeader)
        self.participantsBox.setObjectName(u"participantsBox")
        self.participantsLayout = QVBoxLayout(self.participantsBox)
        self.participantsLayout.setObjectName(u"participantsLayout")
        self.participantsView = QTableView(self.participantsBox)
        self.participantsView.setObjectName(u"participantsView")

        self.participantsLayout.addWidget(self.participantsView)

        self.participantButtons = QHBoxLayout()
        self.participantButtons.setObjectName(u"participantButtons")
        self.participantEntry = QLineEdit(self.participantsBox)
        self.participantEntry.setObjectName(u"participantEntry")

        self.participantButtons.addWidget(self.participantEntry)

        self.removeParticipantButton = QPushButton(self.participantsBox)
        self.removeParticipantButton.setObjectName(u"removeParticipantButton")

        self.participantButtons.addWidget(self.removeParticipantButton)


        self.participantsLayout.addLayout(self.participantButtons)


        self.headerColumns.addWidget(self.participantsBox)

#if QT_CONFIG(shortcut)
        self.titleLabel.setBuddy(self.titleEdit)
        self.dateLabel.setBuddy(self.dateEdit)
        self.severityLabel.setBuddy(self.severityCombo)
        self.statusLabel.setBuddy(self.statusCombo)
        self.commanderLabel.setBuddy(self.incidentCommanderEdit)
        self.facilitatorLabel.setBuddy(self.facilitatorEdit)
        self.scribeLabel.setBuddy(self.scribeEdit)
        self.authorLabel.setBuddy(self.authorEdit)
        self.summaryLabel.setBuddy(self.summaryEdit)
        self.problemLabel.setBuddy(self.problemEdit)
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
        self.dateLabel.setText(QCoreApplication.translate("ReviewHeader", u"&Date (UTC)", None))
        self.dateEdit.setDisplayFormat(QCoreApplication.translate("ReviewHeader", u"yyyy-MM-dd", None))
        self.severityLabel.setText(QCoreApplication.translate("ReviewHeader", u"Se&verity", None))
        self.statusLabel.setText(QCoreApplication.translate("ReviewHeader", u"Stat&us", None))
        self.commanderLabel.setText(QCoreApplication.translate("ReviewHeader", u"Incident &commander", None))
        self.facilitatorLabel.setText(QCoreApplication.translate("ReviewHeader", u"&Facilitator", None))
        self.scribeLabel.setText(QCoreApplication.translate("ReviewHeader", u"Scri&be", None))
        self.authorLabel.setText(QCoreApplication.translate("ReviewHeader", u"Aut&hor", None))
        self.impactBox.setTitle(QCoreApplication.translate("ReviewHeader", u"Summary, impact and detection", None))
        self.summaryLabel.setText(QCoreApplication.translate("ReviewHeader", u"Su&mmary", None))
        self.problemLabel.setText(QCoreApplication.translate("ReviewHeader", u"&Problem statement", None))
        self.usersLabel.setText(QCoreApplication.translate("ReviewHeader", u"Users affected", None))
        self.revenueLabel.setText(QCoreApplication.translate("ReviewHeader", u"Revenue (internal)", None))
        self.slaLabel.setText(QCoreApplication.translate("ReviewHeader", u"SLA", None))
        self.commsLabel.setText(QCoreApplication.translate("ReviewHeader", u"Customer communications", None))
        self.detectionLabel.setText(QCoreApplication.translate("ReviewHeader", u"Detected by", None))
        self.detectionNotesLabel.setText(QCoreApplication.translate("ReviewHeader", u"Detection notes", None))
        self.participantsBox.setTitle(QCoreApplication.translate("ReviewHeader", u"Participants", None))
#if QT_CONFIG(accessibility)
        self.participantsView.setAccessibleName(QCoreApplication.translate("ReviewHeader", u"Participants", None))
#endif // QT_CONFIG(accessibility)
        self.participantEntry.setPlaceholderText(QCoreApplication.translate("ReviewHeader", u"Add a participant: name, role (Enter)", None))
        self.removeParticipantButton.setText(QCoreApplication.translate("ReviewHeader", u"Remove", None))
        pass
    # retranslateUi

