"""The demo's stages, each shown as the real command a user would type, each checked.

The routers and the watcher run in this process; the commands run as child processes
(`python -m reconciler ...`) so their output and exit codes are exactly the CLI's.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from reconciler import drivers
from reconciler.demo.lab import Lab, merge, propose_change
from reconciler.emulator import operator
from reconciler.store.journal import Journal
from reconciler.watch.controller import Controller, WatchOptions

ROUTERS = ("router1", "router2", "router3")
NEW_ROUTE = "10.30.0.0/16"
DRIFT_ROUTE = ("router1", "inet.0", "10.10.0.0/16")
DRIFT_BINDING = ("router2", "filter-by-icmp", "ge-0/0/0.0")


@dataclass
class Stage:
    name: str
    ok: bool
    detail: str


@dataclass
class Story:
    lab: Lab
    say: Callable[[str], None]
    pause: Callable[[], None]
    stages: list[Stage] = field(default_factory=list)
    watcher: Controller | None = None

    # --------------------------------------------------------------- helpers

    def record(self, name: str, ok: bool, detail: str) -> bool:
        self.stages.append(Stage(name, ok, detail))
        self.say(f"{'✔' if ok else '✘'} {name}: {detail}")
        return ok

    def run(self, *args: str) -> tuple[int, str]:
        """Run `reconciler ARGS` as a user would; show the command and its output."""
        self.say(f"\n$ reconciler {shlex.join(args)}")
        command = [sys.executable, "-m", "reconciler", *args]
        env = {**os.environ, "NO_COLOR": "1"}
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)
        output = (done.stdout + done.stderr).rstrip()
        for line in output.splitlines():
            self.say(f"  {line}")
        self.say(f"  (exit {done.returncode})")
        return done.returncode, output

    def common(self) -> list[str]:
        return ["--repo", str(self.lab.repo), "--state-dir", str(self.lab.state)]

    def route_present(self, router: str, table: str, prefix: str, kind: str = "rib") -> bool:
        state = self.lab.fleet[router].state
        return any(r["prefix"] == prefix for r in operator.list_routes(state, table=table, kind=kind))

    def binding_present(self, router: str, name: str, interface: str) -> bool:
        for row in operator.list_filters(self.lab.fleet[router].state):
            if row["name"] == name and any(b["interface"] == interface for b in row["bindings"]):
                return True
        return False

    @staticmethod
    def wait_for(check: Callable[[], bool], timeout: float = 10.0) -> float | None:
        """Seconds until `check` holds, polled every millisecond; None if it never did."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if check():
                return time.monotonic() - started
            time.sleep(0.001)
        return None

    # ---------------------------------------------------------------- stages

    def tell(self) -> bool:
        """The whole story; stops at the first stage that fails (later ones would only mislead)."""
        steps = (self.validate, self.plan, self.apply, self.status, self.watch, self.drift_route,
                 self.drift_binding, self.merged_change, self.final_status)  # fmt: skip
        for index, step in enumerate(steps):
            if not step():
                return False
            if index < len(steps) - 1:
                self.pause()
        return True

    def validate(self) -> bool:
        self.say("\n== 1. Validate the intent (what CI does on every pull request)")
        code, output = self.run("validate", "--repo", str(self.lab.repo))
        return self.record("validate", code == 0, "the example intent is valid" if code == 0 else output)

    def plan(self) -> bool:
        self.say("\n== 2. Plan: read the routers, show what applying would change (a dry run)")
        code, _ = self.run("plan", *self.common(), "--ref", "main")
        return self.record("plan", code == 2, f"exit {code} (2 = changes to make)")

    def apply(self) -> bool:
        self.say("\n== 3. Apply: journaled, batched, verified by reading back")
        code, _ = self.run("apply", *self.common(), "--ref", "main", "--auto-approve", "--trigger", "demo")
        missing = [f"{r} {t} {p}" for r, t, p in (("router1", "inet.0", "10.10.0.0/16"),
                   ("router2", "blue.inet.0", "172.16.0.0/12")) if not self.route_present(r, t, p)]  # fmt: skip
        if not self.route_present("router3", "inet.0", "10.123.0.0/24", kind="bgp"):
            missing.append("router3 BGP 10.123.0.0/24")
        missing += [f"{r} protect-re on lo0.0" for r in ROUTERS if not self.binding_present(r, "protect-re", "lo0.0")]
        ok = code == 0 and not missing
        return self.record("apply", ok, "routes, BGP paths and bound filters on all three routers" if ok else
                           f"exit {code}; missing: {', '.join(missing) or 'none'}")  # fmt: skip

    def status(self) -> bool:
        self.say("\n== 4. Status: what the journal knows per router")
        code, output = self.run("status", "--state-dir", str(self.lab.state))
        ok = code == 0 and len(re.findall(r"^router\d: in sync;", output, re.MULTILINE)) == len(ROUTERS)
        return self.record("status", ok, "three routers in sync" if ok else output)

    def watch(self) -> bool:
        self.say("\n== 5. Start the watcher (`reconciler watch`): it subscribes to the routers' MQTT events")
        options = WatchOptions(poll_interval=0.5, resync_interval=120.0, workers=3)
        self.watcher = Controller(
            self.lab.repo, "main", Journal(self.lab.state), connect=drivers.connect, options=options
        )
        self.watcher.start()
        journal = Journal(self.lab.state)

        def first_resync_done() -> bool:
            done = {r.router for r in journal.reconciles() if r.trigger == "start" and r.verified}
            return done >= set(ROUTERS)

        started = self.wait_for(first_resync_done, timeout=20)
        return self.record("watch", started is not None, "watching main; every router reconciled once"
                           if started is not None else "the watcher did not finish its first resync")  # fmt: skip

    def repair(self, name: str, act: Callable[[], object], present: Callable[[], bool]) -> bool:
        """An operator's act, then the watcher's repair, timed from the act."""
        act()
        gone = not present()
        took = self.wait_for(present)
        if not gone or took is None:
            return self.record(name, False, f"the act took effect: {gone}; not repaired within 10 s")
        return self.record(name, True, f"undone by the operator, repaired by the watcher in {took * 1000:.1f} ms")

    def drift_route(self) -> bool:
        router, table, prefix = DRIFT_ROUTE
        self.say(f"\n== 6. An operator deletes a route we own: {table} {prefix} on {router}")
        state = self.lab.fleet[router].state
        return self.repair("repair a deleted route", lambda: operator.delete_route(state, table=table, prefix=prefix),
                           lambda: self.route_present(router, table, prefix))  # fmt: skip

    def drift_binding(self) -> bool:
        router, name, interface = DRIFT_BINDING
        self.say(f"\n== 7. An operator removes the binding of filter {name} from {interface} on {router}")
        state = self.lab.fleet[router].state
        return self.repair("repair a removed binding",
                           lambda: operator.unbind_filter(state, name=name, interface=interface),
                           lambda: self.binding_present(router, name, interface))  # fmt: skip

    def merged_change(self) -> bool:
        self.say(f"\n== 8. A pull request adds {NEW_ROUTE} for the Amsterdam edge; its plan, as CI posts it")
        commit = propose_change(self.lab, "add-transit", "intent/routes/ams-edge.yaml",
                                f"  - {{prefix: {NEW_ROUTE}, next_hops: [192.0.2.5, 192.0.2.6]}}\n",
                                f"Route {NEW_ROUTE} via the new Amsterdam transit")  # fmt: skip
        self.say(f"branch add-transit, commit {commit[:12]}")
        code, _ = self.run("plan", *self.common(), "--ref", "add-transit", "--base", "main")
        self.say("\nThe pull request is merged; the watcher sees the new commit on main and applies it.")
        merge(self.lab, "add-transit")
        took = self.wait_for(lambda: all(self.route_present(r, "inet.0", NEW_ROUTE) for r in ("router1", "router2")),
                             timeout=15)  # fmt: skip
        untouched = not self.route_present("router3", "inet.0", NEW_ROUTE)
        ok = code == 2 and took is not None and untouched
        detail = (f"planned for router1 and router2 only; applied {took:.1f} s after the merge" if ok else
                  f"plan exit {code}; applied: {took is not None}; router3 untouched: {untouched}")  # fmt: skip
        return self.record("apply a merged change", ok, detail)

    def final_status(self) -> bool:
        self.say("\n== 9. Status after the repairs and the change")
        code, output = self.run("status", "--state-dir", str(self.lab.state))
        expected = [rf"^{DRIFT_ROUTE[0]}: .*{re.escape(DRIFT_ROUTE[2])} repaired$",
                    rf"^{DRIFT_BINDING[0]}: .*binding {re.escape(DRIFT_BINDING[2])} input inet repaired$"]  # fmt: skip
        ok = code == 0 and all(re.search(line, output, re.MULTILINE) for line in expected)
        return self.record("final status", ok, "both drifts recorded as repaired" if ok else output)

    def stop(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None
