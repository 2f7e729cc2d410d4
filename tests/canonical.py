"""The canonical form of an interchange document, written independently of the program.

Export must give back exactly this for any valid input: defaults filled in,
optional keys without a value left out, times in UTC with Z, events in time
order (equal times in file order), ids in lowercase.
"""

from __future__ import annotations

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
