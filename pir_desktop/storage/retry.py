"""Running a write again when it collided with another one on a team library.

On PostgreSQL two transactions that change the same rows at once cannot both
commit: one gets a serialization failure (or, rarely, a deadlock) and nothing
of it is written. Each operation is wrapped in :func:`retried`, which runs the
whole operation again (its checks, its reads and its write) after a short,
growing, jittered pause; the second run sees the other's change and, if the
edit was made from a version that is now stale, refuses it as ``StaleEdit``
rather than writing over it. After ``ATTEMPTS`` runs it says the library is
busy, in a sentence: the user never sees "could not serialize access".
"""

from __future__ import annotations

import functools
import random
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from ..errors import Busy
from .team import RetryWrite

ATTEMPTS = 8
FIRST_PAUSE = 0.01  # seconds; doubled after each collision, up to MAX_PAUSE
MAX_PAUSE = 0.4

P = ParamSpec("P")
R = TypeVar("R")


def retried(operation: Callable[P, R]) -> Callable[P, R]:
    """``operation`` run again when its write collided with another (``RetryWrite``)."""

    @functools.wraps(operation)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        pause = FIRST_PAUSE
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return operation(*args, **kwargs)
            except RetryWrite as exc:
                if attempt == ATTEMPTS:
                    cause = exc.__cause__
                    if cause is not None and "IntegrityError" in type(cause).__name__:
                        raise cause from None  # the same id inserted again and again: a bug
                    raise Busy(
                        "the team library is busy: other edits of the same review kept "
                        f"colliding with this one ({ATTEMPTS} tries); nothing was saved, "
                        "try again"
                    ) from None
                time.sleep(pause * (0.5 + random.random()))
                pause = min(MAX_PAUSE, pause * 2)
        raise AssertionError("unreachable")

    return run
