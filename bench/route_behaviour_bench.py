"""The route behavioural diff of a plan at size: a router holding 1,000,000 routes (and a
default route), 1,000 changes (500 deletions falling back to the default, 500 new /25s
shadowing half of their /24); then a change of the default route itself, under which every
route takes part.

    python bench/route_behaviour_bench.py [--routes 1000000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reconciler.model.routes import Gateway, RouteKey, StaticRoute
from reconciler.plan.behaviour.routes import route_diff_for_plan
from reconciler.plan.model import Action, Change, Kind


def _key(i: int, tail: str = "0/24") -> RouteKey:
    return RouteKey("inet.0", f"{11 + i // 65536}.{i // 256 % 256}.{i % 256}.{tail}", 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--routes", type=int, default=1_000_000)
    args = parser.parse_args()
    hop = (Gateway("192.0.2.1"),)
    table = {key: StaticRoute(key, hop, 5) for key in map(_key, range(args.routes))}
    default = StaticRoute(RouteKey("inet.0", "0.0.0.0/0", 0), (Gateway("192.0.2.254"),), 5)
    table[default.key] = default
    step = max(1, args.routes // 1000)
    changes = []
    for k in range(500):
        changes.append(Change(Action.DELETE, Kind.STATIC_ROUTE, "", None, None, subject=table[_key(k * step)]))
        new = StaticRoute(_key(k * step + step // 2, "128/25"), (Gateway("192.0.2.9"),), 5)
        changes.append(Change(Action.CREATE, Kind.STATIC_ROUTE, "", None, None, subject=new))
    started = time.perf_counter()
    result = route_diff_for_plan(table, {}, changes)
    print(f"{args.routes:,} routes, 1,000 changes: {time.perf_counter() - started:.2f} s, {len(result.changes)} ranges")
    delete_default = [Change(Action.DELETE, Kind.STATIC_ROUTE, "", None, None, subject=default)]
    started = time.perf_counter()
    result = route_diff_for_plan(table, {}, delete_default)
    print(f"{args.routes:,} routes, the default route deleted: {time.perf_counter() - started:.2f} s, "
          f"{len(result.changes)} ranges")  # fmt: skip


if __name__ == "__main__":
    main()
