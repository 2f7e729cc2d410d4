"""The blameless coach: finds blame framing in a review's text and offers a question that fits it.

It reads the whys, the contributing factors, the three panels, the action
items and the lessons learned, and reports a ``Finding`` per rule that
matches a text. The rules are word patterns (``domain.blame_words``)
combined with who the subject of the words is, tuned on the tuning part of
the labelled corpus (``tests/coach_corpus.py``; ``benchmarks/coach_accuracy.py``
prints precision and recall on it and on a held-out part never tuned on).
The forms of blame it hears:

- a person as the one at fault: a participant's name, a role or group ("the
  reviewer", "the platform team", "QA"), a pronoun, someone indefinite
  ("someone", "whoever"), or nobody named at all ("Skipped the checklist");
  with a verb or phrase of fault ("forgot", "failed to", "overlooked",
  "skipped the canary", "didn't check", "without testing", "restarted the
  wrong cluster"), or in the passive with a person as agent ("was ignored
  by the on-call");
- counterfactuals about people (Dekker's Field Guide): "should (not) have",
  "could have", "if only", "had they done X, Y would have", "all they had to
  do was", "why didn't they";
- nominal blame: "human error", "operator mistake", "Sam's typo", "a slip by
  the on-call", "the fault lies with ...", "to blame";
- character and accountability: "careless", "reckless", "must be more
  diligent", "hold them accountable", "taken off the rotation".

What only looks alike stays quiet: a person doing a neutral thing ("Dana
restarted the pods"), the system as subject ("the backup job should have
alerted", "the canary failed to catch it"), questions ("Could the alert
have fired sooner?"), imperatives ("Skip the canary only for docs"). Names
are matched as written in the review (or all in lower case), and only
count as the subject of a fault, so a name that is also a word ("Will",
"May", "Mark") stays a word.

Each finding's suggestion is a reframe that fits its form and names the
person as the text did: a role's "Why did it make sense to the reviewer at
the time?", a counterfactual's "What did they know at that moment?", a
human error's "What made the error possible and easy?". The window shows
``prompt_cards.HINDSIGHT_REMINDER`` with counterfactual findings (the rules
of ``findings.COUNTERFACTUAL_RULES``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property

from . import blame_words as w
from .enums import Panel
from .findings import Finding
from .model import Review, WhyNode

SYSTEM_QUESTION = "What in the system allowed this to happen?"


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    message: str
    suggestion: str
    person_subject: bool = False  # only when a person (or nobody named) does it


# -- who the subject is ---------------------------------------------------------------------


@dataclass(frozen=True)
class Subject:
    """Who a sentence says did it: ``kind`` is name, person, none (not said) or thing."""

    kind: str
    phrase: str = ""

    @property
    def is_person(self) -> bool:
        return self.kind != "thing"

    @property
    def who(self) -> str:
        """The person as the text put it, as an object: "the reviewer", "Dana", "him"."""
        low = self.phrase.lower()
        if self.kind == "none":
            return "a person"
        if low in ("nobody", "no one", "no-one"):
            return "everyone there"
        if low == "whoever":
            return "whoever did it"
        if low in _OBJECTS:
            return _OBJECTS[low]
        return self.phrase if self.kind == "name" else _lower_first(self.phrase)

    @property
    def who_subject(self) -> str:
        """The same as a subject: "the reviewer", "he", "someone"."""
        low = self.phrase.lower()
        if low in w.PRONOUNS:
            return "I" if low == "i" else low
        return self.who

    @property
    def subj(self) -> str:
        """As the subject of a question: "the reviewer", "he", "they"."""
        low = self.phrase.lower()
        if self.kind == "none" or low in w.INDEFINITES or low in ("no one", "no-one"):
            return "they"
        return self.who_subject

    @property
    def obj(self) -> str:
        """As an object in a question: "the reviewer", "him", "them"."""
        return _OBJECTS.get(self.subj.lower(), self.subj)


_OBJECTS = {"i": "me", "we": "us", "he": "him", "she": "her", "they": "them", "you": "you"}


def _lower_first(phrase: str) -> str:
    head, _, rest = phrase.partition(" ")
    if head.lower() in w.DETERMINERS or head.lower() in w.INDEFINITES:
        return f"{head.lower()} {rest}".strip()
    return phrase


THING = Subject("thing")
NOBODY_NAMED = Subject("none")

_TOKEN = re.compile(r"[\w'-]+")
_BREAK = re.compile(
    r"[.;!?()\[\]\"]|:(?=\s|$)|,|\s[-–—]+\s|\b(?:and|but|or|so|because|since|when|while|after|"
    r"before|until|although|though|as|then|if|unless|once|whereas)\b",
    re.IGNORECASE,
)
_COORDINATING = frozenset({",", "and", "but", "or", "then", ""})
_LEADING = re.compile(
    r"^(?:\s|[-–—*•>#]|(?:\d{4}-\d{2}-\d{2}[ T]?)?\[?\d{1,2}[:.h]\d{2}(?::\d{2})?\]?"
    r"(?:\s*(?:utc|z|am|pm|a\.m\.|p\.m\.))?\s*[-–—:]?"
    r"|(?:at|around|about|by|after|before|on|in|during)\s+(?:\d[\d:.]*(?:\s*(?:utc|am|pm))?|"
    r"the (?:morning|evening|night|afternoon|weekend)|night|noon|midnight|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
    r"|(?:then|later|eventually|finally|meanwhile|next|also|afterwards|again|first|initially|"
    r"so|and|but|still|instead|frankly|honestly|basically|unfortunately|sadly|clearly|"
    r"obviously|yesterday|today|once again|in the end|in hindsight|in retrospect)\b)+",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"(?:\s+(?:just|also|then|again|simply|completely|totally|entirely|clearly|obviously|"
    r"apparently|somehow|basically|accidentally|mistakenly|inadvertently|carelessly|blindly|"
    r"hastily|still|even|already|really|actually|probably|repeatedly|frankly|unfortunately|"
    r"initially|first|later|never|once|had|has|have|was|were|is|are|been|be|would|will|did|"
    r"does|do|had already|keeps?|kept|must|might|may|could|should|can|has to|have to|had to|"
    r"needs to|need to|ought to|got to|going to))+\s*$",
    re.IGNORECASE,
)
_POSTMODIFIER = re.compile(
    r"\s+(?:who|that|of|on|from|in|at|with|for)\b(?![^,;]*\b(?:and|but)\b)", re.IGNORECASE
)
_CONTRACTED = re.compile(r"^(i|we|you|he|she|they)'(?:s|ve|d|re|m|ll)$", re.IGNORECASE)
_ROLE_MODIFIED = re.compile(rf"^(?:{w.ROLE_MODIFIED})$", re.IGNORECASE)


class _Text:
    """One text being checked, with its clauses, for finding the subject of a match."""

    def __init__(self, text: str, names: tuple[str, ...]):
        self.text = text
        self.names = names
        self._clauses: list[tuple[int, int, str]] | None = None

    def clauses(self) -> list[tuple[int, int, str]]:
        """(start, end, the word or mark that opened it) of each clause."""
        if self._clauses is None:
            spans, start, joiner = [], 0, ""
            for brk in _BREAK.finditer(self.text):
                spans.append((start, brk.start(), joiner))
                start, joiner = brk.end(), brk.group(0).strip().lower()
            spans.append((start, len(self.text), joiner))
            self._clauses = spans
        return self._clauses

    def clause_at(self, pos: int) -> int:
        for index, (start, end, _) in enumerate(self.clauses()):
            if start <= pos <= end:
                return index
        return len(self.clauses()) - 1

    # -- the subject just before a verb ----------------------------------------------------
    def subject_before(self, pos: int, gerund: bool = False, possessor: bool = False) -> Subject:
        """Who does the verb at ``pos``: the noun phrase just before it in its clause,
        the subject of the clause it is joined to, or nobody named (a note)."""
        index = self.clause_at(pos)
        start, _, joiner = self.clauses()[index]
        pre = _strip(self.text[start:pos])
        if not pre:
            if index == 0 or not (joiner in _COORDINATING or gerund):
                return NOBODY_NAMED
            return self.subject_of_clause(index - 1, inherit=True)
        found = self._tail(pre, possessor)
        if found.kind == "thing":
            lead = self.lead(index)
            if lead is not None and lead.kind in ("name", "person") and lead.phrase:
                clause = self.text[start:pos]
                at = clause.lower().find(lead.phrase.lower())
                rest = clause[at + len(lead.phrase) :] if at >= 0 else ""
                # "Whoever wrote this runbook never tested it", "The author of the migration
                # never considered ...": a person followed by a relative clause or a phrase
                # that says which person
                if lead.phrase.lower() == "whoever" or _POSTMODIFIER.match(rest):
                    return lead
        return found

    def _tail(self, pre: str, possessor: bool) -> Subject:
        for name in self.names:
            if _ends_with_name(pre, name):
                return Subject("name", name)
        tokens = _TOKEN.findall(pre)
        last = tokens[-1]
        low = last.lower()
        contracted = _CONTRACTED.match(low)
        if contracted:
            low = contracted.group(1)
            return Subject("person", last.split("'")[0])
        if low in w.PRONOUNS or low in w.INDEFINITES:
            return Subject("person", last)
        if low == "one" and len(tokens) >= 2 and tokens[-2].lower() == "no":
            return Subject("person", "no one")
        if low in ("us", "them") and len(tokens) >= 2 and tokens[-2].lower() == "of":
            return Subject("person", " ".join(tokens[-3:]))
        if low == "shift" and len(tokens) >= 2 and tokens[-2].lower() in w.SHIFTS:
            return Subject("person", _phrase(tokens))
        if low in w.ROLE_HEADS:
            return Subject("person", _phrase(tokens))
        if last in w.ORG_NAMES:
            return Subject("person", last)
        if possessor:
            # "Sam's change caused ...": the change's owner
            for back in range(2, min(4, len(tokens)) + 1):
                owner = tokens[-back]
                if owner.endswith("'s"):
                    found = self._tail(pre[: pre.rfind(owner) + len(owner) - 2], False)
                    return found if found.is_person else THING
        return THING

    # -- the subject a clause opens with ------------------------------------------------
    def lead(self, index: int) -> Subject | None:
        """Who the clause opens with: a person, nobody named (it opens with a past verb),
        a thing, or None when it opens with neither (an adverbial)."""
        start, end, _ = self.clauses()[index]
        return self.person_at(self.text[start:end], leading=True)

    def subject_of_clause(self, index: int, inherit: bool = False) -> Subject:
        while index >= 0:
            found = self.lead(index)
            if found is not None:
                return found
            index -= 1
        return NOBODY_NAMED

    def lead_subject(self, pos: int) -> Subject:
        """The subject of the clause around ``pos``, however far before it."""
        index = self.clause_at(pos)
        found = self.lead(index)
        if found is None:
            joiner = self.clauses()[index][2]
            if index > 0 and joiner in _COORDINATING:
                return self.subject_of_clause(index - 1)
            return NOBODY_NAMED
        if found.kind == "none" and index > 0 and self.clauses()[index][2] in _COORDINATING:
            return self.subject_of_clause(index - 1)
        return found

    def person_at(self, text: str, leading: bool = False) -> Subject | None:
        """The noun phrase ``text`` opens with, as a Subject (None: no noun phrase)."""
        text = _LEADING.sub("", text) if leading else text.lstrip()
        if not text:
            return None
        for name in self.names:
            if text.startswith(name) and not text[len(name) : len(name) + 1].isalnum():
                return Subject("name", name)
        tokens = _TOKEN.findall(text[:80])
        if not tokens:
            return None
        first, low = tokens[0], tokens[0].lower()
        second = tokens[1].lower() if len(tokens) > 1 else ""
        if low in w.PRONOUNS or low in w.INDEFINITES or (not leading and low in w.OBJECT_PRONOUNS):
            return Subject("person", first)
        if _CONTRACTED.match(low):
            return Subject("person", first.split("'")[0])
        if low in ("no", "no-one") and (second == "one" or low == "no-one"):
            return Subject("person", "no one")
        if low == "one" and second == "of":
            rest = tokens[2].lower() if len(tokens) > 2 else ""
            if rest in ("us", "you", "them") or (
                rest == "the" and len(tokens) > 3 and tokens[3].lower() in w.ROLE_HEADS
            ):
                return Subject("person", " ".join(tokens[:4] if rest == "the" else tokens[:3]))
            return THING
        if first in w.ORG_NAMES and (
            not second
            or second in w.ROLE_HEADS
            or second.endswith("ed")
            or second in w.IRREGULAR_PAST
            or second in ("never", "didn't", "did", "was", "were", "had", "has", "should", "just")
        ):
            return Subject("person", first)
        if low in w.DETERMINERS:
            for index, token in enumerate(tokens[1:5], start=1):
                lower = token.lower()
                if lower in w.PREPOSITIONS or lower.endswith("'s"):
                    return THING
                if lower == "shift" and tokens[index - 1].lower() in w.SHIFTS:
                    return Subject("person", _lower_first(" ".join(tokens[: index + 1])))
                if lower in w.ROLE_HEADS:
                    after = tokens[index + 1] if index + 1 < len(tokens) else ""
                    if after.lower() in w.ROLE_HEADS:
                        continue  # "the on-call engineer"
                    if _ROLE_MODIFIED.match(after):
                        return THING
                    return Subject("person", _lower_first(" ".join(tokens[: index + 1])))
            return THING
        if low in w.ROLE_HEADS:
            return Subject("person", first)
        if not leading:
            return THING
        if (low.endswith("ed") and len(low) > 3) or low in w.IRREGULAR_PAST:
            return NOBODY_NAMED
        return THING


def _strip(pre: str) -> str:
    pre = _LEADING.sub("", pre)
    return _TRAILING.sub("", pre).strip()


def _ends_with_name(pre: str, name: str) -> bool:
    if pre.endswith(name):
        cut = len(pre) - len(name)
    elif pre.islower() and pre.endswith(name.lower()) and " " not in name:
        cut = len(pre) - len(name)
        before = _TOKEN.findall(pre[:cut])
        if before and before[-1].lower() in w.DETERMINERS:
            return False
    else:
        return False
    return cut == 0 or not (pre[cut - 1].isalnum() or pre[cut - 1] == "'")


def _phrase(tokens: list[str]) -> str:
    """The noun phrase that ends ``tokens``: back to its determiner, at most four words."""
    taken: list[str] = []
    for token in reversed(tokens):
        low = token.lower()
        if low in w.PREPOSITIONS or (taken and (low in w.PRONOUNS or low.endswith("ed"))):
            break
        taken.insert(0, token)
        if low in w.DETERMINERS or len(taken) == 4:
            break
    return _lower_first(" ".join(taken))


# -- the rules ----------------------------------------------------------------------------

# How a detector decides whether its match is about a person:
#   "any"     no subject needed (the words are about people whatever the sentence says)
#   "pre"     the noun phrase just before the match
#   "strict"  the same, and a person must be named (a base-form verb is an imperative)
#   "cause"   the same, a possessor counting ("Sam's change caused ...")
#   "lead"    the subject of the clause, however far before the match
#   "np"      the noun phrase at the match's ``np`` group, or just after the match
_Detector = tuple[str, str]  # (pattern, mode)


@dataclass(frozen=True)
class _Form:
    name: str
    message: str  # {who} is the person as written
    suggestion: str  # {subj} and {obj}: the person as a subject and as an object
    detectors: tuple[_Detector, ...]
    # Lower-case pieces of text at least one of which every detector needs: a cheap first
    # look that skips the form's patterns on most texts (tests check it changes nothing).
    keys: tuple[str, ...] = ()
    person_subject: bool = True

    # Compiled on first use: most reviews never need some forms, and compiling all of
    # them would add about 50 ms to opening the first review.
    @cached_property
    def compiled(self) -> tuple[tuple[re.Pattern[str], str], ...]:
        return tuple((re.compile(pattern, re.IGNORECASE), mode) for pattern, mode in self.detectors)

    @cached_property
    def rule(self) -> Rule:
        """The form as a public ``Rule``, its pattern any of its detectors'."""
        anonymous = (re.sub(r"\(\?P<\w+>", "(?:", pattern) for pattern, _ in self.detectors)
        return Rule(
            self.name,
            re.compile("|".join(anonymous), re.IGNORECASE),
            self.message.format(who="a person", who_subject="a person"),
            self.suggestion.format(subj="they", obj="them"),
            self.person_subject,
        )


