"""Behavioural route diff: golden examples and a brute-force property test."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reconciler.model.routes import BgpPath, Gateway, RouteKey, RouteProtocol, StaticRoute
from reconciler.plan.behaviour.routes import (
    RouteTables,
    route_diff,
    route_diff_for_plan,
)
from reconciler.plan.model import Action, Change, Kind


def static(prefix: str, *hops: str, preference: int | None = 5, table: str = "inet.0", cookie: int = 0) -> StaticRoute:
    return StaticRoute(RouteKey(table, prefix, cookie), tuple(Gateway(h) for h in hops), preference)


def bgp(prefix: str, hop: str, preference: int | None = None, cookie: int = 1, table: str = "inet.0") -> BgpPath:
    return BgpPath(RouteKey(table, prefix, cookie), hop, preference)


def diff(before: Sequence[StaticRoute | BgpPath], after: Sequence[StaticRoute | BgpPath]) -> list[str]:
    return route_diff(RouteTables.of(before), RouteTables.of(after)).lines()


DEFAULT = static("0.0.0.0/0", "192.0.2.254")


# --- golden examples -------------------------------------------------------------------------


def test_more_specific_shadows_a_default() -> None:
    assert diff([DEFAULT], [DEFAULT, static("10.30.0.0/16", "192.0.2.5")]) == [
        "inet.0 10.30.0.0/16: via 0.0.0.0/0 → 192.0.2.254 becomes via 192.0.2.5"
    ]


def test_delete_falls_back_to_the_covering_route() -> None:
    more = static("10.30.0.0/16", "192.0.2.5")
    assert diff([DEFAULT, more], [DEFAULT]) == [
        "inet.0 10.30.0.0/16: via 192.0.2.5 becomes via 0.0.0.0/0 → 192.0.2.254"
    ]


def test_delete_leaves_unreachable_except_what_a_more_specific_keeps() -> None:
    kept = static("10.1.0.0/16", "192.0.2.1")
    gone = static("10.0.0.0/14", "192.0.2.2")
    assert diff([gone, kept], [kept]) == [
        "inet.0 10.2.0.0/15: via 10.0.0.0/14 → 192.0.2.2 becomes unreachable",
        "inet.0 10.0.0.0/16: via 10.0.0.0/14 → 192.0.2.2 becomes unreachable",
    ]


def test_same_next_hop_through_another_route_is_no_change() -> None:
    assert diff([DEFAULT], [DEFAULT, static("10.30.0.0/16", "192.0.2.254")]) == []


def test_ecmp_set_grows_when_a_bgp_path_joins_at_the_same_preference() -> None:
    one = bgp("10.123.0.0/24", "10.0.0.1", cookie=1)
    two = bgp("10.123.0.0/24", "10.0.0.2", cookie=2)
    worse = bgp("10.123.0.0/24", "10.0.0.3", preference=200, cookie=3)
    assert diff([one, worse], [one, two, worse]) == [
        "inet.0 10.123.0.0/24: via 10.0.0.1 becomes via 10.0.0.1, 10.0.0.2"
    ]


def test_lower_preference_wins_and_static_beats_bgp_by_default() -> None:
    path = bgp("10.9.0.0/16", "10.0.0.1")  # 170 by default
    route = static("10.9.0.0/16", "192.0.2.9", preference=None)  # static: 5 by default
    assert diff([path], [path, route]) == ["inet.0 10.9.0.0/16: via 10.0.0.1 becomes via 192.0.2.9"]
    assert diff([path, route], [path, static("10.9.0.0/16", "192.0.2.9", preference=180)]) == [
        "inet.0 10.9.0.0/16: via 192.0.2.9 becomes via 10.0.0.1"
    ]


def test_direct_routes_take_part_and_win_by_preference() -> None:
    direct = StaticRoute(RouteKey("inet.0", "10.5.0.0/24", 0), (Gateway(None, "ge-0/0/1.0"),), None, None, None,
                         RouteProtocol.DIRECT)  # fmt: skip
    ours = static("10.5.0.0/24", "192.0.2.7", cookie=7)
    assert diff([direct], [direct, ours]) == []
    assert diff([DEFAULT], [DEFAULT, direct]) == [
        "inet.0 10.5.0.0/24: via 0.0.0.0/0 → 192.0.2.254 becomes via ge-0/0/1.0"
    ]


def test_ipv6() -> None:
    default6 = static("::/0", "2001:db8::1", table="inet6.0")
    site = static("2001:db8:100::/48", "2001:db8::2", table="inet6.0")
    assert diff([default6], [default6, site]) == [
        "inet6.0 2001:db8:100::/48: via ::/0 → 2001:db8::1 becomes via 2001:db8::2"
    ]


def test_output_is_bounded_largest_first_then_by_address() -> None:
    routes = [static(f"10.50.{i}.0/24", "192.0.2.6", cookie=10 + i) for i in range(20)]
    routes.append(static("10.40.0.0/16", "192.0.2.5"))
    lines = route_diff(RouteTables.of([DEFAULT]), RouteTables.of([DEFAULT, *routes]), limit=5).lines()
    assert lines == [
        "inet.0 10.40.0.0/16: via 0.0.0.0/0 → 192.0.2.254 becomes via 192.0.2.5",
        *(f"inet.0 10.50.{i}.0/24: via 0.0.0.0/0 → 192.0.2.254 becomes via 192.0.2.6" for i in range(4)),
        "inet.0 ... and 16 more",
    ]


def test_ranges_are_prefixes_per_route_and_tables_are_separate() -> None:
    # Two /17s with the same next hop are two routes, so two lines; the blue table is its own list.
    halves = [static("10.40.0.0/17", "192.0.2.5", cookie=1), static("10.40.128.0/17", "192.0.2.5", cookie=2)]
    blue = static("10.40.0.0/16", "192.0.2.7", table="blue.inet.0")
    assert diff([DEFAULT], [DEFAULT, *halves, blue]) == [
        "blue.inet.0 10.40.0.0/16: unreachable becomes via 192.0.2.7",
        "inet.0 10.40.0.0/17: via 0.0.0.0/0 → 192.0.2.254 becomes via 192.0.2.5",
        "inet.0 10.40.128.0/17: via 0.0.0.0/0 → 192.0.2.254 becomes via 192.0.2.5",
    ]


def test_only_changed_tables_are_reported_and_each_table_matches_its_own_routes() -> None:
    # The same prefixes in three tables: red is unchanged, blue and inet.0 change differently.
    red = [
        static("0.0.0.0/0", "198.51.100.1", table="red.inet.0"),
        static("10.7.0.0/16", "198.51.100.2", table="red.inet.0"),
    ]
    blue = static("10.7.0.0/16", "203.0.113.1", table="blue.inet.0")
    blue_default = static("0.0.0.0/0", "203.0.113.254", table="blue.inet.0")
    inet = static("10.7.0.0/16", "192.0.2.7")
    before = [*red, blue_default, blue, DEFAULT, inet]
    after = [*red, blue_default, static("10.7.0.0/17", "203.0.113.2", table="blue.inet.0"), DEFAULT]
    assert diff(before, after) == [
        "blue.inet.0 10.7.0.0/17: via 10.7.0.0/16 → 203.0.113.1 becomes via 203.0.113.2",
        "blue.inet.0 10.7.128.0/17: via 10.7.0.0/16 → 203.0.113.1 becomes via 0.0.0.0/0 → 203.0.113.254",
        "inet.0 10.7.0.0/16: via 192.0.2.7 becomes via 0.0.0.0/0 → 192.0.2.254",
    ]


def test_for_plan_applies_create_update_delete() -> None:
    old = static("10.60.0.0/16", "192.0.2.60", cookie=60)
    new = static("10.60.0.0/16", "192.0.2.61", cookie=60)
    gone = bgp("10.70.0.0/16", "10.0.0.70", cookie=70)
    added = static("10.80.0.0/16", "192.0.2.80", cookie=80)
    observed = RouteTables.of([DEFAULT, old, gone])
    changes = [
        Change(Action.UPDATE, Kind.STATIC_ROUTE, str(old.key), None, None, subject=new, previous=old),
        Change(Action.DELETE, Kind.BGP_PATH, str(gone.key), None, None, subject=gone),
        Change(Action.CREATE, Kind.STATIC_ROUTE, str(added.key), None, None, subject=added),
    ]
    result = route_diff_for_plan(observed.static, observed.bgp, changes)
    assert result.lines() == [
        "inet.0 10.60.0.0/16: via 192.0.2.60 becomes via 192.0.2.61",
        "inet.0 10.70.0.0/16: via 10.0.0.70 becomes via 0.0.0.0/0 → 192.0.2.254",
        "inet.0 10.80.0.0/16: via 0.0.0.0/0 → 192.0.2.254 becomes via 192.0.2.80",
    ]
    assert result == route_diff(observed, RouteTables.of([DEFAULT, new, added]))


# --- brute force ---------------------------------------------------------------------------------

# Small spaces whose prefixes nest often; the IPv6 bases put zero hextets where canonical
# text compresses them ("2001::", a leading "::"), which the fast prefix filter must read right.
BASES = ["10.0.0.0", "10.20.30.0", "2001::", "::", "2001:db8:1::"]
Spec = tuple[int, int, int, bool, int | None, str, int]

route_specs = st.lists(
    st.tuples(
        st.integers(0, 128),  # length (cut to the family's width)
        st.integers(0, 255),  # varying bits of the address
        st.sampled_from([0, 4, 8, 12, 16, 40, 64]),  # ... shifted this far from the end of the base's
        st.booleans(),  # BGP path or static route
        st.sampled_from([5, 10, None]),  # preference
        st.sampled_from(["a", "b", "c"]),  # next hop
        st.integers(0, 2),  # cookie
    ),
    max_size=8,
)


def _network(base: str, length: int, bits: int, shift: int) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    """A prefix of the base with some varying bits: assumes canonical text = ipaddress's (RFC 5952)."""
    start = ipaddress.ip_address(base)
    width = start.max_prefixlen
    length = min(length, width)
    # the varying bits sit just past the base's significant part, so prefixes straddle the /8-/32 levels
    value = int(start) ^ (bits << max(0, width - 32 - shift) if width == 128 else bits << max(0, 16 - shift))
    kind = ipaddress.IPv6Network if width == 128 else ipaddress.IPv4Network
    return kind((value >> (width - length) << (width - length), length))


