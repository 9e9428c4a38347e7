"""Drift under a `report` policy versus a change of intent, decided per object from what
was last written: the cases a record made only at the end of a verified run got wrong."""

from __future__ import annotations

from typing import Any

import pytest

from reconciler.engine.reconcile import ReconcileOptions
from reconciler.intent.errors import IntentInvalid
from reconciler.model.filters import FirewallFilter, Term, TermAction, Terminating
from reconciler.model.outcome import Outcome
from reconciler.model.prefixes import Family
from tests.engine.conftest import Lab


def _bgp(*prefixes: str) -> dict[str, Any]:
    return {"apply_to": {"all": True}, "bgp_routes": [{"prefix": p, "paths": [{"next_hop": "10.0.0.1"}]}
                                                       for p in prefixes]}  # fmt: skip


def _bgp_prefixes(lab: Lab) -> set[str]:
    return {path.key.prefix for table in lab.router().clients["jet-reconciler"].bgp.values() for path in table.values()}


def _report(lab: Lab, kind: str) -> None:
    lab.devices["r1"] = {"drift": {kind: "report"}}


def test_switching_to_report_rolls_out_once_then_reports(lab: Lab) -> None:
    lab.write("routes/bgp.yaml", _bgp("10.1.0.0/24", "10.2.0.0/24"))
    assert lab.reconcile().outcome is Outcome.CHANGED
    lab.router().delete_route("inet.0", "10.1.0.0/24", kind="bgp")
    _report(lab, "bgp_routes")  # no record of what was written yet
    first = lab.reconcile()
    assert first.outcome is Outcome.CHANGED and "10.1.0.0/24" in _bgp_prefixes(lab)
    assert any("no record yet of what was last written for bgp_path" in note for note in first.notes)
    lab.router().delete_route("inet.0", "10.1.0.0/24", kind="bgp")
    second = lab.reconcile()
    assert second.outcome is Outcome.DRIFT_REPORTED and "10.1.0.0/24" not in _bgp_prefixes(lab)


def test_an_intent_removal_rolls_out_when_the_policy_switches_too(lab: Lab) -> None:
    prefixes = [f"10.{i}.0.0/24" for i in range(1, 6)]
    lab.write("routes/bgp.yaml", _bgp(*prefixes))
    assert lab.reconcile().outcome is Outcome.CHANGED
    _report(lab, "bgp_routes")
    lab.write("routes/bgp.yaml", _bgp(*prefixes[1:]))  # one of five: under the mass-delete guard
    result = lab.reconcile()
    assert result.outcome is Outcome.CHANGED and _bgp_prefixes(lab) == set(prefixes[1:])


def test_reverting_a_partly_applied_change_rolls_out(lab: Lab) -> None:
    """A commit changes a route and adds a filter the router refuses (on-error continue: the
    route is written); reverting the commit must put the route back, although it then equals
    what was verified before the bad commit."""
    lab.devices["r1"] = {"drift": {"static_routes": "report"}, "routing_instances": ["red"]}
    lab.devices.pop("r2")
    good = {"prefix": "10.1.0.0/24", "next_hops": ["192.0.2.1"]}
    lab.write("routes/s.yaml", {"apply_to": {"all": True}, "static_routes": [good]})
    assert lab.reconcile().outcome is Outcome.CHANGED
    changed = {**good, "next_hops": ["192.0.2.99"]}
    to_red = {"name": "t", "then": {"action": "routing-instance", "routing_instance": "red"}}
    lab.write("routes/s.yaml", {"apply_to": {"all": True}, "static_routes": [changed],
                                "filters": [{"name": "to-red", "terms": [to_red]}]})  # fmt: skip
    partial = lab.reconcile(options=ReconcileOptions(keep_going=True, backoff=0.001))
    assert partial.outcome is Outcome.REFUSED  # the router has no instance red
    assert _next_hop(lab) == "192.0.2.99"  # the route was written
    lab.write("routes/s.yaml", {"apply_to": {"all": True}, "static_routes": [good]})
    back = lab.reconcile()
    assert back.outcome is Outcome.CHANGED, back
    assert _next_hop(lab) == "192.0.2.1"


def _next_hop(lab: Lab) -> str | None:
    [route] = lab.router().clients["jet-reconciler"].static["inet.0"].values()
    return route.gateways[0].address


def test_a_waiting_binding_is_not_verified_and_is_made_when_its_interface_comes(lab: Lab) -> None:
    lab.devices["r1"] = {"drift": {"bindings": "report"}}
    lab.devices.pop("r2")
    accept = {"name": "t", "then": {"action": "accept"}}
    binding = {"filter": "f", "interface": "ge-0/0/9.0", "direction": "input"}
    lab.write("filters/f.yaml", {"apply_to": {"all": True}, "filters": [{"name": "f", "terms": [accept]}],
                                 "bindings": [binding]})  # fmt: skip
    waiting = lab.reconcile()
    assert waiting.outcome is Outcome.WAITING and "no interface ge-0/0/9.0" in (waiting.detail or "")
    lab.router().add_interface("ge-0/0/9")
    made = lab.reconcile()
    assert made.outcome is Outcome.CHANGED  # the intent's binding, not drift
    assert ("ge-0/0/9.0", "input", "inet") in {(p[0], p[1].value, p[2].value) for p in lab.router().bindings}


def test_a_lost_filter_modify_answer_is_rebuilt_not_trusted(lab: Lab) -> None:
    v1 = {"name": "f", "terms": [{"name": "a", "then": {"action": "accept", "count": "a"}}]}
    lab.write("filters/f.yaml", {"apply_to": {"all": True}, "filters": [v1]})
    assert lab.reconcile().outcome is Outcome.CHANGED
    v2 = {"name": "f", "terms": [{"name": "b", "then": {"action": "discard", "count": "b"}}]}
    lab.write("filters/f.yaml", {"apply_to": {"all": True}, "filters": [v2]})
    # What the executor journals before it sends a modify, then the answer is lost:
    want = FirewallFilter("f", Family.INET, (Term("b", action=TermAction(Terminating.DISCARD, count="b")),))
    lab.journal.filter_pending("r1", want, None)
    result = lab.reconcile()
    assert result.outcome is Outcome.CHANGED, result
    assert lab.router().filter_terms("f") == ["b"]
    assert lab.reconcile().outcome is Outcome.IN_SYNC


def test_adopt_leaves_drift_on_the_router_like_report(lab: Lab) -> None:
    lab.devices["r1"] = {"drift": {"bgp_routes": "adopt"}}
    lab.write("routes/bgp.yaml", _bgp("10.1.0.0/24", "10.2.0.0/24"))
    assert lab.reconcile().outcome is Outcome.CHANGED
    lab.router().delete_route("inet.0", "10.1.0.0/24", kind="bgp")
    result = lab.reconcile()
    assert result.outcome is Outcome.DRIFT_REPORTED  # the watcher proposes it as an intent change instead
    assert "10.1.0.0/24" not in _bgp_prefixes(lab)


def test_filters_and_bindings_cannot_be_adopted(lab: Lab) -> None:
    lab.devices["r1"] = {"drift": {"filters": "adopt"}}
    with pytest.raises(IntentInvalid, match=r"drift\.filters"):
        lab.intent()