def _d(pattern: str, mode: str = "pre") -> _Detector:
    return pattern, mode


_ADV = w.ADVERBS
_PERSONAL_FAULTS = w.FAULT_NOUNS.replace("faults?|", "")  # "fault" is the blame rule's
_NOT_HAVE_A = (
    r"(?!\s+(?:a|an|the|more|some|no|any|enough|better|fewer|less|its|our|their|his|her|this|"
    r"that|these|those|one|two|each|every|alerts?|tests?|monitoring|had)\b)"
)
_CARE_WORDS = r"careful|diligent|vigilant|attentive|disciplined|cautious|conscientious|mindful"
_BEEN_CAREFUL = (
    rf"\s+been\s+(?:(?:more|less|much more|a lot more|far more)\s+)?(?:{_CARE_WORDS}|{w.RIGOUR}|"
    r"aware|alert|quicker|faster|sharper|paying attention|watching|looking|checking|monitoring|"
    r"on top of)\b"
)
_NEGATED_BEFORE = re.compile(
    r"\b(?:not|n't|never|no|nobody|no one|without|through no)\s+(?:[\w'-]+\s+){0,2}$", re.IGNORECASE
)
_PARTICIPLE = (
    r"\w+ed|\w+en|read|run|done|known|seen|caught|set|put|gone|made|sent|told|thought|kept|"
    r"left|brought|built|heard|paid|said|spent|understood|won|begun|chosen|hit|let|cut|shut"
)

