"""Behavioural filter diff: golden examples, and property tests against a brute-force evaluator.

The brute-force evaluator below walks a filter's terms for one concrete packet with
the `ipaddress` module and plain comparisons; it shares no code with the header-space
implementation, only the semantics (first deciding term wins, longest-prefix address
lists with except, ports/ICMP only in packets that carry them, implicit discard).
"""

from __future__ import annotations

import ipaddress

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reconciler.model.filters import (
    AddressMatch,
    FirewallFilter,
    Fragment,
    Range,
    Term,
    TermAction,
    Terminating,
    TermMatch,
)
from reconciler.model.prefixes import Family
from reconciler.plan.behaviour import filter_space as hs
from reconciler.plan.behaviour.filter_space import Packet
from reconciler.plan.behaviour.filters import FilterBehaviour, filter_diff

INET = Family.INET

# ------------------------------------------------------------------ brute force


def _addresses_match(entries: tuple[AddressMatch, ...], address: str) -> bool:
    if not entries:
        return True
    ip = ipaddress.ip_address(address)
    best: tuple[int, bool] | None = None
    for entry in entries:
        net = ipaddress.ip_network(entry.prefix)
        if ip in net and (best is None or net.prefixlen > best[0]):
            best = (net.prefixlen, entry.negate)
    return best is not None and not best[1]


def _ranges_match(ranges: tuple[Range, ...], value: int | None) -> bool:
    if not ranges:
        return True
    if value is None:
        return False
    positive = [r for r in ranges if not r.negate]
    if positive and not any(r.low <= value <= r.high for r in positive):
        return False
    return not any(r.low <= value <= r.high for r in ranges if r.negate)


def _fragment_matches(fragment: Fragment | None, p: Packet) -> bool:
    if fragment is None:
        return True
    if fragment is Fragment.DONT_FRAGMENT:
        return p.dont_fragment
    if fragment is Fragment.IS_FRAGMENT:
        return p.fragment in (hs.MIDDLE_FRAGMENT, hs.LAST_FRAGMENT)
    if fragment is Fragment.FIRST_FRAGMENT:
        return p.fragment == hs.FIRST_FRAGMENT
    return p.fragment == hs.LAST_FRAGMENT


def _matches(m: TermMatch, p: Packet) -> bool:
    return (
        _addresses_match(m.source, p.source)
        and _addresses_match(m.destination, p.destination)
        and _ranges_match(m.protocols, p.protocol)
        and _ranges_match(m.source_ports, p.source_port)
        and _ranges_match(m.destination_ports, p.destination_port)
        and _ranges_match(m.icmp_types, p.icmp_type)
        and _ranges_match(m.icmp_codes, p.icmp_code)
        and _ranges_match(m.dscp, p.dscp)
        and _ranges_match(m.ttl, p.ttl)
        and _ranges_match(m.packet_length, p.length)
        and _fragment_matches(m.fragment, p)
    )


def brute_fate(f: FirewallFilter | None, p: Packet) -> tuple[str, tuple[str, ...]]:
    if f is None:
        return ("no filter", ())
    seen: list[str] = []
    for term in f.terms:
        if not _matches(term.match, p):
            continue
        a = term.action
        seen += [f"count {a.count}"] if a.count else []
        seen += [f"policer {a.policer}"] if a.policer else []
        seen += ["log"] if a.log else []
        seen += ["syslog"] if a.syslog else []
        if a.next_term:
            continue
        if a.terminating is Terminating.DISCARD:
            verdict = "discard"
        elif a.terminating is Terminating.REJECT:
            verdict = f"reject {a.reject_reason}" if a.reject_reason else "reject"
        elif a.terminating is Terminating.ROUTING_INSTANCE:
            verdict = f"routing-instance {a.routing_instance}"
        else:  # accept, or no action at all (Junos accepts)
            verdict = "accept"
        return (verdict, tuple(seen))
    return ("discard", tuple(seen))  # the implicit end of a filter


