"""What was typed and not yet in the library, kept on this machine so that a crash loses nothing.

The window writes here, less than a second after a keystroke, every text
that is not committed: a half-typed summary, the timeline row being
written, a why whose editor is open, the quick-capture line. It also keeps
the meeting timer's running phase, second by second. After ``kill -9`` the
next start offers them back ("restore what you were typing?").

One JSON file per library and review in the user's state folder. The
library (which may be a team's database) never holds half-typed text. A
write goes to a temporary file renamed over the old one, so a kill in the
middle leaves the previous version; there is no fsync (a process being
killed is the case this guards; a power cut may lose the last second).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .domain.times import format_timestamp, parse_timestamp, utc_now

FORMAT = 1


@dataclass(frozen=True)
class Draft:
    """One uncommitted text: ``key`` says where it goes back to, ``label`` names it for a person.

    ``kind`` is ``field`` (a value of the review, saved when restored),
    ``new`` (an item being written: put back, not committed) or ``cell``
    (an open cell editor: reopened with the text).
    """

    key: str
    label: str
    text: str
    kind: str = "field"
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class TimerState:
    """The meeting timer's place: the phase and the seconds spent in it when last written."""

    phase_id: str
    spent: float
    running: bool
    saved_at: str


def default_folder() -> Path:
    from platformdirs import user_state_path

    return user_state_path("pir-desktop", appauthor=False) / "drafts"


def library_key(library: str) -> str:
    """A file-name-safe key for a library (its path, or a database address without password)."""
    return hashlib.sha256(library.encode("utf-8", "surrogatepass")).hexdigest()[:24]


class DraftStore:
    """The drafts and timer state of every review of one library."""

    def __init__(self, library: str, folder: Path | None = None):
        self.folder = folder or default_folder()
        self.prefix = library_key(library)
        self.library = library

    def path(self, review_id: str) -> Path:
        return self.folder / f"{self.prefix}-{review_id}.json"

    def load(self, review_id: str) -> tuple[list[Draft], TimerState | None]:
        """What was kept for a review; nothing (never an error) if the file is missing or bad."""
        try:
            data = json.loads(self.path(review_id).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return [], None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return [], None
        drafts = []
        for item in data.get("drafts", []):
            try:
                drafts.append(
                    Draft(
                        str(item["key"]),
                        str(item["label"]),
                        str(item["text"]),
                        str(item.get("kind", "field")),
                        dict(item.get("extra", {})),
                    )
                )
            except (KeyError, TypeError, ValueError):
                continue
        timer = None
        if isinstance(raw := data.get("timer"), dict):
            try:
                parse_timestamp(str(raw["saved_at"]))
                timer = TimerState(
                    str(raw["phase_id"]), float(raw["spent"]), bool(raw["running"]), raw["saved_at"]
                )
            except (KeyError, TypeError, ValueError):
                timer = None
        return drafts, timer

    def save(self, review_id: str, drafts: list[Draft], timer: TimerState | None) -> None:
        """Replace what is kept for a review; an empty state removes its file."""
        target = self.path(review_id)
        if not drafts and timer is None:
            target.unlink(missing_ok=True)
            return
        document = {
            "format": FORMAT,
            "library": self.library,
            "review": review_id,
            "saved_at": format_timestamp(utc_now()),
            "drafts": [asdict(d) for d in drafts],
            "timer": asdict(timer) if timer is not None else None,
        }
        data = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8", "surrogatepass")
        temp = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=self.folder)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temp, target)
        except OSError:
            # drafts are a safety net: a full disk must not stop the typing
            if temp is not None:
                Path(temp).unlink(missing_ok=True)

    def clear(self, review_id: str) -> None:
        self.path(review_id).unlink(missing_ok=True)


def timer_state(phase_id: str, spent: float, running: bool) -> TimerState:
    return TimerState(phase_id, round(spent, 1), running, format_timestamp(utc_now()))
