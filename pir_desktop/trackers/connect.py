"""A client for a target with its token: the one place that picks GitHub or Jira."""

from __future__ import annotations

from ..errors import PirError
from .github import GitHubClient
from .jira import JiraClient
from .secrets import TokenStore, check_token
from .sync import TrackerClient
from .target import IssueRef, Target, Tracker, is_jira_cloud


class MissingToken(PirError):
    """No token is stored (or held for the session) for a tracker and address."""


def token_for(tokens: TokenStore, tracker: Tracker, base: str, *, in_window: bool = False) -> str:
    """The token for a tracker and address; ``MissingToken`` says how to give one, in the
    command line's words or (``in_window``) the window's."""
    token = tokens.get(tracker, base)
    if token is not None:
        return token
    where = base if tracker is Tracker.JIRA else base.removesuffix("/api/v3")
    if in_window:
        hint = "add one with Tokens…"
        if not tokens.keyring_available:
            hint += " (this machine has no system keyring: it is kept for this session only)"
    elif tokens.keyring_available:
        hint = (
            f"store one with 'pir-desktop token set --tracker {tracker.value}"
            + ("" if base == "https://api.github.com" else f" --base-url {where}")
            + "' (it reads the token from standard input) or in the window's Trackers › Tokens"
        )
    else:
        hint = (
            "this machine has no system keyring, so none can be stored; give one for this "
            "run with --token-stdin, or in the window for the session"
        )
    raise MissingToken(f"there is no token for {tracker.label} at {where}: {hint}")


def open_client(target: Target, token: str, **options) -> TrackerClient:
    check_token(token)  # also a token typed into the window and tested before it is kept
    if target.tracker is Tracker.GITHUB:
        options.pop("issue_type", None)
        return GitHubClient(target, token, **options)
    return JiraClient(target, token, **options)


def target_of(ref: IssueRef, jira_api: int | None = None) -> Target:
    """The target an existing issue belongs to (for refresh)."""
    api = jira_api or (3 if is_jira_cloud(ref.base) else 2)
    return Target(ref.tracker, ref.base, ref.project, api if ref.tracker is Tracker.JIRA else 3)
