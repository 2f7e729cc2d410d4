"""The review interchange format, versions 1 and 2: read, validate and write.

Reading goes in three steps, and nothing reaches a library unless all pass:
decode the bytes as UTF-8 JSON; check the JSON Schema of the file's version
shipped beside this module (the first violation is reported); check what a
schema cannot say (real dates, RFC 3339 times with an offset, text SQLite
can store, an id used twice, a service or tag repeated). Every error names
its JSON path, such as ``timeline[3].at: time has no UTC offset``.

Writing produces the canonical form: every key that has a default is
written, optional keys without a value are left out, times are in UTC with
``Z``, timeline events are in time order. Version 2 (``dumps``) carries
everything the library holds except the meeting's notes and current phase;
version 1 (``dumps_v1``) also says what it had to leave out.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from ..domain.enums import (
    ActionCategory,
    ActionStatus,
    DetectionMethod,
    EventKind,
    FactorCategory,
    ImpactField,
    Panel,
    Relation,
    ReviewStatus,
    RoleName,
    Severity,
    SourceKind,
)
from ..domain.meeting_opening import CHECKLIST
from ..domain.model import (
    TIMED_FIELDS,
    ActionItem,
    ContributingFactor,
    Detection,
    Lesson,
    MeetingPhase,
    PanelItem,
    Participant,
    RelatedReview,
    Review,
    TimelineEvent,
    Tombstone,
    WhyNode,
)
from ..domain.text import clean_all
from ..domain.text import problem as text_problem
from ..domain.times import (
    TimeFormatError,
    format_timestamp,
    parse_date,
    parse_timestamp,
    utc_now,
)
from ..errors import InvalidReviewFile, printable
from ..limits import REVIEW_FILE_BYTES, read_regular

FORMAT = "pir-review"
VERSION = 2  # written by dumps
READS = (1, 2)
SCHEMA_PATHS = {
    1: Path(__file__).with_name("review-v1.schema.json"),
    2: Path(__file__).with_name("review-v2.schema.json"),
}
SCHEMA_PATH = SCHEMA_PATHS[1]
# Deeper why chains than this would exhaust the validator's recursion; no
# real 5-Whys tree comes near it.
MAX_WHY_DEPTH = 100
MAX_ERRORS_SHOWN = 3
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def json_path(parts: Iterable[str | int]) -> str:
    """``["timeline", 3, "at"]`` as ``timeline[3].at``; odd keys as ``["a key"]``."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif _PLAIN_KEY.fullmatch(part):
            text += f".{part}" if text else part
        else:
            text += f"[{json.dumps(part, ensure_ascii=True)}]"
    return text or "(top level)"


class _Problems:
    def __init__(self, source: str):
        self.source = source
        self.items: list[tuple[tuple, str]] = []

    def add(self, path: Iterable[str | int], message: str) -> None:
        self.items.append((tuple(path), message))

    def raise_if_any(self) -> None:
        if not self.items:
            return
        shown = [f"{json_path(p)}: {m}" for p, m in self.items[:MAX_ERRORS_SHOWN]]
        rest = len(self.items) - len(shown)
        more = f" (and {rest} more problem{'s' if rest > 1 else ''})" if rest else ""
        # a quoted value may hold a lone surrogate (from a \ud800 escape)
        raise InvalidReviewFile(printable(f"{self.source}: " + "; ".join(shown) + more))


@cache
def _validator(version: int = 1):
    """The schema compiled to Python by fastjsonschema: a 2,000-event review checks in ms."""
    import fastjsonschema

    return fastjsonschema.compile(json.loads(SCHEMA_PATHS[version].read_text(encoding="utf-8")))


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "an object",
    "null": "null",
}