def _same(a: tuple[str, tuple[str, ...]], b: tuple[str, tuple[str, ...]]) -> bool:
    def norm(x: tuple[str, tuple[str, ...]]) -> tuple[str, tuple[str, ...]]:
        return ("accept", x[1]) if x[0] == "no filter" else x

    return norm(a) == norm(b)


# ------------------------------------------------------------------ strategies

PREFIXES = {
    Family.INET: ["0.0.0.0/0", "10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "10.1.2.128/25", "10.66.0.0/16",
                  "10.1.2.3/32", "192.0.2.0/24"],
    Family.INET6: ["::/0", "2001:db8::/32", "2001:db8:1::/48", "2001:db8:1:2::/64", "2001:db8:1:2::3/128",
                   "2001:db8:ff::/48"],
}  # fmt: skip
ADDRESSES = {
    Family.INET: ["0.0.0.0", "10.0.0.0", "10.0.0.1", "10.1.2.3", "10.1.2.4", "10.1.2.200", "10.1.3.1",
                  "10.66.1.1", "10.255.255.255", "9.255.255.255", "11.0.0.0", "192.0.2.5", "192.0.3.1",
                  "255.255.255.255"],
    Family.INET6: ["::", "2001:db8::", "2001:db8:1::1", "2001:db8:1:2::3", "2001:db8:1:2::4", "2001:db8:1:3::1",
                   "2001:db8:ff::1", "2001:db9::1", "ffff::1"],
}  # fmt: skip
PROTOCOLS = [0, 1, 6, 17, 47, 58, 132, 255]
PORTS = [0, 20, 21, 22, 23, 25, 1000, 65535]


def _ranges(values: list[int]) -> st.SearchStrategy[tuple[Range, ...]]:
    one = st.tuples(st.sampled_from(values), st.sampled_from(values), st.booleans()).map(
        lambda t: Range(min(t[0], t[1]), max(t[0], t[1]), t[2] and t[0] % 3 == 0)  # a few negated
    )
    return st.one_of(st.just(()), st.lists(one, min_size=1, max_size=2).map(tuple))


def _address_list(family: Family) -> st.SearchStrategy[tuple[AddressMatch, ...]]:
    one = st.builds(AddressMatch, st.sampled_from(PREFIXES[family]), st.booleans())
    lists = st.lists(one, min_size=1, max_size=3, unique_by=lambda a: a.prefix).map(tuple)
    return st.one_of(st.just(()), lists)


def _matches_of(family: Family) -> st.SearchStrategy[TermMatch]:
    fragments: list[Fragment | None] = [None] + (list(Fragment) if family is Family.INET else [])
    return st.builds(
        TermMatch,
        source=_address_list(family),
        destination=_address_list(family),
        protocols=_ranges(PROTOCOLS),
        source_ports=st.one_of(st.just(()), _ranges(PORTS)),
        destination_ports=_ranges(PORTS),
        icmp_types=_ranges([0, 3, 8]),
        icmp_codes=st.one_of(st.just(()), _ranges([0, 1])),
        dscp=st.one_of(st.just(()), _ranges([0, 10, 46, 63])),
        ttl=st.one_of(st.just(()), _ranges([0, 1, 2, 255])),
        packet_length=st.one_of(st.just(()), _ranges([0, 64, 1500, 65535])),
        fragment=st.sampled_from(fragments),
    )


ACTIONS = st.builds(
    lambda kind, count, log, policer: TermAction(
        terminating=None if kind in ("next", "none") else Terminating(kind.split(":")[0]),
        reject_reason="tcp-reset" if kind == "reject:tcp-reset" else None,
        routing_instance="blue" if kind == "routing-instance" else None,
        count=count,
        log=log,
        policer=policer,
        next_term=kind == "next",
    ),
    st.sampled_from(["accept", "discard", "reject", "reject:tcp-reset", "routing-instance", "next", "none"]),
    st.sampled_from([None, None, "a", "b"]),
    st.booleans(),
    st.sampled_from([None, None, "p"]),
)