def _build(base: str, spec: list[Spec]) -> list[StaticRoute | BgpPath]:
    table = "inet6.0" if ":" in base else "inet.0"
    hop_base = "2001:db8:ffff::" if ":" in base else "192.0.2."
    result: dict[tuple[bool, RouteKey], StaticRoute | BgpPath] = {}
    for length, bits, shift, is_bgp, preference, hop, cookie in spec:
        key = RouteKey(table, str(_network(base, length, bits, shift)), cookie)
        address = f"{hop_base}{ord(hop)}"
        if is_bgp:
            result[True, key] = BgpPath(key, address, preference)
        else:
            result[False, key] = StaticRoute(key, (Gateway(address),), preference)
    return list(result.values())


def _net(route: StaticRoute | BgpPath) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    return ipaddress.ip_network(route.key.prefix)


def _brute(routes: list[StaticRoute | BgpPath], address: int, v6: bool) -> tuple[str, ...] | None:
    """Forwarding of one destination, straight from the definition."""
    destination = ipaddress.ip_address(address) if not v6 else ipaddress.IPv6Address(address)
    covering = [r for r in routes if destination in _net(r)]
    if not covering:
        return None
    longest = max(_net(r).prefixlen for r in covering)
    best = [r for r in covering if _net(r).prefixlen == longest]

    def preference(r: StaticRoute | BgpPath) -> int:
        if isinstance(r, StaticRoute):
            return 5 if r.preference is None else r.preference
        return 170 if r.route_preference is None else r.route_preference

    low = min(preference(r) for r in best)
    hops = {h for r in best if preference(r) == low for h in
            ([g.address or "" for g in r.gateways] if isinstance(r, StaticRoute) else [r.next_hop])}  # fmt: skip
    return tuple(sorted(hops))


