"""What the text of a review may hold, decided once for every reader, writer and screen.

Text is any Unicode except what no person types and what breaks the places
text goes to: the C0 control characters other than tab, line feed and
carriage return (ESC drives a terminal, NUL ends a C string, and XML 1.0,
so a Word file, cannot hold any of them), DEL and the C1 controls
U+0080–U+009F, the non-characters U+FFFE and U+FFFF, and lone surrogates
(not Unicode at all).

- A review file or an edit whose text holds one is refused; ``problem``
  names the character.
- Timeline imports (chats, logs, Slack) and every output (the reports, the
  actions CSV, the review file, the terminal) drop them with ``clean``; a
  terminal's colour and cursor codes (``ESC [ 31 m``) go as a whole, since
  a log's colours are not its words. Output cleans too because a library
  written before this rule may still hold them.
- Where text is shown on one line (a title as a heading or in ``list``, a
  name in a table of facts) its line breaks (LF, CR, U+2028, U+2029) and
  tabs become one space: ``one_line``.
"""

from __future__ import annotations

import re

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
# ESC [ params final (CSI), ESC ] text BEL or ESC \ (OSC), and two-character ESC sequences.
# No part can run past the next ESC, so a text of many unfinished codes is still read once.
_TERMINAL_CODE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b\n]*(?:\x07|\x1b\\)|[@-Z\\-_])"
)
_BREAKS = re.compile("[\t\n\r\u2028\u2029]+")
_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x1B: "ESC", 0x7F: "DEL"}


def describe(char: str) -> str:
    """``the control character U+001B (ESC)``, as a message names a forbidden character."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"a lone surrogate U+{code:04X} (not a Unicode character)"
    if code in (0xFFFE, 0xFFFF):
        return f"the non-character U+{code:04X}"
    name = f" ({_NAMES[code]})" if code in _NAMES else ""
    return f"the control character U+{code:04X}{name}"


def problem(text: str) -> str | None:
    """Why ``text`` cannot be a review's text, or None when it can."""
    found = _FORBIDDEN.search(text)
    if found is None:
        return None
    return f"holds {describe(found.group())} at character {found.start() + 1}"


def clean(text: str) -> str:
    """``text`` without terminal codes and the characters review text may not hold."""
    if _FORBIDDEN.search(text) is None:
        return text
    return _FORBIDDEN.sub("", _TERMINAL_CODE.sub("", text))


def clean_all(value):
    """``value`` (JSON-like: dicts, lists, strings, numbers) with every string ``clean``."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {key: clean_all(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clean_all(item) for item in value]
    return value


def one_line(text: str) -> str:
    """``clean(text)`` with each run of line breaks and tabs as one space."""
    return _BREAKS.sub(" ", clean(text))
