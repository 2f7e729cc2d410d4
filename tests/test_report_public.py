"""The public variant: no participant's name, address or revenue in any format."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from html import unescape

import pytest
from markdown_it import MarkdownIt

from pir_desktop.domain.enums import EventKind
from pir_desktop.domain.model import ActionItem, PanelItem, TimelineEvent, WhyNode
from pir_desktop.interchange.review_json import read_review_file
from pir_desktop.reports.export import export_review
from pir_desktop.reports.redact import people, public_review, redactor_for

from .conftest import API_SAMPLE, SAMPLES
from .readers import docx_blocks, pdf_text, squash


def _names(review) -> set[str]:
    names = {p.name for p in review.participants} | set(review.roles.values())
    return names | {part for name in names for part in name.split() if len(part) >= 2}


def _read(tmp_path, fmt: str, data: bytes) -> str:
    path = tmp_path / f"public.{fmt}"
    path.write_bytes(data)
    if fmt == "pdf":
        return squash(pdf_text(path))
    if fmt == "docx":
        return "\n".join(docx_blocks(path))
    if fmt == "md":  # what a wiki shows: the rendered text, escapes undone
        html = MarkdownIt("commonmark").enable("table").render(data.decode("utf-8"))
        return unescape(re.sub(r"<[^>]+>", " ", html))
    return data.decode("utf-8")


@pytest.mark.parametrize("fmt", ["pdf", "docx", "md", "json"])
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_public_variant_names_no_participant(tmp_path, sample, fmt):
    review = read_review_file(sample)
    text = _read(tmp_path, fmt, export_review(review, fmt, "public").data)
    leaked = [
        name for name in _names(review) if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)
    ]
    assert leaked == []
    # The same export of the full variant does name them: the check can fail.
    full = _read(tmp_path, fmt, export_review(review, fmt, "full").data)
    assert any(name in full for name in _names(review))


@pytest.mark.parametrize("fmt", ["pdf", "docx", "md", "json"])
def test_public_variant_drops_revenue_and_addresses(tmp_path, fmt):
    review = read_review_file(API_SAMPLE)
    review.impact["revenue"] = "Lost 48,000 EUR in orders"
    review.timeline.append(
        TimelineEvent(
            datetime(2026, 3, 12, 14, 50, tzinfo=UTC),
            "Alex mailed alex.kim@example.com about 10.20.30.40 and db-7.prod.example.net",
            EventKind.NOTE,
            source="https://grafana.corp.example.com/d/abc",
        )
    )
    text = _read(tmp_path, fmt, export_review(review, fmt, "public").data)
    for secret in ("48,000", "alex.kim@", "10.20.30.40", "db-7.prod", "grafana.corp", "Alex"):
        assert secret not in text
    assert "[e-mail removed]" in text
    assert "[IP address removed]" in text
    assert "[host removed]" in text
    assert "On-call engineer mailed" in text


def test_people_become_their_roles_told_apart_when_shared():
    review = read_review_file(API_SAMPLE)
    review.participants[2].role = review.participants[1].role  # two on-call engineers
    mapping = people(review)
    assert mapping["Dana Reyes"] == "Incident commander"
    assert mapping["Alex Kim"] == "On-call engineer A"
    assert mapping["Maria Lopez"] == "On-call engineer B"
    assert mapping["Priya Natarajan"] == "Facilitator"  # in the roles only


def test_redactor_keeps_what_is_not_personal():
    review = read_review_file(API_SAMPLE)
    redact = redactor_for(review)
    kept = "Rolled back v2.3.1 at 14:05; config.yaml and node.js are fine; p99 was 99.9 ms"
    assert redact.text(kept) == kept
    assert redact.text("Kim's alert") == "On-call engineer's alert"
    assert redact.text("ping 2001:db8::1 or fe80::1ff:fe23:4567:890a") == (
        "ping [IP address removed] or [IP address removed]"
    )


def test_public_copy_leaves_the_review_untouched_and_hides_unknown_owners():
    review = read_review_file(API_SAMPLE)
    review.action_items.append(ActionItem("Write the runbook", owner="Bob from Payments"))
    review.whys.append(WhyNode("Sam Ortiz was paged late"))
    review.panels[next(iter(review.panels))].append(PanelItem("Thanks Dana"))
    before = json.dumps(export_review(review, "json").data.decode())
    public = public_review(review)
    assert json.dumps(export_review(review, "json").data.decode()) == before
    assert public.action_items[-1].owner == "Owner assigned"
    assert public.whys[-1].text == "Support lead was paged late"
    assert all(p.name in people(review).values() for p in public.participants)
