"""A `report` drift policy: drift on the router is listed and left alone, while a change
of intent is always rolled out; plan, apply and status agree on both."""

from __future__ import annotations

import json

import yaml

from tests.integration.apply_lab import Lab
from tests.integration.apply_lab import lab as lab  # the fixture


def _report_bgp_on_router2(lab: Lab) -> None:
    devices = lab.root / "intent/devices.yaml"
    inventory = yaml.safe_load(devices.read_text())
    inventory["devices"]["router2"]["drift"] = {"bgp_routes": "report"}
    devices.write_text(yaml.safe_dump(inventory))
    lab.commit("report BGP drift on router2")


def _add_bgp_prefix(lab: Lab, prefix: str) -> None:
    path = lab.root / "intent/routes/bgp-multipath.yaml"
    document = yaml.safe_load(path.read_text())
    document["bgp_routes"].append({"prefix": prefix, "paths": [{"next_hop": "10.0.0.1"}, {"next_hop": "10.0.0.2"}]})
    path.write_text(yaml.safe_dump(document))
    lab.commit(f"add {prefix}")


def _bgp_prefixes(lab: Lab, router: str) -> set[str]:
    return {r["prefix"] for r in lab.admin.routes(router, "inet.0", "bgp")}


def test_drift_is_reported_and_left_alone(lab: Lab) -> None:
    _report_bgp_on_router2(lab)
    assert lab.run("apply", "--ref", "HEAD", "--auto-approve").returncode == 0
    lab.admin.act("router2", "delete-route", table="inet.0", prefix="10.123.1.0/24", kind="bgp")

    plan = lab.run("plan", "--ref", "HEAD", "--devices", "router2", "--format", "json")
    assert plan.returncode == 0, plan.stdout + plan.stderr  # drift under `report` is not a change to apply
    router = json.loads(plan.stdout)["routers"][0]
    assert router["changes"] == []
    assert {(c["action"], c["key"]) for c in router["reported"]} == {
        ("create", "inet.0 10.123.1.0/24 via 10.0.0.1"), ("create", "inet.0 10.123.1.0/24 via 10.0.0.2"),
        ("create", "inet.0 10.123.1.0/24 via 10.0.0.3"), ("create", "inet.0 10.123.1.0/24 via 10.0.0.4"),
    }  # fmt: skip
    text = lab.run("plan", "--ref", "HEAD", "--devices", "router2")
    assert "drift, reported only (policy report): + bgp_path inet.0 10.123.1.0/24 via 10.0.0.1" in text.stdout
    markdown = lab.run("plan", "--ref", "HEAD", "--devices", "router2", "--format", "markdown")
    assert "4 drifts reported only" in markdown.stdout

    applied = lab.run("apply", "--ref", "HEAD", "--devices", "router2", "--auto-approve")
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert "router2: drift reported (0 steps of 0 planned" in applied.stdout
    assert "10.123.1.0/24" not in _bgp_prefixes(lab, "router2")  # left alone, as the policy says
    status = lab.run("status", "--device", "router2")
    assert "router2: drift reported: 4 objects differ from the intent" in status.stdout
    assert "in sync" not in status.stdout.split(";")[0]


def test_a_change_of_intent_is_rolled_out_whatever_the_policy(lab: Lab) -> None:
    _report_bgp_on_router2(lab)
    assert lab.run("apply", "--ref", "HEAD", "--auto-approve").returncode == 0
    _add_bgp_prefix(lab, "10.124.0.0/24")

    plan = lab.run("plan", "--ref", "HEAD", "--devices", "router2")
    assert plan.returncode == 2, plan.stdout + plan.stderr
    assert "router2: 2 to create, 0 to change, 0 to delete" in plan.stdout
    applied = lab.run("apply", "--ref", "HEAD", "--devices", "router2", "--auto-approve")
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert "router2: changed and verified (2 steps of 2 planned" in applied.stdout
    assert "10.124.0.0/24" in _bgp_prefixes(lab, "router2")
    assert lab.run("plan", "--ref", "HEAD", "--devices", "router2").returncode == 0
    assert "router2: in sync" in lab.run("status", "--device", "router2").stdout


def test_a_saved_plan_of_an_intent_change_is_applied_exactly(lab: Lab) -> None:
    _report_bgp_on_router2(lab)
    assert lab.run("apply", "--ref", "HEAD", "--auto-approve").returncode == 0
    _add_bgp_prefix(lab, "10.125.0.0/24")
    saved = lab.root / "plan.json"
    assert lab.run("plan", "--ref", "HEAD", "--devices", "router2", "--out", str(saved)).returncode == 2
    applied = lab.run("apply", "--ref", "HEAD", "--plan", str(saved))
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert "router2: changed and verified (2 steps of 2 planned" in applied.stdout
    assert "10.125.0.0/24" in _bgp_prefixes(lab, "router2")


def test_a_saved_plan_over_the_change_budget_is_refused(lab: Lab) -> None:
    saved = lab.root / "plan.json"
    assert lab.run("plan", "--out", str(saved)).returncode == 2
    refused = lab.run("apply", "--plan", str(saved), "--max-changes", "1")
    assert refused.returncode == 1
    assert "over the --max-changes budget of 1" in refused.stderr
    assert lab.owned_routes("router1") == set()  # nothing was sent
