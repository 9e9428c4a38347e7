"""Emulator ingest rate and memory, client encode rate, end-to-end write and read rates.

    python bench/emulator_ingest.py [--routes 1000000] [--next-hops 4]

The emulator runs as its own process (`reconciler emulator`, one router, plain
text on loopback). Its ingest rate is routes per CPU-second of that process
(validation and storage included), read from /proc, so it measures the emulator
and not the client. Memory is the emulator's resident set with all routes held.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reconciler.jet.channel import Endpoint, open_channel  # noqa: E402
from reconciler.jet.client import JetClient  # noqa: E402
from reconciler.model import Gateway, RouteKey, StaticRoute  # noqa: E402
from reconciler.wire.codec import RibEncoder  # noqa: E402

PASSWORD = "bench-only"


def _routes(count: int, next_hops: int) -> list[StaticRoute]:
    gateways = tuple(Gateway(f"192.0.2.{g + 1}") for g in range(next_hops))
    return [
        StaticRoute(
            RouteKey("inet.0", f"{10 + (i >> 24)}.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}/32", 1 + i),
            gateways,
            preference=5,
            preference2=100,
        )
        for i in range(count)
    ]


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _start_emulator(events: bool) -> tuple[subprocess.Popen[str], int]:
    env = {**os.environ, "BENCH_PASSWORD": PASSWORD}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "reconciler",
            "emulator",
            "--devices",
            "1",
            "--base-port",
            "0",
            "--username",
            "bench",
            "--password-env",
            "BENCH_PASSWORD",
            "--insecure",
            *(["--embedded-mqtt-port", "0"] if events else ["--no-mqtt"]),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line.startswith("ready "):
        process.kill()
        raise SystemExit(f"emulator did not start: {line!r}")
    return process, int(line.split()[2].rsplit(":", 1)[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--routes", type=int, default=1_000_000)
    parser.add_argument("--next-hops", type=int, default=4)
    parser.add_argument("--no-events", action="store_true", help="run the emulator with --no-mqtt")
    args = parser.parse_args()

    routes = _routes(args.routes, args.next_hops)

    encoder = RibEncoder()
    started = time.perf_counter()
    for start in range(0, len(routes), 1000):
        encoder.request(routes[start : start + 1000]).SerializeToString()
    encode_rate = len(routes) / (time.perf_counter() - started)

    process, port = _start_emulator(events=not args.no_events)
    try:
        baseline_mb = _rss_mb(process.pid)
        client = JetClient("bench", open_channel(Endpoint("127.0.0.1", port, insecure=True)))
        client.login("bench", PASSWORD, "bench")
        client.rib_initialize()
        cpu_before = _cpu_seconds(process.pid)
        started = time.perf_counter()
        client.rib_update(routes)
        wall = time.perf_counter() - started
        emulator_cpu = _cpu_seconds(process.pid) - cpu_before
        loaded_mb = _rss_mb(process.pid)
        started = time.perf_counter()
        read = sum(1 for r in client.rib_get("inet.0", "10.0.0.0/7") if r.key.cookie)
        read_wall = time.perf_counter() - started
        client.close()
    finally:
        process.terminate()
        process.wait(30)
    if read != len(routes):
        raise SystemExit(f"read back {read} routes, wrote {len(routes)}")

    n = len(routes)
    events = "off" if args.no_events else "on (embedded broker)"
    print(f"routes: {n:,} IPv4 /32, {args.next_hops} next hops each, batches of 1000, 2 in flight")
    print(f"MQTT events: {events}")
    print(f"client encode rate:        {encode_rate:>10,.0f} routes/s (values -> request bytes)")
    print(f"emulator ingest rate:      {n / emulator_cpu:>10,.0f} routes/s per emulator CPU-second")
    print(f"end-to-end write rate:     {n / wall:>10,.0f} routes/s (client + emulator on one machine)")
    print(f"read-back rate (stream):   {n / read_wall:>10,.0f} routes/s")
    print(f"emulator memory:           {loaded_mb:>10,.0f} MB RSS with {n:,} routes")
    print(f"emulator memory, empty:    {baseline_mb:>10,.0f} MB RSS")


if __name__ == "__main__":
    main()
