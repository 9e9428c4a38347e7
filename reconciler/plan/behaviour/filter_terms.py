"""A filter's terms as boxes of header space, and what a term does to a packet.

Match semantics (Junos):
- an address list matches by longest prefix: the longest listed prefix holding the
  address decides (an `except` one refuses it); no listed prefix holding it, no match;
- a numeric list matches a value in one of its ranges and in none of its negated
  ranges (Junos `port` and `port-except`);
- a term naming ports matches only packets that have ports (TCP, UDP, SCTP, not a
  later fragment); a term naming ICMP type or code only ICMP packets (ICMPv6 in inet6);
- fragment: is-fragment is a non-zero offset (middle or last fragment), first-fragment
  offset 0 with more fragments, last-fragment a non-zero offset without more,
  dont-fragment the DF flag; all fields in a term must match (an empty term matches all).
Actions: the first term whose match holds and that ends the evaluation decides
(accept, discard, reject, routing-instance); `next_term` goes on to the next term after
its count/log/policer; a term with neither (not valid intent) accepts, like Junos.
"""

from __future__ import annotations

from dataclasses import dataclass

from reconciler.model.filters import AddressMatch, FirewallFilter, Fragment, Range, Term, TermAction, Terminating
from reconciler.model.prefixes import Family
from reconciler.plan.behaviour import filter_space as hs
from reconciler.plan.behaviour.filter_space import Box, Intervals

NO_FILTER = "no filter"
END_OF_FILTER = "discard"  # Junos's implicit last term: a packet no term decides is discarded


@dataclass(frozen=True, slots=True, order=True)
class Fate:
    """What happens to a packet: the verdict, and what it is counted/logged/policed by on the way."""

    verdict: str
    modifiers: tuple[str, ...] = ()

    def key(self) -> tuple[str, tuple[str, ...]]:
        """Equal keys: the same traffic behaviour. No filter passes packets like a bare accept."""
        if self.verdict == NO_FILTER:
            return ("accept", self.modifiers)
        return (self.verdict, self.modifiers)

    def __str__(self) -> str:
        return f"{self.verdict} [{', '.join(self.modifiers)}]" if self.modifiers else self.verdict


@dataclass(frozen=True, slots=True)
class CompiledTerm:
    """One term: its match as a box (only the constrained dimensions listed) and its effects."""

    box: Box
    constrained: tuple[tuple[int, Intervals], ...]
    verdict: str | None  # None: go on to the next term
    modifiers: tuple[str, ...]


def _addresses(matches: tuple[AddressMatch, ...], family: Family) -> Intervals:
    """Longest-prefix semantics, painted shortest prefix first (prefixes nest or are disjoint)."""
    entries = []
    for m in matches:
        address, _, length = m.prefix.partition("/")
        bits = int(length)
        start = hs.address_value(address, family) >> (family.bits - bits) << (family.bits - bits)
        entries.append((bits, m.negate, start, start + (1 << (family.bits - bits)) - 1))
    out: Intervals = ()
    for _, negate, low, high in sorted(entries):
        out = hs.subtract(out, hs.interval(low, high)) if negate else hs.union(out, hs.interval(low, high))
    return out


def _numbers(ranges: tuple[Range, ...], low: int, high: int) -> Intervals:
    domain = hs.interval(low, high)
    positive: Intervals = ()
    negative: Intervals = ()
    for r in ranges:
        values = hs.intersect(hs.interval(r.low, r.high), domain)
        if r.negate:
            negative = hs.union(negative, values)
        else:
            positive = hs.union(positive, values)
    has_positive = any(not r.negate for r in ranges)
    return hs.subtract(positive if has_positive else domain, negative)


_FRAGMENTS = {
    Fragment.IS_FRAGMENT: hs.interval(hs.MIDDLE_FRAGMENT, hs.LAST_FRAGMENT),
    Fragment.FIRST_FRAGMENT: hs.interval(hs.FIRST_FRAGMENT, hs.FIRST_FRAGMENT),
    Fragment.LAST_FRAGMENT: hs.interval(hs.LAST_FRAGMENT, hs.LAST_FRAGMENT),
}


