"""Trackers › Tokens and Trackers › Push action items: the window's side of ``trackers``.

Tokens: pick GitHub or Jira and its address; store a token in the system
keyring, test it (who the tracker says it belongs to) or remove it. Where
the machine has no keyring, the dialog says so and offers to keep the token
for this session only, in memory. The token field is a password field and
is emptied once the token is stored.

Push: pick the tracker, address and repository or project; the dialog says
how many items will be pushed and whether a token is there, then pushes in
the background, listing each issue as it is made. The dialog cannot be
closed while a push runs (every request has a time limit). Network requests
never run in the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.model import Review
from ..errors import PirError
from ..storage.library import Library
from ..trackers.connect import open_client, token_for
from ..trackers.jira import ISSUE_TYPE
from ..trackers.secrets import NoKeyringBackend, TokenStore
from ..trackers.sync import PushResult, push_actions, pushable
from ..trackers.target import Target, Tracker, base_url, is_jira_cloud, make_target
from .background import BackgroundTask
from .labels import show_failure

ADDRESS_HINTS = {
    Tracker.GITHUB: "github.com, or your GitHub Enterprise host",
    Tracker.JIRA: "https://example.atlassian.net, or your Jira's address",
}
TOKEN_HINTS = {
    Tracker.GITHUB: "a fine-grained token with Issues: read and write",
    Tracker.JIRA: "Jira Cloud: you@example.com:API-TOKEN · Server / Data Center: a personal "
    "access token",
}
JIRA_APIS = (
    (None, "From the address (*.atlassian.net: Cloud)"),
    (3, "Cloud (REST API v3)"),
    (2, "Server or Data Center (REST API v2)"),
)
NO_KEYRING_NOTE = (
    "This machine has no system keyring (no Secret Service, KWallet, Keychain or Credential "
    "Locker), so tokens cannot be stored. PIR Desktop never writes a token to a file: a token "
    "you give here is kept for this session only, in memory, and forgotten when the app closes."
)


def _tracker_combo(parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    for tracker in Tracker:
        combo.addItem(tracker.label, tracker)
    return combo


def _error_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


class _TaskDialog(QDialog):
    """A dialog that stays open while its background task runs (each request has a time
    limit), so the task never reports to a closed dialog."""

    task: BackgroundTask | None = None

    def busy(self) -> bool:
        return self.task is not None and self.task.running

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy():
            event.ignore()
            return
        super().closeEvent(event)

    def reject(self) -> None:
        if not self.busy():
            super().reject()


class TokensDialog(_TaskDialog):
    """Add, test and remove the token for one tracker and address."""

    def __init__(self, parent: QWidget, tokens: TokenStore, settings: QSettings):
        super().__init__(parent)
        self.setWindowTitle("Tracker tokens")
        self.setObjectName("tokensDialog")
        self.tokens, self.settings = tokens, settings

        self.tracker = _tracker_combo(self)
        self.address = QLineEdit(self)
        self.token = QLineEdit(self)
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setObjectName("tokenEdit")
        self.where = QLabel(self)
        self.where.setObjectName("tokenWhere")
        form = QFormLayout()
        form.addRow("&Tracker:", self.tracker)
        form.addRow("&Address:", self.address)
        form.addRow("To&ken:", self.token)
        form.addRow("", self.where)

        self.no_keyring = _error_label(self, "noKeyringNote")
        self.no_keyring.setText(NO_KEYRING_NOTE)
        self.no_keyring.setVisible(not tokens.keyring_available)
        self.result = _error_label(self, "tokenResult")

        keyring_ok = tokens.keyring_available
        self.store_button = QPushButton(
            "&Store in the keyring" if keyring_ok else "&Use for this session only", self
        )
        self.test_button = QPushButton("T&est", self)
        self.remove_button = QPushButton("&Remove", self)
        buttons = QHBoxLayout()
        for button in (self.store_button, self.test_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.no_keyring)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addStretch(1)
        layout.addWidget(close)

        self.tracker.currentIndexChanged.connect(self._tracker_changed)
        self.address.editingFinished.connect(self._show_where)
        self.store_button.clicked.connect(self.store)
        self.test_button.clicked.connect(self.test)
        self.remove_button.clicked.connect(self.remove)
        self.resize(620, 320)
        self._tracker_changed()

    def current(self) -> tuple[Tracker, str]:
        """The tracker and its canonical base address (PirError for a bad address)."""
        tracker = Tracker(self.tracker.currentData())
        return tracker, base_url(tracker, self.address.text().strip() or None)

    def _tracker_changed(self) -> None:
        tracker = Tracker(self.tracker.currentData())
        self.address.setPlaceholderText(ADDRESS_HINTS[tracker])
        self.token.setPlaceholderText(TOKEN_HINTS[tracker])
        self._show_where()

    def _say(self, text: str, ok: bool = True) -> None:
        self.result.setText(text)
        show_failure(self.result, not ok)

    def _show_where(self) -> None:
        try:
            tracker, base = self.current()
            where = self.tokens.where(tracker, base)
        except PirError as exc:
            self.where.setText(str(exc))
            return
        self.where.setText(
            {
                "keyring": f"A token for {base} is in the system keyring.",
                "session": f"A token for {base} is kept for this session only.",
                None: f"No token for {base} yet.",
            }[where]
        )
        self.remove_button.setEnabled(where is not None)

    def store(self) -> None:
        try:
            tracker, base = self.current()
            if self.tokens.keyring_available:
                self.tokens.store(tracker, base, self.token.text())
                message = f"Stored in the system keyring for {base}."
            else:
                self.tokens.keep_for_session(tracker, base, self.token.text())
                message = f"Kept for this session only for {base}; nothing was written."
        except NoKeyringBackend as exc:  # the keyring went away since the dialog opened
            self.no_keyring.show()
            self._say(str(exc), ok=False)
            return
        except PirError as exc:
            self._say(str(exc), ok=False)
            return
        self.token.clear()
        self._say(message)
        self._show_where()

    def remove(self) -> None:
        try:
            tracker, base = self.current()
            removed = self.tokens.delete(tracker, base)
        except PirError as exc:
            self._say(str(exc), ok=False)
            return
        self._say(
            f"Removed the token for {base}." if removed else f"There was no token for {base}."
        )
        self._show_where()

    def test(self) -> None:
        """Ask the tracker who the typed token (else the stored one) belongs to."""
        try:
            tracker, base = self.current()
            token = self.token.text().strip() or token_for(
                self.tokens, tracker, base, in_window=True
            )
        except PirError as exc:
            self._say(str(exc), ok=False)
            return
        api = 3 if is_jira_cloud(base) else 2
        target = Target(tracker, base, "", api)

        def work(_progress):
            client = open_client(target, token)
            try:
                return client.whoami()
            finally:
                client.close()

        self.test_button.setEnabled(False)
        self._say(f"Asking {target.host}…")
        self.task = BackgroundTask(work, self)
        self.task.succeeded.connect(lambda who: self._say(f"The token works: signed in as {who}."))
        self.task.failed.connect(lambda message: self._say(message, ok=False))
        self.task.finished.connect(lambda: self.test_button.setEnabled(True))
        self.task.start()


class PushDialog(_TaskDialog):
    """Push the open review's committed action items; ``pushed`` when the library changed."""

    pushed = Signal()

    def __init__(
        self,
        parent: QWidget,
        library: Library,
        review: Review,
        tokens: TokenStore,
        settings: QSettings,
        open_tokens,
    ):
        super().__init__(parent)
        self.setWindowTitle(f"Push action items — {review.title}")
        self.setObjectName("pushDialog")
        self.library, self.review, self.tokens, self.settings = library, review, tokens, settings

        self.tracker = _tracker_combo(self)
        self.address = QLineEdit(self)
        self.project = QLineEdit(self)
        self.project_label = QLabel(self)
        self.report_url = QLineEdit(self)
        self.report_url.setPlaceholderText("optional: where the published report is")
        # Jira only: which REST API the site speaks, and the type of the issues made.
        self.jira_api = QComboBox(self)
        for api, label in JIRA_APIS:
            self.jira_api.addItem(label, api)
        self.issue_type = QLineEdit(ISSUE_TYPE, self)
        self.issue_type.setToolTip("An issue type the project has, as Jira names it")
        jira_row = QHBoxLayout()
        jira_row.addWidget(self.jira_api, 1)
        self.issue_type_label = QLabel("Issue t&ype:", self)
        self.issue_type_label.setBuddy(self.issue_type)
        jira_row.addWidget(self.issue_type_label)
        jira_row.addWidget(self.issue_type)
        self.jira_label = QLabel("&Jira API:", self)
        self.jira_label.setBuddy(self.jira_api)
        form = QFormLayout()
        form.addRow("&Tracker:", self.tracker)
        form.addRow("&Address:", self.address)
        self.project_label.setBuddy(self.project)
        form.addRow(self.project_label, self.project)
        form.addRow(self.jira_label, jira_row)
        form.addRow("Report &link:", self.report_url)
        self.plan = QLabel(self)
        self.plan.setObjectName("pushPlan")
        self.plan.setWordWrap(True)
        self.token_state = _error_label(self, "pushTokenState")
        tokens_button = QPushButton("T&okens…", self)
        tokens_button.clicked.connect(lambda: (open_tokens(self), self._check()))
        token_row = QHBoxLayout()
        token_row.addWidget(self.token_state, 1)
        token_row.addWidget(tokens_button)
        self.log = QPlainTextEdit(self)
        self.log.setObjectName("pushLog")
        self.log.setReadOnly(True)
        self.outcome = _error_label(self, "pushOutcome")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.push_button = self.buttons.addButton("&Push", QDialogButtonBox.ButtonRole.ApplyRole)
        self.push_button.setDefault(True)
        self.buttons.rejected.connect(self.reject)
        self.push_button.clicked.connect(self.push)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.plan)
        layout.addLayout(token_row)
        layout.addWidget(self.log, 1)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)

        key = f"push/{review.id}"
        remembered = settings.value(f"{key}/tracker") or settings.value("push/tracker") or "github"
        self.tracker.setCurrentIndex(max(self.tracker.findData(str(remembered)), 0))
        self.address.setText(
            str(settings.value(f"{key}/address") or settings.value("push/address") or "")
        )
        self.project.setText(
            str(settings.value(f"{key}/project") or settings.value("push/project") or "")
        )
        jira_api = settings.value(f"{key}/jira_api")
        self.jira_api.setCurrentIndex(max(self.jira_api.findData(int(jira_api or 0) or None), 0))
        self.issue_type.setText(str(settings.value(f"{key}/issue_type") or ISSUE_TYPE))
        self.tracker.currentIndexChanged.connect(self._check)
        self.address.textChanged.connect(self._check)
        self.project.textChanged.connect(self._check)
        self.jira_api.currentIndexChanged.connect(self._check)
        self.resize(680, 480)
        self._show_plan()
        self._check()

    def _show_plan(self) -> None:
        items = self.review.action_items
        todo = [i for i in items if pushable(i) and not i.tracker_url]
        linked = sum(1 for i in items if i.tracker_url)
        rest = len(items) - len(todo) - linked
        text = f"{len(todo)} committed action item{'s' if len(todo) != 1 else ''} to push"
        if linked:
            text += f"; {linked} already linked (not pushed again)"
        if rest:
            text += f"; {rest} deferred, done or dropped (not pushed)"
        self.plan.setText(text + ".")
        self._todo = len(todo)

    def target(self) -> Target:
        tracker = Tracker(self.tracker.currentData())
        return make_target(
            tracker,
            self.project.text(),
            self.address.text().strip() or None,
            self.jira_api.currentData() if tracker is Tracker.JIRA else None,
        )

    def _check(self) -> None:
        tracker = Tracker(self.tracker.currentData())
        self.project_label.setText("&Repository:" if tracker is Tracker.GITHUB else "&Project:")
        self.project.setPlaceholderText(
            "OWNER/NAME" if tracker is Tracker.GITHUB else "KEY, e.g. OPS"
        )
        self.address.setPlaceholderText(ADDRESS_HINTS[tracker])
        is_jira = tracker is Tracker.JIRA
        for widget in (self.jira_label, self.jira_api, self.issue_type_label, self.issue_type):
            widget.setVisible(is_jira)
        ready = False
        try:
            target = self.target()
            token_for(self.tokens, target.tracker, target.base, in_window=True)
        except PirError as exc:
            self.token_state.setText(str(exc)[:1].upper() + str(exc)[1:] + ".")
        else:
            ready = True
            api = f" (REST v{target.jira_api})" if target.tracker is Tracker.JIRA else ""
            self.token_state.setText(f"Pushing to {target.name} at {target.host}{api}.")
        self.push_button.setEnabled(ready and self._todo > 0 and not self.busy())

    def push(self) -> None:
        try:
            target = self.target()
            token = token_for(self.tokens, target.tracker, target.base, in_window=True)
        except PirError as exc:
            self.outcome.setText(str(exc))
            return
        key = f"push/{self.review.id}"
        chosen = {
            "tracker": target.tracker.value,
            "address": self.address.text().strip(),
            "project": target.project,
            "jira_api": self.jira_api.currentData() or 0,
            "issue_type": self.issue_type.text().strip() or ISSUE_TYPE,
        }
        for name, value in chosen.items():
            self.settings.setValue(f"{key}/{name}", value)
            if name in ("tracker", "address", "project"):  # the next review's defaults
                self.settings.setValue(f"push/{name}", value)
        self.settings.setValue(f"tracker/jira_api/{target.base}", target.jira_api)
        library, review_id = self.library, self.review.id
        report_url = self.report_url.text().strip() or None
        issue_type = str(chosen["issue_type"])

        def work(progress) -> PushResult:
            client = open_client(target, token, issue_type=issue_type)
            try:
                return push_actions(
                    library, review_id, target, client, report_url=report_url, progress=progress
                )
            finally:
                client.close()

        self.task = BackgroundTask(work, self)
        self.task.progress.connect(self._progress)
        self.task.succeeded.connect(lambda result: self._finish(result.summary(target.name), True))
        self.task.failed.connect(lambda message: self._finish(message, False))
        self.task.finished.connect(self._check)
        self.outcome.setText(f"Pushing to {target.name}…")
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setEnabled(False)
        self.task.start()
        self._check()

    def _progress(self, line: str) -> None:
        self.log.appendPlainText(line)
        self.pushed.emit()

    def _finish(self, message: str, ok: bool) -> None:
        self.outcome.setText(message[:1].upper() + message[1:] + ".")
        show_failure(self.outcome, not ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setEnabled(True)
        self.pushed.emit()
        from ..storage.reviews import load_review

        try:
            with self.library.read() as session:
                self.review = load_review(session, self.review.id)
        except PirError:
            pass  # the plan keeps its last counts; the outcome above says what happened
        self._show_plan()
