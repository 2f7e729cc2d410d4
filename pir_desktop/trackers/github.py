"""GitHub Issues over its REST API (github.com, or GitHub Enterprise Server's ``/api/v3``).

Create: ``POST /repos/{owner}/{repo}/issues`` with title, body and labels.
Find what a push made: ``GET /repos/{owner}/{repo}/issues?labels=pir-action&state=all``,
page by page through the ``Link`` header. State: ``GET .../issues/{number}``.
Who the token is: ``GET /user``. Every request carries the token as a Bearer
header with GitHub's JSON media type and API version.
"""

from __future__ import annotations

from datetime import datetime

from .http import Http, json_body, missing_field
from .issue_text import IssueText, markdown, marked_ids
from .target import LABEL, IssueRef, Target, closing_time

API_VERSION = "2022-11-28"
PAGE_LIMIT = 50  # 5,000 labelled issues: more than any repository's action items


class GitHubClient:
    def __init__(self, target: Target, token: str, **http_options):
        self.target = target
        self.service = f"GitHub at {target.host}"
        self.http = Http(self.service, f"Bearer {token}", target.base, **http_options)
        self._headers = {
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": API_VERSION,
        }

    def close(self) -> None:
        self.http.close()

    def _repo_url(self, repo: str) -> str:
        return f"{self.target.base}/repos/{repo}"

    def whoami(self) -> str:
        response = self.http.request(
            "GET",
            f"{self.target.base}/user",
            headers=self._headers,
            not_found=f"{self.target.base} is not a GitHub API address",
        )
        return str(json_body(response, self.service).get("login", "?"))

    def find_marked(self) -> dict[str, str]:
        """{item id: issue address} for the repository's labelled issues that carry a marker."""
        found: dict[str, str] = {}
        url: str | None = f"{self._repo_url(self.target.project)}/issues"
        params: dict | None = {"labels": LABEL, "state": "all", "per_page": 100}
        for _ in range(PAGE_LIMIT):
            if url is None:
                break
            response = self.http.request(
                "GET", url, params=params, headers=self._headers, not_found=self._no_repo()
            )
            issues = response.json()
            if not isinstance(issues, list):
                break
            for issue in issues:
                if isinstance(issue, dict) and "pull_request" not in issue:
                    for item_id in marked_ids(issue.get("body") or ""):
                        found.setdefault(item_id, issue.get("html_url", ""))
            url = response.links.get("next", {}).get("url")
            params = None  # the next page's address carries them
        return found

    def _no_repo(self) -> str:
        return f"the repository {self.target.project} was not found, or the token cannot see it"

    def create(self, text: IssueText) -> str:
        response = self.http.request(
            "POST",
            f"{self._repo_url(self.target.project)}/issues",
            json={"title": text.title, "body": markdown(text), "labels": [LABEL]},
            headers=self._headers,
            not_found=self._no_repo(),
            creating=f"the issue “{text.title}”",
        )
        body = json_body(response, self.service)
        url = body.get("html_url")
        if not isinstance(url, str) or not url:
            raise missing_field(self.service, "html_url")
        return url

    def is_closed(self, ref: IssueRef) -> bool:
        return self.issue_state(ref)[0]

    def issue_state(self, ref: IssueRef) -> tuple[bool, datetime | None]:
        """Whether the issue is closed, and when (GitHub's ``closed_at``) if it says."""
        response = self.http.request(
            "GET",
            f"{self._repo_url(ref.project)}/issues/{ref.key}",
            headers=self._headers,
            not_found=f"issue #{ref.key} of {ref.project} was not found, or the token "
            "cannot see it",
        )
        body = json_body(response, self.service)
        closed = body.get("state") == "closed"
        return closed, (closing_time(body.get("closed_at")) if closed else None)
