"""Golden files for the text, JSON and Markdown renderings; the Markdown size limit.

Regenerate the golden files after an intended change with UPDATE_GOLDEN=1.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reconciler.plan import render
from reconciler.plan.diff import diff_router
from reconciler.plan.model import Plan, RouterPlan
from reconciler.plan.saved import SavedPlanError, load_plan
from tests.unit.test_plan_diff import BIND, T1, T2, T3, fw, path, route, seen, want

GOLDEN = Path(__file__).resolve().parent.parent / "data" / "golden"


def sample_plan() -> Plan:
    desired = want(
        route("10.1.0.0/16", "192.0.2.1", "192.0.2.2"),
        route("10.2.0.0/16", "192.0.2.1", preference=7),
        paths=(path("10.123.0.0/24", "10.0.0.1"),),
        filters=(fw("protect-re", T1, T3),),
        bindings=(BIND,),
    )
    observed = seen(
        route("10.2.0.0/16", "192.0.2.1"),
        route("10.3.0.0/16", "192.0.2.1"),
        route("10.4.0.0/16", "192.0.2.66", cookie=9),
        filters=(fw("protect-re", T1, T2),),
    )
    router1 = diff_router("router1", desired, observed)
    in_sync = seen(
        *desired.static_routes.values(),
        paths=tuple(desired.bgp_paths.values()),
        filters=tuple(desired.filters.values()),
        bindings=tuple(desired.bindings.values()),
    )
    router2 = diff_router("router2", desired, in_sync)
    router3 = RouterPlan("router3", error="cannot open a session: router3: Authentication/Login failed")
    return Plan("main (0123456789ab)", "0123456789abcdef", [router1, router2, router3])


@pytest.mark.parametrize(
    ("name", "rendering"),
    [
        ("plan.txt", lambda p: render.to_text(p, color=False)),
        ("plan.json", render.to_json),
        ("plan.md", lambda p: "\n---\n".join(render.to_markdown(p))),
    ],
)
def test_golden(name: str, rendering: object) -> None:
    text = rendering(sample_plan())  # type: ignore[operator]
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text)
    assert text == golden.read_text()


def test_json_is_valid_and_versioned() -> None:
    document = json.loads(render.to_json(sample_plan()))
    assert document["schema"] == "jet-reconciler/plan/v2"
    assert document["summary"] == {"create": 3, "update": 2, "delete": 1, "routers": 3, "failed": ["router3"]}


def test_colour_only_when_asked() -> None:
    assert "\x1b[" in render.to_text(sample_plan(), color=True)
    assert "\x1b[" not in render.to_text(sample_plan(), color=False)


def _big_plan(changes: int) -> Plan:
    desired = want(*(route(f"10.{i >> 8}.{i & 255}.0/24", "192.0.2.1", "192.0.2.2") for i in range(changes)))
    return Plan("big", "abc", [diff_router("router1", desired, seen())])


def test_markdown_of_20k_changes_splits_below_githubs_limit() -> None:
    parts = render.to_markdown(_big_plan(20_000))
    assert 1 < len(parts) <= render.MAX_MARKDOWN_PARTS
    assert all(len(part) < render.GITHUB_COMMENT_LIMIT for part in parts)
    lines = [line for part in parts for line in part.splitlines() if line.startswith("+ static_route")]
    assert len(lines) == 20_000 and len(set(lines)) == 20_000
    assert parts[0].startswith("<sub>Plan part 1 of ") and "| router1 | 20000 | 0 | 0 | changes |" in parts[0]


def test_markdown_too_large_for_comments_points_at_the_artifact() -> None:
    [summary] = render.to_markdown(_big_plan(65_000), artifact="plan.json")
    assert len(summary) < render.GITHUB_COMMENT_LIMIT
    assert "The full plan (65000 changes) is too long for comments: see the `plan.json` artifact" in summary


def test_a_saved_plan_loads_back_into_the_same_typed_changes() -> None:
    plan = sample_plan()
    loaded = load_plan(json.loads(render.to_json(plan)))
    assert loaded.intent_commit == plan.intent_commit
    for original, back in zip(plan.routers, loaded.routers, strict=True):
        assert back.fingerprint == original.fingerprint
        assert back.changes == original.changes  # action, kind, key, before/after, fields, operations
        assert [c.subject for c in back.changes] == [c.subject for c in original.changes]
        assert [c.previous for c in back.changes] == [c.previous for c in original.changes]
        assert [c.edits for c in back.changes] == [c.edits for c in original.changes]
    assert any(c.edits for d in loaded.routers for c in d.changes)  # the sample has a filter update


def test_a_plan_of_another_schema_is_refused() -> None:
    with pytest.raises(SavedPlanError, match="schema 'jet-reconciler/plan/v1' is not jet-reconciler/plan/v2"):
        load_plan({"schema": "jet-reconciler/plan/v1", "routers": []}, "p.json")
