"""Watcher latency and storms.

    python bench/watch_bench.py [--events 1000] [--routers 20] [--storm 10000]

In one process: emulated routers (publishing to an embedded MQTT broker), the
watcher subscribed to it, and a git repository with intent for the routers.
Latency: an operator deletes an owned route (the router publishes the event)
until the route is back on the router, over isolated events. Storm: that many
events published in a burst across all routers until every router has been
reconciled and matches intent again.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import git
import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reconciler import drivers  # noqa: E402
from reconciler.emulator import operator  # noqa: E402
from reconciler.emulator.fleet import MqttSettings, build_fleet  # noqa: E402
from reconciler.store.journal import Journal  # noqa: E402
from reconciler.watch.controller import Controller, WatchOptions  # noqa: E402

PASSWORD = "bench-only"


def write_repo(root: Path, ports: list[int], broker: int) -> None:
    (root / "intent/routes").mkdir(parents=True)
    devices = {
        f"router{n + 1}": {"address": "127.0.0.1", "port": port, "insecure": True, "purge_timer": 1000,
                           "mqtt": {"host": "127.0.0.1", "port": broker}}
        for n, port in enumerate(ports)
    }  # fmt: skip
    document = {
        "defaults": {"credentials": {"username": "bench", "password_env": "BENCH_PASSWORD"}},
        "devices": devices,
    }
    (root / "intent/devices.yaml").write_text(json.dumps(document))
    routes = {"apply_to": {"all": True},
              "static_routes": [{"prefix": f"10.{n}.0.0/16", "next_hops": ["192.0.2.1", "192.0.2.2"]}
                                for n in range(50)]}  # fmt: skip
    (root / "intent/routes/all.json").write_text(json.dumps(routes))
    repo = git.Repo.init(root, initial_branch="main")
    with repo.config_writer() as config:
        config.set_value("user", "name", "bench")
        config.set_value("user", "email", "bench@example.invalid")
    repo.git.add(A=True)
    repo.index.commit("bench intent")


def owned(fleet: object, name: str, prefix: str) -> bool:
    state = fleet[name].state  # type: ignore[index]
    value = int.from_bytes(bytes(map(int, prefix.split("/")[0].split("."))), "big")
    with state.lock:
        return any(k[0] == value and k[1] == 16 for c in state.clients.values() for k in c.rib.get("inet.0", {}))


def settled(controller: Controller, journal: Journal, routers: int) -> bool:
    latest: dict[str, bool] = {}
    for record in journal.reconciles():
        latest[record.router] = record.verified  # its last reconcile ended with a read matching the intent
    return (len(latest) == routers and all(latest.values())
            and controller.queue.depth() == 0 and controller.queue.running() == 0)  # fmt: skip


def wait(condition: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.0002)
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--routers", type=int, default=20)
    parser.add_argument("--storm", type=int, default=10_000)
    args = parser.parse_args()
    os.environ["BENCH_PASSWORD"] = PASSWORD
    fleet = build_fleet(args.routers, base_port=0, username="bench", password=PASSWORD, tls=None,
                        mqtt=MqttSettings(embedded_port=0))  # fmt: skip
    with fleet:
        assert fleet.broker is not None
        root = Path(tempfile.mkdtemp()) / "repo"
        write_repo(root, [r.port for r in fleet.routers], fleet.broker.port)
        journal = Journal(root.parent / "state")
        options = WatchOptions(poll_interval=60, resync_interval=3600, fight_threshold=10**9, apply_backoff=0.05)
        controller = Controller(root, "main", journal, connect=drivers.connect, options=options)
        controller.start()
        try:
            assert wait(lambda: settled(controller, journal, args.routers), 60), "the first apply did not settle"
            latencies = []
            for n in range(args.events):
                prefix = f"10.{n % 50}.0.0/16"
                started = time.perf_counter()
                operator.delete_route(fleet["router1"].state, table="inet.0", prefix=prefix)
                assert wait(lambda prefix=prefix: owned(fleet, "router1", prefix), 10), f"{prefix} was not repaired"
                latencies.append(time.perf_counter() - started)
                assert wait(lambda: controller.queue.depth() == 0 and controller.queue.running() == 0, 10)
            latencies.sort()
            p50 = statistics.median(latencies) * 1000
            p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
            print(f"{'drift event -> repaired, ' + str(args.events) + ' isolated events':<60}"
                  f"p50 {p50:.1f} ms, p99 {p99:.1f} ms")  # fmt: skip

            publisher = mqtt.Client(CallbackAPIVersion.VERSION2)
            publisher.connect("127.0.0.1", fleet.broker.port)
            publisher.loop_start()
            last = f"router{args.routers}"
            operator.delete_route(fleet[last].state, table="inet.0", prefix="10.3.0.0/16")
            started = time.perf_counter()
            for n in range(args.storm):
                router = f"router{n % args.routers + 1}"
                payload = json.dumps({"jet-event": {"event-id": "KERNEL_EVENT_ROUTE_CHANGE", "hostname": router,
                                                    "attributes": {}}})  # fmt: skip
                publisher.publish(f"/junos/events/kernel/route/change/inet/10.{n % 50}.0.0/16", payload)
            sent = time.perf_counter() - started
            assert wait(lambda: owned(fleet, last, "10.3.0.0/16"), 60)
            assert wait(lambda: settled(controller, journal, args.routers), 60)
            elapsed = time.perf_counter() - started
            publisher.loop_stop()
            publisher.disconnect()
            received = int(controller.metrics.events.labels("queued")._value.get())
            label = f"{args.storm}-event storm over {args.routers} routers"
            print(f"{label:<60}published in {sent:.2f} s, all converged in {elapsed:.2f} s ({received:,} queued)")
        finally:
            controller.stop()


if __name__ == "__main__":
    main()
