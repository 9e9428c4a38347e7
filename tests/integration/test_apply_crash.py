"""Crash test: an apply killed (SIGKILL) at random points; the next apply converges exactly."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time

import pytest

from reconciler.intent.load import load_intent
from reconciler.intent.sources import FolderSource
from reconciler.store.journal import Journal
from tests.helpers import PASSWORD, USER
from tests.integration.apply_lab import COMMAND, Lab
from tests.integration.apply_lab import lab as lab  # the fixture

ROUTES, FILTERS, KILLS = 10_000, 20, 4
UNITS = [f"ge-0/0/{n}.0" for n in range(8)] + ["lo0.0"]


def _write_intent(lab: Lab) -> None:
    lines = ["apply_to: {devices: [router1]}", "static_routes:"]
    lines += [f"  - {{prefix: 10.{100 + i // 256}.{i % 256}.0/24, next_hops: [192.0.2.1, 192.0.2.2]}}"
              for i in range(ROUTES)]  # fmt: skip
    lines.append("filters:")
    for n in range(FILTERS):
        lines += [f"  - name: f{n}", "    terms:",
                  f"      - {{name: a, from: {{protocol: [tcp], destination_port: [{1000 + n}]}}, "
                  f"then: {{action: accept, count: c{n}}}}}",
                  "      - {name: b, then: {action: discard}}"]  # fmt: skip
    lines.append("bindings:")
    lines += [f"  - {{filter: f{n}, interface: {unit}, direction: output}}" for n, unit in enumerate(UNITS)]
    (lab.root / "intent/routes/crash.yaml").write_text("\n".join(lines) + "\n")


def _operations(lab: Lab) -> int:
    path = lab.state / "journal.sqlite3"
    if not path.exists():
        return 0
    with sqlite3.connect(path, timeout=30) as db:
        try:
            return int(db.execute("SELECT COUNT(*) FROM operations").fetchone()[0])
        except sqlite3.OperationalError:  # the schema is not created yet
            return 0


@pytest.mark.slow
def test_killed_applies_converge_exactly(lab: Lab) -> None:
    _write_intent(lab)
    seed = int(time.time())
    chance = random.Random(seed)
    env = {**os.environ, "JET_USER": USER, "JET_PASSWORD": PASSWORD}
    command = [*COMMAND, "apply", "--auto-approve", "--devices", "router1", "--repo", str(lab.root),
               "--state-dir", str(lab.state)]  # fmt: skip
    journal = Journal(lab.state)
    for _ in range(KILLS):
        before = _operations(lab)
        target = before + chance.randint(1, 25)  # a random point among the run's journaled steps
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while process.poll() is None and _operations(lab) < target and time.monotonic() < deadline:
            time.sleep(0.002)
        process.send_signal(signal.SIGKILL)
        process.wait(30)
    interrupted = [r for r in journal.runs(limit=KILLS) if r.result is None and journal.operations(r.run_id)]
    assert interrupted, f"seed {seed}: no run was killed in the middle of writing; the test proved nothing"
    final = lab.run("apply", "--auto-approve", "--devices", "router1")
    assert final.returncode == 0, f"seed {seed}: {final.stdout}{final.stderr}"

    intent = load_intent(FolderSource(lab.root), cache=None).routers["router1"]
    owned = lab.owned_routes("router1")
    wanted = {(k.table, k.prefix) for k in intent.static_routes if k.table in ("inet.0", "inet6.0")}
    wanted |= {(k.table, k.prefix) for k in intent.bgp_paths}
    assert owned == wanted, f"seed {seed}"
    on_router = {f["name"]: f for f in lab.admin.filters("router1")}
    assert set(on_router) == {name for _, name in intent.filters}, f"seed {seed}"
    for (_, name), filter_ in intent.filters.items():
        assert on_router[name]["terms"] == [t.name for t in filter_.terms], f"seed {seed}: {name}"
    bound = {(b["interface"], b["direction"], f["name"]) for f in on_router.values() for b in f["bindings"]}
    assert bound == {(b.interface, b.direction.value, b.filter) for b in intent.bindings.values()}, f"seed {seed}"
    again = lab.run("plan", "--devices", "router1")
    assert again.returncode == 0, f"seed {seed}: {again.stdout}"
