"""The public copy of a review: what may leave the company.

People become their roles (from the review's roles and participants), e-mail
addresses, IP addresses, host names and URLs are replaced by a marker, and
the internal impact field (revenue) and tracker links are dropped. Every
free text of the review goes through the same ``Redactor``, so no format
can leak what another one hides.

Names are matched whole ("Alex Kim") and by their parts ("Alex", "Kim's"),
case-sensitively on word boundaries: the public copy errs on the side of
hiding, so a surname that is also an ordinary capitalised word is replaced
too. An action item owner who is not a known person becomes "Owner
assigned": it may be a person the review never listed.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from ..domain.enums import RoleName
from ..domain.model import Review

EMAIL = "[e-mail removed]"
IP = "[IP address removed]"
HOST = "[host removed]"
URL = "[link removed]"
UNKNOWN_OWNER = "Owner assigned"
DROPPED_IMPACT = ("revenue",)

_ROLE_LABELS = {role.value: role.label for role in RoleName}

_URL_RE = re.compile(r"\b(?:https?|ftp|ssh)://[^\s<>\"')\]]+", re.IGNORECASE)
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_IPV4_RE = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?:/\d{1,2})?(?::\d+)?(?![\w.]*\w)")
# Full IPv6 forms and the compressed ones with "::"; a bare "12:30" is never matched.
_IPV6_RE = re.compile(
    r"(?<![\w:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![\w:])"
    r"|(?<![\w:])(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?(?![\w:])"
    r"|(?<![\w:])::(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4}(?![\w:])",
    re.IGNORECASE,
)
# A dotted name whose last label is alphabetic: db-1.prod.example.com, pg.internal.
_HOST_RE = re.compile(
    r"(?<![\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z][a-z0-9-]{1,62})(?::\d+)?(?![\w-])",
    re.IGNORECASE,
)
# Dotted words that are file names, versions or abbreviations rather than hosts.
_NOT_HOST_ENDINGS = frozenset(
    [
        "cfg",
        "conf",
        "csv",
        "env",
        "go",
        "gz",
        "html",
        "ini",
        "java",
        "js",
        "json",
        "kt",
        "log",
        "md",
        "php",
        "pl",
        "py",
        "rb",
        "rs",
        "sh",
        "sql",
        "tar",
        "tf",
        "toml",
        "ts",
        "txt",
        "xml",
        "yaml",
        "yml",
        "zip",
        "lock",
        "exe",
        "dll",
        "so",
        "jar",
        "png",
        "jpg",
        "svg",
        "pdf",
        "docx",
    ]
)


@dataclass(frozen=True)
class Redactor:
    """Replaces names and addresses in one text; built for one review."""

    names: tuple[tuple[re.Pattern[str], str], ...]

    def text(self, text: str) -> str:
        text = _URL_RE.sub(URL, text)
        text = _EMAIL_RE.sub(EMAIL, text)
        text = _IPV6_RE.sub(IP, text)
        text = _IPV4_RE.sub(IP, text)
        text = _HOST_RE.sub(_host, text)
        for pattern, role in self.names:
            text = pattern.sub(role, text)
        return text

    def optional(self, text: str | None) -> str | None:
        return None if text is None else self.text(text)


def _host(match: re.Match[str]) -> str:
    if match.group(1).lower() in _NOT_HOST_ENDINGS:
        return match.group(0)
    return HOST


def people(review: Review) -> dict[str, str]:
    """Each person's name, mapped to the role the public copy shows instead.

    A participant's own role wins over the review roles; several people with
    one role are told apart by letters ("Engineer A", "Engineer B").
    """
    found: dict[str, str] = {}
    for participant in review.participants:
        name = participant.name.strip()
        if name:
            found.setdefault(name, (participant.role or "").strip() or "Participant")
    for key, name in review.roles.items():
        name = name.strip()
        if name and name not in found:
            found[name] = _ROLE_LABELS.get(key, "Participant")
    by_role: dict[str, list[str]] = {}
    for name, role in found.items():
        by_role.setdefault(role, []).append(name)
    for role, names in by_role.items():
        if len(names) > 1:
            for index, name in enumerate(names):
                found[name] = f"{role} {_letters(index)}"
    return found


def _letters(index: int) -> str:
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


def redactor_for(review: Review) -> Redactor:
    mapping = people(review)
    patterns: list[tuple[re.Pattern[str], str]] = []
    # Whole names first, longest first, then every part of two letters or more.
    for name in sorted(mapping, key=len, reverse=True):
        patterns.append((_word(name), mapping[name]))
    parts: dict[str, str] = {}
    for name, role in mapping.items():
        for part in re.split(r"[\s,]+", name):
            part = part.strip(".()\"'")
            if len(part) >= 2 and part not in mapping:
                parts.setdefault(part, role)
    for part in sorted(parts, key=len, reverse=True):
        patterns.append((_word(part), parts[part]))
    return Redactor(tuple(patterns))


def _word(text: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(text)}(?!\w)")


def public_review(review: Review) -> Review:
    """A redacted deep copy of ``review``; the original is left untouched."""
    mapping = people(review)
    redact = redactor_for(review)
    copy_ = copy.deepcopy(review)
    copy_.title = redact.text(copy_.title)
    copy_.summary = redact.text(copy_.summary)
    copy_.problem = redact.text(copy_.problem)
    copy_.roles = {
        key: mapping.get(name.strip(), "Participant") for key, name in review.roles.items()
    }
    for participant in copy_.participants:
        participant.name = mapping.get(participant.name.strip(), "Participant")
        participant.role = redact.optional(participant.role)
    copy_.impact = {
        key: redact.text(text) for key, text in copy_.impact.items() if key not in DROPPED_IMPACT
    }
    if copy_.detection is not None:
        copy_.detection.notes = redact.optional(copy_.detection.notes)
    for event in copy_.timeline:
        event.text = redact.text(event.text)
        event.source = redact.optional(event.source)
    for node in copy_.all_whys():
        node.text = redact.text(node.text)
    for factor in copy_.contributing_factors:
        factor.text = redact.text(factor.text)
    for items in copy_.panels.values():
        for item in items:
            item.text = redact.text(item.text)
    for action in copy_.action_items:
        action.title = redact.text(action.title)
        if action.owner:
            owner = action.owner.strip()
            action.owner = mapping.get(owner) or _known_part(redact, owner) or UNKNOWN_OWNER
        action.tracker_url = None
    for lesson in copy_.lessons:
        lesson.text = redact.text(lesson.text)
    # What interchange version 2 adds to the review file.
    copy_.blameless_statement = redact.optional(copy_.blameless_statement)
    copy_.services = [redact.text(name) for name in copy_.services]
    copy_.tags = [redact.text(name) for name in copy_.tags]
    return copy_


def _known_part(redact: Redactor, owner: str) -> str | None:
    """The role when the owner is one part of a known name ("Alex"), else None.

    Anything longer ("Alex and Sam") could hold a name nobody listed.
    """
    for pattern, role in redact.names:
        if pattern.fullmatch(owner):
            return role
    return None