@st.composite
def _filter(draw: st.DrawFn, family: Family) -> FirewallFilter:
    count = draw(st.integers(1, 5))
    terms = tuple(Term(f"t{i}", draw(_matches_of(family)), draw(ACTIONS)) for i in range(count))
    return FirewallFilter("f", family, terms)


@st.composite
def _pair(draw: st.DrawFn) -> tuple[FirewallFilter | None, FirewallFilter | None]:
    """Two filters: independent, one absent, or the second an edit of the first (the common case)."""
    family = draw(st.sampled_from(list(Family)))
    before = draw(_filter(family))
    how = draw(st.sampled_from(["edit", "edit", "edit", "independent", "added", "removed"]))
    if how == "independent":
        return before, draw(_filter(family))
    if how == "added":
        return None, before
    if how == "removed":
        return before, None
    terms = list(before.terms)
    for _ in range(draw(st.integers(1, 2))):
        edit = draw(st.sampled_from(["add", "delete", "swap", "action", "rename"]))
        at = draw(st.integers(0, len(terms) - 1)) if terms else 0
        if edit == "add" or not terms:
            terms.insert(at, Term(f"n{len(terms)}", draw(_matches_of(family)), draw(ACTIONS)))
        elif edit == "delete":
            del terms[at]
        elif edit == "swap":
            other = draw(st.integers(0, len(terms) - 1))
            terms[at], terms[other] = terms[other], terms[at]
        elif edit == "action":
            terms[at] = Term(terms[at].name, terms[at].match, draw(ACTIONS))
        else:
            terms[at] = Term(terms[at].name + "x", terms[at].match, terms[at].action)
    return before, FirewallFilter("f", family, tuple(terms))


def _valid_packet(family: Family) -> st.SearchStrategy[Packet]:
    icmp = hs.ICMP_PROTOCOL[family]

    @st.composite
    def build(draw: st.DrawFn) -> Packet:
        protocol = draw(st.sampled_from(PROTOCOLS))
        fragment = draw(st.integers(0, 3)) if family is Family.INET else hs.UNFRAGMENTED
        head = fragment in (hs.UNFRAGMENTED, hs.FIRST_FRAGMENT)
        ports = head and protocol in hs.PORT_PROTOCOLS
        has_icmp = head and protocol == icmp
        return Packet(
            protocol=protocol,
            source=draw(st.sampled_from(ADDRESSES[family])),
            destination=draw(st.sampled_from(ADDRESSES[family])),
            source_port=draw(st.sampled_from(PORTS)) if ports else None,
            destination_port=draw(st.sampled_from(PORTS)) if ports else None,
            icmp_type=draw(st.sampled_from([0, 3, 8, 255])) if has_icmp else None,
            icmp_code=draw(st.sampled_from([0, 1, 2])) if has_icmp else None,
            dscp=draw(st.sampled_from([0, 10, 46, 63])),
            ttl=draw(st.sampled_from([0, 1, 2, 64, 255])),
            length=draw(st.sampled_from([0, 64, 1500, 65535])),
            fragment=fragment,
            dont_fragment=draw(st.booleans()) if family is Family.INET else False,
        )

    return build()


def _check(result: FilterBehaviour, before: FirewallFilter | None, after: FirewallFilter | None, p: Packet) -> None:
    holding = [r for r in result.regions if r.contains(p)]
    assert len(holding) <= 1, f"{p} is in several regions: {[r.text() for r in holding]}"
    old, new = brute_fate(before, p), brute_fate(after, p)
    if holding:
        region = holding[0]
        assert (region.before.verdict, region.before.modifiers) == old, (p, region.text())
        assert (region.after.verdict, region.after.modifiers) == new, (p, region.text())
        assert not _same(old, new)
    else:
        assert _same(old, new), f"{p}: {old} -> {new} but in no region of {result.lines()}"


SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _edges(before: FirewallFilter | None, after: FirewallFilter | None) -> dict[int, set[int]]:
    """Per dimension, the values where some term's match starts or stops holding (and their
    neighbours): where a wrong region boundary would show. Read off the model directly."""
    edges: dict[int, set[int]] = {dim: set() for dim in range(hs.DIMENSIONS)}
    for f in (before, after):
        for term in f.terms if f else ():
            m = term.match
            for dim, addresses in ((hs.SOURCE, m.source), (hs.DESTINATION, m.destination)):
                for a in addresses:
                    net = ipaddress.ip_network(a.prefix)
                    low, high = int(net.network_address), int(net.broadcast_address)
                    edges[dim] |= {low - 1, low, (low + high) // 2, high, high + 1}
            for dim, ranges in ((hs.PROTOCOL, m.protocols), (hs.SOURCE_PORT, m.source_ports),
                                (hs.DESTINATION_PORT, m.destination_ports), (hs.ICMP_TYPE, m.icmp_types),
                                (hs.ICMP_CODE, m.icmp_codes), (hs.DSCP, m.dscp), (hs.TTL, m.ttl),
                                (hs.LENGTH, m.packet_length)):  # fmt: skip
                for r in ranges:
                    edges[dim] |= {r.low - 1, r.low, r.high, r.high + 1}
    return edges


@SETTINGS
@given(pair=_pair(), data=st.data())
def test_a_packet_changes_fate_exactly_when_a_region_says_so(
    pair: tuple[FirewallFilter | None, FirewallFilter | None], data: st.DataObject
) -> None:
    before, after = pair
    family = (before or after).family  # type: ignore[union-attr]
    result = filter_diff(before, after)
    for p in data.draw(st.lists(_valid_packet(family), min_size=1, max_size=40)):
        _check(result, before, after, p)


@SETTINGS
@given(pair=_pair(), data=st.data())
def test_every_packet_drawn_inside_a_region_changes_fate_as_reported(
    pair: tuple[FirewallFilter | None, FirewallFilter | None], data: st.DataObject
) -> None:
    before, after = pair
    family = (before or after).family  # type: ignore[union-attr]
    result = filter_diff(before, after)
    edges = _edges(before, after)
    for region in result.regions[:8]:
        assert region.packets > 0
        pieces = [b for u in hs.universe(family) if (b := hs.box_intersect(region.box, u)) is not None]
        assert pieces, region.text()
        for _ in range(3):
            piece = data.draw(st.sampled_from(pieces))
            point = []
            for dim, values in enumerate(piece):
                low, high = data.draw(st.sampled_from(values))
                inside = {v for v in edges[dim] if low <= v <= high} | {low, high, (low + high) // 2}
                point.append(data.draw(st.sampled_from(sorted(inside))))
            _check(result, before, after, hs.point_packet(tuple(point), family))


@SETTINGS
@given(pair=_pair(), data=st.data())
def test_a_packet_at_a_match_edge_changes_fate_exactly_when_a_region_says_so(
    pair: tuple[FirewallFilter | None, FirewallFilter | None], data: st.DataObject
) -> None:
    before, after = pair
    family = (before or after).family  # type: ignore[union-attr]
    result = filter_diff(before, after)
    edges = _edges(before, after)
    top = (1 << family.bits) - 1
    for _ in range(20):
        p = data.draw(_valid_packet(family))
        point = list(hs.packet_point(p, family))
        for dim in (hs.SOURCE, hs.DESTINATION):
            near = sorted(v for v in edges[dim] if 0 <= v <= top)
            if near and data.draw(st.booleans()):
                point[dim] = data.draw(st.sampled_from(near))
        _check(result, before, after, hs.point_packet(tuple(point), family))


# ------------------------------------------------------------------ golden examples


def _ports(*values: int) -> tuple[Range, ...]:
    return tuple(Range(v, v) for v in values)


def _addresses(*prefixes: str) -> tuple[AddressMatch, ...]:
    return tuple(AddressMatch(p.removesuffix(" except"), p.endswith(" except")) for p in prefixes)


def _term(name: str, then: TermAction, **match: object) -> Term:
    return Term(name, TermMatch(**match), then)  # type: ignore[arg-type]


ACCEPT = TermAction(Terminating.ACCEPT)
DISCARD = TermAction(Terminating.DISCARD)
ICMP = _term("icmp", ACCEPT, protocols=(Range(1, 1),))
DENY = _term("deny", TermAction(Terminating.DISCARD, count="denied"))


def _ssh(*sources: str) -> Term:
    return _term(
        "ssh",
        TermAction(Terminating.ACCEPT, count="ssh"),
        source=_addresses(*sources),
        destination=_addresses("192.0.2.0/24"),
        protocols=(Range(6, 6),),
        destination_ports=_ports(22),
    )


def _filter_of(*terms: Term, family: Family = INET) -> FirewallFilter:
    return FirewallFilter("protect-re", family, terms)


def test_ssh_opened_to_a_new_source() -> None:
    before = _filter_of(_ssh("10.0.0.0/8"), ICMP, DENY)
    after = _filter_of(_ssh("10.0.0.0/8", "198.51.100.0/24"), ICMP, DENY)
    assert filter_diff(before, after).lines() == [
        "tcp from 198.51.100.0/24 to 192.0.2.0/24 port 22: discard [count denied] → accept [count ssh]"
    ]


def test_icmp_term_removed() -> None:
    before = _filter_of(_ssh("10.0.0.0/8"), ICMP, DENY)
    after = _filter_of(_ssh("10.0.0.0/8"), DENY)
    assert filter_diff(before, after).lines() == ["icmp: accept → discard [count denied]"]


def test_a_term_reordered_changes_only_the_overlap() -> None:
    block = _term("block-lab", DISCARD, source=_addresses("10.66.0.0/16"))
    mgmt = _term("mgmt", ACCEPT, source=_addresses("10.0.0.0/8"))
    before = _filter_of(block, mgmt, DENY)
    after = _filter_of(mgmt, block, DENY)
    assert filter_diff(before, after).lines() == ["from 10.66.0.0/16: discard → accept"]


def test_a_filter_where_there_was_none() -> None:
    after = _filter_of(_ssh("10.0.0.0/8", "10.66.0.0/16 except"), ICMP, DENY)
    assert filter_diff(None, after).lines() == [
        "not icmp,tcp: no filter → discard [count denied]",
        "tcp from any except (10.0.0.0/8 except 10.66.0.0/16): no filter → discard [count denied]",
        "tcp from 10.0.0.0/8 except 10.66.0.0/16 to any except 192.0.2.0/24: no filter → discard [count denied]",
        "tcp from 10.0.0.0/8 except 10.66.0.0/16 to 192.0.2.0/24 port not 22: no filter → discard [count denied]",
        # counted now, but passed before too: listed after the verdict changes
        "tcp from 10.0.0.0/8 except 10.66.0.0/16 to 192.0.2.0/24 port 22: no filter → accept [count ssh]",
    ]
    assert filter_diff(after, None).lines()[0] == "not icmp,tcp: discard [count denied] → no filter"


def test_renamed_terms_change_nothing_and_a_new_counter_is_reported() -> None:
    before = _filter_of(_ssh("10.0.0.0/8"), DENY)
    renamed = _filter_of(Term("ssh-in", _ssh("10.0.0.0/8").match, _ssh("10.0.0.0/8").action), DENY)
    assert filter_diff(before, renamed).lines() == []
    recount = _filter_of(_ssh("10.0.0.0/8"), _term("deny", TermAction(Terminating.DISCARD, count="dropped")))
    assert filter_diff(before, recount).lines() == [
        "not tcp: discard [count denied] → discard [count dropped]",
        "tcp from any except 10.0.0.0/8: discard [count denied] → discard [count dropped]",
        "tcp from 10.0.0.0/8 to any except 192.0.2.0/24: discard [count denied] → discard [count dropped]",
        "tcp from 10.0.0.0/8 to 192.0.2.0/24 port not 22: discard [count denied] → discard [count dropped]",
    ]


def test_next_term_counts_and_falls_through() -> None:
    count_all = _term("count-web", TermAction(count="web", next_term=True), protocols=(Range(6, 6),),
                      destination_ports=_ports(80))  # fmt: skip
    before = _filter_of(_term("web", ACCEPT, protocols=(Range(6, 6),), destination_ports=_ports(80, 443)), DENY)
    after = _filter_of(count_all, *before.terms)
    assert filter_diff(before, after).lines() == ["tcp to any port 80: accept → accept [count web]"]


def test_fragments_and_reject_reasons() -> None:
    before = _filter_of(_term("frag", DISCARD, fragment=Fragment.IS_FRAGMENT), _term("rest", ACCEPT))
    after = _filter_of(
        _term("frag", TermAction(Terminating.REJECT, reject_reason="administratively-prohibited"),
              fragment=Fragment.IS_FRAGMENT),
        _term("rest", ACCEPT),
    )  # fmt: skip
    assert filter_diff(before, after).lines() == ["is-fragment: discard → reject administratively-prohibited"]


def test_inet6_and_routing_instance() -> None:
    before = FirewallFilter("v6", Family.INET6, (_term("all", ACCEPT),))
    steer = _term(
        "steer",
        TermAction(Terminating.ROUTING_INSTANCE, routing_instance="blue"),
        destination=_addresses("2001:db8::/32"),
        protocols=(Range(58, 58),),
        icmp_types=(Range(128, 128),),
    )
    after = FirewallFilter("v6", Family.INET6, (steer, _term("all", ACCEPT)))
    assert filter_diff(before, after).lines() == [
        "icmp6 to 2001:db8::/32 icmp-type 128: accept → routing-instance blue"
    ]


def test_adjacent_regions_merge() -> None:
    hosts = tuple(_term(f"lab{i}", DISCARD, source=_addresses(f"10.0.{i}.0/24")) for i in range(1, 15))
    before = _filter_of(_term("rest", ACCEPT))
    after = _filter_of(*hosts, _term("rest", ACCEPT))
    assert filter_diff(before, after).lines() == [
        "from 10.0.0.0/20 except (10.0.0.0/24, 10.0.15.0/24): accept → discard"
    ]


def test_output_is_bounded_largest_regions_first() -> None:
    # Each term its own source size and port: regions that cannot merge, of decreasing size.
    terms = tuple(
        _term(f"t{i}", DISCARD, source=_addresses(f"10.{i}.0.0/{16 + i}"), protocols=(Range(6, 6),),
              destination_ports=_ports(1000 + i))
        for i in range(12)
    )  # fmt: skip
    before = _filter_of(_term("rest", ACCEPT))
    after = _filter_of(*reversed(terms), _term("rest", ACCEPT))
    assert filter_diff(before, after, limit=3).lines() == [
        "tcp from 10.0.0.0/16 to any port 1000: accept → discard",
        "tcp from 10.1.0.0/17 to any port 1001: accept → discard",
        "tcp from 10.2.0.0/18 to any port 1002: accept → discard",
        "... and 9 more regions",
    ]
    assert len(filter_diff(before, after, limit=20).lines()) == 12
    assert filter_diff(before, after, limit=11).lines()[-1] == "... and 1 more region"


def test_a_packet_no_term_decides_is_discarded_and_a_count_only_term_accepts() -> None:
    web = _term("web", ACCEPT, protocols=(Range(6, 6),), destination_ports=_ports(80))
    assert filter_diff(None, _filter_of(web)).lines() == [
        "not tcp: no filter → discard",
        "tcp to any port not 80: no filter → discard",
    ]
    # Junos accepts after a term that has no terminating action and no next term (intent refuses such a term).
    counted = _filter_of(_term("web", TermAction(count="web"), protocols=(Range(6, 6),), destination_ports=_ports(80)))
    assert filter_diff(_filter_of(web), counted).lines() == ["tcp to any port 80: accept → accept [count web]"]


def test_families_must_agree() -> None:
    v6 = FirewallFilter("protect-re", Family.INET6, (_term("all", ACCEPT),))
    try:
        filter_diff(_filter_of(_term("all", ACCEPT)), v6)
    except ValueError as exc:
        assert "inet" in str(exc)
    else:
        raise AssertionError("a family mismatch must be refused")
