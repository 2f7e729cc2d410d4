"""Hypothesis strategies for valid interchange documents."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import strategies as st

from pir_desktop.domain.enums import (
    ActionCategory,
    ActionStatus,
    DetectionMethod,
    EventKind,
    FactorCategory,
    ImpactField,
    ReviewStatus,
    RoleName,
    Severity,
    values,
)

# Any text a review may hold, including empty and odd whitespace: every Unicode
# character but the control characters other than tab, LF and CR, the two
# non-characters U+FFFE and U+FFFF, and lone surrogates (see domain/text.py).
FORBIDDEN = "".join(
    chr(c)
    for c in [*range(0x00, 0x20), *range(0x7F, 0xA0), 0xFFFE, 0xFFFF]
    if chr(c) not in "\t\n\r"
)
text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters=FORBIDDEN), max_size=40)
not_blank = text.filter(lambda s: s.strip() != "")
dates = st.dates(min_value=datetime(1970, 1, 1).date(), max_value=datetime(2100, 1, 1).date())


@st.composite
def timestamps(draw) -> str:
    moment = draw(
        st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2100, 1, 1))
    ).replace(tzinfo=UTC)
    if not draw(st.booleans()):
        moment = moment.replace(microsecond=0)
    minutes = draw(st.integers(-14 * 60, 14 * 60))
    local = moment.astimezone(timezone(timedelta(minutes=minutes)))
    text_form = local.isoformat()
    if minutes == 0 and draw(st.booleans()):
        text_form = text_form.replace("+00:00", "Z")
    return text_form


def optional(**fields):
    """A fixed dict of required keys plus any subset of optional ones."""
    return st.fixed_dictionaries({}, optional=fields)


event = st.fixed_dictionaries(
    {"at": timestamps(), "text": not_blank},
    optional={"kind": st.sampled_from(values(EventKind)), "source": text},
)

why = st.recursive(
    st.fixed_dictionaries({"text": text}, optional={"root_cause": st.booleans()}),
    lambda children: st.fixed_dictionaries(
        {"text": text},
        optional={"root_cause": st.booleans(), "children": st.lists(children, max_size=3)},
    ),
    max_leaves=12,
)

action_item = st.fixed_dictionaries(
    {"title": not_blank},
    optional={
        "owner": text,
        "due": st.one_of(st.none(), dates.map(str)),
        "status": st.sampled_from(values(ActionStatus)),
        "category": st.sampled_from(values(ActionCategory)),
        "deferred": st.booleans(),
        "tracker_url": text,
    },
)

phase = st.fixed_dictionaries(
    {"name": not_blank, "planned_minutes": st.integers(0, 1440)},
    optional={"actual_seconds": st.integers(0, 864000)},
)

reviews = st.fixed_dictionaries(
    {
        "format": st.just("pir-review"),
        "version": st.just(1),
        "title": not_blank,
        "incident_date": dates.map(str),
        "severity": st.sampled_from(values(Severity)),
    },
    optional={
        "id": st.uuids().map(str),
        "status": st.sampled_from(values(ReviewStatus)),
        "roles": st.dictionaries(st.sampled_from(values(RoleName)), text),
        "participants": st.lists(
            st.fixed_dictionaries(
                {"name": text}, optional={"role": text, "required": st.booleans()}
            ),
            max_size=4,
        ),
        "summary": text,
        "impact": st.dictionaries(st.sampled_from(values(ImpactField)), text),
        "detection": optional(method=st.sampled_from(values(DetectionMethod)), notes=text),
        "timeline": st.lists(event, max_size=8),
        "problem": text,
        "whys": st.lists(why, max_size=3),
        "contributing_factors": st.lists(
            st.fixed_dictionaries(
                {"text": text, "category": st.sampled_from(values(FactorCategory))}
            ),
            max_size=3,
        ),
        "went_well": st.lists(text, max_size=3),
        "went_poorly": st.lists(text, max_size=3),
        "lucky": st.lists(text, max_size=3),
        "action_items": st.lists(action_item, max_size=6),
        "lessons": st.lists(text, max_size=3),
        "meeting": st.fixed_dictionaries({"phases": st.lists(phase, max_size=4)}),
    },
)
