"""Which packets a filter change treats differently: exact regions of header space.

`filter_diff(before, after)` returns every region of packets whose fate changes:
the verdict (accept, discard, reject [reason], routing-instance NAME; "no filter"
where there is none, which passes packets like a bare accept) and what counts, logs
or polices them on the way. Semantics are in `filter_terms`; a packet no term decides
is discarded (Junos's implicit end of filter).

How it stays fast: terms are compared as values (match and action; names do not
matter). A packet that matches no term outside the longest common subsequence of the
two term lists meets the same terms in the same order in both filters, so its fate
cannot change; only the boxes of the other terms are evaluated, through both filters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reconciler.model.filters import FirewallFilter, Term
from reconciler.model.prefixes import Family
from reconciler.plan.behaviour import filter_space as hs
from reconciler.plan.behaviour.filter_space import Box, Packet
from reconciler.plan.behaviour.filter_terms import (
    END_OF_FILTER,
    NO_FILTER,
    CompiledTerm,
    Fate,
    compile_filter,
    evaluate,
    match_box,
)
from reconciler.plan.behaviour.filter_text import box_text

ARROW = "→"


@dataclass(frozen=True, slots=True)
class Region:
    """A box of packets that all go from one fate to another."""

    box: Box
    family: Family
    before: Fate
    after: Fate
    packets: int  # how many distinct packet headers it holds: the size that orders regions

    def contains(self, packet: Packet) -> bool:
        return hs.box_contains(self.box, hs.packet_point(packet, self.family))

    def text(self) -> str:
        return f"{box_text(self.box, self.family)}: {self.before} {ARROW} {self.after}"


@dataclass(frozen=True, slots=True)
class FilterBehaviour:
    """Every region whose fate changes, verdict changes first, then largest first."""

    regions: tuple[Region, ...]
    limit: int = 10

    def lines(self) -> list[str]:
        shown = [region.text() for region in self.regions[: self.limit]]
        hidden = len(self.regions) - len(shown)
        if not hidden:
            return shown
        return [*shown, f"... and {hidden} more region{'s' if hidden > 1 else ''}"]


def _key(term: Term) -> object:
    return (term.match, term.action)


def _unshared(before: Sequence[Term], after: Sequence[Term]) -> list[Term]:
    """The terms outside a longest common subsequence of the two lists (by value)."""
    head = 0
    while head < min(len(before), len(after)) and _key(before[head]) == _key(after[head]):
        head += 1
    tail = 0
    while tail < min(len(before), len(after)) - head and _key(before[-1 - tail]) == _key(after[-1 - tail]):
        tail += 1
    b = [_key(t) for t in before[head : len(before) - tail]]
    a = [_key(t) for t in after[head : len(after) - tail]]
    # Classic dynamic programme on the differing middle only (usually a few terms).
    lengths = [[0] * (len(a) + 1) for _ in range(len(b) + 1)]
    for i in range(len(b) - 1, -1, -1):
        for j in range(len(a) - 1, -1, -1):
            lengths[i][j] = lengths[i + 1][j + 1] + 1 if b[i] == a[j] else max(lengths[i + 1][j], lengths[i][j + 1])
    shared_b, shared_a = set(), set()
    i = j = 0
    while i < len(b) and j < len(a):
        if b[i] == a[j]:
            shared_b.add(i)
            shared_a.add(j)
            i += 1
            j += 1
        elif lengths[i + 1][j] >= lengths[i][j + 1]:
            i += 1
        else:
            j += 1
    middle_b = before[head : len(before) - tail]
    middle_a = after[head : len(after) - tail]
    return [t for k, t in enumerate(middle_b) if k not in shared_b] + [
        t for k, t in enumerate(middle_a) if k not in shared_a
    ]


def _disjoint(boxes: list[Box]) -> list[Box]:
    """The union of `boxes` as disjoint boxes."""
    done: list[Box] = []
    for candidate in boxes:
        pieces = [candidate]
        for old in done:
            pieces = [rest for piece in pieces for rest in _minus(piece, old)]
            if not pieces:
                break
        done.extend(pieces)
    return done


def _minus(box: Box, other: Box) -> list[Box]:
    if hs.box_intersect(box, other) is None:
        return [box]
    out = []
    rest = list(box)
    for dim in range(hs.DIMENSIONS):
        outside = hs.subtract(rest[dim], other[dim])
        if outside:
            piece = list(rest)
            piece[dim] = outside
            out.append(tuple(piece))
        rest[dim] = hs.intersect(rest[dim], other[dim])
    return out


def _widened(box: Box, family: Family, packets: int) -> Box:
    """Widen fields some packets lack to their full range when that adds no packet
    (tcp "any port" and icmp "no port" then look alike and can merge)."""
    full = hs.domains(family)
    for dim in hs.OPTIONAL:
        if box[dim] != full[dim]:
            wider = (*box[:dim], full[dim], *box[dim + 1 :])
            if hs.box_size(wider, family) == packets:
                box = wider
    return box


def _merge(boxes: list[Box], family: Family) -> list[Box]:
    """Merge boxes that differ in one field only, until none do."""
    sized = [(b, hs.box_size(b, family)) for b in boxes]
    boxes = [_widened(b, family, packets) for b, packets in sized if packets]
    changed = True
    while changed and len(boxes) > 1:
        changed = False
        for dim in range(hs.DIMENSIONS):
            groups: dict[Box, hs.Intervals] = {}
            for b in boxes:
                rest = (*b[:dim], (), *b[dim + 1 :])
                groups[rest] = hs.union(groups[rest], b[dim]) if rest in groups else b[dim]
            if len(groups) < len(boxes):
                changed = True
                merged = [(*rest[:dim], values, *rest[dim + 1 :]) for rest, values in groups.items()]
                boxes = [_widened(b, family, hs.box_size(b, family)) for b in merged]
    return boxes


def filter_diff(before: FirewallFilter | None, after: FirewallFilter | None, *, limit: int = 10) -> FilterBehaviour:
    """The packets whose fate changes from `before` to `after` (None: no filter)."""
    if before is None and after is None:
        return FilterBehaviour((), limit)
    if before is not None and after is not None and before.family is not after.family:
        raise ValueError(f"filter {before.name}: cannot compare a {before.family} filter with a {after.family} one")
    family = (before or after).family  # type: ignore[union-attr]
    if before is not None and after is not None:
        candidates = [match_box(t, family) for t in _unshared(before.terms, after.terms)]
    else:
        candidates = [hs.domains(family)]
    old, new = _program(before), _program(after)
    changes: dict[tuple[Fate, Fate], list[Box]] = {}
    for box in _disjoint(candidates):
        for piece, fate_before in _run(box, old):
            for part, fate_after in _run(piece, new):
                if fate_before.key() != fate_after.key():
                    changes.setdefault((fate_before, fate_after), []).append(part)
    regions = []
    for (fate_before, fate_after), boxes in changes.items():
        for box in _merge(boxes, family):
            packets = hs.box_size(box, family)
            if packets:  # a box may hold only header combinations no packet has (an ICMP port)
                regions.append(Region(box, family, fate_before, fate_after, packets))
    regions.sort(key=lambda r: (r.before.key()[0] == r.after.key()[0], -r.packets, r.text()))
    return FilterBehaviour(tuple(regions), limit)


def _program(f: FirewallFilter | None) -> list[CompiledTerm] | None:
    return None if f is None else compile_filter(f)


def _run(box: Box, terms: list[CompiledTerm] | None) -> list[tuple[Box, Fate]]:
    if terms is None:
        return [(box, Fate(NO_FILTER))]
    return evaluate(box, terms, END_OF_FILTER)
