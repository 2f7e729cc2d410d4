"""The closed vocabularies of a review, with the spellings of the interchange format."""

from enum import Enum, StrEnum


class Severity(StrEnum):
    P1 = "P1"
    P2 = "P2"
    P3 = "P3"
    P4 = "P4"


class ReviewStatus(StrEnum):
    DRAFT = "draft"
    REVIEWED = "reviewed"
    FINAL = "final"


class RoleName(StrEnum):
    INCIDENT_COMMANDER = "incident_commander"
    FACILITATOR = "facilitator"
    SCRIBE = "scribe"
    AUTHOR = "author"

    @property
    def label(self) -> str:
        """``Incident commander``: how reports and the public variant name the role."""
        return self.value.replace("_", " ").capitalize()


class ImpactField(StrEnum):
    USERS_AFFECTED = "users_affected"
    REVENUE = "revenue"
    SLA = "sla"
    CUSTOMER_COMMUNICATIONS = "customer_communications"


class DetectionMethod(StrEnum):
    MONITORING = "monitoring"
    USER_REPORT = "user_report"
    INTERNAL = "internal"
    OTHER = "other"


class EventKind(StrEnum):
    STARTED = "started"
    DETECTED = "detected"
    RESPONDED = "responded"
    TROUBLESHOOTING = "troubleshooting"
    ROOT_CAUSE_FOUND = "root_cause_found"
    FIX_APPLIED = "fix_applied"
    RECOVERED = "recovered"
    NOTE = "note"


# The moments the metrics are measured between, in the order they happen.
KEY_MOMENTS: tuple[EventKind, ...] = (
    EventKind.STARTED,
    EventKind.DETECTED,
    EventKind.RESPONDED,
    EventKind.ROOT_CAUSE_FOUND,
    EventKind.FIX_APPLIED,
    EventKind.RECOVERED,
)


class FactorCategory(StrEnum):
    TECHNICAL = "technical"
    PROCESS = "process"
    HUMAN = "human"
    TOOLING = "tooling"


class Panel(StrEnum):
    """The three reflection panels, named as their interchange keys."""

    WENT_WELL = "went_well"
    WENT_POORLY = "went_poorly"
    LUCKY = "lucky"


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class ActionCategory(StrEnum):
    PREVENT = "prevent"
    DETECT = "detect"
    RESPOND = "respond"
    MITIGATE = "mitigate"


class Relation(StrEnum):
    """How a review is linked to another one."""

    REPEAT_OF = "repeat_of"  # this incident is a recurrence of that one
    RELATED = "related"


class SourceKind(StrEnum):
    """What an action item can be made from (interchange v2's ``source.kind``)."""

    WHY = "why"
    WENT_WELL = "went_well"
    WENT_POORLY = "went_poorly"
    LUCKY = "lucky"
    FACTOR = "factor"
    EVENT = "event"


def values(enum: type[Enum]) -> list[str]:
    """The interchange spellings of an enum, in declaration order."""
    return [member.value for member in enum]
