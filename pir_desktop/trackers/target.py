"""Where a review's action items go: the tracker, its address, the repository or project.

Each tracker has one canonical base address, which is also what its token is
stored under: GitHub's REST API root (``https://api.github.com``, or
``https://HOST/api/v3`` for GitHub Enterprise Server) and a Jira site's root
(``https://example.atlassian.net``, or a self-hosted Jira with its context
path). An issue's web address (what an item's ``tracker_url`` holds) leads
back to that base, so "refresh" needs nothing but the item.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from urllib.parse import urlsplit, urlunsplit

from ..errors import PirError

GITHUB_API = "https://api.github.com"
GITHUB_WEB_HOSTS = {"github.com", "www.github.com"}
LABEL = "pir-action"


class TrackerSetupError(PirError):
    """A tracker, address, repository or project that cannot be used as given."""


class Tracker(StrEnum):
    GITHUB = "github"
    JIRA = "jira"

    @property
    def label(self) -> str:
        return {"github": "GitHub", "jira": "Jira"}[self.value]


def is_loopback(host: str | None) -> bool:
    """Whether ``host`` is this machine (localhost, 127.0.0.0/8, ::1)."""
    host = (host or "").strip("[]").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _no_plain_http(parts, what: str) -> None:
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise TrackerSetupError(
            f"{what} is plain http:// ({parts.netloc}): the token would cross the network "
            "unencrypted, for anyone on the way to read; use https:// (plain http is only "
            "for this machine, such as a test server at http://localhost:8080)"
        )


def _split(url: str, what: str):
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise TrackerSetupError(f"{what} must be an http or https address, not {url!r}")
    _no_plain_http(parts, what)
    return parts


def base_url(tracker: Tracker | str, url: str | None) -> str:
    """The canonical base address of ``tracker`` given what a user typed (None: GitHub.com)."""
    tracker = Tracker(tracker)
    if tracker is Tracker.GITHUB:
        if not url:
            return GITHUB_API
        parts = _split(url, "the GitHub address")
        path = parts.path.rstrip("/")
        if parts.netloc.lower() in GITHUB_WEB_HOSTS:
            return GITHUB_API
        if parts.netloc.lower() != "api.github.com" and not path:
            path = "/api/v3"  # an Enterprise host given by its name alone
        return urlunsplit((parts.scheme, parts.netloc.lower(), path, "", ""))
    if not url:
        raise TrackerSetupError(
            "Jira needs the site's address, e.g. --base-url https://example.atlassian.net"
        )
    parts = _split(url, "the Jira address")
    path = parts.path.rstrip("/")
    for suffix in ("/rest/api/3", "/rest/api/2"):
        path = path.removesuffix(suffix)
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, "", ""))


def is_jira_cloud(base: str) -> bool:
    host = urlsplit(base).hostname or ""
    return host.endswith((".atlassian.net", ".jira.com"))


_REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
_PROJECT = re.compile(r"^[A-Z][A-Z0-9_]{0,254}$")


@dataclass(frozen=True)
class Target:
    """One place to push to: GitHub ``owner/name`` or a Jira project key, at a base address."""

    tracker: Tracker
    base: str
    project: str  # owner/name on GitHub, the project key on Jira
    jira_api: int = 3  # Jira Cloud speaks REST v3; Server and Data Center v2

    @property
    def host(self) -> str:
        return urlsplit(self.base).netloc

    @property
    def name(self) -> str:
        return f"{self.tracker.label} {self.project}"


def make_target(
    tracker: Tracker | str,
    project: str,
    url: str | None = None,
    jira_api: int | None = None,
) -> Target:
    """Check and normalise what the user gave; a mistake is named before any request."""
    tracker = Tracker(tracker)
    base = base_url(tracker, url)
    project = (project or "").strip()
    if tracker is Tracker.GITHUB:
        if not _REPO.match(project):
            raise TrackerSetupError(f"a GitHub repository is written OWNER/NAME, not {project!r}")
        return Target(tracker, base, project)
    project = project.upper()
    if not _PROJECT.match(project):
        raise TrackerSetupError(
            f"a Jira project key is letters and digits like OPS, not {project!r}"
        )
    if jira_api is None:
        jira_api = 3 if is_jira_cloud(base) else 2
    if jira_api not in (2, 3):
        raise TrackerSetupError("the Jira REST API version is 2 (Server, Data Center) or 3 (Cloud)")
    return Target(tracker, base, project, jira_api)


@dataclass(frozen=True)
class IssueRef:
    """An issue found from its web address: on which tracker and base, and which issue."""

    tracker: Tracker
    base: str
    project: str
    key: str  # the issue number on GitHub, the issue key (OPS-12) on Jira


_GITHUB_PATH = re.compile(r"^(?P<prefix>.*?)/(?P<repo>[^/]+/[^/]+)/issues/(?P<number>\d+)/?$")
_JIRA_PATH = re.compile(r"^(?P<prefix>.*?)/browse/(?P<key>(?P<project>[A-Z][A-Z0-9_]*)-\d+)/?$")


def issue_ref(url: str) -> IssueRef:
    """What an item's ``tracker_url`` points at; a foreign address is named."""
    parts = urlsplit((url or "").strip())
    if parts.scheme in ("http", "https") and parts.netloc:
        _no_plain_http(parts, f"the issue address {url!r}")
        jira = _JIRA_PATH.match(parts.path)
        if jira:
            base = urlunsplit((parts.scheme, parts.netloc.lower(), jira["prefix"], "", ""))
            return IssueRef(Tracker.JIRA, base, jira["project"], jira["key"])
        github = _GITHUB_PATH.match(parts.path)
        if github and not github["prefix"]:
            host = parts.netloc.lower()
            base = (
                GITHUB_API
                if host in GITHUB_WEB_HOSTS
                else urlunsplit((parts.scheme, host, "/api/v3", "", ""))
            )
            return IssueRef(Tracker.GITHUB, base, github["repo"], github["number"])
    raise TrackerSetupError(
        f"{url!r} is not the address of a GitHub issue (…/OWNER/NAME/issues/N) "
        "or a Jira issue (…/browse/KEY-N)"
    )


def closing_time(text) -> datetime | None:
    """A tracker's closing time (GitHub ``2026-03-24T16:20:00Z``, Jira
    ``2026-03-24T16:20:00.000+0100``) in UTC; None when absent or unreadable."""
    if not isinstance(text, str) or not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None or moment.utcoffset() is None:
        return None
    return moment.astimezone(UTC)
