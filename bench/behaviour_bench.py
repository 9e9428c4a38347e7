"""Behavioural filter diff speed on a 200-term filter.

    python bench/behaviour_bench.py [--terms 200] [--repeat 5] [--seed 1]

Scenarios: a typical change (10 terms edited, 5 added, 5 deleted, 2 swapped; the goal
is <= 1 s), the whole filter added where there was none, and every term reordered
(nothing shared: the worst case for the diff's pruning). Prints the best of --repeat
runs per scenario and how many regions the diff found.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reconciler.model.filters import (  # noqa: E402
    AddressMatch,
    FirewallFilter,
    Range,
    Term,
    TermAction,
    Terminating,
    TermMatch,
)
from reconciler.model.prefixes import Family  # noqa: E402
from reconciler.plan.behaviour.filters import FilterBehaviour, filter_diff  # noqa: E402

SERVICES = [(6, 22), (6, 80), (6, 443), (6, 179), (17, 53), (17, 123), (17, 161), (6, 830), (17, 514)]


def _term(rng: random.Random, index: int) -> Term:
    """A term like real edge filters have: a customer prefix, a service, a verdict, a counter."""
    second, third = rng.randrange(256), rng.randrange(256)
    source = [AddressMatch(f"10.{second}.{third}.0/24" if rng.random() < 0.7 else f"10.{second}.0.0/16")]
    if rng.random() < 0.15:
        source.append(AddressMatch(f"10.{second}.{third}.128/25", negate=True))
    kind = rng.random()
    if kind < 0.75:
        protocol, port = rng.choice(SERVICES)
        low = port if rng.random() < 0.8 else 1024
        match = TermMatch(
            source=tuple(source),
            destination=(AddressMatch(f"192.0.{rng.randrange(4)}.0/24"),),
            protocols=(Range(protocol, protocol),),
            destination_ports=(Range(low, port if low == port else 65535),),
        )
    elif kind < 0.9:
        match = TermMatch(source=tuple(source), protocols=(Range(1, 1),), icmp_types=(Range(8, 8),))
    else:
        match = TermMatch(source=tuple(source), dscp=(Range(46, 46),))
    verdict = Terminating.ACCEPT if rng.random() < 0.8 else Terminating.DISCARD
    return Term(f"t{index}", match, TermAction(verdict, count=f"c{index}" if rng.random() < 0.5 else None))


def _filter(terms: list[Term]) -> FirewallFilter:
    deny = Term("deny", TermMatch(), TermAction(Terminating.DISCARD, count="denied"))
    return FirewallFilter("edge-in", Family.INET, (*terms, deny))


def scenarios(count: int, seed: int) -> dict[str, tuple[FirewallFilter | None, FirewallFilter]]:
    rng = random.Random(seed)
    terms = [_term(rng, i) for i in range(count - 1)]
    before = _filter(terms)
    edited = list(terms)
    for k in rng.sample(range(len(edited)), 10):
        edited[k] = _term(rng, 1000 + k)
    for k in sorted(rng.sample(range(len(edited)), 5), reverse=True):
        del edited[k]
    for k in range(5):
        edited.insert(rng.randrange(len(edited)), _term(rng, 2000 + k))
    for _ in range(2):
        a, b = rng.sample(range(len(edited)), 2)
        edited[a], edited[b] = edited[b], edited[a]
    return {
        "typical change": (before, _filter(edited)),
        "filter added": (None, before),
        "every term reordered": (before, _filter(list(reversed(terms)))),
    }


def _best(before: FirewallFilter | None, after: FirewallFilter, repeat: int) -> tuple[float, FilterBehaviour]:
    best, result = float("inf"), FilterBehaviour(())
    for _ in range(repeat):
        start = time.perf_counter()
        result = filter_diff(before, after)
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for name, (before, after) in scenarios(args.terms, args.seed).items():
        seconds, result = _best(before, after, args.repeat)
        print(f"{name:22} {args.terms} terms: {seconds * 1000:8.1f} ms, {len(result.regions)} regions")
        for line in result.lines()[:3]:
            print(f"    {line}")


if __name__ == "__main__":
    main()
