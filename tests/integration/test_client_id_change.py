"""A client_id change over real gRPC: apply moves the routes to the new id (nothing is left for
the old id's purge timer), and stops with the steps when filters would have to move."""

from __future__ import annotations

import shutil

import yaml

from tests.integration.apply_lab import Lab
from tests.integration.apply_lab import lab as lab  # the fixture

OLD, NEW = "jet-reconciler", "jet-reconciler-2"


def _set_client_id(lab: Lab, client_id: str) -> None:
    path = lab.root / "intent/devices.yaml"
    inventory = yaml.safe_load(path.read_text())
    inventory["defaults"]["client_id"] = client_id
    path.write_text(yaml.safe_dump(inventory))
    lab.commit(f"client_id {client_id}")


def _owners(lab: Lab, router: str) -> dict[str, int]:
    """Client id -> how many of the router's inet.0 API routes (RIB and BGP) it owns."""
    counts: dict[str, int] = {}
    for route in lab.admin.routes(router, "inet.0") + lab.admin.routes(router, "inet.0", "bgp"):
        if route["owner"]:
            counts[route["owner"]] = counts.get(route["owner"], 0) + 1
    return counts


def test_the_routes_move_to_the_new_client_id_and_nothing_is_left_for_the_old_ids_purge(lab: Lab) -> None:
    shutil.rmtree(lab.root / "intent/filters")  # routes only: filters cannot move (next test)
    lab.commit("no filters")
    assert lab.run("apply", "--auto-approve").returncode == 0
    before = _owners(lab, "router1")
    assert set(before) == {OLD}

    _set_client_id(lab, NEW)
    plan = lab.run("plan")
    assert plan.returncode == 2, plan.stdout + plan.stderr  # the read matches, and yet it is a change
    assert f"client id hand-over {OLD} -> {NEW}" in plan.stdout

    done = lab.run("apply", "--auto-approve")
    assert done.returncode == 0, done.stdout + done.stderr
    # Every route is the new id's now: the old id holds nothing its purge timer could delete.
    assert _owners(lab, "router1") == {NEW: before[OLD]}
    assert lab.run("plan").returncode == 0


def test_filters_stop_the_change_with_the_steps_and_nothing_moves(lab: Lab) -> None:
    assert lab.run("apply", "--auto-approve").returncode == 0
    before = _owners(lab, "router1")
    _set_client_id(lab, NEW)

    plan = lab.run("plan", "--routers", "router1")
    assert plan.returncode == 2
    assert f"client_id changes from {OLD} to {NEW}, but filters" in plan.stdout

    done = lab.run("apply", "--routers", "router1", "--auto-approve")
    assert done.returncode == 1
    output = done.stdout + done.stderr
    assert "move them in two applies" in output and "Traceback" not in output
    assert _owners(lab, "router1") == before
    assert {f["owner"] for f in lab.admin.filters("router1")} == {OLD}