_FORMS: tuple[_Form, ...] = (
    _Form(
        "who-did",
        "Asks who, not what: a review looks for conditions, not a culprit.",
        "What in the system allowed this change to reach production unchecked?",
        (
            _d(
                r"\bwho\s+(?:did|broke|caused|pushed|deployed|merged|approved|forgot|missed|made|"
                r"skipped|ignored|messed up|screwed up|botched|let|was responsible|"
                r"is responsible|is to blame)\b|\bwhose (?:fault|mistake|error|idea)\b",
                "any",
            ),
            _d(
                rf"\bwhich\s+(?:(?:one\s+)?of\s+(?:you|us|them)|[\w-]+\s+(?:{'|'.join(sorted(w.ROLE_HEADS))})|"
                rf"(?:{'|'.join(sorted(w.ROLE_HEADS))}))\s+(?:did|broke|caused|pushed|deployed|"
                r"merged|approved|forgot|missed|skipped|ignored|let)\b",
                "any",
            ),
        ),
        keys=("who", "which"),
        person_subject=False,
    ),
    _Form(
        "human-error",
        "Names the fault as a person's error: that ends the inquiry where it should start.",
        "What made the error possible and easy, and what would have caught it?",
        (
            _d(
                rf"\b(?:{w.PERSON_KINDS})\s+(?:errors?|mistakes?|slips?|slip-ups?|blunders?|"
                r"lapses?|oversights?|negligence|carelessness|inattention|failures?)\b",
                "any",
            ),
            _d(r"\bmistakes\s+(?:were|have been|had been|got)\s+made\b", "any"),
            _d(
                r"\b(?:made|makes|making)\s+(?:a|an|the|another|one|some|several|two|that)\s+"
                r"(?:[\w'-]+\s+)?(?:mistakes?|errors?|blunders?|slips?|slip-ups?)\b"
            ),
            _d(rf"\blapses?\s+(?:in|of)\s+(?:{w.LAPSE_IN})\b", "any"),
            _d(r"\b(?:attention|concentration|judge?ment)\s+lapses?\b", "any"),
            _d(rf"\black\s+of\s+(?:{w.LACK_OF})\b", "any"),
            _d(
                rf"\b(?:{w.BLUNT_MISTAKE})\s+(?:mistakes?|errors?|blunders?|slips?|slip-ups?)\b",
                "any",
            ),
            _d(
                rf"\b(?:his|her|their|my|our|your)\s+(?:own\s+)?(?:(?:{w.BLUNT_MISTAKE}|big|small|"
                rf"little|one|only)\s+)?(?:{_PERSONAL_FAULTS})\b",
                "any",
            ),
            _d(
                rf"(?P<np_before>[\w'-]+(?:\s+[\w'-]+)?)'s\s+(?:own\s+)?(?:(?:{w.BLUNT_MISTAKE}|"
                rf"big|small|little|one|only)\s+)?(?:{_PERSONAL_FAULTS}|bad)\b",
                "owner",
            ),
            _d(
                rf"\b(?:{_PERSONAL_FAULTS})\s+(?:made\s+|committed\s+)?"
                r"(?:by|of|from|on the part of)\s+",
                "np",
            ),
            _d(
                rf"\b(?:{_PERSONAL_FAULTS})\s+on\s+(?:his|her|their|our|my|"
                r"your)\s+part\b",
                "any",
            ),
            _d(
                r"(?P<np_before>[\w'-]+(?:\s+[\w'-]+)?)'s\s+(?:repeated\s+)?failure\s+to\b", "owner"
            ),
        ),
        keys=(
            "error",
            "mistake",
            "slip",
            "blunder",
            "lapse",
            "oversight",
            "negligen",
            "careless",
            "inattent",
            "failure",
            "typo",
            "screw",
            "mess",
            "goof",
            "misconfig",
            "misstep",
            "inexperience",
            "ignorance",
            "finger",
            "incompet",
            "sloppi",
            "lack of",
            "'s bad",
        ),
        person_subject=False,
    ),
    _Form(
        "should-have",
        "Judges with hindsight what {who_subject} should have done.",
        "What did {subj} know and expect at that moment, and what were the cues as seen then?",
        (
            _d(
                rf"\b(?:should(?:n't| not)?|ought(?:n't| not)? to)\s+{_ADV}(?:never\s+)?"
                rf"(?:have\b{_NOT_HAVE_A}(?!\s+been\b)|have{_BEEN_CAREFUL})"
                rf"|\bshould've\b{_NOT_HAVE_A}(?!\s+been\b)",
            ),
        ),
        keys=("should", "ought"),
    ),
    _Form(
        "counterfactual",
        "A counterfactual: what {who} did not do, seen with hindsight.",
        "What did {subj} know at that moment, and what made the path taken look right?",
        (
            _d(
                rf"\bcould\s+{_ADV}(?:have\b{_NOT_HAVE_A}(?!\s+been\b)|have{_BEEN_CAREFUL})"
                rf"|\bcould've\b{_NOT_HAVE_A}(?!\s+been\b)",
                "somebody",
            ),
            _d(
                rf"\bif\s+(?:only\s+)?(?P<np_before>(?:[\w'-]+\s+){{1,4}}?)(?:had|'d)\s+"
                rf"(?:not\s+|n't\s+)?{_ADV}(?!had\b|been\s+(?:a|an|the|no|any)\b)(?:{_PARTICIPLE})\b",
                "np_before",
            ),
            _d(r"\bif only\s+", "np"),
            _d(
                rf"(?:^|[.;:!?,]\s*)had\s+(?P<np_before>(?:[\w'-]+\s+){{1,4}}?)(?:not\s+)?"
                rf"(?:{_PARTICIPLE})\b",
                "np_before",
            ),
            _d(
                r"\ball\s+(?P<np_before>(?:[\w'-]+\s+){1,4}?)(?:had|needed|has|have|needs|need)\s+"
                r"to\s+do\s+(?:was|is)\b",
                "np_before",
            ),
            _d(r"\ball it (?:took|would have taken|takes) (?:was|is) (?:for\s+)?", "np"),
            _d(r"\bwhy\s+(?:didn't|did not|hadn't|had not)\s+", "np"),
            _d(
                r"\b(?:should|would|must)(?:\s+have|'ve)\s+been\s+(?:obvious|clear|apparent|"
                r"evident)\s+to\s+",
                "np",
            ),
            _d(
                r"\b(?:anyone|anybody|any\s+(?:competent\s+|good\s+|careful\s+|decent\s+)?"
                r"(?:engineer|developer|sre|reviewer|on-?call|dba|operator|admin))\b[^.;?!]{0,40}?"
                r"\b(?:would|could|should)(?:\s+have|'ve)\s+(?:easily\s+)?(?:seen|known|noticed|"
                r"spotted|caught|realised|realized|understood|predicted|guessed)\b",
                "any",
            ),
            _d(r"\bwhy\s+did\s+(?P<np_before>(?:[\w'-]+\s+){1,4}?)not\b", "np_before"),
        ),
        keys=("could", "if ", "had ", "to do", "all it", "why did", "would", "been "),
    ),
    _Form(
        "failed-to",
        "Frames {who} as failing.",
        "What in the process or tooling made this step hard to take at that moment?",
        (
            _d(r"\bfail(?:ed|s)\s+to\b"),
            _d(r"\bfailing\s+to\b", "gerund"),
            _d(r"\bfail\s+to\b", "strict"),
        ),
        keys=("fail",),
    ),
    _Form(
        "forgot",
        'Memory is not a control: "forgot" points at {who}.',
        "What would have reminded {obj}, or done the step without anyone having to remember "
        "(a checklist step, a guard, an alert)?",
        (
            _d(r"\bforg(?:ot|otten|ets)\b"),
            _d(r"\bforgetting\b", "gerund"),
            _d(r"\bforget\b", "strict"),
        ),
        keys=("forg",),
    ),
    _Form(
        "didnt-notice",
        "Makes noticing a person's job instead of the system's.",
        "What would have made the signal impossible to miss (routing, paging, dashboards)?",
        (
            _d(
                r"\b(?:didn't|did not|failed to|never|wasn't|weren't|was not|were not)\s+"
                r"(?:even\s+)?notic(?:e|ed|ing)\b"
            ),
            _d(r"\b(?:wasn't|was not|weren't|were not|not)\s+paying (?:any )?attention\b", "any"),
            _d(
                r"\b(?:nobody|no one|no-one)\s+(?:noticed|saw|spotted|caught|picked up on|"
                r"looked at|watched)\b",
                "any",
            ),
            _d(r"\bmissed\s+(?:the|an|that|a)\s+(?:alert|alarm|page|warning|message)\b"),
            _d(
                r"\b(?:wasn't|was not|weren't|were not)\s+"
                r"(?:watching|looking|monitoring|listening)\b"
            ),
        ),
        keys=(
            "notic",
            "attention",
            "nobody",
            "no one",
            "no-one",
            "missed",
            "watching",
            "looking",
            "monitoring",
            "listening",
        ),
    ),
    _Form(
        "fault-verb",
        "Puts the failure on {who}: it judges what was done instead of describing it.",
        "Why did it make sense to {obj} at the time, given what could be seen and known then?",
        (
            _d(rf"\b(?:{w.FAULT_VERBS})"),
            _d(r"\bbothered\s+to\b"),
            _d(
                rf"\b(?:nobody|no one|no-one)\s+(?:ever\s+|had\s+|has\s+)?(?:{w.DILIGENCE})\b",
                "any",
            ),
            _d(
                rf"\b(?:{w.SKIP_VERBS})\s+(?:(?:the|a|an|our|their|his|her|its|any|all|both|two|"
                rf"three|several|this|that|these|those|every)\s+)?(?:[\w'-]+\s+){{0,3}}?"
                rf"(?:{w.SAFEGUARDS})\b|\bmissed\s+(?:that|how|the fact)\b"
            ),
            _d(
                rf"\b(?:{w.NEGATORS})\s+(?:even\s+|once\s+|actually\s+|properly\s+|bothered to\s+)?"
                rf"(?:{w.DILIGENCE})\b"
            ),
            _d(
                rf"\b(?:{w.NEGATORS_PRESENT})\s+(?:even\s+|actually\s+)?(?:{w.DILIGENCE})\b",
                "strict",
            ),
            _d(rf"\b(?:{w.UNCHECKED})\b", "lead"),
            _d(rf"\bnot\s+(?:even\s+|properly\s+)?(?:{w.DILIGENCE_ING})\b", "lead"),
            _d(
                r"\binstead of\s+(?:first\s+)?(?:checking|reading|following|looking|asking|"
                r"escalating|rolling back|testing|verifying|waiting|paging|draining|reviewing)\b",
                "lead",
            ),
            _d(
                r"\bwithout\s+(?:first\s+|even\s+|properly\s+|actually\s+|any(?:one)?\s+)?"
                rf"(?:{w.WITHOUT_WHAT})\b",
                "lead",
            ),
            _d(r"\b(?:the|a)\s+(?:wrong|incorrect)\s+[\w-]+", "lead"),
            _d(rf"\b(?:{w.ACCIDENT})\b", "lead"),
            _d(rf"\b(?:{w.CAUSE_VERBS})\b{w.NOT_BREAKAGE}", "cause"),
            _d(
                r"\b(?:was|were|is|are|been|being|got|gets)\s+(?:completely\s+|simply\s+|just\s+)?"
                r"(?:ignored|overlooked|disregarded|neglected|forgotten|botched|bungled|fumbled|"
                r"mishandled|misconfigured|misread|misjudged|mistyped|skipped|missed|bypassed|"
                r"broken|caused|introduced|taken down|brought down|dismissed)\s+"
                r"(?:[\w'-]+\s+){0,3}?by\s+",
                "np",
            ),
            _d(
                r"\b(?:was|were|got|had been|has been|have been)\s+(?:completely\s+|simply\s+|"
                r"just\s+)?(?:forgotten|neglected|overlooked|botched|bungled|fumbled|mishandled|"
                r"disregarded)\b(?!\s+(?:[\w'-]+\s+){0,3}?by\b)",
                "any",
            ),
        ),
        keys=(
            "neglect",
            "overlook",
            "disregard",
            "ignor",
            "botch",
            "bungl",
            "fumbl",
            "flub",
            "goof",
            "blunder",
            " up",
            "finger",
            "mis",
            "corner",
            "shortcut",
            "the gun",
            "rubber",
            "through",
            "track of",
            "bother",
            "care",
            "rush",
            "let ",
            "skip",
            "bypass",
            "circumvent",
            "n't",
            "not ",
            "never",
            "without",
            "wrong",
            "incorrect",
            "accident",
            "inadvertent",
            "unintention",
            "blind",
            "in error",
            "caused",
            "causes",
            "broke",
            "break",
            "took down",
            "takes down",
            "brought down",
            "brings down",
            "knocked",
            "took out",
            "killed",
            " by ",
            "forgotten",
            "dismiss",
            " off",
            "untested",
            "unreviewed",
            "unverified",
            "unchecked",
            "unapproved",
            "unvetted",
            "instead of",
            "panick",
            "freak",
            "lost ",
            "violat",
            "deviat",
            "disobey",
            "contraven",
            "flout",
            "gloss",
            "brush",
            " sat ",
            "sits on",
            "sitting on",
            "went off",
            "went rogue",
            "went cowboy",
            "freelanc",
            "winged",
            "winging",
            "slow to",
            "made a",
            "made the",
            "made some",
            "made that",
            "ownership",
            " charge",
            "responsibility",
            "nobody",
            "no one",
            "no-one",
        ),
    ),
    _Form(
        "careless",
        "Judges a person's character, not the conditions they worked in.",
        "What in the tooling or process let a reasonable person make this change?",
        (
            _d(rf"\b(?:{w.CHARACTER})\b", "any"),
            _d(rf"(?:\bnot|n't)\s+(?:{_CARE_WORDS}|{w.RIGOUR})\s+enough\b", "any"),
            _d(r"\bknow(?:s|n)?\s+better\b", "any"),
        ),
        keys=(
            "careless",
            "sloppi",
            "sloppy",
            "negligen",
            "lazy",
            "lazi",
            "incompet",
            "reckless",
            "irresponsib",
            "complacen",
            "cavalier",
            "amateur",
            "unprofessional",
            "inattent",
            "clueless",
            "stupid",
            "dumb",
            "idiot",
            "thoughtless",
            "cowboy",
            "lackadaisical",
            "enough",
            "hast",
            "rash",
            "knee-jerk",
            "foolish",
            "ashamed",
            "inexcusable",
            "excuse",
            "judgement",
            "judgment",
            "better",
        ),
        person_subject=False,
    ),
    _Form(
        "try-harder",
        "Asks people to try harder; attention does not scale.",
        "Which guard, automation or safer default would make this safe without extra care?",
        (
            _d(
                r"\b(?:try harder|(?:be )?more careful|be careful|pay (?:more |closer )?attention|"
                r"(?:be )?more (?:attentive|vigilant)|double[- ]check (?:everything|more)|"
                r"remember to|be reminded)\b",
                "any",
            ),
            _d(
                rf"\b(?:more|extra|greater)\s+(?:{_CARE_WORDS}|responsible|professional)\b"
                rf"|\b(?:be|being|become|get|stay|remain)\s+(?:{_CARE_WORDS}|alert|on the ball)\b",
                "any",
            ),
            _d(
                rf"\b(?:need|needs|must|should|has|have|ought)\s+(?:to\s+)?be\s+more\s+(?:{w.RIGOUR})\b"
            ),
            _d(
                r"\btak(?:e|es|ing)\s+(?:more|greater|extra|better|much more|special)\s+care\b|"
                r"\bexercis(?:e|es|ing)\s+(?:more\s+|greater\s+|extra\s+)?caution\b|"
                r"\bthink twice\b|\bdo better\b|\b(?:don't|do not|never)\s+forget\s+to\b",
                "any",
            ),
            _d(r"\bremind(?:s|ed|ing)?\s+(?=(?:[\w'-]+\s+){1,3}?to\b)", "np"),
        ),
        keys=(
            "harder",
            "careful",
            "attenti",
            "vigilan",
            "double",
            "remember",
            "remind",
            "diligen",
            "disciplin",
            "cautio",
            "conscientious",
            "mindful",
            "responsible",
            "professional",
            "be alert",
            "stay alert",
            "remain alert",
            "get alert",
            "on the ball",
            "thorough",
            "rigorous",
            "focused",
            "methodical",
            "meticulous",
            " care",
            "twice",
            "do better",
            "forget",
        ),
        person_subject=False,
    ),
    _Form(
        "blame",
        "Assigns fault to a person.",
        "What conditions made this outcome likely?",
        (
            _d(r"\b(?:to blame|at fault)\b", "unless-negated"),
            _d(r"\bblam(?:ed|es|ing)\b|\bblame\b(?!-?(?:less|free|aware|ful))", "unless-negated"),
            _d(r"\b(?:his|her|their|my|our|your)\s+(?:own\s+)?fault\b", "any"),
            _d(r"(?P<np_before>[\w'-]+(?:\s+[\w'-]+)?)'s\s+(?:own\s+)?(?:fault|doing)\b", "owner"),
            _d(
                r"\bfault\s+(?:lies|lay|rests|rested|is|was|belongs|sits)\s+"
                r"(?:squarely\s+|entirely\s+|solely\s+)?with\s+",
                "np",
            ),
            _d(r"\bfault\s+of\s+", "np-unless-negated"),
            _d(r"\bculprits?\s+(?:was|were|is|are)\s+", "np"),
            _d(r"\b(?:was|were|is|are)\s+the\s+culprits?\b"),
            _d(r"\bdropp(?:ed|ing)? the ball\b", "any"),
            _d(
                r"\bit\s+was\s+(?P<np_before>[\w'-]+(?:\s+[\w'-]+){0,3}?)\s+who\s+(?:broke|caused|"
                r"deleted|dropped|pushed|deployed|merged|approved|ran|made|did|forgot|missed|skipped|"
                r"ignored|introduced|started|triggered|took down|brought down)\b",
                "np_before",
            ),
            _d(
                r"\b(?:this|that|it)(?:\s+one)?(?:'s|\s+is|\s+was)\s+(?:all\s+|squarely\s+|"
                r"entirely\s+)?on\s+",
                "np",
            ),
        ),
        keys=(
            "blam",
            "fault",
            "culprit",
            "the ball",
            "is on",
            "was on",
            "'s on",
            "all on",
            "'s doing",
            " who ",
        ),
        person_subject=False,
    ),
    _Form(
        "accountable",
        "Calls for holding someone to account: people then hide what happened.",
        "What would make this safe to talk about and hard to repeat, whoever is on shift?",
        (
            _d(
                r"\bhold(?:s|ing)?\s+(?:[\w'-]+\s+){0,4}?(?:accountable|responsible|to account)\b|"
                r"\bheld\s+(?:personally\s+|fully\s+)?(?:accountable|responsible|to account)\b",
                "any",
            ),
            _d(
                r"\b(?:is|are|was|were|be|been|being)\s+(?:personally\s+|directly\s+|solely\s+|"
                r"fully\s+)?(?:responsible|accountable)\s+for\s+(?:[\w'-]+\s+){0,4}?(?:outage|"
                r"incident|failure|downtime|breakage|mess|data loss|loss|mistake|error|damage|"
                r"disruption|breach|regression|screw-?up)s?\b",
                "lead",
            ),
            _d(
                r"\b(?:disciplinary|reprimand(?:ed|s)?|written warning|written up|"
                r"punish(?:ed|ment|ing)?|penali[sz](?:e|ed|ing)|sanction(?:ed)?)\b|"
                r"\b(?:must|should|will|need to)\s+be\s+consequences\b|"
                r"\bconsequences\s+for\s+(?:\w+ing\b|whoever|the (?:engineer|person|developer|"
                r"team|on-?call|reviewer|author))",
                "any",
            ),
            _d(
                r"\b(?:tak(?:e|en|es|ing)|took|remov(?:e|ed|es|ing)|pull(?:ed|s|ing)?|"
                r"kick(?:ed|s|ing)?|barr?(?:ed)?|bann?(?:ed)?|suspend(?:ed)?)\s+"
                r"(?:(?P<np_before>[\w'-]+(?:\s+[\w'-]+){0,2}?)\s+)?(?:off|from|out of)\s+"
                r"(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:rotation|rota|on-?call|pager|deploys?|"
                r"production access|prod access)\b",
                "np_before_optional",
            ),
            _d(r"\bre-?train(?:ed|ing)?\b", "retrain"),
            _d(
                r"\b(?:talking[- ]to|a stern word|a word with|dressing[- ]down|"
                r"performance (?:improvement )?plan|PIP)\b",
                "any",
            ),
            _d(r"\b(?:should|must|needs? to|has to|have to|ought to)\s+apologi[sz]e\b"),
            _d(
                r"\bmake sure\s+(?P<np_before>[\w'-]+(?:\s+[\w'-]+){0,2}?)\s+(?:understands|"
                r"knows|learns|realises|realizes|remembers|never)\b",
                "np_before",
            ),
            _d(
                r"\brevok(?:e|ed|es|ing)\s+(?P<np_before>[\w'-]+(?:\s+[\w'-]+)?)'s\s+"
                r"(?:[\w-]+\s+)?(?:access|rights|permissions|privileges)\b",
                "owner",
            ),
            _d(
                r"\b(?:take|takes|took|taking)\s+(?:full\s+|personal\s+)?responsibility\s+for\s+"
                r"(?:[\w'-]+\s+){0,3}?(?:outage|incident|failure|mistake|error|downtime|mess)\b|"
                r"\banswer\s+for\b|\blos(?:e|es|t|ing)\s+(?:his|her|their)\s+(?:[\w-]+\s+)?"
                r"(?:access|rights|privileges)\b",
                "any",
            ),
        ),
        keys=(
            "accountab",
            "responsib",
            "to account",
            "disciplin",
            "reprimand",
            "written",
            "punish",
            "penali",
            "sanction",
            "consequence",
            "rota",
            "on-call",
            "oncall",
            "pager",
            "deploys",
            "access",
            "train",
            "answer for",
            "rights",
            "privilege",
            "revok",
            "make sure",
            "talking",
            "stern word",
            "a word with",
            "dressing",
            "performance",
            "pip",
            "apologi",
        ),
        person_subject=False,
    ),
)


