"""`reconciler apply` on emulated routers: applied, verified, pinned, guarded, journaled."""

from __future__ import annotations

import json
import shutil

import yaml

from tests.helpers import PASSWORD
from tests.integration.apply_lab import Lab
from tests.integration.apply_lab import lab as lab  # the fixture


def test_example_applied_verified_then_no_op(lab: Lab) -> None:
    first = lab.run("apply", "--auto-approve")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "router1: changed and verified (17 steps of 17 planned" in first.stdout
    assert "router3: changed and verified (10 steps of 10 planned" in first.stdout
    assert len(lab.owned_routes("router1")) == 5 - 2 + 2  # 3 global static + 2 BGP prefixes (inet.0 read)
    assert lab.admin.filters("router1")[0]["bindings"]
    plan = lab.run("plan")
    assert plan.returncode == 0, plan.stdout
    second = lab.run("apply", "--auto-approve")
    assert second.returncode == 0 and "router1: in sync (0 steps of 0 planned" in second.stdout


def test_a_change_commit_is_applied(lab: Lab) -> None:
    assert lab.run("apply", "--auto-approve").returncode == 0
    routes_file = lab.root / "intent/routes/ams-edge.yaml"
    document = yaml.safe_load(routes_file.read_text())
    document["static_routes"].append({"prefix": "10.77.0.0/16", "next_hops": ["192.0.2.7"]})
    document["static_routes"] = [r for r in document["static_routes"] if r["prefix"] != "10.20.0.0/16"]
    routes_file.write_text(yaml.safe_dump(document))
    lab.commit("add 10.77/16, drop 10.20/16")
    done = lab.run("apply", "--ref", "HEAD", "--auto-approve")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "router1: changed and verified (2 steps of 2 planned" in done.stdout
    assert "router3: in sync (0 steps of 0 planned" in done.stdout
    owned = lab.owned_routes("router1")
    assert ("inet.0", "10.77.0.0/16") in owned and ("inet.0", "10.20.0.0/16") not in owned


def test_a_saved_plan_is_refused_once_a_router_changed(lab: Lab) -> None:
    assert lab.run("apply", "--auto-approve").returncode == 0
    routes_file = lab.root / "intent/routes/ams-edge.yaml"
    routes_file.write_text(routes_file.read_text().replace("tag: 100", "tag: 101"))
    lab.commit("retag")
    plan = lab.run("plan", "--ref", "HEAD", "--out", str(lab.root / "plan.json"))
    assert plan.returncode == 2
    lab.admin.act("router1", "delete-route", table="inet.0", prefix="10.20.0.0/16")
    stale = lab.run("apply", "--ref", "HEAD", "--plan", str(lab.root / "plan.json"))
    assert stale.returncode == 1
    expected = "router1: FAILED, stopped by a guard: router1: the router changed since the saved plan was made"
    assert expected in stale.stdout
    assert "router2: changed and verified" in stale.stdout  # unchanged routers still apply their part
    old_commit = lab.run("apply", "--ref", "HEAD~1", "--plan", str(lab.root / "plan.json"))
    assert old_commit.returncode == 1 and "is stale" in old_commit.stdout
    fresh = lab.run("plan", "--ref", "HEAD", "--out", str(lab.root / "plan.json"))
    assert fresh.returncode == 2
    applied = lab.run("apply", "--ref", "HEAD", "--plan", str(lab.root / "plan.json"))
    assert applied.returncode == 0, applied.stdout


def test_mass_delete_needs_the_flag(lab: Lab) -> None:
    assert lab.run("apply", "--auto-approve").returncode == 0
    shutil.rmtree(lab.root / "intent/routes")
    shutil.rmtree(lab.root / "intent/filters")
    refused = lab.run("apply", "--auto-approve")
    assert refused.returncode == 1
    assert "the plan deletes all 17 objects this product owns there" in refused.stdout
    assert len(lab.owned_routes("router1")) == 5
    allowed = lab.run("apply", "--auto-approve", "--allow-mass-delete")
    assert allowed.returncode == 0, allowed.stdout
    assert lab.owned_routes("router1") == set() and lab.admin.filters("router1") == []


def test_refused_steps_stop_or_continue(lab: Lab) -> None:
    devices_file = lab.root / "intent/devices.yaml"
    inventory = yaml.safe_load(devices_file.read_text())
    inventory["devices"]["router1"]["routing_instances"] = ["blue", "red"]  # the router has no "red"
    devices_file.write_text(yaml.safe_dump(inventory))
    (lab.root / "intent/filters/to-red.yaml").write_text(
        "apply_to: {devices: [router1]}\nfilters:\n  - name: to-red\n    terms:\n"
        "      - {name: all, then: {action: routing-instance, routing_instance: red}}\n"
    )
    stopped = lab.run("apply", "--auto-approve", "--devices", "router1")
    assert stopped.returncode == 1
    assert "Firewall/FilterAdd inet to-red failed (refused: not found): NO_RESOURCE" in stopped.stdout
    assert "routing instance 'red' is not configured" in stopped.stdout
    kept_going = lab.run("apply", "--auto-approve", "--devices", "router1", "--on-error", "continue")
    assert kept_going.returncode == 1
    assert "router1: refused:" in kept_going.stdout and "NO_RESOURCE" in kept_going.stdout
    assert ("inet.0", "10.10.0.0/16") in lab.owned_routes("router1")  # the rest was applied


def test_history_shows_runs_and_nothing_holds_a_secret(lab: Lab) -> None:
    assert lab.run("apply", "--auto-approve").returncode == 0
    assert lab.run("apply", "--auto-approve").returncode == 0
    history = lab.run("history", "--operations")
    assert history.returncode == 0
    assert history.stdout.count(" ok ") >= 2 and "add filter" in history.stdout
    plan = lab.run("plan", "--format", "json")
    for blob in (history.stdout, plan.stdout, (lab.state / "journal.sqlite3").read_bytes().decode("latin-1")):
        assert PASSWORD not in blob
    assert json.loads(plan.stdout)["summary"]["create"] == 0
