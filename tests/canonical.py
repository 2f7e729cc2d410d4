"""The canonical form of an interchange document, written independently of the program.

Export must give back exactly this for any valid input: defaults filled in,
optional keys without a value left out, times in UTC with Z, events in time
order (equal times in file order), ids in lowercase.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

KEY_ORDER = [
    "format",
    "version",
    "id",
    "title",
    "incident_date",
    "severity",
    "status",
    "roles",
    "participants",
    "summary",
    "impact",
    "detection",
    "timeline",
    "problem",
    "whys",
    "contributing_factors",
    "went_well",
    "went_poorly",
    "lucky",
    "action_items",
    "lessons",
    "meeting",
]


def utc_text(text: str) -> str:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    moment = moment.astimezone(UTC)
    out = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if moment.microsecond:
        out += f".{moment.microsecond:06d}".rstrip("0")
    return out + "Z"


def _why(node: dict) -> dict:
    return {
        "text": node["text"],
        "root_cause": node.get("root_cause", False),
        "children": [_why(c) for c in node.get("children", [])],
    }


def _action(item: dict) -> dict:
    out = {"title": item["title"]}
    if "owner" in item:
        out["owner"] = item["owner"]
    if item.get("due") is not None:
        out["due"] = item["due"]
    out["status"] = item.get("status", "open")
    if "category" in item:
        out["category"] = item["category"]
    out["deferred"] = item.get("deferred", False)
    if "tracker_url" in item:
        out["tracker_url"] = item["tracker_url"]
    return out


def canonical(doc: dict) -> dict:
    out = {
        "format": "pir-review",
        "version": 1,
        "title": doc["title"],
        "incident_date": doc["incident_date"],
        "severity": doc["severity"],
        "status": doc.get("status", "draft"),
        "roles": {
            k: doc["roles"][k]
            for k in ("incident_commander", "facilitator", "scribe", "author")
            if k in doc.get("roles", {})
        },
        "participants": [
            {
                "name": p["name"],
                **({"role": p["role"]} if "role" in p else {}),
                "required": p.get("required", True),
            }
            for p in doc.get("participants", [])
        ],
        "summary": doc.get("summary", ""),
        "impact": {
            k: doc["impact"][k]
            for k in ("users_affected", "revenue", "sla", "customer_communications")
            if k in doc.get("impact", {})
        },
    }
    if "id" in doc:
        out["id"] = doc["id"].lower()
    if doc.get("detection"):
        out["detection"] = {
            k: doc["detection"][k] for k in ("method", "notes") if k in doc["detection"]
        }
    indexed = list(enumerate(doc.get("timeline", [])))
    indexed.sort(key=lambda pair: (datetime.fromisoformat(utc_text(pair[1]["at"])[:-1]), pair[0]))
    out["timeline"] = []
    for _, e in indexed:
        event = {"at": utc_text(e["at"]), "kind": e.get("kind", "note"), "text": e["text"]}
        if "source" in e:
            event["source"] = e["source"]
        out["timeline"].append(event)
    out["problem"] = doc.get("problem", "")
    out["whys"] = [_why(n) for n in doc.get("whys", [])]
    out["contributing_factors"] = [
        {"text": f["text"], "category": f["category"]} for f in doc.get("contributing_factors", [])
    ]
    for key in ("went_well", "went_poorly", "lucky"):
        out[key] = list(doc.get(key, []))
    out["action_items"] = [_action(a) for a in doc.get("action_items", [])]
    out["lessons"] = list(doc.get("lessons", []))
    phases = doc.get("meeting", {}).get("phases", [])
    if phases:
        out["meeting"] = {
            "phases": [
                {
                    "name": p["name"],
                    "planned_minutes": p["planned_minutes"],
                    "actual_seconds": p.get("actual_seconds", 0),
                }
                for p in phases
            ]
        }
    return {k: out[k] for k in KEY_ORDER if k in out}


# -- version 2 -------------------------------------------------------------------------------

KEY_ORDER_V2 = [
    "format", "version", "id", "updated_at", "field_updated_at", "title", "incident_date",
    "severity", "status", "services", "tags", "related", "roles", "participants", "summary",
    "impact", "detection", "timeline", "problem", "whys", "contributing_factors", "went_well",
    "went_poorly", "lucky", "action_items", "lessons", "meeting", "opening", "deleted",
]  # fmt: skip
TIMED_FIELDS = [
    "title", "incident_date", "severity", "status", "roles", "summary", "impact", "detection",
    "problem", "services", "tags", "related", "opening",
]  # fmt: skip
CHECKLIST = [
    "timeline_draft", "participants_invited", "facilitator_not_ic", "document_prefilled",
    "dashboards_ready", "severity_assessed", "blameless_invite",
]  # fmt: skip


class _Any:
    """Stands for a value the import generates (an id, the import time): any text of its shape."""

    def __init__(self, shape):
        self.shape = shape

    def __eq__(self, other):
        return isinstance(other, str) and self.shape.fullmatch(other) is not None

    def __repr__(self):
        return f"<any {self.shape.pattern}>"


ANY_ID = _Any(re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"))
ANY_TIME = _Any(re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z"))


def _ident(item: dict, fields: dict) -> dict:
    return {
        "id": item.get("id", ANY_ID),
        "updated_at": utc_text(item["updated_at"]) if "updated_at" in item else ANY_TIME,
        **fields,
    }


def _entry(value) -> dict:
    return _ident({} if isinstance(value, str) else value,
                  {"text": value if isinstance(value, str) else value["text"]})  # fmt: skip


def _why_v2(node: dict) -> dict:
    return _ident(
        node,
        {
            "text": node["text"],
            "root_cause": node.get("root_cause", False),
            "children": [_why_v2(c) for c in node.get("children", [])],
        },
    )


def _action_v2(item: dict) -> dict:
    out = {"title": item["title"]}
    if "owner" in item:
        out["owner"] = item["owner"]
    if item.get("due") is not None:
        out["due"] = item["due"]
    out["status"] = item.get("status", "open")
    if item.get("done_at") is not None:
        out["done_at"] = utc_text(item["done_at"])
    if "category" in item:
        out["category"] = item["category"]
    out["deferred"] = item.get("deferred", False)
    if "tracker_url" in item:
        out["tracker_url"] = item["tracker_url"]
    if "source" in item:
        out["source"] = dict(item["source"])
    return _ident(item, out)


def canonical_v2(doc: dict) -> dict:
    """What export must give for ``doc`` (a version 1 or 2 file) as version 2."""
    v1 = canonical({**doc, "version": 1})
    out = dict(v1, version=2)
    out["id"] = doc["id"].lower() if "id" in doc else ANY_ID
    out["updated_at"] = utc_text(doc["updated_at"]) if "updated_at" in doc else ANY_TIME
    given = doc.get("field_updated_at", {})
    out["field_updated_at"] = {
        f: utc_text(given[f]) if f in given else ANY_TIME for f in TIMED_FIELDS
    }
    out["services"] = list(doc.get("services", []))
    out["tags"] = list(doc.get("tags", []))
    out["related"] = [dict(link) for link in doc.get("related", [])]
    out["participants"] = [
        _ident(p, fields)
        for p, fields in zip(doc.get("participants", []), v1["participants"], strict=True)
    ]
    indexed = list(enumerate(doc.get("timeline", [])))
    indexed.sort(key=lambda pair: (datetime.fromisoformat(utc_text(pair[1]["at"])[:-1]), pair[0]))
    out["timeline"] = [
        _ident(e, fields) for (_, e), fields in zip(indexed, v1["timeline"], strict=True)
    ]
    out["whys"] = [_why_v2(n) for n in doc.get("whys", [])]
    out["contributing_factors"] = [
        _ident(f, fields)
        for f, fields in zip(
            doc.get("contributing_factors", []), v1["contributing_factors"], strict=True
        )
    ]
    for key in ("went_well", "went_poorly", "lucky", "lessons"):
        out[key] = [_entry(v) for v in doc.get(key, [])]
    out["action_items"] = [_action_v2(a) for a in doc.get("action_items", [])]
    if "meeting" in v1:
        out["meeting"] = {
            "phases": [
                _ident(p, fields)
                for p, fields in zip(doc["meeting"]["phases"], v1["meeting"]["phases"], strict=True)
            ]
        }
    opening = doc.get("opening", {})
    ticks = opening.get("checklist", {})
    out["opening"] = {
        "statement": opening.get("statement"),
        "checklist": {k: ticks.get(k, False) for k in CHECKLIST},
    }
    tombs = [
        {"id": t["id"], "deleted_at": utc_text(t["deleted_at"])} for t in doc.get("deleted", [])
    ]
    out["deleted"] = sorted(
        tombs, key=lambda t: (datetime.fromisoformat(t["deleted_at"][:-1]), t["id"])
    )
    return {k: out[k] for k in KEY_ORDER_V2 if k in out}
