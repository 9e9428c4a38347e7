"""A router that reads back cookie 0 for client routes (the emulator's `drop-read-cookies` act),
over real gRPC: the act itself, then `reconciler apply` and `plan` against such a router."""

from __future__ import annotations

import pytest
import yaml
from typer.testing import CliRunner

from reconciler.cli import app
from reconciler.emulator.admin import AdminClient, AdminError
from reconciler.model.ownership import ZERO_COOKIE_WARNING
from reconciler.model.routes import RouteKey
from tests.conftest import ClientFactory
from tests.helpers import bgp_path, v4_route
from tests.integration.apply_lab import Lab
from tests.integration.apply_lab import lab as lab  # the fixture


def _cookies(client: object, table: str = "inet.0") -> tuple[list[int], list[int]]:
    rib = [r.key.cookie for r in client.rib_get(table, "10.0.0.0/8")]  # type: ignore[attr-defined]
    bgp = [p.key.cookie for p in client.bgp_get(table, "10.0.0.0/8")]  # type: ignore[attr-defined]
    return rib, bgp


def test_the_act_drops_cookies_on_read_only(connect: ClientFactory, admin: AdminClient) -> None:
    client = connect()
    client.rib_update([v4_route(1, cookie=77), v4_route(2, cookie=78)])
    client.bgp_update([bgp_path("10.9.0.0/24", 99, "10.0.0.1")])
    assert _cookies(client) == ([77, 78], [99])
    assert admin.act("router1", "drop-read-cookies") == 1  # rib by default
    assert _cookies(client) == ([0, 0], [99])
    assert admin.act("router1", "drop-read-cookies", kind="both") == 2
    assert _cookies(client) == ([0, 0], [0])
    stored = admin.routes("router1", "inet.0")  # the operator's view shows what is stored
    assert sorted(r["cookie"] for r in stored if r["owner"]) == [77, 78]
    client.rib_delete([RouteKey(v4_route(1).key.table, v4_route(1).key.prefix, 77)])  # still matched by cookie
    assert _cookies(client) == ([0], [0])
    assert admin.act("router1", "drop-read-cookies", on=False, kind="both") == 0
    assert _cookies(client) == ([78], [99])
    with pytest.raises(AdminError, match="kind must be one of"):
        admin.act("router1", "drop-read-cookies", kind="filters")


def _intent(lab: Lab) -> dict[str, object]:
    return dict(yaml.safe_load((lab.root / "intent/routes/ams-edge.yaml").read_text()))


def test_apply_and_plan_on_a_router_that_drops_cookies(lab: Lab) -> None:
    lab.admin.act("router1", "drop-read-cookies", kind="both")
    lab.admin.act("router1", "add-config-route", table="inet.0", prefix="10.250.0.0/16", next_hop="192.0.2.9")
    first = lab.run("apply", "--auto-approve")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "router1: changed and verified (17 steps of 17 planned" in first.stdout
    assert f"router1: note: {ZERO_COOKIE_WARNING}" in first.stdout
    owned = lab.owned_routes("router1")
    assert len(owned) == 5 - 2 + 2  # written once: no route added twice
    plan = lab.run("plan")
    assert plan.returncode == 0, plan.stdout  # nothing to change
    assert f"note: {ZERO_COOKIE_WARNING}" in plan.stdout
    second = lab.run("apply", "--auto-approve")
    assert second.returncode == 0 and "router1: in sync (0 steps of 0 planned" in second.stdout, second.stdout
    document = _intent(lab)
    document["static_routes"] = [r for r in document["static_routes"] if r["prefix"] != "10.20.0.0/16"]  # type: ignore[attr-defined]
    (lab.root / "intent/routes/ams-edge.yaml").write_text(yaml.safe_dump(document))
    lab.commit("drop 10.20/16")
    third = lab.run("apply", "--ref", "HEAD", "--auto-approve")
    assert third.returncode == 0, third.stdout + third.stderr
    assert "router1: changed and verified (1 steps of 1 planned" in third.stdout
    assert lab.owned_routes("router1") == owned - {("inet.0", "10.20.0.0/16")}
    configured = [r for r in lab.admin.routes("router1", "inet.0") if r["owner"] is None]
    assert "10.250.0.0/16" in {r["prefix"] for r in configured}  # the foreign cookie-0 route survives
    assert "router1: in sync" in lab.run("apply", "--ref", "HEAD", "--auto-approve").stdout


def test_the_operator_command_and_status_show_it(lab: Lab) -> None:
    done = CliRunner().invoke(app, ["operator", "--admin", lab.admin.url, "drop-read-cookies", "router1", "--kind",
                                    "both"])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert lab.run("apply", "--auto-approve").returncode == 0
    status = lab.run("status")
    [line] = [line for line in status.stdout.splitlines() if line.startswith("router1")]
    assert f"warning: {ZERO_COOKIE_WARNING}" in line
    assert all(ZERO_COOKIE_WARNING not in other for other in status.stdout.splitlines() if other != line)
