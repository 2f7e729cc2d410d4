"""Jira issues over its REST API: Cloud (v3, ADF descriptions) and Server / Data Center (v2).

Create: ``POST /rest/api/{v}/issue`` with project, summary, issue type,
labels and description. Find what a push made: JQL ``project = KEY AND
labels = pir-action`` (v3: ``GET /rest/api/3/search/jql`` paged by
``nextPageToken``; v2: ``GET /rest/api/2/search`` paged by ``startAt``).
State: ``GET /rest/api/{v}/issue/{key}?fields=status,resolutiondate``, done
when the status's category is ``done``; closed at its ``resolutiondate``.
Who the token is: ``GET /rest/api/{v}/myself``.

Authentication: Jira Cloud takes an API token with the account's e-mail
(HTTP Basic), so its secret is stored as ``you@example.com:TOKEN``; Server
and Data Center take a personal access token as a Bearer header.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime

from .http import Http, json_body, missing_field
from .issue_text import IssueText, adf, jira_wiki, marked_ids
from .target import LABEL, IssueRef, Target, closing_time

SUMMARY_LIMIT = 255
PAGE_LIMIT = 50
ISSUE_TYPE = "Task"


def auth_header(secret: str) -> str:
    """Basic for ``email:api-token`` (Cloud), Bearer for a personal access token."""
    user, sep, token = secret.partition(":")
    if sep and "@" in user and token:
        return "Basic " + base64.b64encode(secret.encode("utf-8")).decode("ascii")
    return f"Bearer {secret}"


class JiraClient:
    def __init__(self, target: Target, token: str, *, issue_type: str = ISSUE_TYPE, **http_options):
        self.target = target
        self.issue_type = issue_type
        self.service = f"Jira at {target.host}"
        self.http = Http(self.service, auth_header(token), target.base, **http_options)
        self._api = f"{target.base}/rest/api/{target.jira_api}"
        self._headers = {"Accept": "application/json"}

    def close(self) -> None:
        self.http.close()

    def whoami(self) -> str:
        response = self.http.request(
            "GET",
            f"{self._api}/myself",
            headers=self._headers,
            not_found=f"{self.target.base} has no Jira REST API v{self.target.jira_api}",
        )
        body = json_body(response, self.service)
        return str(body.get("displayName") or body.get("name") or body.get("emailAddress") or "?")

    def _no_project(self) -> str:
        return f"the project {self.target.project} was not found, or the token cannot see it"

    def find_marked(self) -> dict[str, str]:
        jql = f'project = "{self.target.project}" AND labels = "{LABEL}"'
        found: dict[str, str] = {}
        params: dict = {"jql": jql, "fields": "description", "maxResults": 100}
        path = "search/jql" if self.target.jira_api == 3 else "search"
        for _ in range(PAGE_LIMIT):
            response = self.http.request(
                "GET",
                f"{self._api}/{path}",
                params=params,
                headers=self._headers,
                not_found=self._no_project(),
            )
            body = json_body(response, self.service)
            issues = body.get("issues") or []
            for issue in issues:
                description = (issue.get("fields") or {}).get("description") or ""
                text = description if isinstance(description, str) else json.dumps(description)
                for item_id in marked_ids(text):
                    found.setdefault(item_id, self.browse_url(str(issue.get("key"))))
            if self.target.jira_api == 3:
                token = body.get("nextPageToken")
                if body.get("isLast", True) or not token:
                    break
                params = {**params, "nextPageToken": token}
            else:
                start = int(body.get("startAt", 0)) + len(issues)
                if not issues or start >= int(body.get("total", 0)):
                    break
                params = {**params, "startAt": start}
        return found

    def browse_url(self, key: str) -> str:
        return f"{self.target.base}/browse/{key}"

    def create(self, text: IssueText) -> str:
        summary = " ".join(text.title.split())
        if len(summary) > SUMMARY_LIMIT:
            summary = summary[: SUMMARY_LIMIT - 1] + "…"
        description = adf(text) if self.target.jira_api == 3 else jira_wiki(text)
        response = self.http.request(
            "POST",
            f"{self._api}/issue",
            json={
                "fields": {
                    "project": {"key": self.target.project},
                    "summary": summary,
                    "issuetype": {"name": self.issue_type},
                    "labels": [LABEL],
                    "description": description,
                }
            },
            headers=self._headers,
            not_found=self._no_project(),
            creating=f"the issue “{summary}”",
        )
        key = json_body(response, self.service).get("key")
        if not isinstance(key, str) or not key:
            raise missing_field(self.service, "key")
        return self.browse_url(key)

    def is_closed(self, ref: IssueRef) -> bool:
        return self.issue_state(ref)[0]

    def issue_state(self, ref: IssueRef) -> tuple[bool, datetime | None]:
        """Whether the issue is in a done status, and when it was resolved if Jira says."""
        response = self.http.request(
            "GET",
            f"{self._api}/issue/{ref.key}",
            params={"fields": "status,resolutiondate"},
            headers=self._headers,
            not_found=f"the issue {ref.key} was not found, or the token cannot see it",
        )
        fields = json_body(response, self.service).get("fields") or {}
        status = fields.get("status") or {}
        closed = (status.get("statusCategory") or {}).get("key") == "done"
        return closed, (closing_time(fields.get("resolutiondate")) if closed else None)
