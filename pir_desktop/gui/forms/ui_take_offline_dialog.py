# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'take_offline_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtWidgets import (QComboBox, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget, QPushButton, QSizePolicy, QVBoxLayout, QWidget)

class Ui_TakeOfflineDialog(object):
    def setupUi(self, TakeOfflineDialog):
        if not TakeOfflineDialog.objectName():
            TakeOfflineDialog.setObjectName(u"TakeOfflineDialog")
        TakeOfflineDialog.resize(620, 460)
        self.offlineLayout = QVBoxLayout(TakeOfflineDialog)
        self.offlineLayout.setObjectName(u"offlineLayout")
        self.offlineHint = QLabel(TakeOfflineDialog)
        self.offlineHint.setObjectName(u"offlineHint")
        self.offlineHint.setWordWrap(True)

        self.offlineLayout.addWidget(self.offlineHint)

        self.homeRow = QHBoxLayout()
        self.homeRow.setObjectName(u"homeRow")
        self.homeLabel = QLabel(TakeOfflineDialog)
        self.homeLabel.setObjectName(u"homeLabel")

        self.homeRow.addWidget(self.homeLabel)

        self.homeEdit = QComboBox(TakeOfflineDialog)
        self.homeEdit.setObjectName(u"homeEdit")
        self.homeEdit.setEditable(True)
        self.homeEdit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.homeEdit.setMinimumContentsLength(30)
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.homeEdit.sizePolicy().hasHeightForWidth())
        self.homeEdit.setSizePolicy(sizePolicy)

        self.homeRow.addWidget(self.homeEdit)

        self.fileButton = QPushButton(TakeOfflineDialog)
        self.fileButton.setObjectName(u"fileButton")

        self.homeRow.addWidget(self.fileButton)

        self.showButton = QPushButton(TakeOfflineDialog)
        self.showButton.setObjectName(u"showButton")

        self.homeRow.addWidget(self.showButton)


        self.offlineLayout.addLayout(self.homeRow)

        self.reviewList = QListWidget(TakeOfflineDialog)
        self.reviewList.setObjectName(u"reviewList")

        self.offlineLayout.addWidget(self.reviewList)

        self.errorLabel = QLabel(TakeOfflineDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.offlineLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(TakeOfflineDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.offlineLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.homeLabel.setBuddy(self.homeEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.homeEdit, self.showButton)
        QWidget.setTabOrder(self.showButton, self.reviewList)
        QWidget.setTabOrder(self.reviewList, self.fileButton)

        self.retranslateUi(TakeOfflineDialog)
        self.buttonBox.rejected.connect(TakeOfflineDialog.reject)

        QMetaObject.connectSlotsByName(TakeOfflineDialog)
    # setupUi

    def retranslateUi(self, TakeOfflineDialog):
        TakeOfflineDialog.setWindowTitle(QCoreApplication.translate("TakeOfflineDialog", u"Take reviews offline", None))
        self.offlineHint.setText(QCoreApplication.translate("TakeOfflineDialog", u"Copies reviews of another library (the team library, or a library file) into this one, with the same ids, to work on where there is no network. File \u203a Send back offline copies merges them home again, both ways.", None))
        self.homeLabel.setText(QCoreApplication.translate("TakeOfflineDialog", u"&Home:", None))
#if QT_CONFIG(accessibility)
        self.homeEdit.setAccessibleName(QCoreApplication.translate("TakeOfflineDialog", u"Home library: a team library's address or a library file", None))
#endif // QT_CONFIG(accessibility)
        self.fileButton.setText(QCoreApplication.translate("TakeOfflineDialog", u"&File\u2026", None))
        self.showButton.setText(QCoreApplication.translate("TakeOfflineDialog", u"&Show its reviews", None))
#if QT_CONFIG(accessibility)
        self.reviewList.setAccessibleName(QCoreApplication.translate("TakeOfflineDialog", u"Reviews of the home library (Space ticks one)", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

