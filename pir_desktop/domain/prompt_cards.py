"""The questions a facilitator asks in each phase of the meeting, one card at a time.

Agenda phases are free text, so a phase's kind is read from its name
("Root cause" and "5 whys" are both root-cause phases). The window shows
one card and moves to the next with one click; after the last it starts
over.

The timeline and root-cause phases carry the "how" questions of the
Learning from Incidents practice (Etsy's Debriefing Facilitation Guide):
the cues people noticed, what they knew, what they were trying to do, the
options they saw, what made sense at the time, and when and how they asked
for help. They ask how an action made sense, never why someone did not do
better. ``HINDSIGHT_REMINDER`` is what the window shows beside the coach's
findings when the coach hears a counterfactual ("should have", "if only").
"""

from __future__ import annotations

from enum import StrEnum


class PhaseKind(StrEnum):
    OPENING = "opening"
    TIMELINE = "timeline"
    ROOT_CAUSE = "root_cause"
    PANELS = "panels"
    ACTIONS = "actions"
    OTHER = "other"


_KIND_WORDS: tuple[tuple[tuple[str, ...], PhaseKind], ...] = (
    (("timeline",), PhaseKind.TIMELINE),
    (("root", "why", "cause"), PhaseKind.ROOT_CAUSE),
    (("went", "well", "lucky", "didn"), PhaseKind.PANELS),
    (("action",), PhaseKind.ACTIONS),
    (("detail", "opening", "intro", "welcome"), PhaseKind.OPENING),
)


def phase_kind(name: str) -> PhaseKind:
    """The kind of an agenda phase, from the words in its name."""
    name = name.lower()
    for words, kind in _KIND_WORDS:
        if any(word in name for word in words):
            return kind
    return PhaseKind.OTHER


# The "how" questions, asked of the people who were there (timeline) and about them (root cause).
HOW_CARDS: dict[PhaseKind, tuple[str, ...]] = {
    PhaseKind.TIMELINE: (
        "What cues did you notice first, and what did they tell you?",
        "What did you know at that moment, and what did you not know yet?",
        "What were you trying to do at that point?",
        "What options did you see, and how did you choose between them?",
        "What made that the sensible thing to do at the time?",
        "When did you ask for help, how did you ask, and how did you know whom to ask?",
    ),
    PhaseKind.ROOT_CAUSE: (
        "How did it make sense, to the people involved, to do what they did?",
        "What cues were there, and what made them easy or hard to notice?",
        "What did people know and expect at that moment, and where did that come from?",
        "What were people trying to achieve, and what pressures (time, goals, workload) "
        "were on them?",
        "Which options did people see, and what made the path they took look best?",
        "How and when did people ask for help, and what made asking easy or hard?",
    ),
}

HINDSIGHT_REMINDER = (
    "Hindsight bias: knowing the outcome makes the right move look obvious. The people "
    "involved did not know then what we know now. Ask what they knew, what they saw and "
    "what they were trying to do, not what they should have done."
)

CARDS: dict[PhaseKind, tuple[str, ...]] = {
    PhaseKind.OPENING: (
        "Read the blameless statement: we ask what in the system allowed it, never who.",
        "Who is here, and what part did each of us play in the response?",
        "What do we want to leave this meeting with?",
    ),
    PhaseKind.TIMELINE: (
        "What was the first sign that something was wrong, and when did it appear?",
        *HOW_CARDS[PhaseKind.TIMELINE],
        "How could we have detected this sooner?",
        "What did the people responding know at each moment, and where did they look?",
        "Where are the gaps in the timeline, and which logs or messages would fill them?",
    ),
    PhaseKind.ROOT_CAUSE: (
        "Why did that happen? Ask again of the answer.",
        "What in the system allowed this to happen?",
        *HOW_CARDS[PhaseKind.ROOT_CAUSE],
        "How could we have diagnosed it faster?",
        "What made the risky path easy or the safe path hard?",
        "What did we learn about how the system behaves?",
    ),
    PhaseKind.PANELS: (
        "What went well that we want to keep doing?",
        "What would have helped resolve it faster?",
        "Where did we get lucky?",
        "What would have happened without that luck?",
    ),
    PhaseKind.ACTIONS: (
        "Which change would stop this from happening again?",
        "What would detect it sooner, or make recovery faster, next time?",
        "Who owns each item, and by what date?",
        "Which 3 to 5 items do we really commit to? Defer the rest.",
    ),
    PhaseKind.OTHER: (
        "What did we learn about how the system behaves?",
        "What is still unclear, and who will find out?",
    ),
}


def cards_for(phase_name: str) -> tuple[str, ...]:
    return CARDS[phase_kind(phase_name)]
