"""The blameless coach: finds blame framing in a review's text and offers a systemic question.

It reads the whys, the contributing factors, the three panels and the
action items, and reports a ``Finding`` per rule that matches a text. The
rules are word patterns, tuned on the labelled sentences in
``tests/test_coach.py`` (precision and recall are printed by
``benchmarks/coach_accuracy.py``):

- a participant's name as the subject of a failure ("Alex forgot", "Sam's
  mistake"); a name followed by a neutral verb ("Alex rolled back the
  release") is a fact, not blame;
- "who did / who broke ..."; "human error"; judgements of character
  ("careless"); calls for more effort ("be more careful", "try harder");
  "didn't notice";
- "should have", "failed to" and "forgot" only with a person as subject, or
  with no subject at all: "the alert should have fired" asks about the system.

Names are matched as written in the review, case-sensitively, so a name
that is also a common word ("Will", "May") only counts where capitalised,
and only as the subject of a failure verb.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .enums import Panel
from .findings import Finding
from .model import Review, WhyNode

SYSTEM_QUESTION = "What in the system allowed this to happen?"

_PEOPLE = (
    r"he|she|they|someone|somebody|nobody|no one|anyone|everyone|we|I|you|"
    r"(?:the |an? |our |their )?(?:on-?call(?: engineer| person)?|engineers?|developers?|devs?|"
    r"operators?|admins?|administrators?|reviewers?|authors?|sres?|dbas?|interns?|persons?|"
    r"people|humans?|staff|team members?|new hires?|responders?)"
)
_PEOPLE_RE = re.compile(rf"(?<!\w)(?:{_PEOPLE})(?!\w)", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[.;:!?,()]|\b(?:and|but|because|so|when|while|after|since)\b")
_ADVERBS = (
    r"(?:(?:accidentally|mistakenly|carelessly|wrongly|just|also|again|then|never|clearly|"
    r"obviously)\s+)*"
)
_FAILURE_VERBS = (
    r"(?:broke|breaks|caused|causes|forgot|forgets|missed|misses|failed|fails|ignored|ignores|"
    r"overlooked|neglected|messed up|screwed up|botched|didn't|did not|should(?:n't| not)? have|"
    r"was supposed to|made (?:a|an|the) (?:mistake|error|blunder)|"
    r"never (?:checked|tested|looked|noticed|verified|read|asked))"
)


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    message: str
    suggestion: str
    person_subject: bool = False  # only when a person (or nobody named) does it


def _rule(name, pattern, message, suggestion, person_subject=False, flags=re.IGNORECASE) -> Rule:
    return Rule(name, re.compile(pattern, flags), message, suggestion, person_subject)


RULES: tuple[Rule, ...] = (
    _rule(
        "who-did",
        r"\bwho\s+(?:did|broke|caused|pushed|deployed|merged|approved|forgot|missed|made|"
        r"was responsible|is responsible|is to blame|messed up)\b|\bwhose (?:fault|mistake)\b",
        "Asks who, not what: a review looks for conditions, not a culprit.",
        "What in the system allowed this change to reach production unchecked?",
    ),
    _rule(
        "human-error",
        r"\b(?:human|operator|user|pilot|people) errors?\b",
        '"Human error" ends the inquiry where it should start.',
        "What made this error easy to make and hard to catch?",
    ),
    _rule(
        "should-have",
        r"\bshould(?:n't| not)? have\b|\bshould've\b|\bought to have\b",
        "Judges with hindsight what someone should have done.",
        "What would have made the right action the easy one at that moment?",
        person_subject=True,
    ),
    _rule(
        "failed-to",
        r"\bfailed to\b",
        "Frames a person as failing.",
        "What in the process or tooling made this step easy to miss?",
        person_subject=True,
    ),
    _rule(
        "forgot",
        r"\bforg(?:o|e)t(?:s|ten)?\b|\bforgetting\b",
        'Memory is not a control: "forgot" points at a person.',
        "What would have reminded us or stopped the change automatically "
        "(a checklist step, a guard, an alert)?",
        person_subject=True,
    ),
    _rule(
        "careless",
        r"\b(?:careless(?:ly|ness)?|sloppy|sloppiness|negligen(?:t|ce)|lazy|laziness|"
        r"incompeten(?:t|ce)|reckless(?:ly|ness)?|stupid|dumb|clueless)\b",
        "Judges a person's character, not the conditions they worked in.",
        "What in the tooling or process let a reasonable person make this change?",
    ),
    _rule(
        "didnt-notice",
        r"\b(?:didn't|did not|failed to|never) notice[ds]?\b|\b(?:wasn't|were not|weren't|was not|"
        r"not) paying attention\b|\bmissed (?:the|an|that) (?:alert|alarm|page|warning|message)\b"
        r"|\b(?:nobody|no one) (?:noticed|saw|spotted|caught)\b",
        "Makes noticing a person's job instead of the system's.",
        "What would have made the signal impossible to miss (routing, paging, dashboards)?",
    ),
    _rule(
        "try-harder",
        r"\b(?:try harder|(?:be )?more careful|be careful|pay (?:more |closer )?attention|"
        r"(?:be )?more (?:attentive|vigilant)|double[- ]check (?:everything|more)|"
        r"remember to|be reminded)\b",
        "Asks people to try harder; attention does not scale.",
        "Which guard, automation or safer default would make this safe without extra care?",
    ),
    _rule(
        "blame",
        r"\b(?:to blame|blamed?|blaming|(?:his|her|their|my|your)\s+fault|at fault|culprit|"
        r"dropped the ball)\b",
        "Assigns fault to a person.",
        "What conditions made this outcome likely?",
    ),
)


def _person_reference(text: str, names: Iterable[str]) -> bool:
    if _PEOPLE_RE.search(text):
        return True
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) for name in names)


def _subject_is_person(text: str, start: int, names: tuple[str, ...]) -> bool:
    """True when the clause before ``start`` names a person, or has no subject at all."""
    clause = _CLAUSE_BREAK.split(text[:start])[-1].strip()
    if not clause:
        return True
    return _person_reference(clause, names)


def name_variants(full_names: Iterable[str]) -> tuple[str, ...]:
    """People's names as they may be written: full names, then each capitalised part."""
    full = {name.strip() for name in full_names}
    full.discard("")
    parts = {part for name in full for part in name.split() if len(part) >= 2 and part[0].isupper()}
    return tuple(sorted(full, key=len, reverse=True)) + tuple(
        sorted(parts - full, key=len, reverse=True)
    )