def _probes(prefixes: list[str]) -> set[int]:
    """Forwarding is constant between the edges of routes and reported ranges: probe each edge
    and its neighbours, which reaches every piece."""
    probes = {0}
    for prefix in prefixes:
        net = ipaddress.ip_network(prefix)
        for edge in (int(net.network_address), int(net.broadcast_address)):
            probes.update(p for p in (edge - 1, edge, edge + 1) if 0 <= p < 1 << net.max_prefixlen)
    return probes


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(BASES), route_specs, route_specs, st.integers(0, 4))
def test_matches_brute_force(base: str, shared: list[Spec], extra: list[Spec], keep: int) -> None:
    common = _build(base, shared)
    before_tables = RouteTables.of(common + _build(base, extra)[:keep])
    after_tables = RouteTables.of(common[keep:] + _build(base, extra))
    before: list[StaticRoute | BgpPath] = [*before_tables.static.values(), *before_tables.bgp.values()]
    after: list[StaticRoute | BgpPath] = [*after_tables.static.values(), *after_tables.bgp.values()]
    reported = route_diff(before_tables, after_tables, limit=1000).changes
    networks = [ipaddress.ip_network(c.prefix) for c in reported]
    for i, a in enumerate(networks):  # reported ranges never overlap
        assert not any(a.overlaps(b) for b in networks[i + 1 :])
    v6 = ":" in base
    for address in _probes([r.key.prefix for r in before + after] + [c.prefix for c in reported]):
        old, new = _brute(before, address, v6), _brute(after, address, v6)
        destination = ipaddress.IPv6Address(address) if v6 else ipaddress.IPv4Address(address)
        inside = [c for c, n in zip(reported, networks, strict=True) if destination in n]
        if not inside:
            assert old == new, f"{destination} changed but not reported: {old} -> {new}"
            continue
        (change,) = inside
        assert (change.before.next_hops if change.before else None) == old
        assert (change.after.next_hops if change.after else None) == new
        assert old != new
        # the route named is the longest covering prefix holding a route on that side
        for side, routes in ((change.before, before), (change.after, after)):
            if side is not None:
                longest = max((_net(r) for r in routes if destination in _net(r)), key=lambda n: n.prefixlen)
                assert side.via == str(longest)


