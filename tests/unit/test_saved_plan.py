"""A saved plan is checked whole on load: a malformed document is refused with a
SavedPlanError naming where, never a traceback or a change that fails during apply."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from reconciler.engine.guards import GuardStop, check_saved
from reconciler.model import Binding, Direction, Family
from reconciler.plan import render
from reconciler.plan.diff import diff_router
from reconciler.plan.model import Action, Kind, Plan
from reconciler.plan.saved import SavedPlanError, load_plan
from tests.unit.test_plan_diff import BIND, path, seen, want
from tests.unit.test_plan_render import sample_plan


def _updates_plan() -> Plan:
    """A plan with a binding update and a BGP path update (the sample has neither)."""
    desired = want(paths=(path("10.9.0.0/16", "10.0.0.1", 300),),
                   bindings=(Binding("g", Family.INET, "lo0.0", Direction.INPUT),))  # fmt: skip
    observed = seen(paths=(path("10.9.0.0/16", "10.0.0.1"),), bindings=(BIND,))
    return Plan("main (abc)", "abc", [diff_router("r1", desired, observed)])


def _document(plan: Plan | None = None) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(json.dumps(render.to_dict(plan or sample_plan())))
    return document


def _index(document: dict[str, Any], action: str, kind: str) -> int:
    changes = document["routers"][0]["changes"]
    return next(i for i, c in enumerate(changes) if c["action"] == action and c["kind"] == kind)


def _refused(document: dict[str, Any]) -> str:
    with pytest.raises(SavedPlanError) as raised:
        load_plan(document, "p.json")
    return str(raised.value)


def test_the_documents_used_here_load_as_they_are() -> None:
    """The broken documents below differ from these only in what each test breaks."""
    assert load_plan(_document(), "p.json").routers[0].changes == sample_plan().routers[0].changes
    loaded = load_plan(_document(_updates_plan()), "p.json")
    assert {(c.action, c.kind) for c in loaded.routers[0].changes} == {
        (Action.UPDATE, Kind.BINDING),
        (Action.UPDATE, Kind.BGP_PATH),
    }
    assert all(c.previous is not None for c in loaded.routers[0].changes)


# (what to break, how, the message expected after "p.json: ")
BREAKAGES: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("routers null", lambda d: d.update(routers=None), "routers: must be a list, not null"),
    ("routers an object", lambda d: d.update(routers={"router": "r1"}), "routers: must be a list, not an object"),
    ("routers missing", lambda d: d.pop("routers"), "the document: routers is missing"),
    ("a router a string", lambda d: d["routers"].__setitem__(1, "router2"),
     "routers[1]: must be an object, not a string"),
    ("router name missing", lambda d: d["routers"][0].pop("router"), "routers[0]: router is missing"),
    ("router name a number", lambda d: d["routers"][0].update(router=7),
     "routers[0].router: must be a string, not a number"),
    ("fingerprint missing", lambda d: d["routers"][1].pop("fingerprint"), "routers[1]: fingerprint is missing"),
    ("error a list", lambda d: d["routers"][2].update(error=["x"]), "routers[2].error: must be a string, not a list"),
    ("changes null", lambda d: d["routers"][0].update(changes=None), "routers[0].changes: must be a list, not null"),
    ("reported a string", lambda d: d["routers"][0].update(reported="x"),
     "routers[0].reported: must be a list, not a string"),
    ("a change a number", lambda d: d["routers"][0]["changes"].__setitem__(3, 1),
     "routers[0].changes[3]: must be an object, not a number"),
    ("unknown kind", lambda d: d["routers"][0]["changes"][3].update(kind="vrf"),
     "routers[0].changes[3].kind: 'vrf' is not one of filter, binding, static_route, bgp_path"),
    ("unknown action", lambda d: d["routers"][0]["changes"][3].update(action="replace"),
     "routers[0].changes[3].action: 'replace' is not one of create, update, delete"),
    ("kind a list", lambda d: d["routers"][0]["changes"][3].update(kind=["filter"]),
     "routers[0].changes[3].kind: ['filter'] is not one of"),
    ("key missing", lambda d: d["routers"][0]["changes"][3].pop("key"), "routers[0].changes[3]: key is missing"),
    ("before a string", lambda d: d["routers"][0]["changes"][4].update(before="x"),
     "routers[0].changes[4].before: must be an object, not a string"),
    ("fields of strings", lambda d: d["routers"][0]["changes"][4].update(fields=["x"]),
     "routers[0].changes[4].fields[0]: must be an object, not a string"),
    ("operations of numbers", lambda d: d["routers"][0]["changes"][3].update(operations=[1]),
     "routers[0].changes[3].operations[0]: must be a string, not a number"),
    ("value missing", lambda d: d["routers"][0]["changes"][3].pop("value"), "routers[0].changes[3]: value is missing"),
    ("value null", lambda d: d["routers"][0]["changes"][3].update(value=None),
     "routers[0].changes[3].value: must be an object, not null"),
    ("subject null", lambda d: d["routers"][0]["changes"][3]["value"].update(subject=None),
     "routers[0].changes[3].value: subject is null: the static_route this create acts on"),
    ("subject missing", lambda d: d["routers"][0]["changes"][5]["value"].pop("subject"),
     "routers[0].changes[5].value: subject is missing: the static_route this delete acts on"),
    ("subject not a route", lambda d: d["routers"][0]["changes"][3]["value"].update(subject={"prefix": 1}),
     "routers[0].changes[3].value.subject: not a valid static_route: "),
    ("filter update without previous", lambda d: d["routers"][0]["changes"][0]["value"].update(previous=None),
     "routers[0].changes[0].value: previous is null: an update must say which filter it replaces"),
    ("route update without previous", lambda d: d["routers"][0]["changes"][4]["value"].pop("previous"),
     "routers[0].changes[4].value: previous is missing: an update must say which static_route it replaces"),
    ("edits not edits", lambda d: d["routers"][0]["changes"][0]["value"].update(edits=[{"op": 1}]),
     "routers[0].changes[0].value.edits: not valid term edits: "),
    ("intent a string", lambda d: d.update(intent="x"), "intent: must be an object, not a string"),
    ("intent null", lambda d: d.update(intent=None), "intent: must be an object, not null"),
    ("intent missing", lambda d: d.pop("intent"), "the document: intent is missing"),
    ("intent commit missing", lambda d: d["intent"].pop("commit"), "intent: commit is missing"),
    ("intent commit a number", lambda d: d["intent"].update(commit=5), "intent.commit: must be a string, not a number"),
]  # fmt: skip


@pytest.mark.parametrize(("breaking", "expected"), [(b[1], b[2]) for b in BREAKAGES], ids=[b[0] for b in BREAKAGES])
def test_a_malformed_plan_is_refused_saying_where(breaking: Callable[[dict[str, Any]], None], expected: str) -> None:
    document = _document()
    assert [c["kind"] for c in document["routers"][0]["changes"]][3:6] == ["static_route"] * 3  # what BREAKAGES use
    breaking(document)
    assert _refused(document).startswith(f"p.json: {expected}")


@pytest.mark.parametrize(("action", "kind"), [("update", "binding"), ("update", "bgp_path")])
def test_an_update_without_previous_is_refused(action: str, kind: str) -> None:
    document = _document(_updates_plan())
    index = _index(document, action, kind)
    document["routers"][0]["changes"][index]["value"]["previous"] = None
    assert _refused(document) == (
        f"p.json: routers[0].changes[{index}].value: previous is null: an update must say which {kind} it replaces"
    )


def test_a_reported_change_is_checked_too() -> None:
    document = _document()
    document["routers"][1]["reported"] = [copy.deepcopy(document["routers"][0]["changes"][3])]
    assert load_plan(copy.deepcopy(document)).routers[1].reported[0].subject is not None
    document["routers"][1]["reported"][0]["value"]["subject"] = None
    assert _refused(document).startswith("p.json: routers[1].reported[0].value: subject is null")


def test_a_router_that_could_not_be_read_loads_without_changes() -> None:
    loaded = load_plan(_document(), "p.json")
    router3 = loaded.routers[2]
    assert router3.router == "router3" and router3.changes == [] and router3.fingerprint == ""
    assert router3.error == "cannot open a session: router3: Authentication/Login failed"


def test_apply_says_why_a_router_that_could_not_be_read_has_no_plan() -> None:
    loaded = load_plan(_document(), "p.json")
    with pytest.raises(GuardStop) as stopped:
        check_saved(loaded, loaded.intent_commit, "router3", "f" * 64, "")
    assert str(stopped.value).startswith(
        "the saved plan has no plan for router router3: it could not be read when the plan was made "
        "(cannot open a session: router3: Authentication/Login failed)"
    )
    first = loaded.routers[0]
    assert check_saved(loaded, loaded.intent_commit, "router1", first.fingerprint, first.intent_digest) is first
    with pytest.raises(GuardStop, match="router1: the intent for this router changed since the saved plan was made"):
        check_saved(loaded, loaded.intent_commit, "router1", first.fingerprint, "another intent")


def test_a_router_a_pull_request_plan_did_not_read_is_refused_by_name() -> None:
    document = _document()
    document["routers"][2]["error"] = None
    document["routers"][2]["not_read"] = "new in this revision: its connection settings are trusted only after merge"
    loaded = load_plan(document, "p.json")
    assert loaded.routers[2].not_read is not None and loaded.has_changes
    with pytest.raises(GuardStop, match=r"the saved plan did not read router router3 \(new in this revision"):
        check_saved(loaded, loaded.intent_commit, "router3", "f" * 64, loaded.routers[2].intent_digest)


def test_a_working_tree_plan_has_a_null_commit() -> None:
    document = _document()
    document["intent"]["commit"] = None
    document["intent"].pop("base_commit")
    loaded = load_plan(document, "p.json")
    assert loaded.intent_commit is None and loaded.base_commit is None