def _schema_message(error) -> tuple[list[str | int], str]:
    """A person's sentence for a schema violation, and the JSON path it belongs to."""
    # fastjsonschema paths start with "data" and spell list indexes as digits;
    # the schema has no all-digit property names, so a digit part is an index.
    path: list[str | int] = [int(p) if p.isdigit() else p for p in error.path[1:]]
    rule, expected, value = error.rule, error.rule_definition, error.value
    definition = error.definition or {}
    if rule == "additionalProperties":
        known = set(definition.get("properties", {}))
        extra = sorted(k for k in value if k not in known)
        return path + [extra[0]], "unknown key" + (
            f" (known keys: {', '.join(sorted(known))})" if known else ""
        )
    if rule == "required":
        missing = next(k for k in expected if k not in value)
        return path + [missing], "required key is missing"
    if rule == "enum":
        allowed = ", ".join(str(v) for v in expected)
        return path, f"{json.dumps(value, ensure_ascii=False)} is not one of: {allowed}"
    if rule == "const":
        return path, f"must be {json.dumps(expected)}"
    if rule == "type":
        wanted = expected if isinstance(expected, list) else [expected]
        words = " or ".join(_TYPE_WORDS.get(w, w) for w in wanted)
        return path, f"must be {words}, not {_json_type(value)}"
    if rule == "pattern":
        if expected == r"\S":
            return path, "must not be blank"
        if "[0-9]{4}" in expected:
            return path, "date is not written as YYYY-MM-DD"
        if "A-F" not in expected:
            return path, "is not a lowercase UUID like 3f2b8c1e-9d4a-4c57-8e21-5b0f6a7d9c13"
        return path, "is not a UUID like 3f2b8c1e-9d4a-4c57-8e21-5b0f6a7d9c13"
    if rule == "minimum":
        return path, f"must be at least {expected}"
    if rule == "maximum":
        return path, f"must be at most {expected}"
    if rule == "oneOf" and path and path[-1] == "due":
        return path, "must be a date written as YYYY-MM-DD, or null"
    if rule == "oneOf" and path and path[-1] == "done_at":
        return path, "must be a time like 2026-03-24T16:20:00Z, or null"
    return path, error.message.removeprefix("data.")


def _reject_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


def _no_duplicate_keys(pairs):
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"the key {json.dumps(key)} appears twice in one object")
        seen[key] = value
    return seen


