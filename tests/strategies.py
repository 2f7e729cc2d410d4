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


# -- version 2: version 1 plus ids and times on items, metadata, opening, tombstones ---------

CHECKLIST_KEYS = [
    "timeline_draft", "participants_invited", "facilitator_not_ic", "document_prefilled",
    "dashboards_ready", "severity_assessed", "blameless_invite",
]  # fmt: skip
TIMED_FIELDS = [
    "title", "incident_date", "severity", "status", "roles", "summary", "impact", "detection",
    "problem", "services", "tags", "related", "opening",
]  # fmt: skip
label = not_blank.filter(lambda s: len(s) <= 30)


@st.composite
def reviews_v2(draw, full: bool = False):
    """A valid version-2 document. ``full``: every id and time given (export must give the
    file back exactly); else any of them may be left out (the import fills them in)."""
    doc = dict(draw(reviews), version=2)
    used: set[str] = set()

    def new_id() -> str:
        while True:
            value = str(draw(st.uuids(version=4)))
            if value not in used:
                used.add(value)
                return value

    def maybe(present: bool) -> bool:
        return full or present

    def identify(item: dict) -> dict:
        item = dict(item)
        if maybe(draw(st.booleans())):
            item["id"] = new_id()
        if maybe(draw(st.booleans())):
            item["updated_at"] = draw(timestamps())
        return item

    def why(node: dict) -> dict:
        node = identify(node)
        if "children" in node:
            node["children"] = [why(c) for c in node["children"]]
        return node

    for key in ("participants", "timeline", "contributing_factors"):
        if key in doc:
            doc[key] = [identify(item) for item in doc[key]]
    if "whys" in doc:
        doc["whys"] = [why(n) for n in doc["whys"]]
    for key in ("went_well", "went_poorly", "lucky", "lessons"):
        if key in doc:
            doc[key] = [
                identify({"text": t}) if maybe(draw(st.booleans())) else t for t in doc[key]
            ]
    if "meeting" in doc:
        doc["meeting"] = {"phases": [identify(p) for p in doc["meeting"]["phases"]]}
    actions = []
    for item in doc.get("action_items", []):
        item = identify(item)
        if item.get("status") == "done" and draw(st.booleans()):
            item["done_at"] = draw(st.one_of(st.none(), timestamps()))
        if draw(st.booleans()):
            kind = draw(st.sampled_from(["why", "went_well", "went_poorly", "lucky", "factor",
                                         "event"]))  # fmt: skip
            item["source"] = {"kind": kind, "id": str(draw(st.uuids(version=4)))}
        actions.append(item)
    if "action_items" in doc:
        doc["action_items"] = actions
    if full or draw(st.booleans()):
        doc["id"] = new_id()
    if maybe(draw(st.booleans())):
        doc["updated_at"] = draw(timestamps())
    names = [f for f in TIMED_FIELDS if maybe(draw(st.booleans()))]
    if names:
        doc["field_updated_at"] = {f: draw(timestamps()) for f in names}
    for key in ("services", "tags"):
        if draw(st.booleans()):
            doc[key] = draw(st.lists(label, max_size=4, unique_by=str.casefold))
    if draw(st.booleans()):
        doc["related"] = [
            {"review": new_id(), "relation": draw(st.sampled_from(["repeat_of", "related"]))}
            for _ in range(draw(st.integers(0, 3)))
        ]
    if draw(st.booleans()):
        opening = {}
        if draw(st.booleans()):
            opening["statement"] = draw(st.one_of(st.none(), text))
        if draw(st.booleans()):
            opening["checklist"] = draw(
                st.dictionaries(st.sampled_from(CHECKLIST_KEYS), st.booleans())
            )
        doc["opening"] = opening
    if draw(st.booleans()):
        doc["deleted"] = [
            {"id": new_id(), "deleted_at": draw(timestamps())}
            for _ in range(draw(st.integers(0, 3)))
        ]
    return doc
