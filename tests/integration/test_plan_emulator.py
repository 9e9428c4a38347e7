"""`reconciler plan` against emulated routers: creates, drift, unreadable routers."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from reconciler import drivers
from reconciler.emulator.admin import AdminClient, AdminServer
from reconciler.emulator.fleet import Fleet, build_fleet
from reconciler.engine.dry_run import Selection, make_plan, select
from reconciler.engine.observe import READ_ATTEMPTS
from reconciler.intent.load import Intent, load_intent
from reconciler.intent.sources import FolderSource
from reconciler.jet.channel import Endpoint, open_channel
from reconciler.jet.client import JetClient
from reconciler.store.journal import Journal
from tests.helpers import PASSWORD, USER

EXAMPLE = Path(__file__).resolve().parents[2] / "intent"
COMMAND = [sys.executable, "-m", "reconciler"]


@pytest.fixture
def lab(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Fleet, AdminClient, Path]]:
    fleet = build_fleet(3, base_port=0, username=USER, password=PASSWORD, tls=None, routing_instances=("blue",))
    with fleet:
        shutil.copytree(EXAMPLE, tmp_path / "intent")
        devices_file = tmp_path / "intent/devices.yaml"
        inventory = yaml.safe_load(devices_file.read_text())
        for router, (name, entry) in zip(fleet.routers, inventory["devices"].items(), strict=True):
            assert router.name == name
            entry["port"] = router.port
        devices_file.write_text(yaml.safe_dump(inventory))
        monkeypatch.setenv("JET_USER", USER)
        monkeypatch.setenv("JET_PASSWORD", PASSWORD)
        admin = AdminServer(fleet)
        admin.start()
        try:
            yield fleet, AdminClient(admin.url), tmp_path
        finally:
            admin.stop()


def _plan(root: Path, state: Path, *devices: str) -> dict:  # type: ignore[type-arg]
    done = subprocess.run(
        [*COMMAND, "plan", "--repo", str(root), "--state-dir", str(state), "--format", "json",
         *(["--devices", ",".join(devices)] if devices else [])],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    document = json.loads(done.stdout)
    document["exit"] = done.returncode
    document["stderr"] = done.stderr
    return document  # type: ignore[no-any-return]


def _program(intent: Intent, fleet: Fleet, journal: Journal) -> None:
    """Put the intended state on the routers as an apply would (until apply exists)."""
    for router in fleet.routers:
        device = intent.routers[router.name]
        client = JetClient(router.name, open_channel(Endpoint("127.0.0.1", router.port, insecure=True)))
        client.login(USER, PASSWORD, device.entry.client_id)
        client.set_purge_timer(device.entry.purge_timer)
        client.rib_initialize()
        client.bgp_initialize()
        client.rib_update(list(device.static_routes.values()))
        client.bgp_update(list(device.bgp_paths.values()))
        for filter_ in device.filters.values():
            client.filter_add(filter_)
            journal.filter_done(router.name, filter_, intent.commit)
        for binding in device.bindings.values():
            client.filter_bind(binding)
            journal.record_binding(router.name, binding, intent.commit)
        client.close()


def test_fresh_routers_get_only_creates(lab: tuple[Fleet, AdminClient, Path], tmp_path: Path) -> None:
    _, _, root = lab
    plan = _plan(root, tmp_path / "state")
    assert plan["exit"] == 2, plan["stderr"]
    counts = {r["router"]: r["counts"] for r in plan["routers"]}
    assert counts == {
        "router1": {"create": 17, "update": 0, "delete": 0},
        "router2": {"create": 17, "update": 0, "delete": 0},
        "router3": {"create": 10, "update": 0, "delete": 0},
    }
    router1 = plan["routers"][0]
    assert router1["not_managed"]["count"] == 6  # the routers' own direct, local and static routes
    assert router1["notes"] == []
    assert router1["changes"][0]["operations"] == ["Firewall/FilterAdd"]


def test_binding_to_a_missing_interface_is_noted(lab: tuple[Fleet, AdminClient, Path], tmp_path: Path) -> None:
    _, admin, root = lab
    admin.act("router1", "delete-interface", name="ge-0/0/0")
    plan = _plan(root, tmp_path / "state", "router1")
    assert plan["routers"][0]["notes"] == [
        "binding filter-by-icmp input on ge-0/0/0.0: the router has no interface ge-0/0/0.0, so it waits for it"
    ]


def test_plan_shows_exactly_the_drift(lab: tuple[Fleet, AdminClient, Path], tmp_path: Path) -> None:
    fleet, admin, root = lab
    state = tmp_path / "state"
    intent = load_intent(FolderSource(root), cache=None)
    _program(intent, fleet, Journal(state))
    in_sync = _plan(root, state)
    assert in_sync["exit"] == 0 and in_sync["summary"]["create"] == 0, in_sync
    admin.act("router1", "delete-route", table="inet.0", prefix="10.10.0.0/16")
    admin.act("router2", "change-route", table="inet.0", prefix="10.20.0.0/16", preference=9)
    admin.act("router3", "remove-filter", name="protect-re")
    drift = _plan(root, state)
    assert drift["exit"] == 2
    changes = {r["router"]: [(c["action"], c["kind"], c["key"]) for c in r["changes"]] for r in drift["routers"]}
    assert changes == {
        "router1": [("create", "static_route", "inet.0 10.10.0.0/16")],
        "router2": [("update", "static_route", "inet.0 10.20.0.0/16")],
        "router3": [("create", "filter", "inet protect-re"), ("create", "binding", "lo0.0 input inet")],
    }
    update = drift["routers"][1]["changes"][0]
    assert update["fields"] == [{"field": "preference", "before": 9, "after": 5}]
    assert drift["routers"][2]["notes"] == ["filter inet protect-re is in the journal but no longer on the router"]


def test_unreadable_routers_get_an_error_and_no_plan(lab: tuple[Fleet, AdminClient, Path], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    _, admin, root = lab
    devices_file = root / "intent/devices.yaml"
    inventory = yaml.safe_load(devices_file.read_text())
    inventory["devices"]["router3"]["credentials"] = {"username_env": "JET_USER", "password_env": "ROUTER3_PASSWORD"}
    devices_file.write_text(yaml.safe_dump(inventory))
    monkeypatch.setenv("ROUTER3_PASSWORD", "wrong-password")
    admin.act("router2", "break-route-streams", count=READ_ATTEMPTS)  # every read attempt breaks
    plan = _plan(root, tmp_path / "state")
    assert plan["exit"] == 1
    by_device = {r["router"]: r for r in plan["routers"]}
    assert by_device["router1"]["error"] is None and by_device["router1"]["counts"]["create"] == 17
    assert "read failed, no plan for this router" in by_device["router2"]["error"]
    assert by_device["router2"]["changes"] == []
    assert "Authentication/Login failed" in by_device["router3"]["error"]
    assert by_device["router3"]["changes"] == []
    assert plan["summary"]["failed"] == ["router2", "router3"]
    assert "wrong-password" not in json.dumps(plan)
    assert "error: router3:" in plan["stderr"]


def test_selection_and_base(lab: tuple[Fleet, AdminClient, Path], tmp_path: Path) -> None:
    _, _, root = lab
    intent = load_intent(FolderSource(root), cache=None)
    chosen = select(intent, Selection(labels=(("role", "edge"),)))
    assert [d.name for d in chosen] == ["router1", "router2"]
    plan = make_plan(intent, chosen, root=root, journal=Journal(tmp_path / "state"), connect=drivers.connect)
    assert [d.router for d in plan.routers] == ["router1", "router2"]
    assert select(intent, Selection(), base=intent) == []  # --base: nothing differs, nothing to read