def decode(data: bytes | str, source: str = "file") -> Any:
    """The JSON value in ``data``; ``InvalidReviewFile`` if it is not UTF-8 JSON."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InvalidReviewFile(
                f"{source}: not UTF-8 text (byte {exc.start} cannot be decoded)"
            ) from None
    try:
        return json.loads(
            data, object_pairs_hook=_no_duplicate_keys, parse_constant=_reject_constant
        )
    except json.JSONDecodeError as exc:
        raise InvalidReviewFile(
            f"{source}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except ValueError as exc:
        raise InvalidReviewFile(f"{source}: not valid JSON: {exc}") from None
    except RecursionError:
        raise InvalidReviewFile(
            f"{source}: not valid JSON: nested too deeply (a review is a few levels deep, its "
            f"whys at most {MAX_WHY_DEPTH}; the limit is about a thousand)"
        ) from None


def _why_depth_problem(whys: Any, path: list) -> list | None:
    """The path of the first why deeper than ``MAX_WHY_DEPTH``, found without recursion."""
    stack = [(whys, path, 1)]
    while stack:
        nodes, here, depth = stack.pop()
        if not isinstance(nodes, list):
            continue
        for i, node in enumerate(nodes):
            if not isinstance(node, dict):
                continue
            if depth > MAX_WHY_DEPTH:
                return here + [i]
            stack.append((node.get("children"), here + [i, "children"], depth + 1))
    return None


def _bad_text(value: Any, path: list, problems: _Problems) -> None:
    """Report strings a review's text may not hold (``domain.text``): control characters,
    and lone surrogates from \\ud800 escapes, which UTF-8 cannot even store."""
    stack = [(value, path)]
    while stack:
        item, here = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                problems.add(here, "contains an escaped character that is not valid Unicode")
                continue
            why = text_problem(item)
            if why is not None:
                problems.add(here, f"{why}, which a review's text cannot hold")
        elif isinstance(item, dict):
            stack.extend((v, here + [k]) for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((v, here + [i]) for i, v in enumerate(item))


def validate(doc: Any, source: str = "file") -> None:
    """Raise ``InvalidReviewFile`` unless ``doc`` is a valid review of version 1 or 2."""
    if not isinstance(doc, dict):
        raise InvalidReviewFile(f"{source}: not a PIR review (the file is not a JSON object)")
    if doc.get("format") != FORMAT:
        raise InvalidReviewFile(f'{source}: not a PIR review (no "format": "{FORMAT}")')
    version = doc.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > max(READS):
        raise InvalidReviewFile(
            f"{source}: the file is from a newer version of PIR Desktop (format version "
            f"{version}; this version reads versions 1 and 2); update PIR Desktop to import it"
        )
    schema = 2 if version == 2 and not isinstance(version, bool) else 1
    problems = _Problems(source)
    deep = _why_depth_problem(doc.get("whys"), ["whys"])
    if deep is not None:
        problems.add(deep, f"whys are nested more than {MAX_WHY_DEPTH} levels deep")
        problems.raise_if_any()
    from fastjsonschema import JsonSchemaValueException

    try:
        _validator(schema)(doc)
    except JsonSchemaValueException as error:
        problems.add(*_schema_message(error))
        problems.raise_if_any()
    _semantic_checks(doc, problems)
    if schema == 2:
        _version_2_checks(doc, problems)
    problems.raise_if_any()


def _semantic_checks(doc: dict, problems: _Problems) -> None:
    _bad_text(doc, [], problems)
    for key in ("incident_date",):
        try:
            parse_date(doc[key])
        except TimeFormatError as exc:
            problems.add([key], str(exc))
    for i, event in enumerate(doc.get("timeline", [])):
        try:
            parse_timestamp(event["at"])
        except TimeFormatError as exc:
            problems.add(["timeline", i, "at"], str(exc))
    for i, item in enumerate(doc.get("action_items", [])):
        if item.get("due") is not None:
            try:
                parse_date(item["due"])
            except TimeFormatError as exc:
                problems.add(["action_items", i, "due"], str(exc))


_ITEM_LISTS = ("participants", "timeline", "contributing_factors", "went_well", "went_poorly",
               "lucky", "action_items", "lessons")  # fmt: skip


def _items_with_paths(doc: dict):
    """(item, path) of every item of a version-2 document that carries an id."""
    for key in _ITEM_LISTS:
        for i, item in enumerate(doc.get(key, [])):
            yield item, [key, i]
    stack = [(node, ["whys", i]) for i, node in enumerate(doc.get("whys", []))]
    while stack:
        node, path = stack.pop(0)
        yield node, path
        stack.extend((c, [*path, "children", i]) for i, c in enumerate(node.get("children", [])))
    for i, phase in enumerate(doc.get("meeting", {}).get("phases", [])):
        yield phase, ["meeting", "phases", i]


def _version_2_checks(doc: dict, problems: _Problems) -> None:
    """What the version-2 schema cannot say: times, ids used twice, repeated names."""

    def moment(value, path) -> None:
        try:
            parse_timestamp(value)
        except TimeFormatError as exc:
            problems.add(path, str(exc))

    if "updated_at" in doc:
        moment(doc["updated_at"], ["updated_at"])
    for name, value in doc.get("field_updated_at", {}).items():
        moment(value, ["field_updated_at", name])
    seen: dict[str, list] = {}
    for item, path in _items_with_paths(doc):
        if not isinstance(item, dict):
            continue  # a panel entry or lesson written as plain text (version 1's form)
        if "updated_at" in item:
            moment(item["updated_at"], [*path, "updated_at"])
        if "id" in item:
            if item["id"] in seen:
                problems.add(
                    [*path, "id"],
                    f"the id {item['id']} is used twice (also at {json_path(seen[item['id']])})",
                )
            else:
                seen[item["id"]] = [*path, "id"]
    for i, tomb in enumerate(doc.get("deleted", [])):
        moment(tomb["deleted_at"], ["deleted", i, "deleted_at"])
        if tomb["id"] in seen:
            problems.add(
                ["deleted", i, "id"],
                f"the id {tomb['id']} is used twice (also at {json_path(seen[tomb['id']])})",
            )
        else:
            seen[tomb["id"]] = ["deleted", i, "id"]
    for i, item in enumerate(doc.get("action_items", [])):
        if item.get("done_at") is not None:
            moment(item["done_at"], ["action_items", i, "done_at"])
            if item.get("status", "open") != "done":
                problems.add(
                    ["action_items", i, "done_at"],
                    f"only a done item has a done_at (its status is {item.get('status', 'open')})",
                )
    for key in ("services", "tags"):
        first: dict[str, int] = {}
        for i, name in enumerate(doc.get(key, [])):
            folded = name.casefold()
            if folded in first:
                problems.add(
                    [key, i],
                    f"{json.dumps(name, ensure_ascii=False)} repeats {key}[{first[folded]}] "
                    f"({key} compare ignoring case)",
                )
            else:
                first[folded] = i
    linked: dict[str, int] = {}
    own = str(doc.get("id", "")).lower()
    for i, link in enumerate(doc.get("related", [])):
        if link["review"] == own:
            problems.add(["related", i, "review"], "a review cannot be related to itself")
        elif link["review"] in linked:
            problems.add(
                ["related", i, "review"], f"repeats related[{linked[link['review']]}].review"
            )
        else:
            linked[link["review"]] = i


def _identity(entry: dict, now) -> dict:
    """The id and time of an item as dataclass fields: the file's, else a new id (the
    dataclass's default) and the time the file is read."""
    out: dict[str, Any] = {
        "updated_at": parse_timestamp(entry["updated_at"]) if "updated_at" in entry else now
    }
    if "id" in entry:
        out["id"] = entry["id"]
    return out