def __getattr__(name: str):
    # RULES is built on first access (see _Form.compiled)
    if name == "RULES":
        return tuple(form.rule for form in _FORMS)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _trie_pattern(words: Iterable[str]) -> str:
    """One regular expression for many literal words, shaped as their trie ("f(?:ail|orgot)"),
    so a search follows one branch per position instead of trying every word."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(node[char]) for char in sorted(c for c in node if c)]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


# Any key of any form: most texts have none, and are done with in one search.
_ANY_KEY = re.compile(_trie_pattern({key for form in _FORMS for key in form.keys}))


def _negated(text: str, pos: int) -> bool:
    return bool(_NEGATED_BEFORE.search(text[max(0, pos - 40) : pos]))


def _subject(ctx: _Text, match: re.Match[str], mode: str) -> Subject | None:
    """Who a detector's match is about, or None when it is not about a person."""
    text = ctx.text
    if mode == "any":
        return NOBODY_NAMED
    if mode == "unless-negated":
        return None if _negated(text, match.start()) else NOBODY_NAMED
    if mode == "somebody":
        # "Nobody could have predicted it" clears people; "Alex could have caught it" does not
        found = ctx.subject_before(match.start())
        if found.phrase.lower() in ("nobody", "no one", "no-one"):
            return None
        return found if found.is_person else None
    if mode in ("pre", "strict", "gerund", "cause"):
        found = ctx.subject_before(
            match.start(), gerund=mode == "gerund", possessor=mode == "cause"
        )
        if mode == "strict" and found.kind == "none":
            return None
        return found if found.is_person else None
    if mode == "lead":
        index = ctx.clause_at(match.start())
        pre = _strip(text[ctx.clauses()[index][0] : match.start()])
        near = ctx.subject_before(match.start()) if pre else None
        if near is not None and near.kind in ("name", "person"):
            return near
        if not pre and index + 1 < len(ctx.clauses()) and ctx.clauses()[index + 1][2] == ",":
            # "Without checking the lag, Dana promoted the replica": the subject comes after
            after = ctx.lead(index + 1)
            if after is not None:
                return after if after.kind in ("name", "person") else None
        found = ctx.lead_subject(match.start())
        return found if found.is_person else None
    if mode in ("np", "np-unless-negated"):
        if mode == "np-unless-negated" and _negated(text, match.start()):
            return None
        found = ctx.person_at(text[match.end() :])
        return found if found is not None and found.is_person and found.kind != "none" else None
    if mode in ("np_before", "owner", "np_before_optional"):
        phrase = match.group("np_before")
        if phrase is None:
            return NOBODY_NAMED if mode == "np_before_optional" else None
        phrase = phrase.strip()
        if mode == "owner" and phrase.lower().split()[-1] in ("nobody", "no-one", "one"):
            return None  # "nobody's fault", "no one's mistake"
        found = ctx._tail(phrase, False) if mode == "owner" else ctx.person_at(phrase)
        if mode == "owner" and found.kind == "thing":
            return None
        return found if found is not None and found.is_person and found.kind != "none" else None
    if mode == "retrain":
        after = ctx.person_at(text[match.end() :])
        if after is not None and after.kind in ("name", "person"):
            return after
        before = ctx.subject_before(match.start())
        if before.kind in ("name", "person"):
            return before
        return NOBODY_NAMED if re.search(r"\bneeds?\s+re-?training\b", text, re.I) else None
    raise ValueError(mode)


