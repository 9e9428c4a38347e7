"""What apply and plan say is what a read showed: no false purge warning next to a
watcher's session, and a router that is down is called unreachable."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator

import pytest
import yaml

from reconciler import drivers
from reconciler.intent.load import load_intent
from reconciler.intent.sources import FolderSource
from reconciler.port.session import Role
from tests.helpers import PASSWORD, USER
from tests.integration.apply_lab import Lab
from tests.integration.apply_lab import lab as lab  # the fixture


def test_no_purge_warning_while_another_session_of_ours_is_open(lab: Lab, monkeypatch: pytest.MonkeyPatch) -> None:
    assert lab.run("apply", "--auto-approve").returncode == 0
    monkeypatch.setenv("JET_USER", USER)
    monkeypatch.setenv("JET_PASSWORD", PASSWORD)
    intent = load_intent(FolderSource(lab.root), cache=None)
    desired = intent.routers["router1"]
    watcher = drivers.connect("router1", desired.entry, lab.root, Role.WRITER)  # as a running watcher holds it
    try:
        again = lab.run("apply", "--auto-approve", "--devices", "router1")
        assert again.returncode == 0, again.stdout + again.stderr
        assert "router1: in sync" in again.stdout
        assert "holds" not in again.stdout  # nothing was purged: no warning that says so
        lab.admin.act("router1", "delete-route", table="inet.0", prefix="10.20.0.0/16")
        lost = lab.run("apply", "--auto-approve", "--devices", "router1")
        assert lost.returncode == 0, lost.stdout + lost.stderr
        assert "note: the router holds 12 of the 13 routes this product owned" in lost.stdout  # a fact from the read
    finally:
        watcher.close()


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A port bound but not listening: connections are refused, and no test running beside
    this one can start a server on it."""
    with socket.socket() as reserved:
        reserved.bind(("127.0.0.1", 0))
        yield int(reserved.getsockname()[1])


def test_a_router_that_is_down_is_unreachable(lab: Lab, closed_port: int) -> None:
    devices = lab.root / "intent/devices.yaml"
    inventory = yaml.safe_load(devices.read_text())
    inventory["devices"]["router3"]["port"] = closed_port
    devices.write_text(yaml.safe_dump(inventory))
    plan = lab.run("plan", "--devices", "router3")
    assert plan.returncode == 1
    assert "router3: cannot open a session: router3: connect to 127.0.0.1:" in plan.stderr
    assert "failed (unreachable)" in plan.stderr and "Login" not in plan.stderr
    applied = lab.run("apply", "--auto-approve", "--devices", "router3", "--plan", os.devnull)
    assert applied.returncode == 1  # an empty file is not a plan
    applied = lab.run("apply", "--auto-approve", "--devices", "router3")
    assert applied.returncode == 1
    assert "router3: FAILED, unreachable: router3: connect to 127.0.0.1:" in applied.stdout
    assert "NOT in sync: unreachable" in lab.run("status", "--device", "router3").stdout