def _whys_from(nodes: list[dict], now) -> list[WhyNode]:
    return [
        WhyNode(
            text=node["text"],
            root_cause=node.get("root_cause", False),
            children=_whys_from(node.get("children", []), now),
            **_identity(node, now),
        )
        for node in nodes
    ]


def _entry(value) -> dict:
    """A panel entry or lesson: plain text (version 1) or ``{id, text, updated_at}``."""
    return {"text": value} if isinstance(value, str) else value


def review_from_document(doc: Any, source: str = "file") -> Review:
    """A validated ``Review`` from a decoded document; raises ``InvalidReviewFile``.

    Items keep the ids and times a version-2 file gives; those it leaves out
    (and every item of a version-1 file) get new ids and the time the file is
    read, which is the import's; so do the review's and its fields' times.
    """
    validate(doc, source)
    now = utc_now()
    events = [
        TimelineEvent(
            at=parse_timestamp(e["at"]),
            text=e["text"],
            kind=EventKind(e.get("kind", "note")),
            source=e.get("source"),
            **_identity(e, now),
        )
        for e in doc.get("timeline", [])
    ]
    events.sort(key=lambda e: e.at)  # stable: equal times keep their file order
    detection = None
    if doc.get("detection"):
        d = doc["detection"]
        method = d.get("method")
        detection = Detection(
            method=DetectionMethod(method) if method else None, notes=d.get("notes")
        )
    opening = doc.get("opening", {})
    times = doc.get("field_updated_at", {})
    review = Review(
        title=doc["title"],
        incident_date=parse_date(doc["incident_date"]),
        severity=Severity(doc["severity"]),
        status=ReviewStatus(doc.get("status", "draft")),
        roles=dict(doc.get("roles", {})),
        participants=[
            Participant(
                name=p["name"],
                role=p.get("role"),
                required=p.get("required", True),
                **_identity(p, now),
            )
            for p in doc.get("participants", [])
        ],
        summary=doc.get("summary", ""),
        impact=dict(doc.get("impact", {})),
        detection=detection,
        timeline=events,
        problem=doc.get("problem", ""),
        whys=_whys_from(doc.get("whys", []), now),
        contributing_factors=[
            ContributingFactor(
                text=f["text"], category=FactorCategory(f["category"]), **_identity(f, now)
            )
            for f in doc.get("contributing_factors", [])
        ],
        panels={
            panel: [
                PanelItem(text=e["text"], **_identity(e, now))
                for e in map(_entry, doc.get(panel.value, []))
            ]
            for panel in Panel
        },
        action_items=[_action_from(a, now) for a in doc.get("action_items", [])],
        lessons=[
            Lesson(text=e["text"], **_identity(e, now)) for e in map(_entry, doc.get("lessons", []))
        ],
        meeting=[
            MeetingPhase(
                name=p["name"],
                planned_minutes=int(p["planned_minutes"]),
                actual_seconds=int(p.get("actual_seconds", 0)),
                **_identity(p, now),
            )
            for p in doc.get("meeting", {}).get("phases", [])
        ],
        blameless_statement=opening.get("statement"),
        checklist={key for key, ticked in opening.get("checklist", {}).items() if ticked},
        services=list(doc.get("services", [])),
        tags=list(doc.get("tags", [])),
        related=[
            RelatedReview(link["review"], Relation(link["relation"]))
            for link in doc.get("related", [])
        ],
        field_updated_at={
            name: parse_timestamp(times[name]) if name in times else now for name in TIMED_FIELDS
        },
        deleted=[
            Tombstone(t["id"], parse_timestamp(t["deleted_at"])) for t in doc.get("deleted", [])
        ],
        updated_at=parse_timestamp(doc["updated_at"]) if "updated_at" in doc else now,
    )
    if "id" in doc:
        review.id = str(uuid.UUID(doc["id"]))
    return review


