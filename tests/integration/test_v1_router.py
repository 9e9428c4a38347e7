"""Routers spoken to in the classic JET API (`api: v1` in devices.yaml), over real gRPC to the
emulator: plan and apply of the example intent minus filters, drift repaired by a running
watcher, and routers that offer both generations managed in either."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import git
import pytest
import yaml
from typer.testing import CliRunner

from reconciler import drivers
from reconciler.cli import app
from reconciler.emulator import operator
from reconciler.emulator.fleet import Fleet, MqttSettings, build_fleet
from reconciler.intent.load import load_intent
from reconciler.intent.sources import FolderSource
from reconciler.model.outcome import VERIFIED
from reconciler.model.ownership import is_owned
from reconciler.store.journal import Journal
from reconciler.watch.controller import Controller, WatchOptions
from tests.helpers import PASSWORD, USER
from tests.integration.test_events import mosquitto as mosquitto  # the broker fixture

EXAMPLE = Path(__file__).resolve().parents[2] / "intent"
WRITER = "jet-reconciler"  # the example inventory's client id


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


@dataclass
class Lab:
    fleet: Fleet
    root: Path
    repo: git.Repo
    state: Path

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        argv = [*args, "--repo", str(self.root), "--state-dir", str(self.state)]
        result = CliRunner().invoke(app, argv, env={"JET_USER": USER, "JET_PASSWORD": PASSWORD},
                                    catch_exceptions=False)  # fmt: skip
        return subprocess.CompletedProcess(argv, result.exit_code, result.stdout, result.stderr)

    def owned(self, router: str) -> set[tuple[str, str, str]]:
        """(kind, table, prefix) of every route this product owns on the router, as the router holds them."""
        state = self.fleet[router].state
        found = set()
        for kind in ("rib", "bgp"):
            for table in state.tables:
                for route in operator.list_routes(state, table=table, kind=kind):
                    if route["owner"] and is_owned(route["cookie"]):
                        found.add((kind, table, route["prefix"]))
        return found

    def wanted(self, router: str) -> set[tuple[str, str, str]]:
        """The same, from the intent in the repository."""
        intent = load_intent(FolderSource(self.root), cache=None).routers[router]
        return {("rib", k.table, k.prefix) for k in intent.static_routes} | {
            ("bgp", k.table, k.prefix) for k in intent.bgp_paths
        }

    def rib_generation(self, router: str) -> str | None:
        """Which generation's RIB the product's client id programmed the router through."""
        with self.fleet[router].state.lock:
            return self.fleet[router].state.clients[WRITER].rib_api


def _write_intent(root: Path, fleet: Fleet, api: dict[str, str], edit: Callable[[dict], None] | None) -> None:  # type: ignore[type-arg]
    shutil.copytree(EXAMPLE, root / "intent")
    devices_file = root / "intent/devices.yaml"
    inventory = yaml.safe_load(devices_file.read_text())
    for router in fleet.routers:
        entry = inventory["devices"][router.name]
        entry["port"] = router.port
        entry["api"] = api[router.name]
    if edit:
        edit(inventory)
    devices_file.write_text(yaml.safe_dump(inventory))


def _repo(root: Path) -> git.Repo:
    repo = git.Repo.init(root, initial_branch="main")
    with repo.config_writer() as config:
        config.set_value("user", "name", "Test")
        config.set_value("user", "email", "test@example.invalid")
    repo.git.add(A=True)
    repo.index.commit("example intent")
    return repo


def _lab(tmp_path: Path, served: str, api: dict[str, str], keep_filters_for: list[str]) -> Iterator[Lab]:
    fleet = build_fleet(3, base_port=0, username=USER, password=PASSWORD, tls=None, routing_instances=("blue",),
                        api=served)  # fmt: skip
    fleet.poll_interval = 0.05
    with fleet:
        root = tmp_path / "repo"
        _write_intent(root, fleet, api, None)
        for path in (root / "intent/filters").iterdir():
            if not keep_filters_for:
                path.unlink()
                continue
            document = yaml.safe_load(path.read_text())
            document["apply_to"] = {"devices": keep_filters_for}
            path.write_text(yaml.safe_dump(document))
        yield Lab(fleet, root, _repo(root), tmp_path / "state")


@pytest.fixture
def v1_lab(tmp_path: Path) -> Iterator[Lab]:
    """Three routers that serve only JET v1; the example intent minus its filters."""
    yield from _lab(tmp_path, "v1", {f"router{i}": "v1" for i in (1, 2, 3)}, [])


@pytest.fixture
def mixed_lab(tmp_path: Path) -> Iterator[Lab]:
    """Three routers that serve both generations: router1 and router3 marked v1, router2 v2 (with the filters)."""
    yield from _lab(tmp_path, "both", {"router1": "v1", "router2": "v2", "router3": "v1"}, ["router2"])


def test_the_example_minus_filters_is_planned_applied_and_verified_on_v1_routers(v1_lab: Lab) -> None:
    planned = v1_lab.run("plan")
    assert planned.returncode == 2, planned.stdout + planned.stderr
    applied = v1_lab.run("apply", "--auto-approve")
    assert applied.returncode == 0, applied.stdout + applied.stderr
    for router in ("router1", "router2", "router3"):
        assert f"{router}: changed and verified" in applied.stdout
        assert v1_lab.owned(router) == v1_lab.wanted(router) != set()
    again = v1_lab.run("plan")
    assert again.returncode == 0, again.stdout + again.stderr
    # Drift made by an operator is planned back, and applied.
    operator.delete_route(v1_lab.fleet["router1"].state, table="inet.0", prefix="10.10.0.0/16", kind="rib")
    operator.delete_route(v1_lab.fleet["router1"].state, table="inet.0", prefix="10.123.0.0/24", kind="bgp")
    assert v1_lab.run("plan").returncode == 2
    assert v1_lab.run("apply", "--auto-approve").returncode == 0
    assert v1_lab.owned("router1") == v1_lab.wanted("router1")
    assert v1_lab.run("plan").returncode == 0


def test_a_filter_for_a_v1_router_stops_plan_at_validation(v1_lab: Lab) -> None:
    shutil.copy(EXAMPLE / "filters/protect-re.yaml", v1_lab.root / "intent/filters/protect-re.yaml")
    planned = v1_lab.run("plan")
    assert planned.returncode == 1
    expected = (
        "intent/filters/protect-re.yaml:5:5: filters[0]: filter 'protect-re' applies to router router1, which is "
        "api: v1 in devices.yaml: JET v1 has no firewall service"
    )
    assert expected in planned.stdout + planned.stderr
    assert v1_lab.owned("router1") == set()


def test_routers_offering_both_generations_are_managed_in_the_one_each_is_marked(mixed_lab: Lab) -> None:
    assert mixed_lab.run("plan").returncode == 2
    applied = mixed_lab.run("apply", "--auto-approve")
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert [mixed_lab.rib_generation(r) for r in ("router1", "router2", "router3")] == ["v1", "v2", "v1"]
    for router in ("router1", "router2", "router3"):
        assert mixed_lab.owned(router) == mixed_lab.wanted(router) != set()
    assert {f["name"] for f in operator.list_filters(mixed_lab.fleet["router2"].state)} == {
        "protect-re",
        "filter-by-icmp",
    }
    assert operator.list_filters(mixed_lab.fleet["router1"].state) == []
    assert mixed_lab.run("plan").returncode == 0  # each generation reads what the other wrote, cookies and all


# ------------------------------------------------------------------- watch


@dataclass
class WatchLab:
    lab: Lab
    controller: Controller
    journal: Journal

    def settled(self) -> bool:
        latest = {r.router: r.result for r in self.journal.reconciles()}
        verified = len(latest) == 3 and all(result in VERIFIED for result in latest.values())
        return verified and self.controller.queue.depth() == 0


@pytest.fixture
def v1_watch(tmp_path: Path, mosquitto: int, monkeypatch: pytest.MonkeyPatch) -> Iterator[WatchLab]:
    monkeypatch.setenv("JET_USER", USER)
    monkeypatch.setenv("JET_PASSWORD", PASSWORD)
    fleet = build_fleet(3, base_port=0, username=USER, password=PASSWORD, tls=None, routing_instances=("blue",),
                        mqtt=MqttSettings(external=("127.0.0.1", mosquitto)), api="v1")  # fmt: skip
    fleet.poll_interval = 0.05

    def with_mqtt(inventory: dict) -> None:  # type: ignore[type-arg]
        for entry in inventory["devices"].values():
            entry["mqtt"] = {"host": "127.0.0.1", "port": mosquitto}

    with fleet:
        root = tmp_path / "repo"
        _write_intent(root, fleet, {f"router{i}": "v1" for i in (1, 2, 3)}, with_mqtt)
        shutil.rmtree(root / "intent/filters")
        repo = _repo(root)
        journal = Journal(tmp_path / "state")
        options = WatchOptions(poll_interval=0.3, resync_interval=120, apply_backoff=0.05, session_check=0.2)
        controller = Controller(root, "main", journal, connect=drivers.connect, options=options)
        controller.start()
        watch = WatchLab(Lab(fleet, root, repo, tmp_path / "state"), controller, journal)
        try:
            assert wait_for(watch.settled, 30), journal.reconciles()
            yield watch
        finally:
            controller.stop()


def test_a_running_watcher_repairs_drift_on_a_v1_router(v1_watch: WatchLab) -> None:
    lab = v1_watch.lab
    assert lab.owned("router1") == lab.wanted("router1")
    state = lab.fleet["router1"].state
    assert operator.delete_route(state, table="inet.0", prefix="10.10.0.0/16", kind="rib") == 1
    assert operator.delete_route(state, table="inet.0", prefix="10.123.0.0/24", kind="bgp") >= 1
    assert wait_for(lambda: lab.owned("router1") == lab.wanted("router1"), 10)

    def recorded() -> set[str]:
        return {d.subject for d in v1_watch.journal.drifts("router1") if d.repaired}

    assert wait_for(lambda: "inet.0 10.10.0.0/16" in recorded(), 5), v1_watch.journal.drifts("router1")
    # A routing daemon restart loses every API route (and our BGP initialize): all come back.
    state.restart_routing()
    assert wait_for(lambda: lab.owned("router1") == lab.wanted("router1"), 10)


def test_switching_generation_under_the_same_client_id_is_refused_with_what_to_do(mixed_lab: Lab) -> None:
    """router1 holds static (RIB) routes programmed through v1; router3 holds only BGP paths,
    which a client id may program through either generation."""
    assert mixed_lab.run("apply", "--auto-approve").returncode == 0
    before = mixed_lab.owned("router1")
    devices_file = mixed_lab.root / "intent/devices.yaml"
    v1_inventory = devices_file.read_text()
    devices_file.write_text(v1_inventory.replace("api: v1", "api: v2"))  # router1 and router3
    switched = mixed_lab.run("apply", "--auto-approve", "--routers", "router1")
    assert switched.returncode == 1, switched.stdout
    assert ("router1: FAILED, refused: router1: Rib/RouteInitialize failed (refused: invalid): "
            "ROUTE_API_VERSION_MISMATCH: this client id holds RIB routes programmed through the other JET API "
            "generation, and the router keeps a client id to one generation: set api back in devices.yaml, or change "
            "client_id as well") in switched.stdout  # fmt: skip
    assert mixed_lab.owned("router1") == before  # nothing touched
    assert mixed_lab.run("apply", "--auto-approve", "--routers", "router3").returncode == 0
    devices_file.write_text(v1_inventory)
    assert mixed_lab.run("plan").returncode == 0