def check_text(
    text: str, names: tuple[str, ...] = (), _first_look: bool = True
) -> list[tuple[Rule, str]]:
    """The rules ``text`` breaks, each once, with the words that matched; a participant
    named as the one at fault comes first ("name-as-cause")."""
    text = text.replace("’", "'")
    low = text.lower()
    if _first_look and not _ANY_KEY.search(low):
        return []
    ctx = _Text(text, names)
    found: list[tuple[Rule, str]] = []
    taken: list[tuple[int, int]] = []  # words an earlier, more specific rule has explained
    named: tuple[Subject, str] | None = None
    for form in _FORMS:
        if _first_look and not any(key in low for key in form.keys):
            continue
        avoid = taken if form.name == "fault-verb" else []
        for pattern, mode in form.compiled:
            hit = _first_hit(ctx, pattern, mode, avoid)
            if hit is None:
                continue
            subject, words, span = hit
            found.append((_fill(form, subject), words))
            taken.append(span)
            if subject.kind == "name" and named is None:
                named = (subject, words)
            break
    if named is not None:
        subject, words = named
        who = subject.phrase
        said = words if who in words else f"{who} … {words}"
        found.insert(0, (_name_rule(who), said))
    return found


def _first_hit(
    ctx: _Text, pattern: re.Pattern[str], mode: str, avoid: list[tuple[int, int]]
) -> tuple[Subject, str, tuple[int, int]] | None:
    text = ctx.text
    for match in pattern.finditer(text):
        start, end = match.span()
        if any(start < b and a < end for a, b in avoid):
            continue
        subject = _subject(ctx, match, mode)
        if subject is None:
            continue
        if subject.kind == "name" and mode in ("pre", "cause", "gerund", "strict", "lead"):
            at = text.rfind(subject.phrase, 0, start)
            if at >= 0 and _strip(text[at + len(subject.phrase) : start]) == "":
                start = at
        elif mode.startswith("np") and subject.phrase and subject.phrase not in match.group(0):
            following = text[end:]
            at = following.find(subject.phrase)
            if 0 <= at <= 12:
                end += at + len(subject.phrase)
        return subject, text[start:end].strip(" ,.;:"), match.span()
    return None


def _fill(form: _Form, subject: Subject) -> Rule:
    if subject.kind == "none" and not subject.phrase:
        return form.rule
    return replace(
        form.rule,
        message=form.message.format(who=subject.who, who_subject=subject.who_subject),
        suggestion=form.suggestion.format(subj=subject.subj, obj=subject.obj),
    )


def _name_rule(name: str) -> Rule:
    return Rule(
        "name-as-cause",
        re.compile(re.escape(name)),
        f"Names {name} as the cause of a failure.",
        f"Describe what happened to the system, not who did it: {SYSTEM_QUESTION}",
    )


# -- the names of a review ------------------------------------------------------------------


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


# -- the review walker ----------------------------------------------------------------------


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
    for index, lesson in enumerate(review.lessons):
        yield f"lessons[{index}]", lesson.text


def coach_review(review: Review) -> list[Finding]:
    names = names_of(review)
    findings = []
    for path, text in review_texts(review):
        for rule, words in check_text(text, names):
            findings.append(
                Finding(path, rule.name, f'{rule.message} ("{words}")', rule.suggestion)
            )
    return findings