def _action_from(a: dict, now) -> ActionItem:
    source = a.get("source")
    return ActionItem(
        title=a["title"],
        owner=a.get("owner"),
        due=parse_date(a["due"]) if a.get("due") is not None else None,
        status=ActionStatus(a.get("status", "open")),
        category=ActionCategory(a["category"]) if "category" in a else None,
        deferred=a.get("deferred", False),
        tracker_url=a.get("tracker_url"),
        source_kind=source["kind"] if source else None,
        source_id=source["id"] if source else None,
        done_at=parse_timestamp(a["done_at"]) if a.get("done_at") is not None else None,
        **_identity(a, now),
    )


def read_review(data: bytes | str, source: str = "file") -> Review:
    """Decode and validate one interchange document."""
    return review_from_document(decode(data, source), source)


def read_review_file(path: Path) -> Review:
    """A review file: a regular file of at most ``limits.REVIEW_FILE_BYTES``."""
    data = read_regular(Path(path), REVIEW_FILE_BYTES, InvalidReviewFile, "review file")
    return read_review(data, str(path))


def read_review_files_to_import(paths: Iterable[Path]) -> tuple[list[Review], set[str]]:
    """Review files to import, all read and valid before anything is written, with the ids
    the files named (a file without an ``id`` gets a new one, so ``import_reviews`` knows
    that review by its title and incident date instead)."""
    reviews, named = [], set()
    for path in paths:
        data = read_regular(Path(path), REVIEW_FILE_BYTES, InvalidReviewFile, "review file")
        doc = decode(data, str(path))
        review = review_from_document(doc, str(path))
        reviews.append(review)
        if "id" in doc:
            named.add(review.id)
    return reviews, named


CLI_EXPORT = "merge a version 2 file (what 'pir-desktop export --format json' writes)"


def read_review_file_to_merge(path: Path, how_to_export: str = CLI_EXPORT) -> Review:
    """A version-2 review file, for a merge; a version-1 file is refused (``InvalidReviewFile``):
    it has no item ids to merge by. ``how_to_export`` ends that refusal: how to get a
    version 2 file, in the words of the command line (the default) or of the window."""
    data = read_regular(Path(path), REVIEW_FILE_BYTES, InvalidReviewFile, "review file")
    doc = decode(data, str(path))
    review = review_from_document(doc, str(path))  # validated: a version of 1 or 2
    if doc["version"] != VERSION:
        raise InvalidReviewFile(
            f"{path}: a version 1 review file has no item ids to merge by; {how_to_export}"
        )
    return review


