# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'team_library_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_TeamLibraryDialog(object):
    def setupUi(self, TeamLibraryDialog):
        if not TeamLibraryDialog.objectName():
            TeamLibraryDialog.setObjectName(u"TeamLibraryDialog")
        TeamLibraryDialog.resize(560, 300)
        self.teamLayout = QVBoxLayout(TeamLibraryDialog)
        self.teamLayout.setObjectName(u"teamLayout")
        self.teamHint = QLabel(TeamLibraryDialog)
        self.teamHint.setObjectName(u"teamHint")
        self.teamHint.setWordWrap(True)

        self.teamLayout.addWidget(self.teamHint)

        self.teamForm = QFormLayout()
        self.teamForm.setObjectName(u"teamForm")
        self.addressLabel = QLabel(TeamLibraryDialog)
        self.addressLabel.setObjectName(u"addressLabel")

        self.teamForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.addressLabel)

        self.addressEdit = QComboBox(TeamLibraryDialog)
        self.addressEdit.setObjectName(u"addressEdit")
        self.addressEdit.setEditable(True)
        self.addressEdit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.addressEdit.setMinimumContentsLength(40)

        self.teamForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.addressEdit)

        self.passwordLabel = QLabel(TeamLibraryDialog)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.teamForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.passwordLabel)

        self.passwordEdit = QLineEdit(TeamLibraryDialog)
        self.passwordEdit.setObjectName(u"passwordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.teamForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.passwordEdit)

        self.rememberBox = QCheckBox(TeamLibraryDialog)
        self.rememberBox.setObjectName(u"rememberBox")

        self.teamForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.rememberBox)


        self.teamLayout.addLayout(self.teamForm)

        self.errorLabel = QLabel(TeamLibraryDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.teamLayout.addWidget(self.errorLabel)

        self.teamSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.teamLayout.addItem(self.teamSpacer)

        self.buttonBox = QDialogButtonBox(TeamLibraryDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Open)

        self.teamLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.addressLabel.setBuddy(self.addressEdit)
        self.passwordLabel.setBuddy(self.passwordEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.addressEdit, self.passwordEdit)
        QWidget.setTabOrder(self.passwordEdit, self.rememberBox)

        self.retranslateUi(TeamLibraryDialog)
        self.buttonBox.rejected.connect(TeamLibraryDialog.reject)

        QMetaObject.connectSlotsByName(TeamLibraryDialog)
    # setupUi

    def retranslateUi(self, TeamLibraryDialog):
        TeamLibraryDialog.setWindowTitle(QCoreApplication.translate("TeamLibraryDialog", u"Open team library", None))
        self.teamHint.setText(QCoreApplication.translate("TeamLibraryDialog", u"A team library is a PostgreSQL database the whole team opens. Ask whoever set it up for its address; a password can also come from ~/.pgpass, PGPASSWORD or a service file.", None))
        self.addressLabel.setText(QCoreApplication.translate("TeamLibraryDialog", u"&Address:", None))
#if QT_CONFIG(accessibility)
        self.addressEdit.setAccessibleName(QCoreApplication.translate("TeamLibraryDialog", u"Team library address", None))
#endif // QT_CONFIG(accessibility)
        self.passwordLabel.setText(QCoreApplication.translate("TeamLibraryDialog", u"&Password:", None))
        self.passwordEdit.setPlaceholderText(QCoreApplication.translate("TeamLibraryDialog", u"leave empty to use ~/.pgpass, PGPASSWORD or the keyring", None))
#if QT_CONFIG(accessibility)
        self.passwordEdit.setAccessibleName(QCoreApplication.translate("TeamLibraryDialog", u"Password", None))
#endif // QT_CONFIG(accessibility)
        self.rememberBox.setText(QCoreApplication.translate("TeamLibraryDialog", u"&Remember the password in the system keyring", None))
    # retranslateUi

