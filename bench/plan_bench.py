"""Planner speed: in-memory diff, a cold plan read from the emulator, a whole-table
DeepDiff comparison, and many routers.

    python bench/plan_bench.py [--routes 1000000] [--deepdiff-routes 100000] [--routers 50] [--per-router 10000]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deepdiff import DeepDiff  # noqa: E402

from reconciler import drivers  # noqa: E402
from reconciler.engine.dry_run import make_plan  # noqa: E402
from reconciler.engine.observe import observe  # noqa: E402
from reconciler.intent.load import Intent  # noqa: E402
from reconciler.intent.merge import RouterIntent  # noqa: E402
from reconciler.jet.channel import Endpoint, open_channel  # noqa: E402
from reconciler.jet.client import JetClient  # noqa: E402
from reconciler.model import Gateway, RouteKey, StaticRoute  # noqa: E402
from reconciler.model.intent import RouterEntry  # noqa: E402
from reconciler.model.ownership import STATIC_COOKIE  # noqa: E402
from reconciler.model.routes import intern_gateways  # noqa: E402
from reconciler.plan.diff import diff_router  # noqa: E402
from reconciler.plan.model import Observed  # noqa: E402
from reconciler.port.session import Role  # noqa: E402
from reconciler.store.journal import Journal  # noqa: E402

PASSWORD = "bench-only"
HOPS = intern_gateways((Gateway("192.0.2.1"), Gateway("192.0.2.2")))  # as intent compiling does


def routes(count: int, offset: int = 0) -> dict[RouteKey, StaticRoute]:
    result = {}
    for i in range(offset, offset + count):
        key = RouteKey("inet.0", f"{10 + (i >> 24)}.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}/32", STATIC_COOKIE)
        result[key] = StaticRoute(key, HOPS, 5, 100)
    return result


def drifted(desired: dict[RouteKey, StaticRoute], share: float) -> dict[RouteKey, StaticRoute]:
    """A copy where `share` of the routes differ: a third changed, a third missing, a third extra."""
    observed = dict(desired)
    step = int(1 / share)
    keys = list(desired)
    for n, key in enumerate(keys[::step]):
        if n % 3 == 0:
            observed[key] = StaticRoute(key, HOPS, 7, 100)
        elif n % 3 == 1:
            del observed[key]
        else:
            extra = RouteKey("inet.0", f"99.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}/32", STATIC_COOKIE)
            observed[extra] = StaticRoute(extra, HOPS, 5, 100)
    return observed


def device(name: str, port: int, static: dict[RouteKey, StaticRoute]) -> RouterIntent:
    entry = RouterEntry.model_validate(
        {"address": "127.0.0.1", "port": port, "insecure": True,
         "credentials": {"username": "bench", "password_env": "BENCH_PASSWORD"}}
    )  # fmt: skip
    return RouterIntent(name, entry, static_routes=static)


def start_emulator(count: int) -> tuple[subprocess.Popen[str], list[int]]:
    env = {**os.environ, "BENCH_PASSWORD": PASSWORD}
    process = subprocess.Popen(
        [sys.executable, "-m", "reconciler", "emulator", "--devices", str(count), "--base-port", "0",
         "--username", "bench", "--password-env", "BENCH_PASSWORD", "--insecure", "--no-mqtt"],
        stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT,
    )  # fmt: skip
    assert process.stdout is not None
    ports = [int(process.stdout.readline().split()[2].rsplit(":", 1)[1]) for _ in range(count)]
    return process, ports


def write(port: int, static: dict[RouteKey, StaticRoute]) -> None:
    client = JetClient("bench", open_channel(Endpoint("127.0.0.1", port, insecure=True)))
    client.login("bench", PASSWORD, "jet-reconciler")
    client.set_purge_timer(1000)
    client.rib_initialize()
    client.rib_update(list(static.values()))
    client.close()


def line(label: str, value: str) -> None:
    print(f"{label:<66}{value}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--routes", type=int, default=1_000_000)
    parser.add_argument("--deepdiff-routes", type=int, default=100_000)
    parser.add_argument("--routers", type=int, default=50)
    parser.add_argument("--per-router", type=int, default=10_000)
    args = parser.parse_args()
    os.environ["BENCH_PASSWORD"] = PASSWORD

    desired = routes(args.routes)
    observed_routes = drifted(desired, 0.01)
    process, [port] = start_emulator(1)
    try:
        write(port, observed_routes)
        r1 = device("r1", port, desired)
        session = drivers.connect("r1", r1.entry, ROOT, Role.READER)  # login + initialize, not timed
        started = time.perf_counter()
        seen = observe(r1, session, Journal(Path(tempfile.mkdtemp())))
        read_done = time.perf_counter()
        plan = diff_router("r1", r1, seen)
        ended = time.perf_counter()
        session.close()
        detail = f"read {read_done - started:.2f} s, diff {ended - read_done:.2f} s, {len(plan.changes):,} changes"
        line("cold plan incl. streaming read from the emulator", f"{ended - started:.2f} s ({detail})")
    finally:
        process.terminate()
        process.wait(30)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    line("peak RSS of the planning process after the cold plan", f"{rss:.0f} MB (intent + observed + plan)")
    observed = Observed(observed_routes, {}, {}, {})
    started = time.perf_counter()
    plan = diff_router("r1", device("r1", 1, desired), observed)
    line(f"in-memory diff, {args.routes:,} routes, 1% differing", f"{time.perf_counter() - started:.2f} s "
         f"({len(plan.changes):,} changes)")  # fmt: skip

    small = routes(args.deepdiff_routes)
    small_seen = drifted(small, 0.01)
    started = time.perf_counter()
    ours = diff_router("r1", device("r1", 1, small), Observed(small_seen, {}, {}, {}))
    ours_time = time.perf_counter() - started
    started = time.perf_counter()
    whole = DeepDiff(
        {f"{k.table} {k.prefix}": vars_of(v) for k, v in small_seen.items()},
        {f"{k.table} {k.prefix}": vars_of(v) for k, v in small.items()},
    )
    deep_time = time.perf_counter() - started
    theirs = {
        "create": keys_of(whole.get("dictionary_item_added", [])),
        "delete": keys_of(whole.get("dictionary_item_removed", [])),
        "update": keys_of(whole.get("values_changed", {})),
    }
    same = all({c.key for c in ours.changes if c.action.value == action} == keys for action, keys in theirs.items())
    line(f"{args.deepdiff_routes:,} routes: planner vs whole-table DeepDiff",
         f"{ours_time:.3f} s vs {deep_time:.1f} s = {deep_time / ours_time:.0f}x, same sets: {same}")  # fmt: skip

    process, ports = start_emulator(args.routers)
    try:
        devices = {}
        for n, router_port in enumerate(ports):
            static = routes(args.per_router, offset=n * args.per_router)
            write(router_port, drifted(static, 0.01))
            devices[f"router{n + 1}"] = device(f"router{n + 1}", router_port, static)
        intent = Intent("bench", None, devices)
        started = time.perf_counter()
        plan_all = make_plan(intent, list(devices.values()), root=ROOT, journal=Journal(Path(tempfile.mkdtemp())),
                             connect=drivers.connect)  # fmt: skip
        elapsed = time.perf_counter() - started
        total = args.routers * args.per_router
        failed = len(plan_all.failed)
        for device_plan in plan_all.failed:
            print(f"  failed: {device_plan.router}: {device_plan.error}")
        line(f"{args.routers} routers x {args.per_router:,} routes read and planned",
             f"{elapsed:.2f} s, {total / elapsed:,.0f} routes/s, {failed} failed")  # fmt: skip
    finally:
        process.terminate()
        process.wait(30)


def vars_of(route: StaticRoute) -> dict[str, object]:
    return {"hops": [g.address for g in route.gateways], "preference": route.preference, "tag": route.tag}


def keys_of(paths: object) -> set[str]:
    """root['inet.0 10.0.0.0/32'] or root['inet.0 10.0.0.0/32']['preference'] -> inet.0 10.0.0.0/32."""
    return {str(path).split("['", 1)[1].split("']", 1)[0] for path in paths}  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