def _ordered(mapping: dict[str, str], keys: type) -> dict[str, str]:
    return {k.value: mapping[k.value] for k in keys if k.value in mapping}


def _why_doc(node: WhyNode) -> dict:
    return {
        "text": node.text,
        "root_cause": node.root_cause,
        "children": [_why_doc(child) for child in node.children],
    }


def _event_doc(event: TimelineEvent) -> dict:
    doc = {"at": format_timestamp(event.at), "kind": event.kind.value, "text": event.text}
    if event.source is not None:
        doc["source"] = event.source
    return doc


def _action_doc(item: ActionItem) -> dict:
    doc: dict[str, Any] = {"title": item.title}
    if item.owner is not None:
        doc["owner"] = item.owner
    if item.due is not None:
        doc["due"] = item.due.isoformat()
    doc["status"] = item.status.value
    if item.category is not None:
        doc["category"] = item.category.value
    doc["deferred"] = item.deferred
    if item.tracker_url is not None:
        doc["tracker_url"] = item.tracker_url
    return doc


def review_to_v1(review: Review) -> tuple[dict, list[str]]:
    """The canonical version-1 document, and what of the review version 1 cannot hold
    (``["services", "tags", "checklist ticks"]``; empty when it held nothing of that)."""
    doc: dict[str, Any] = {
        "format": FORMAT,
        "version": 1,
        "id": review.id,
        "title": review.title,
        "incident_date": review.incident_date.isoformat(),
        "severity": review.severity.value,
        "status": review.status.value,
        "roles": _ordered(review.roles, RoleName),
        "participants": [
            {
                "name": p.name,
                **({"role": p.role} if p.role is not None else {}),
                "required": p.required,
            }
            for p in review.participants
        ],
        "summary": review.summary,
        "impact": _ordered(review.impact, ImpactField),
    }
    detection = _detection_doc(review)
    if detection is not None:
        doc["detection"] = detection
    doc["timeline"] = [_event_doc(e) for e in sorted(review.timeline, key=lambda e: e.at)]
    doc["problem"] = review.problem
    doc["whys"] = [_why_doc(node) for node in review.whys]
    doc["contributing_factors"] = [
        {"text": f.text, "category": f.category.value} for f in review.contributing_factors
    ]
    for panel in Panel:
        doc[panel.value] = [item.text for item in review.panels.get(panel, [])]
    doc["action_items"] = [_action_doc(a) for a in review.action_items]
    doc["lessons"] = [lesson.text for lesson in review.lessons]
    if review.meeting:
        doc["meeting"] = {
            "phases": [
                {
                    "name": p.name,
                    "planned_minutes": p.planned_minutes,
                    "actual_seconds": p.actual_seconds,
                }
                for p in review.meeting
            ]
        }
    left_out = [
        name
        for name, held in (
            ("services", review.services),
            ("tags", review.tags),
            ("related reviews", review.related),
            ("blameless statement", review.blameless_statement is not None),
            ("checklist ticks", review.checklist),
            ("done times", any(a.done_at for a in review.action_items)),
            ("action sources", any(a.source_kind for a in review.action_items)),
            ("deleted items", review.deleted),
        )
        if held
    ]
    return doc, left_out


def _detection_doc(review: Review) -> dict | None:
    detection = review.detection
    if detection is None or (detection.method is None and detection.notes is None):
        return None
    doc: dict[str, str] = {}
    if detection.method is not None:
        doc["method"] = detection.method.value
    if detection.notes is not None:
        doc["notes"] = detection.notes
    return doc


class _Stamps:
    """``updated_at`` for an item or field that has none (a review read from a version-1
    file and not yet in a library): the review's own time, else now, once per export."""

    def __init__(self, review: Review):
        self.fallback = review.updated_at or utc_now()

    def __call__(self, moment) -> str:
        return format_timestamp(moment or self.fallback)


def _with_identity(item, stamps: _Stamps, fields: dict) -> dict:
    return {"id": item.id, "updated_at": stamps(item.updated_at), **fields}


