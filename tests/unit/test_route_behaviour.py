"""Behavioural route diff: golden examples and a brute-force property test."""

from __future__ import annotations

import ipaddress
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reconciler.model.routes import BgpPath, Gateway, RouteKey, RouteProtocol, StaticRoute
from reconciler.plan.behaviour.routes import (
    RangeChange,
    RouteTables,
    route_diff,
    route_diff_for_plan,
)
from reconciler.plan.model import Action, Change, Kind


def static(prefix: str, *hops: str, preference: int | None = 5, table: str = "inet.0", cookie: int = 0) -> StaticRoute:
    return StaticRoute(RouteKey(table, prefix, cookie), tuple(Gateway(h) for h in hops), preference)


def bgp(prefix: str, hop: str, preference: int | None = None, cookie: int = 1, table: str = "inet.0") -> BgpPath:
    return BgpPath(RouteKey(table, prefix, cookie), hop, preference)


def diff(before: list[StaticRoute | BgpPath], after: list[StaticRoute | BgpPath]) -> list[str]:
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

SPACE = 24  # addresses 10.0.0.0-10.0.0.255 plus covering prefixes down to /0; prefixes reach /32
BASE = int(ipaddress.IPv4Address("10.0.0.0"))


def _prefix(length: int, offset: int) -> str:
    if length <= SPACE:
        return str(ipaddress.IPv4Network((BASE >> (32 - length) << (32 - length), length)))
    host = (offset % (1 << (32 - SPACE))) >> (32 - length) << (32 - length)
    return str(ipaddress.IPv4Network((BASE + host, length)))


routes_strategy = st.lists(
    st.tuples(
        st.integers(0, 32),  # length
        st.integers(0, 255),  # offset inside the small space
        st.booleans(),  # BGP path or static route
        st.sampled_from([5, 10, None]),  # preference
        st.sampled_from(["192.0.2.1", "192.0.2.2", "192.0.2.3"]),  # next hop
        st.integers(0, 2),  # cookie
    ),
    max_size=8,
)


def _build(spec: list[tuple[int, int, bool, int | None, str, int]]) -> list[StaticRoute | BgpPath]:
    result: dict[tuple[bool, RouteKey], StaticRoute | BgpPath] = {}
    for length, offset, is_bgp, preference, hop, cookie in spec:
        key = RouteKey("inet.0", _prefix(length, offset), cookie)
        if is_bgp:
            result[True, key] = BgpPath(key, hop, preference)
        else:
            result[False, key] = StaticRoute(key, (Gateway(hop),), preference)
    return list(result.values())


def _brute(routes: list[StaticRoute | BgpPath], address: int) -> tuple[str, ...] | None:
    """Forwarding of one destination, straight from the definition."""
    covering = [r for r in routes if ipaddress.IPv4Address(address) in ipaddress.IPv4Network(r.key.prefix)]
    if not covering:
        return None
    longest = max(ipaddress.IPv4Network(r.key.prefix).prefixlen for r in covering)
    best = [r for r in covering if ipaddress.IPv4Network(r.key.prefix).prefixlen == longest]

    def preference(r: StaticRoute | BgpPath) -> int:
        if isinstance(r, StaticRoute):
            return 5 if r.preference is None else r.preference
        return 170 if r.route_preference is None else r.route_preference

    low = min(preference(r) for r in best)
    hops = {h for r in best if preference(r) == low for h in
            ([g.address or "" for g in r.gateways] if isinstance(r, StaticRoute) else [r.next_hop])}  # fmt: skip
    return tuple(sorted(hops))


def _probes(routes: list[StaticRoute | BgpPath], reported: tuple[RangeChange, ...]) -> set[int]:
    """Every address of the small space, plus every edge of any route or reported range."""
    probes = set(range(BASE, BASE + 256))
    for prefix in [r.key.prefix for r in routes] + [c.prefix for c in reported]:
        net = ipaddress.IPv4Network(prefix)
        for edge in (int(net.network_address), int(net.broadcast_address)):
            probes.update(p for p in (edge - 1, edge, edge + 1) if 0 <= p < 1 << 32)
    return probes


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(routes_strategy, routes_strategy, st.integers(0, 4))
def test_matches_brute_force(shared: list, extra: list, keep: int) -> None:  # type: ignore[type-arg]
    base = _build(shared)
    before = base + _build(extra)[:keep]
    after = base[keep:] + _build(extra)
    # dedupe keys across the two lists (a later value replaces an earlier one)
    before = list(RouteTables.of(before).static.values()) + list(RouteTables.of(before).bgp.values())
    after = list(RouteTables.of(after).static.values()) + list(RouteTables.of(after).bgp.values())
    result = route_diff(RouteTables.of(before), RouteTables.of(after), limit=1000)
    reported = result.changes
    networks = [ipaddress.IPv4Network(c.prefix) for c in reported]
    for i, a in enumerate(networks):  # reported ranges never overlap
        assert not any(a.overlaps(b) for b in networks[i + 1 :])
    for address in _probes(before + after, reported):
        old, new = _brute(before, address), _brute(after, address)
        inside = [c for c, n in zip(reported, networks, strict=True) if ipaddress.IPv4Address(address) in n]
        if not inside:
            assert old == new, f"{ipaddress.IPv4Address(address)} changed but not reported: {old} -> {new}"
            continue
        (change,) = inside
        assert old != new
        assert (change.before.next_hops if change.before else None) == old
        assert (change.after.next_hops if change.after else None) == new
        # the route named is the longest covering prefix holding a route
        for side, routes in ((change.before, before), (change.after, after)):
            if side is not None:
                covering = [ipaddress.IPv4Network(r.key.prefix) for r in routes
                            if ipaddress.IPv4Address(address) in ipaddress.IPv4Network(r.key.prefix)]  # fmt: skip
                assert side.via == str(max(covering, key=lambda n: n.prefixlen))
    assert len(result.lines()) == len(reported)


# --- size -----------------------------------------------------------------------------------------


def _key(i: int, tail: str = "0/24") -> RouteKey:
    return RouteKey("inet.0", f"{11 + i // 65536}.{i // 256 % 256}.{i % 256}.{tail}", 0)


def test_a_million_routes_with_a_thousand_changes_in_well_under_a_second() -> None:
    hop = (Gateway("192.0.2.1"),)
    table = {key: StaticRoute(key, hop, 5) for key in map(_key, range(1_000_000))}
    table[DEFAULT.key] = DEFAULT
    changes = []
    for k in range(500):  # deletions fall back to the default; new /25s shadow half of their /24
        changes.append(Change(Action.DELETE, Kind.STATIC_ROUTE, "", None, None, subject=table[_key(k * 1999)]))
        new = StaticRoute(_key(k * 1999 + 1000, "128/25"), (Gateway("192.0.2.9"),), 5)
        changes.append(Change(Action.CREATE, Kind.STATIC_ROUTE, "", None, None, subject=new))
    started = time.perf_counter()
    result = route_diff_for_plan(table, {}, changes)
    elapsed = time.perf_counter() - started
    assert len(result.changes) == 1000
    assert result.changes[0].line() == "inet.0 11.0.0.0/24: via 192.0.2.1 becomes via 0.0.0.0/0 → 192.0.2.254"
    assert elapsed < 1.0, f"{elapsed:.2f} s"
