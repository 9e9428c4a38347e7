"""Apply throughput: one router with 1M routes against the emulator's own ceiling, and many routers.

    python bench/apply_bench.py [--routes 1000000] [--routers 256] [--per-router 10000]

The ceiling is a bare client sending the same RouteUpdate requests (batches of
1000, 2 in flight) to a fresh emulated router in the same run. The apply figure
is its write phase (plan execution) on another fresh router; the whole apply
also reads the router before and after (verification), which is timed too.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reconciler import drivers  # noqa: E402
from reconciler.engine import execute  # noqa: E402
from reconciler.engine.reconcile import ReconcileOptions, ReconcileResult, reconcile  # noqa: E402
from reconciler.intent.merge import RouterIntent  # noqa: E402
from reconciler.jet.channel import Endpoint, open_channel  # noqa: E402
from reconciler.jet.client import JetClient  # noqa: E402
from reconciler.model import Gateway, RouteKey, StaticRoute  # noqa: E402
from reconciler.model.intent import RouterEntry  # noqa: E402
from reconciler.model.ownership import STATIC_COOKIE  # noqa: E402
from reconciler.model.routes import intern_gateways  # noqa: E402
from reconciler.store.journal import Journal  # noqa: E402

PASSWORD = "bench-only"
PARALLEL = 16  # routers applied at once in the many-routers run
HOPS = intern_gateways((Gateway("192.0.2.1"), Gateway("192.0.2.2"), Gateway("192.0.2.3"), Gateway("192.0.2.4")))


def routes(count: int, offset: int = 0) -> dict[RouteKey, StaticRoute]:
    result = {}
    for i in range(offset, offset + count):
        key = RouteKey("inet.0", f"{10 + (i >> 24)}.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}/32", STATIC_COOKIE)
        result[key] = StaticRoute(key, HOPS, 5, 100)
    return result


def device(name: str, port: int, static: dict[RouteKey, StaticRoute]) -> RouterIntent:
    entry = RouterEntry.model_validate(
        {"address": "127.0.0.1", "port": port, "insecure": True, "purge_timer": 1000, "filter_purge_timer": 1000,
         "credentials": {"username": "bench", "password_env": "BENCH_PASSWORD"}}
    )  # fmt: skip
    return RouterIntent(name, entry, static_routes=static)


def start_emulator(count: int) -> tuple[subprocess.Popen[str], list[int]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "reconciler", "emulator", "--devices", str(count), "--base-port", "0",
         "--username", "bench", "--password-env", "BENCH_PASSWORD", "--insecure", "--no-mqtt"],
        stdout=subprocess.PIPE, text=True, env=os.environ, cwd=ROOT,
    )  # fmt: skip
    assert process.stdout is not None
    return process, [int(process.stdout.readline().split()[2].rsplit(":", 1)[1]) for _ in range(count)]


def apply_one(desired: RouterIntent, journal: Journal) -> ReconcileResult:
    """One router through the engine, as `reconciler apply` does (read, plan, write, verify)."""
    return reconcile(desired, commit=None, root=ROOT, journal=journal, connect=drivers.connect, run_id="bench",
                     trigger="bench", options=ReconcileOptions())  # fmt: skip


def apply_many(devices: list[RouterIntent], journal: Journal, parallel: int) -> list[ReconcileResult]:
    """Many routers at once, as `reconciler apply --parallel N` does (commands/apply.py::_reconcile_all)."""
    with ThreadPoolExecutor(max_workers=max(1, min(parallel, len(devices))), thread_name_prefix="apply") as pool:
        return list(pool.map(lambda d: apply_one(d, journal), devices))


def line(label: str, value: str) -> None:
    print(f"{label:<64}{value}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--routes", type=int, default=1_000_000)
    parser.add_argument("--routers", type=int, default=256)
    parser.add_argument("--per-router", type=int, default=10_000)
    args = parser.parse_args()
    os.environ["BENCH_PASSWORD"] = PASSWORD
    static = routes(args.routes)
    values = list(static.values())

    process, (bare_port, apply_port) = start_emulator(2)
    try:
        client = JetClient("bare", open_channel(Endpoint("127.0.0.1", bare_port, insecure=True)))
        client.login("bench", PASSWORD, "bare")
        client.rib_initialize()
        started = time.perf_counter()
        client.rib_update(values)
        ceiling = args.routes / (time.perf_counter() - started)
        client.close()
        line(f"ceiling: bare client, {args.routes:,} routes", f"{ceiling:,.0f} routes/s")

        write_time = 0.0
        original = execute.Executor._routes

        def timed(self: execute.Executor, *a: object, **k: object) -> None:
            nonlocal write_time
            begun = time.perf_counter()
            original(self, *a, **k)  # type: ignore[arg-type]
            write_time += time.perf_counter() - begun

        execute.Executor._routes = timed  # type: ignore[method-assign]
        intent_device = device("r1", apply_port, static)
        started = time.perf_counter()
        result = apply_one(intent_device, Journal(Path(tempfile.mkdtemp())))
        total = time.perf_counter() - started
        execute.Executor._routes = original  # type: ignore[method-assign]
        rate = args.routes / write_time
        line(
            f"apply: write phase, {args.routes:,} routes", f"{rate:,.0f} routes/s = {rate / ceiling:.0%} of the ceiling"
        )
        failure = "" if result.ok else f" ({result.outcome}: {result.detail})"
        line("apply: whole (read, plan, write, verify)", f"{total:.1f} s, ok={result.ok}{failure}")
    finally:
        process.terminate()
        process.wait(60)

    halves = [args.routers // 2, args.routers - args.routers // 2]  # one emulator process per core
    emulators = [start_emulator(n) for n in halves if n]
    try:
        devices = {}
        ports = [port for _, group in emulators for port in group]
        for n, port in enumerate(ports):
            name = f"router{n + 1}"
            devices[name] = device(name, port, routes(args.per_router, offset=n * args.per_router))
        started = time.perf_counter()
        results = apply_many(list(devices.values()), Journal(Path(tempfile.mkdtemp())), PARALLEL)
        elapsed = time.perf_counter() - started
        ok = sum(1 for r in results if r.ok)
        for r in results:
            if not r.ok:
                print(f"  failed: {r.router}: {r.outcome}: {r.detail}")
        total_routes = args.routers * args.per_router
        line(f"{args.routers} routers x {args.per_router:,} routes applied and verified",
             f"{elapsed:.1f} s, {total_routes / elapsed:,.0f} routes/s, {ok}/{args.routers} ok")  # fmt: skip
    finally:
        for emulator, _ in emulators:
            emulator.terminate()
            emulator.wait(60)


if __name__ == "__main__":
    main()
