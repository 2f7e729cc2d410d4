"""Requests to a tracker and what their failures mean to a person.

Every failure becomes a ``TrackerError`` whose message says what happened and
what to do, in words: the host could not be reached, the token was refused
(401), lacks a permission (403), the repository or project is not there or
not visible (404), the tracker did not accept the issue (400, 422, with its
own reasons), or it asks to slow down (429, or GitHub's 403 with its limit
used up). A short wait the tracker asks for (``Retry-After`` up to
``MAX_WAIT_SECONDS``) is waited once; a longer one is reported with the time
to try again. The token is sent in a header and never appears in a message,
and only to addresses under the base it is for: a request anywhere else
(a "next page" link that leads to another host) is refused before it is sent,
and redirects are never followed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

from .. import __version__
from ..errors import PirError

MAX_WAIT_SECONDS = 5.0
TIMEOUT = httpx.Timeout(20.0, connect=10.0)
USER_AGENT = f"pir-desktop/{__version__}"


class TrackerError(PirError):
    """A request to a tracker failed; the message is for a person."""

    def __init__(self, message: str, *, status: int | None = None, maybe_created: bool = False):
        super().__init__(message)
        self.status = status  # the HTTP status, None when no answer came
        # The request may have reached the tracker even though no answer came back.
        self.maybe_created = maybe_created


class RateLimited(TrackerError):
    """The tracker asks to wait before the next request."""

    def __init__(self, message: str, status: int, wait: float | None):
        super().__init__(message, status=status)
        self.wait = wait


def retry_after(response: httpx.Response, now: datetime) -> float | None:
    """Seconds to wait from ``Retry-After`` (seconds or an HTTP date) or GitHub's reset time."""
    value = response.headers.get("Retry-After")
    if value:
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            when = None
        if when is not None:
            return max(0.0, (when - now).total_seconds())
    reset = response.headers.get("X-RateLimit-Reset")
    if reset and reset.isdigit() and response.headers.get("X-RateLimit-Remaining") == "0":
        return max(0.0, int(reset) - now.timestamp())
    return None


def _reasons(response: httpx.Response) -> str:
    """The tracker's own explanation: GitHub's message and errors, Jira's errorMessages."""
    try:
        body = response.json()
    except ValueError:
        return ""
    if not isinstance(body, dict):
        return ""
    said: list[str] = []
    if isinstance(body.get("message"), str):
        said.append(body["message"])
    for error in body.get("errors") or []:
        if isinstance(error, dict):
            text = error.get("message") or " ".join(
                str(error[k]) for k in ("resource", "field", "code") if k in error
            )
            said.append(str(text))
    if isinstance(body.get("errors"), dict):
        said.extend(f"{field}: {text}" for field, text in body["errors"].items())
    said.extend(str(m) for m in body.get("errorMessages") or [])
    return "; ".join(s for s in said if s)


def under(url: str, base: str) -> bool:
    """Whether ``url`` is at ``base`` (same scheme, host and port, and below its path)."""
    target, root = urlsplit(url), urlsplit(base)
    path, prefix = target.path, root.path.rstrip("/")
    return (target.scheme, target.netloc.lower()) == (root.scheme, root.netloc.lower()) and (
        path == prefix or path.startswith(prefix + "/")
    )


class Http:
    """An httpx client for one tracker's base address, with its authorisation header;
    it sends nothing to any other address."""

    def __init__(
        self,
        service: str,
        auth_header: str,
        base: str,
        *,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        transport: httpx.BaseTransport | None = None,
    ):
        self.service = service  # "GitHub at api.github.com": how messages name the tracker
        self.base = base
        self._sleep, self._now = sleep, now
        self._client = httpx.Client(
            timeout=TIMEOUT,
            headers={"Authorization": auth_header, "User-Agent": USER_AGENT},
            follow_redirects=False,
            transport=transport,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Http:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def request(
        self, method: str, url: str, *, not_found: str, creating: str | None = None, **kwargs
    ) -> httpx.Response:
        """Send once (twice after a short rate-limit wait); a 2xx answer or a ``TrackerError``.

        ``not_found`` says what a 404 means here; ``creating`` names what a
        POST creates, so that a lost answer can say it may exist already.
        """
        if not under(url, self.base):
            shown = urlsplit(url)._replace(query="", fragment="").geturl()
            raise TrackerError(
                f"{self.service} pointed to {shown}, which is not at {self.base}; the token "
                "is sent only to the address it is for, so nothing was sent there"
            )
        for attempt in (1, 2):
            try:
                response = self._client.request(method, url, **kwargs)
            except httpx.TimeoutException as exc:
                if creating and not isinstance(exc, httpx.ConnectTimeout):
                    raise TrackerError(
                        f"{self.service} did not answer in time while creating {creating}; "
                        "it may have been created. Push again: an issue already made for an "
                        "item is found and linked, not made twice",
                        maybe_created=True,
                    ) from None
                raise TrackerError(
                    f"{self.service} did not answer in time; check the address and your "
                    "network, then try again"
                ) from None
            except httpx.HTTPError as exc:
                raise TrackerError(
                    f"cannot reach {self.service}: {exc or type(exc).__name__}. Check the "
                    "address and your network connection (or proxy)"
                ) from None
            if response.is_success:
                return response
            wait = retry_after(response, self._now())
            limited = response.status_code == 429 or (
                response.status_code == 403 and wait is not None
            )
            if limited and attempt == 1 and wait is not None and wait <= MAX_WAIT_SECONDS:
                self._sleep(wait)
                continue
            raise self._error(response, wait if limited else None, limited, not_found)
        raise AssertionError("unreachable")

    def _error(
        self, response: httpx.Response, wait: float | None, limited: bool, not_found: str
    ) -> TrackerError:
        code = response.status_code
        status = f"{code} {response.reason_phrase}".strip()
        reasons = _reasons(response)
        said = f": {reasons}" if reasons else ""
        if limited:
            if wait is None:
                when = "in a while"
            else:
                until = (self._now() + timedelta(seconds=wait)).strftime("%H:%M:%S UTC")
                when = f"in {wait:.0f} s (at {until})"
            return RateLimited(
                f"{self.service} is limiting requests ({status}); try again {when}", code, wait
            )
        if code == 401:
            return TrackerError(
                f"{self.service} refused the token ({status}): it is wrong, expired or "
                "revoked. Set a new one (pir-desktop token set, or Trackers › Tokens)",
                status=code,
            )
        if code == 403:
            return TrackerError(
                f"{self.service} refused the request ({status}){said}. The token lacks a "
                "permission this needs (GitHub: Issues read and write; Jira: create and "
                "browse issues in the project)",
                status=code,
            )
        if code == 404:
            return TrackerError(f"{not_found} ({status} from {self.service})", status=code)
        if code == 410:
            return TrackerError(
                f"{self.service}: the repository has issues turned off or is gone ({status})",
                status=code,
            )
        if code in (400, 422):
            return TrackerError(
                f"{self.service} did not accept the request ({status}){said}", status=code
            )
        if code >= 500:
            return TrackerError(
                f"{self.service} had a problem of its own ({status}); try again later",
                status=code,
            )
        return TrackerError(f"{self.service} answered {status}{said}", status=code)


def json_body(response: httpx.Response, service: str) -> dict:
    """The JSON object of an answer; anything else means the address is not that API."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise TrackerError(
            f"{service} did not answer as its API does (no JSON object); check the base address"
        )
    return body


def missing_field(service: str, field: str) -> TrackerError:
    return TrackerError(f"{service} answered without the issue's {field}; check the base address")