def match_box(term: Term, family: Family) -> Box:
    m = term.match
    box = list(hs.domains(family))
    if m.source:
        box[hs.SOURCE] = _addresses(m.source, family)
    if m.destination:
        box[hs.DESTINATION] = _addresses(m.destination, family)
    for dim, ranges, high in (
        (hs.PROTOCOL, m.protocols, 255),
        (hs.SOURCE_PORT, m.source_ports, 65535),
        (hs.DESTINATION_PORT, m.destination_ports, 65535),
        (hs.ICMP_TYPE, m.icmp_types, 255),
        (hs.ICMP_CODE, m.icmp_codes, 255),
        (hs.DSCP, m.dscp, 63),
        (hs.TTL, m.ttl, 255),
        (hs.LENGTH, m.packet_length, 65535),
    ):
        if ranges:  # ranges start at 0: a named port or ICMP field leaves out packets without one
            box[dim] = _numbers(ranges, 0, high)
    if m.fragment is Fragment.DONT_FRAGMENT:
        box[hs.DONT_FRAGMENT] = hs.interval(1, 1)
    elif m.fragment is not None:
        box[hs.FRAGMENT] = _FRAGMENTS[m.fragment]
    return tuple(box)


def _verdict(action: TermAction) -> str | None:
    if action.next_term:
        return None
    if action.terminating is None or action.terminating is Terminating.ACCEPT:
        return "accept"
    if action.terminating is Terminating.REJECT:
        return f"reject {action.reject_reason}" if action.reject_reason else "reject"
    if action.terminating is Terminating.ROUTING_INSTANCE:
        return f"routing-instance {action.routing_instance}"
    return "discard"


def _modifiers(action: TermAction) -> tuple[str, ...]:
    out = []
    if action.count:
        out.append(f"count {action.count}")
    if action.policer:
        out.append(f"policer {action.policer}")
    if action.log:
        out.append("log")
    if action.syslog:
        out.append("syslog")
    return tuple(out)


def compile_term(term: Term, family: Family) -> CompiledTerm:
    box = match_box(term, family)
    full = hs.domains(family)
    constrained = tuple((dim, box[dim]) for dim in range(hs.DIMENSIONS) if box[dim] != full[dim])
    return CompiledTerm(box, constrained, _verdict(term.action), _modifiers(term.action))


def compile_filter(f: FirewallFilter) -> list[CompiledTerm]:
    return [compile_term(t, f.family) for t in f.terms]


def evaluate(box: Box, terms: list[CompiledTerm], end: str) -> list[tuple[Box, Fate]]:
    """Split `box` into the boxes whose packets share one fate through `terms`."""
    out: list[tuple[Box, Fate]] = []
    stack: list[tuple[Box, int, tuple[str, ...]]] = [(box, 0, ())]
    while stack:
        current, index, modifiers = stack.pop()
        verdict = None
        while index < len(terms):
            term = terms[index]
            index += 1
            inside = list(current)
            overlap = True
            whole = True
            for dim, values in term.constrained:
                both = hs.intersect(current[dim], values)
                if not both:
                    overlap = False
                    break
                if both != current[dim]:
                    whole = False
                    inside[dim] = both
            if not overlap:
                continue
            if not whole:
                # The part the term does not match goes on to the next term, piece by piece.
                rest = list(current)
                for dim, values in term.constrained:
                    outside = hs.subtract(rest[dim], values)
                    if outside:
                        piece = list(rest)
                        piece[dim] = outside
                        stack.append((tuple(piece), index, modifiers))
                    rest[dim] = inside[dim]
                current = tuple(inside)
            modifiers += term.modifiers
            if term.verdict is not None:
                verdict = term.verdict
                break
        out.append((current, Fate(verdict or end, modifiers)))
    return out