def _why_v2(node: WhyNode, stamps: _Stamps) -> dict:
    return _with_identity(
        node,
        stamps,
        {
            "text": node.text,
            "root_cause": node.root_cause,
            "children": [_why_v2(child, stamps) for child in node.children],
        },
    )


def _action_v2(item: ActionItem, stamps: _Stamps) -> dict:
    doc: dict[str, Any] = {"title": item.title}
    if item.owner is not None:
        doc["owner"] = item.owner
    if item.due is not None:
        doc["due"] = item.due.isoformat()
    doc["status"] = item.status.value
    if item.done_at is not None:
        doc["done_at"] = format_timestamp(item.done_at)
    if item.category is not None:
        doc["category"] = item.category.value
    doc["deferred"] = item.deferred
    if item.tracker_url is not None:
        doc["tracker_url"] = item.tracker_url
    if item.source_kind in SourceKind.__members__.values() and item.source_id:
        doc["source"] = {"kind": item.source_kind, "id": item.source_id}
    return _with_identity(item, stamps, doc)


def review_to_document(review: Review) -> dict:
    """The canonical version-2 document of ``review`` (the order of keys: see
    docs/interchange-notes.md). Meeting notes and the meeting's current phase
    stay in the library: version 2 has no place for them."""
    stamps = _Stamps(review)
    v1, _ = review_to_v1(review)
    doc: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "id": review.id,
        "updated_at": stamps(review.updated_at),
        "field_updated_at": {
            name: stamps(review.field_updated_at.get(name)) for name in TIMED_FIELDS
        },
        "title": v1["title"],
        "incident_date": v1["incident_date"],
        "severity": v1["severity"],
        "status": v1["status"],
        "services": list(review.services),
        "tags": list(review.tags),
        "related": [{"review": r.review, "relation": r.relation.value} for r in review.related],
        "roles": v1["roles"],
        "participants": [
            _with_identity(p, stamps, fields)
            for p, fields in zip(review.participants, v1["participants"], strict=True)
        ],
        "summary": v1["summary"],
        "impact": v1["impact"],
    }
    if "detection" in v1:
        doc["detection"] = v1["detection"]
    timeline = sorted(review.timeline, key=lambda e: e.at)
    doc["timeline"] = [_with_identity(e, stamps, _event_doc(e)) for e in timeline]
    doc["problem"] = review.problem
    doc["whys"] = [_why_v2(node, stamps) for node in review.whys]
    doc["contributing_factors"] = [
        _with_identity(f, stamps, {"text": f.text, "category": f.category.value})
        for f in review.contributing_factors
    ]
    for panel in Panel:
        doc[panel.value] = [
            _with_identity(i, stamps, {"text": i.text}) for i in review.panels.get(panel, [])
        ]
    doc["action_items"] = [_action_v2(a, stamps) for a in review.action_items]
    doc["lessons"] = [_with_identity(x, stamps, {"text": x.text}) for x in review.lessons]
    if review.meeting:
        doc["meeting"] = {
            "phases": [
                _with_identity(p, stamps, fields)
                for p, fields in zip(review.meeting, v1["meeting"]["phases"], strict=True)
            ]
        }
    doc["opening"] = {
        "statement": review.blameless_statement,
        "checklist": {item.key: item.key in review.checklist for item in CHECKLIST},
    }
    doc["deleted"] = [
        {"id": t.id, "deleted_at": format_timestamp(t.deleted_at)}
        for t in sorted(review.deleted, key=lambda t: (t.deleted_at, t.id))
    ]
    return doc


def dumps(review: Review) -> str:
    """The review as interchange JSON text (version 2), ending with a newline. Strings are
    cleaned (``domain.text``: a library written before that rule may hold control
    characters), so that what is written can always be read back."""
    doc = clean_all(review_to_document(review))
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def dumps_v1(review: Review) -> tuple[str, list[str]]:
    """The review as version-1 JSON text, and what version 1 could not hold."""
    doc, left_out = review_to_v1(review)
    return json.dumps(clean_all(doc), ensure_ascii=False, indent=2) + "\n", left_out
