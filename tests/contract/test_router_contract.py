"""The router port's contract, run against every driver (memory and JET over gRPC).

Each test states what a router session must do; both drivers must pass the same
assertions, so the in-memory device stays a faithful stand-in for the JET driver.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from reconciler.model.filters import (
    Binding,
    Direction,
    FirewallFilter,
    Range,
    Term,
    TermAction,
    TermEdit,
    Terminating,
    TermMatch,
    TermOperation,
)
from reconciler.model.prefixes import Family
from reconciler.model.routes import BgpPath, Gateway, PeerType, RouteKey, RouteProtocol, StaticRoute
from reconciler.port.errors import (
    Ambiguous,
    ConfigError,
    Reason,
    Refused,
    Retryable,
    RouterError,
    SessionLost,
    Unreachable,
)
from reconciler.port.memory import MemoryFleet, MemoryRouter
from reconciler.port.session import Counter, Interface, Role, RouterSession, SessionInfo
from tests.contract.conftest import CLIENT, Driver, device
from tests.helpers import bgp_path, v4_route

INET, INET6 = Family.INET, Family.INET6
ACCEPT, DISCARD = TermAction(Terminating.ACCEPT), TermAction(Terminating.DISCARD)
FILTER = FirewallFilter(
    "contract-f",
    INET,
    (
        Term("t1", TermMatch(protocols=(Range(1, 1),)), TermAction(Terminating.ACCEPT, count="c1")),
        Term("t2", action=DISCARD),
    ),
)
OTHER = FirewallFilter("contract-g", INET, (Term("only", action=ACCEPT),))
BINDING = Binding("contract-f", INET, "ge-0/0/0.0", Direction.INPUT)


def route(prefix: str, cookie: int = 1, *hops: str, table: str = "inet.0") -> StaticRoute:
    return StaticRoute(RouteKey(table, prefix, cookie), tuple(Gateway(h) for h in hops or ("192.0.2.1",)), 5, 100)


def refused(call: Callable[[], object]) -> Refused:
    with pytest.raises(Refused) as failure:
        call()
    return failure.value


def opened(driver: Driver, *, rebound: bool, owned: int) -> SessionInfo:
    """What a session says when opened; a v1 router does not tell how many routes a client
    id owns (its RIB has no initialize), and the port says so with None."""
    return SessionInfo(rebound=rebound, owned_routes=owned if driver.counts_routes else None)


def terms_after(driver: Driver, edits: list[TermEdit]) -> list[str] | None:
    driver.opened[0].modify_filter(FILTER.name, INET, edits)
    return driver.filter_terms(FILTER.name, INET)


# ------------------------------------------------------------------ routes


def test_static_routes_read_back_as_written(driver: Driver) -> None:
    session = driver.connect()
    routes = [
        StaticRoute(
            RouteKey("inet.0", "10.1.0.0/16", 11),
            (Gateway("192.0.2.1"), Gateway("192.0.2.2", weight=3), Gateway(interface="ge-0/0/1.0")),
            preference=7,
            preference2=50,
            tag=9,
        ),
        route("10.1.2.0/24", 12, "192.0.2.3"),
        route("2001:db8:1::/48", 13, "2001:db8::1", "2001:db8::2", table="inet6.0"),
        route("10.9.0.0/16", 14, "192.0.2.4", table="blue.inet.0"),
    ]
    session.write_static(routes)
    assert list(session.read_static("inet.0", "10.0.0.0/8")) == routes[:2]
    assert list(session.read_static("inet6.0", "2001:db8:1::/48")) == [routes[2]]
    assert list(session.read_static("blue.inet.0")) == [routes[3]]
    # A whole table: every route in prefix order, configured ones included with their protocol.
    whole = [(r.key.prefix, r.key.cookie, r.protocol) for r in session.read_static("inet.0")]
    assert whole == [
        ("0.0.0.0/0", 0, RouteProtocol.STATIC),
        ("10.1.0.0/16", 11, RouteProtocol.STATIC),
        ("10.1.2.0/24", 12, RouteProtocol.STATIC),
        ("192.0.2.0/24", 0, RouteProtocol.DIRECT),
        ("192.0.2.1/32", 0, RouteProtocol.LOCAL),
    ]


def test_bgp_paths_read_back_as_written_with_ecmp_cookies(driver: Driver) -> None:
    session = driver.connect()
    paths = [
        BgpPath(
            RouteKey("inet.0", "10.5.0.0/16", 1), "10.0.0.1", 170, 200, 10, "65001 65002", ("65000:1", "no-export")
        ),
        BgpPath(RouteKey("inet.0", "10.5.0.0/16", 2), "10.0.0.2", 170, 100, peer_type=PeerType.EXTERNAL),
        bgp_path("2001:db8:5::/48", 1, "2001:db8::5", table="inet6.0"),
        BgpPath(RouteKey("blue.inet6.0", "2001:db8:6::/48", 3), "2001:db8::6"),
    ]
    session.write_bgp(paths)
    assert list(session.read_bgp("inet.0")) == paths[:2]
    assert list(session.read_bgp("inet.0", "10.5.0.0/16")) == paths[:2]
    assert list(session.read_bgp("inet6.0")) == [paths[2]]
    assert list(session.read_bgp("blue.inet6.0")) == [paths[3]]
    assert list(session.read_static("inet.0", "10.5.0.0/16")) == []  # BGP paths are not static routes


def test_writes_are_upserts_owned_by_the_writing_client(driver: Driver) -> None:
    writer = driver.connect()
    writer.write_static([route("10.3.0.0/16", 1, "192.0.2.1")])
    replaced = StaticRoute(RouteKey("inet.0", "10.3.0.0/16", 1), (Gateway("192.0.2.9"),), 8, 100, tag=4)
    writer.write_static([replaced])
    assert list(writer.read_static("inet.0", "10.3.0.0/16")) == [replaced]
    writer.write_bgp([bgp_path("10.4.0.0/16", 1, "10.0.0.1")])
    writer.write_bgp([bgp_path("10.4.0.0/16", 1, "10.0.0.7")])
    assert [p.next_hop for p in writer.read_bgp("inet.0", "10.4.0.0/16")] == ["10.0.0.7"]
    # The same key written by another client id is that client's route, next to ours.
    other = driver.connect(Role.READER)
    theirs = route("10.3.0.0/16", 1, "192.0.2.200")
    other.write_static([theirs])
    assert list(writer.read_static("inet.0", "10.3.0.0/16")) == [replaced, theirs]
    other.delete_static([theirs.key])
    assert list(writer.read_static("inet.0", "10.3.0.0/16")) == [replaced]


def test_reads_return_the_routes_under_a_prefix(driver: Driver) -> None:
    session = driver.connect()
    routes = [route(p) for p in ("10.1.0.0/16", "10.1.5.0/24", "10.2.0.0/16", "10.10.0.0/16")]
    session.write_static(routes)
    assert list(session.read_static("inet.0", "10.1.0.0/16")) == routes[:2]
    assert list(session.read_static("inet.0", "10.1.5.0/24")) == [routes[1]]
    assert list(session.read_static("inet.0", "10.128.0.0/9")) == []
    six = [route(p, 1, "2001:db8::1", table="inet6.0") for p in ("2001:db8:a::/48", "2001:db8:b::/48")]
    session.write_static(six)
    assert list(session.read_static("inet6.0", "2001:db8:b::/48")) == [six[1]]


def test_a_table_the_router_does_not_have_is_refused_no_table(driver: Driver) -> None:
    session = driver.connect()
    for read in (lambda: list(session.read_static("red.inet.0")), lambda: list(session.read_bgp("red.inet6.0"))):
        assert refused(read).reason is Reason.NO_TABLE
    error = refused(lambda: session.write_static([route("10.1.0.0/16", table="red.inet.0")]))
    assert (error.reason, error.applied) == (Reason.NO_TABLE, ())
    error = refused(lambda: session.write_bgp([bgp_path("10.1.0.0/16", 1, "10.0.0.1", table="red.inet.0")]))
    assert (error.reason, error.applied) == (Reason.NO_TABLE, ())


def test_prefixes_the_router_refuses_are_invalid(driver: Driver) -> None:
    session = driver.connect()
    for bad in ("10.1.0.1/16", "2001:db8::/32", "10.0.0.0/33"):  # host bits, wrong family, too long
        error = refused(lambda bad=bad: session.write_static([route(bad)]))  # type: ignore[misc]
        assert (error.reason, error.subject) == (Reason.INVALID, f"route inet.0 {bad} cookie 1")
    assert refused(lambda: list(session.read_static("inet.0", "2001:db8::/32"))).reason is Reason.INVALID


def test_deletes_remove_what_is_present_and_ignore_what_is_not(driver: Driver) -> None:
    session = driver.connect()
    routes = [v4_route(i) for i in range(3)]
    session.write_static(routes)
    absent = [RouteKey("inet.0", "10.77.0.0/16", 1), RouteKey("inet.0", routes[1].key.prefix, 999)]
    session.delete_static([routes[0].key, absent[0], routes[2].key, absent[1]])
    # A v1 RIB removal matches table and prefix among the client's own routes, whatever the cookie.
    assert list(session.read_static("inet.0", "10.0.0.0/8")) == ([routes[1]] if driver.cookie_in_static_key else [])
    session.delete_static(absent)  # nothing there at all: still the goal
    paths = [bgp_path("10.6.0.0/16", cookie, f"10.0.0.{cookie}") for cookie in (1, 2)]
    session.write_bgp(paths)
    session.delete_bgp([RouteKey("inet.0", "10.6.0.0/16", 3), paths[0].key, RouteKey("inet.0", "10.8.0.0/16", 1)])
    assert list(session.read_bgp("inet.0")) == [paths[1]]


def test_a_delete_stopped_by_a_missing_table_reports_what_it_did(driver: Driver) -> None:
    session = driver.connect()
    routes = [route("10.1.0.0/16"), route("10.2.0.0/16")]
    session.write_static(routes)
    keys = [
        routes[0].key,
        RouteKey("inet.0", "10.3.0.0/16", 1),
        RouteKey("red.inet.0", "10.4.0.0/16", 1),
        routes[1].key,
    ]
    error = refused(lambda: session.delete_static(keys))
    assert (error.reason, error.applied) == (Reason.NO_TABLE, (range(0, 2),))
    assert list(session.read_static("inet.0", "10.0.0.0/8")) == [routes[1]]


def test_routes_written_without_preferences_get_the_routers_defaults(driver: Driver) -> None:
    session = driver.connect()
    sent = StaticRoute(
        RouteKey("inet6.0", "2001:db8:7::/48", 1), (Gateway("2001:DB8::A", weight=0), Gateway(interface="lo0.0"))
    )
    session.write_static([sent])
    [got] = session.read_static("inet6.0", "2001:db8:7::/48")
    assert (got.preference, got.preference2, got.tag) == (5, 100, None)
    assert got.gateways == (Gateway("2001:db8::a"), Gateway(interface="lo0.0"))  # canonical, weight 0 is none
    session.write_bgp([BgpPath(RouteKey("inet.0", "10.7.0.0/16", 1), "10.0.0.1")])
    [path] = session.read_bgp("inet.0", "10.7.0.0/16")
    assert path == BgpPath(RouteKey("inet.0", "10.7.0.0/16", 1), "10.0.0.1")  # BGP gets no defaults


def test_a_batch_that_fails_part_way_reports_the_entries_applied(driver: Driver) -> None:
    session = driver.connect()
    good = [route(f"10.{i}.0.0/16") for i in range(1, 6)]
    bad = StaticRoute(RouteKey("inet.0", "10.99.0.0/16", 1), (Gateway("not-an-address"),))
    error = refused(lambda: session.write_static([*good[:2], bad, *good[2:]]))
    assert (error.reason, error.applied, error.subject) == (Reason.INVALID, (range(0, 2),), f"route {bad.key}")
    assert list(session.read_static("inet.0", "10.0.0.0/8")) == good[:2]
    error = refused(lambda: session.write_static([good[2], route("10.1.0.0/16", table="red.inet.0"), good[3]]))
    assert (error.reason, error.applied) == (Reason.NO_TABLE, (range(0, 1),))
    paths = [bgp_path("10.8.0.0/16", 1, "10.0.0.1"), BgpPath(RouteKey("inet.0", "10.8.0.0/16", 2), "10.0.0.2",
             communities=("65000:70000",)), bgp_path("10.8.0.0/16", 3, "10.0.0.3")]  # fmt: skip
    error = refused(lambda: session.write_bgp(paths))
    assert (error.reason, error.applied) == (Reason.INVALID, (range(0, 1),))
    assert list(session.read_bgp("inet.0", "10.8.0.0/16")) == paths[:1]


def test_a_large_write_reports_applied_ranges_across_its_batches(driver: Driver) -> None:
    """1000 entries a request, two in flight: the batch after the failing one was sent too."""
    session = driver.connect()
    routes = [v4_route(i, gateways=1) for i in range(1500)]
    bad = StaticRoute(routes[10].key, ())  # no next hop
    error = refused(lambda: session.write_static([*routes[:10], bad, *routes[11:]]))
    assert (error.reason, error.applied) == (Reason.INVALID, (range(0, 10), range(1000, 1500)))
    assert len(list(session.read_static("inet.0", "10.0.0.0/8"))) == 510


def test_injected_write_faults(driver: Driver) -> None:
    session = driver.connect()
    driver.inject_faults(retryable=1)
    with pytest.raises(Retryable) as not_now:
        session.write_static([route("10.1.0.0/16")])
    assert not_now.value.applied == ()
    assert list(session.read_static("inet.0", "10.0.0.0/8")) == []  # nothing was applied
    session.write_static([route("10.1.0.0/16")])  # the next write goes through
    driver.inject_faults(ambiguous_rate=1.0)
    path = bgp_path("10.2.0.0/16", 1, "10.0.0.1")
    with pytest.raises(Ambiguous) as lost:
        session.write_bgp([path])
    assert lost.value.applied == ()  # not known to be applied...
    assert list(session.read_bgp("inet.0")) == [path]  # ...but it was: only the answer was lost
    session.delete_static([RouteKey("inet.0", "10.1.0.0/16", 1)])  # deletes are not faulted
    assert list(session.read_static("inet.0", "10.0.0.0/8")) == []


def _read_routes(session: RouterSession, kind: str) -> Iterator[object]:
    if kind == "static":
        yield from session.read_static("inet.0", "10.0.0.0/8")
    else:
        yield from session.read_bgp("inet.0")


@pytest.mark.parametrize("kind", ["static", "bgp"])
def test_a_read_stream_that_breaks_is_retryable_and_the_next_read_is_whole(driver: Driver, kind: str) -> None:
    """A RouteGet stream broken mid-read (a transport failure after the first reply) is a
    failed read that may be tried again, never a refusal and never a short read."""
    session = driver.connect()
    if kind == "static":
        session.write_static([v4_route(i) for i in range(1500)])
    else:
        session.write_bgp([bgp_path(f"10.{i // 256}.{i % 256}.0/24", 1, "10.0.0.1") for i in range(1500)])
    driver.break_reads(1)
    seen: list[object] = []
    with pytest.raises(Retryable) as broken:
        seen.extend(_read_routes(session, kind))
    assert broken.value.operation.endswith("RouteGet") and 0 < len(seen) < 1500
    assert len(list(_read_routes(session, kind))) == 1500


def test_routes_an_operator_deleted_are_gone(driver: Driver) -> None:
    session = driver.connect()
    routes = [route("10.1.0.0/16", 1), route("10.1.0.0/16", 2), route("10.2.0.0/16", 1)]
    session.write_static(routes)
    paths = [bgp_path("10.1.0.0/16", cookie, f"10.0.0.{cookie}") for cookie in (1, 2)]
    session.write_bgp(paths)
    assert driver.delete_route("inet.0", "10.1.0.0/16", cookie=2) == 1
    # A v1 client holds one RIB route per prefix: writing cookie 2 replaced cookie 1.
    left = [routes[0], routes[2]] if driver.cookie_in_static_key else [routes[2]]
    assert list(session.read_static("inet.0", "10.0.0.0/8")) == left
    assert driver.delete_route("inet.0", "10.1.0.0/16", kind="bgp") == 2  # every cookie of the prefix
    assert list(session.read_bgp("inet.0")) == []
    session.delete_static([routes[1].key])  # what the operator deleted is simply gone


# ---------------------------------------------------------------- sessions


def test_a_reader_sees_the_writers_routes_and_the_writer_gets_its_count_back(driver: Driver) -> None:
    writer = driver.connect()
    assert writer.info == opened(driver, rebound=False, owned=0)
    routes, paths = [v4_route(i) for i in range(3)], [bgp_path("10.9.0.0/16", c, "10.0.0.1") for c in (1, 2)]
    writer.write_static(routes)
    writer.write_bgp(paths)
    reader = driver.connect(Role.READER)
    assert reader.info == opened(driver, rebound=False, owned=0)  # a client id of its own
    assert list(reader.read_static("inet.0", "10.0.0.0/8")) == routes
    assert list(reader.read_bgp("inet.0")) == paths
    writer.close()
    driver.settle_closed(CLIENT)
    again = driver.connect()
    assert again.info == opened(driver, rebound=True, owned=5)
    assert list(again.read_static("inet.0", "10.0.0.0/8")) == routes


def test_a_second_writer_connection_is_not_told_the_count(driver: Driver) -> None:
    first = driver.connect()
    first.write_static([route("10.1.0.0/16")])
    second = driver.connect()
    assert second.info == SessionInfo(rebound=False, owned_routes=None)
    second.write_static([route("10.2.0.0/16")])
    first.write_static([route("10.3.0.0/16")])  # both connections share the one session
    assert len(list(first.read_static("inet.0", "10.0.0.0/8"))) == 3


def test_a_routing_restart_loses_every_route_and_the_session(driver: Driver) -> None:
    session = driver.connect()
    session.write_static([v4_route(i) for i in range(3)])
    session.write_bgp([bgp_path("10.9.0.0/16", 1, "10.0.0.1")])
    if driver.firewall:
        session.add_filter(FILTER)
    driver.restart_routing()
    with pytest.raises(SessionLost):
        session.write_bgp([bgp_path("10.9.0.0/16", 2, "10.0.0.2")])
    if driver.counts_routes:  # a v1 RIB has no initialize to forget: its next write simply works
        with pytest.raises(SessionLost):
            session.write_static([v4_route(4)])
        with pytest.raises(SessionLost):
            list(session.read_static("inet.0"))
    again = driver.connect()
    assert again.info == opened(driver, rebound=False, owned=0)
    assert list(again.read_static("inet.0", "10.0.0.0/8")) == []
    assert list(again.read_bgp("inet.0")) == []
    assert len(list(again.read_static("inet.0"))) == 3  # configured routes are not the API's
    if driver.firewall:  # filters are not the routing daemon's
        assert again.probe_counter(FILTER.name, "c1") == Counter("c1", 0, 0)


def test_check_alive_notices_a_routing_restart(driver: Driver) -> None:
    session = driver.connect()
    session.check_alive()
    driver.restart_routing()
    with pytest.raises(SessionLost):
        session.check_alive()


def test_dropped_sessions_are_lost_and_their_routes_kept_until_purged(driver: Driver) -> None:
    session, reader = driver.connect(), driver.connect(Role.READER)
    routes = [v4_route(i) for i in range(4)]
    session.write_static(routes)
    if driver.firewall:
        session.add_filter(FILTER)
    driver.drop_sessions(CLIENT)
    calls: list[Callable[[], object]] = [
        lambda: session.write_static(routes),
        lambda: list(session.read_static("inet.0")),
        lambda: session.write_bgp([bgp_path("10.9.0.0/16", 1, "10.0.0.1")]),
        session.check_alive,
    ]
    if driver.firewall:
        calls.append(lambda: session.delete_filter(FILTER.name, INET))
    for call in calls:
        with pytest.raises(SessionLost):
            call()
    reader.check_alive()  # another client id's session is untouched
    again = driver.connect()
    assert again.info == opened(driver, rebound=True, owned=4)
    assert list(again.read_static("inet.0", "10.0.0.0/8")) == routes


def test_a_router_takes_eight_client_ids_at_once(driver: Driver) -> None:
    for i in range(8):
        driver.connect(client_id=f"c{i}")
    assert refused(lambda: driver.connect(client_id="c8")).reason is Reason.LOGIN
    assert driver.connect(client_id="c0").info.owned_routes is None  # a live client id joins its session


def test_a_purged_client_id_starts_afresh(driver: Driver) -> None:
    session = driver.connect()
    session.write_static([v4_route(i) for i in range(2)])
    if driver.firewall:
        session.add_filter(FILTER)
    driver.drop_sessions(CLIENT)
    driver.purge(CLIENT)
    again = driver.connect()
    assert again.info == opened(driver, rebound=False, owned=0)
    assert list(again.read_static("inet.0", "10.0.0.0/8")) == []
    if driver.firewall:
        assert again.probe_counter(FILTER.name, "c1") is None


def test_a_router_that_is_down_is_unreachable(driver: Driver) -> None:
    with pytest.raises(Unreachable):
        driver.connect_to_down_router()


def test_calls_on_a_router_that_went_down(driver: Driver) -> None:
    session = driver.connect()
    if driver.firewall:
        session.add_filter(FILTER)
    driver.take_down()
    with pytest.raises(Unreachable):
        session.check_alive()
    expected: list[tuple[type[RouterError], Callable[[], object]]] = [
        (Retryable, lambda: list(session.read_static("inet.0"))),
        (Retryable, lambda: list(session.read_bgp("inet.0"))),
        (Ambiguous, lambda: session.write_static([route("10.1.0.0/16")])),  # it may have got through
        (Ambiguous, lambda: session.delete_bgp([RouteKey("inet.0", "10.1.0.0/16", 1)])),
        (Retryable, session.interfaces),
    ]
    if driver.firewall:
        expected += [
            (Ambiguous, lambda: session.delete_filter(FILTER.name, INET)),
            (Retryable, lambda: session.probe_counter(FILTER.name, "c1")),
        ]
    for kind, call in expected:
        with pytest.raises(kind) as failure:
            call()
        assert failure.value.applied == ()
    with pytest.raises(Unreachable):
        driver.connect()


# ----------------------------------------------------------------- filters


def test_a_filter_is_added_once_per_family_and_name(firewall_driver: Driver) -> None:
    driver = firewall_driver
    session = driver.connect()
    session.add_filter(FILTER)
    assert driver.filter_terms(FILTER.name, INET) == ["t1", "t2"]
    assert refused(lambda: session.add_filter(FILTER)).reason is Reason.EXISTS
    other_client = driver.connect(Role.READER)
    assert refused(lambda: other_client.add_filter(FILTER)).reason is Reason.EXISTS  # names are router-wide
    session.add_filter(FirewallFilter(FILTER.name, INET6, (Term("v6", action=ACCEPT),)))
    assert driver.filter_terms(FILTER.name, INET6) == ["v6"]


def test_every_kind_of_term_edit(firewall_driver: Driver) -> None:
    driver = firewall_driver
    session = driver.connect()
    session.add_filter(FILTER)
    t0, t3, t4 = Term("t0", action=ACCEPT), Term("t3", action=DISCARD), Term("t4", action=ACCEPT)
    assert terms_after(driver, [TermEdit(TermOperation.ADD, "t3", t3)]) == ["t1", "t2", "t3"]
    edits = [TermEdit(TermOperation.ADD, "t0", t0, before="t1"), TermEdit(TermOperation.ADD, "t4", t4, after="t1")]
    assert terms_after(driver, edits) == ["t0", "t1", "t4", "t2", "t3"]
    counted = Term("t2", action=TermAction(Terminating.DISCARD, count="c2"))
    assert terms_after(driver, [TermEdit(TermOperation.REPLACE, "t2", counted)]) == ["t0", "t1", "t4", "t2", "t3"]
    assert session.probe_counter(FILTER.name, "c2") == Counter("c2", 0, 0)  # the new body is in place
    edits = [TermEdit(TermOperation.DELETE, "t0"), TermEdit(TermOperation.DELETE, "t4")]
    assert terms_after(driver, edits) == ["t1", "t2", "t3"]


@pytest.mark.parametrize(
    "edits",
    [
        [TermEdit(TermOperation.DELETE, "nope")],
        [TermEdit(TermOperation.REPLACE, "nope", Term("nope", action=ACCEPT))],
        [TermEdit(TermOperation.ADD, "t1", Term("t1", action=ACCEPT))],
        [TermEdit(TermOperation.ADD, "t9", Term("t9", action=ACCEPT), after="nope")],
        [TermEdit(TermOperation.ADD, "t9", Term("t9", action=ACCEPT), before="nope")],
        [TermEdit(TermOperation.ADD, "t9", Term("t9", action=ACCEPT)), TermEdit(TermOperation.DELETE, "nope")],
    ],
    ids=["delete-missing", "replace-missing", "add-existing", "after-missing", "before-missing", "all-or-nothing"],
)
def test_edits_that_do_not_fit_the_filter_conflict(firewall_driver: Driver, edits: list[TermEdit]) -> None:
    driver = firewall_driver
    session = driver.connect()
    session.add_filter(FILTER)
    assert refused(lambda: session.modify_filter(FILTER.name, INET, edits)).reason is Reason.CONFLICT
    assert driver.filter_terms(FILTER.name, INET) == ["t1", "t2"]  # unchanged


def test_modifying_a_filter_that_is_gone_is_not_found(firewall_driver: Driver) -> None:
    driver = firewall_driver
    session = driver.connect()
    edit = [TermEdit(TermOperation.DELETE, "t1")]
    assert refused(lambda: session.modify_filter("ghost", INET, edit)).reason is Reason.NOT_FOUND
    session.add_filter(FILTER)
    other_client = driver.connect(Role.READER)  # another client's filter is not its to change
    assert refused(lambda: other_client.modify_filter(FILTER.name, INET, edit)).reason is Reason.NOT_FOUND
    assert refused(lambda: session.modify_filter(FILTER.name, INET6, edit)).reason is Reason.NOT_FOUND


def test_a_term_naming_an_unknown_routing_instance_is_refused_on_add(firewall_driver: Driver) -> None:
    driver = firewall_driver
    session = driver.connect()
    to_red = FirewallFilter("to-red", INET, (Term("t", action=TermAction(Terminating.ROUTING_INSTANCE, None, "red")),))
    assert refused(lambda: session.add_filter(to_red)).reason is Reason.NOT_FOUND
    to_blue = FirewallFilter(
        "to-blue", INET, (Term("t", action=TermAction(Terminating.ROUTING_INSTANCE, None, "blue")),)
    )
    session.add_filter(to_blue)
    assert driver.filter_terms("to-blue", INET) == ["t"]


@pytest.mark.parametrize(
    "edits",
    [
        [TermEdit(TermOperation.ADD, "t9", Term("t9", action=TermAction(Terminating.ROUTING_INSTANCE, None, "red")))],
        [TermEdit(TermOperation.DELETE, "t1"), TermEdit(TermOperation.DELETE, "t2")],
    ],
    ids=["unknown-routing-instance", "no-term-left"],
)
def test_a_modify_the_router_finds_invalid_is_invalid(firewall_driver: Driver, edits: list[TermEdit]) -> None:
    driver = firewall_driver
    session = driver.connect()
    session.add_filter(FILTER)
    assert refused(lambda: session.modify_filter(FILTER.name, INET, edits)).reason is Reason.INVALID
    assert driver.filter_terms(FILTER.name, INET) == ["t1", "t2"]


def test_deleting_a_filter(firewall_driver: Driver) -> None:
    driver = firewall_driver
    session = driver.connect()
    session.add_filter(FILTER)
    session.bind(BINDING)
    assert refused(lambda: session.delete_filter(FILTER.name, INET)).reason is Reason.INVALID  # still bound
    assert session.unbind(BINDING) is True
    assert session.delete_filter(FILTER.name, INET) is True
    assert driver.filter_terms(FILTER.name, INET) is None
    assert session.delete_filter(FILTER.name, INET) is False  # gone already: the goal


def test_a_v1_router_refuses_every_firewall_call(v1_driver: Driver) -> None:
    """A router without a firewall service (JET v1) refuses filters, bindings and counters
    as a configuration error, before anything is sent; the session stays fine."""
    session = v1_driver.connect()
    calls: list[Callable[[], object]] = [
        lambda: session.add_filter(FILTER),
        lambda: session.modify_filter(FILTER.name, INET, [TermEdit(TermOperation.DELETE, "t1")]),
        lambda: session.delete_filter(FILTER.name, INET),
        lambda: session.bind(BINDING),
        lambda: session.unbind(BINDING),
        lambda: session.probe_counter(FILTER.name, "c1"),
    ]
    for call in calls:
        with pytest.raises(ConfigError, match=r"api: v1 in devices\.yaml, and JET v1 has no firewall service"):
            call()
    session.check_alive()
    session.write_static([route("10.1.0.0/16")])


# ---------------------------------------------------------------- bindings


def test_binding_and_unbinding(firewall_driver: Driver) -> None:
    driver = firewall_driver
    session = driver.connect()
    session.add_filter(FILTER)
    session.add_filter(OTHER)
    session.bind(BINDING)
    session.bind(BINDING)  # the same filter again: a no-op
    taken = Binding(OTHER.name, INET, "ge-0/0/0.0", Direction.INPUT)
    assert refused(lambda: session.bind(taken)).reason is Reason.INVALID
    session.bind(Binding(OTHER.name, INET, "ge-0/0/0.0", Direction.OUTPUT))  # the other direction is free
    for missing in ("ge-0/0/9.0", "ge-0/0/0.5", "ge-0/0/0"):
        gone = Binding(FILTER.name, INET, missing, Direction.INPUT)
        assert refused(lambda gone=gone: session.bind(gone)).reason is Reason.NOT_FOUND  # type: ignore[misc]
    no_filter = Binding("ghost", INET, "ge-0/0/1.0", Direction.INPUT)
    assert refused(lambda: session.bind(no_filter)).reason is Reason.NOT_FOUND
    assert session.unbind(BINDING) is True
    assert session.unbind(BINDING) is False  # not bound: the goal holds
    assert session.unbind(no_filter) is False
    assert session.unbind(Binding(FILTER.name, INET, "ge-0/0/1.0", Direction.OUTPUT)) is False


def test_bindings_an_operator_removed(firewall_driver: Driver) -> None:
    driver = firewall_driver
    session = driver.connect()
    session.add_filter(FILTER)
    session.bind(BINDING)
    driver.unbind(BINDING)
    assert session.unbind(BINDING) is False
    session.bind(BINDING)
    driver.delete_interface("ge-0/0/0")
    assert session.unbind(BINDING) is False  # the binding went with the interface
    assert refused(lambda: session.bind(BINDING)).reason is Reason.NOT_FOUND
    assert "ge-0/0/0.0" not in {i.name for i in session.interfaces()}


def test_probing_a_counter_tells_whether_the_filter_is_there(firewall_driver: Driver) -> None:
    driver = firewall_driver
    session = driver.connect()
    session.add_filter(FILTER)
    assert session.probe_counter(FILTER.name, "c1") == Counter("c1", 0, 0)  # never bound: nothing counted
    assert session.probe_counter(FILTER.name, "nope") is None
    session.bind(BINDING)
    counted = session.probe_counter(FILTER.name, "c1")
    assert counted is not None and counted.bytes == counted.packets * 84
    assert driver.remove_filter(FILTER.name, INET) == 1
    assert session.probe_counter(FILTER.name, "c1") is None
    assert session.unbind(BINDING) is False  # its bindings went with it
    session.add_filter(FILTER)
    session.bind(BINDING)  # the binding point is free again


def test_interfaces_list_physical_interfaces_and_their_units(driver: Driver) -> None:
    found = {i.name: i for i in driver.connect().interfaces()}
    assert found["ge-0/0/0"] == Interface("ge-0/0/0", True, True, ())
    assert found["ge-0/0/0.0"] == Interface("ge-0/0/0.0", True, True, ("inet", "inet6"))
    assert found["lo0.0"] == Interface("lo0.0", True, True, ("inet", "inet6"))
    assert [n for n, i in found.items() if not i.is_unit] == [*(f"ge-0/0/{n}" for n in range(8)), "lo0"]


# ------------------------------------------- acts only the in-memory device has


def _memory_router() -> tuple[MemoryRouter, MemoryFleet]:
    router = MemoryRouter("m1")
    return router, MemoryFleet([router])


def test_memory_session_lost_after_some_writes() -> None:
    router, fleet = _memory_router()
    writer = fleet.connect("m1", device(1), Path("."), Role.WRITER)
    reader = fleet.connect("m1", device(1), Path("."), Role.READER)
    router.inject_faults(session_lost_after=1)
    writer.write_static([route("10.1.0.0/16")])
    with pytest.raises(SessionLost) as lost:
        writer.write_static([route("10.2.0.0/16")])
    assert lost.value.applied == ()
    with pytest.raises(SessionLost):
        reader.check_alive()  # every session went
    again = fleet.connect("m1", device(1), Path("."), Role.WRITER)
    assert again.info == SessionInfo(rebound=True, owned_routes=1)
    again.write_static([route("10.2.0.0/16")])  # the fault fired once


def test_memory_router_down_and_up_again() -> None:
    router, fleet = _memory_router()
    session = fleet.connect("m1", device(1), Path("."), Role.WRITER)
    session.write_static([route("10.1.0.0/16")])
    router.down()
    with pytest.raises(Unreachable):
        fleet.connect("m1", device(1), Path("."), Role.WRITER)
    router.up()
    with pytest.raises(SessionLost):  # the router dropped it while it was down
        session.check_alive()
    again = fleet.connect("m1", device(1), Path("."), Role.WRITER)
    assert again.info == SessionInfo(rebound=True, owned_routes=1)
    with pytest.raises(Unreachable):
        fleet.connect("nowhere", device(1), Path("."), Role.WRITER)
    with pytest.raises(ValueError, match="connected"):
        router.purge(CLIENT)  # purge timers run only while disconnected


def test_memory_fault_rates_are_deterministic_per_seed() -> None:
    def pattern(seed: int) -> list[bool]:
        router, fleet = _memory_router()
        session = fleet.connect("m1", device(1), Path("."), Role.WRITER)
        router.inject_faults(ambiguous_rate=0.5, seed=seed)
        outcomes = []
        for i in range(20):
            try:
                session.write_static([v4_route(i)])
                outcomes.append(True)
            except Ambiguous:
                outcomes.append(False)
        assert len(list(session.read_static("inet.0", "10.0.0.0/8"))) == 20  # applied either way
        return outcomes

    assert pattern(3) == pattern(3)
    assert True in pattern(3) and False in pattern(3)


def test_memory_sessions_can_be_used_from_several_threads() -> None:
    _, fleet = _memory_router()
    sessions = [fleet.connect("m1", device(1, f"t{n}"), Path("."), Role.WRITER) for n in range(4)]

    def write(n: int) -> None:
        for i in range(200):
            sessions[n].write_static([v4_route(n * 1000 + i, gateways=1)])

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(write, range(4)))
    assert len(list(sessions[0].read_static("inet.0", "10.0.0.0/8"))) == 800