def names_of(review: Review) -> tuple[str, ...]:
    """The people of a review (participants and roles) as they may be written."""
    return name_variants([p.name for p in review.participants] + list(review.roles.values()))


def check_text(text: str, names: tuple[str, ...] = ()) -> list[tuple[Rule, str]]:
    """The rules ``text`` breaks, each once, with the words that matched."""
    found: list[tuple[Rule, str]] = []
    for name in names:
        subject = re.search(
            rf"(?<!\w){re.escape(name)}(?:'s\s+(?:mistake|fault|error|bad)\b"
            rf"|\s+{_ADVERBS}{_FAILURE_VERBS}\b|\s+(?:accidentally|mistakenly|carelessly)\b)",
            text,
        )
        if subject:
            found.append((_name_rule(name), subject.group(0)))
            break
    for rule in RULES:
        for match in rule.pattern.finditer(text):
            if rule.person_subject and not _subject_is_person(text, match.start(), names):
                continue
            found.append((rule, match.group(0)))
            break
    return found


def _name_rule(name: str) -> Rule:
    return Rule(
        "name-as-cause",
        re.compile(re.escape(name)),
        f"Names {name} as the cause of a failure.",
        f"Describe what happened to the system, not who did it: {SYSTEM_QUESTION}",
    )


def _why_texts(nodes: list[WhyNode], path: str) -> Iterator[tuple[str, str]]:
    for index, node in enumerate(nodes):
        here = f"{path}[{index}]"
        yield f"{here}.text", node.text
        yield from _why_texts(node.children, f"{here}.children")


def review_texts(review: Review) -> Iterator[tuple[str, str]]:
    """(interchange path, text) of everything the coach reads."""
    yield from _why_texts(review.whys, "whys")
    for index, factor in enumerate(review.contributing_factors):
        yield f"contributing_factors[{index}].text", factor.text
    for panel in Panel:
        for index, item in enumerate(review.panels.get(panel, [])):
            yield f"{panel.value}[{index}]", item.text
    for index, action in enumerate(review.action_items):
        yield f"action_items[{index}].title", action.title


def coach_review(review: Review) -> list[Finding]:
    names = names_of(review)
    findings = []
    for path, text in review_texts(review):
        for rule, words in check_text(text, names):
            findings.append(
                Finding(path, rule.name, f'{rule.message} ("{words}")', rule.suggestion)
            )
    return findings