# --- size -----------------------------------------------------------------------------------------


def _key(i: int, tail: str = "0/24") -> RouteKey:
    return RouteKey("inet.0", f"{11 + i // 65536}.{i // 256 % 256}.{i % 256}.{tail}", 0)


def test_a_large_table_with_many_changes() -> None:
    """Correctness at size (the speed is measured by bench/route_behaviour_bench.py, not asserted)."""
    hop = (Gateway("192.0.2.1"),)
    table = {key: StaticRoute(key, hop, 5) for key in map(_key, range(20_000))}
    table[DEFAULT.key] = DEFAULT
    changes = []
    for k in range(500):  # deletions fall back to the default; new /25s shadow half of their /24
        changes.append(Change(Action.DELETE, Kind.STATIC_ROUTE, "", None, None, subject=table[_key(k * 19)]))
        new = StaticRoute(_key(k * 19 + 10_000, "128/25"), (Gateway("192.0.2.9"),), 5)
        changes.append(Change(Action.CREATE, Kind.STATIC_ROUTE, "", None, None, subject=new))
    result = route_diff_for_plan(table, {}, changes)
    assert len(result.changes) == 1000
    assert result.changes[0].line() == "inet.0 11.0.0.0/24: via 192.0.2.1 becomes via 0.0.0.0/0 → 192.0.2.254"
