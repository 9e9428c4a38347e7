"""The pure part of the cookie-0 fallback: which cookie-0 routes are taken as ours, by key."""

from __future__ import annotations

from reconciler.model.ownership import (
    STATIC_COOKIE,
    OwnedKeys,
    adopt_bgp,
    adopt_static,
    bgp_cookie,
    bgp_unread,
    combined,
    static_unread,
)
from reconciler.model.routes import BgpPath, Gateway, RouteKey, RouteProtocol, StaticRoute


def route(prefix: str, hop: str, cookie: int = 0, protocol: RouteProtocol = RouteProtocol.STATIC) -> StaticRoute:
    return StaticRoute(RouteKey("inet.0", prefix, cookie), (Gateway(hop),), 5, 100, protocol=protocol)


def path(prefix: str, hop: str, cookie: int = 0) -> BgpPath:
    return BgpPath(RouteKey("inet.0", prefix, cookie), hop, 170, 200)


OWNED = OwnedKeys({"inet.0": {"10.1.0.0/24", "10.2.0.0/24"}}, {"inet.0": {("10.9.0.0/24", "10.0.0.1")}})


def test_a_cookie_0_static_route_at_an_owned_key_takes_our_cookie() -> None:
    routes: dict[RouteKey, StaticRoute] = {}
    zero = [route("10.1.0.0/24", "192.0.2.1"), route("10.3.0.0/24", "192.0.2.1"),
            route("10.2.0.0/24", "192.0.2.1", protocol=RouteProtocol.DIRECT)]  # fmt: skip
    assert adopt_static(routes, zero, OWNED, {}) == 1
    assert routes == {
        RouteKey("inet.0", "10.1.0.0/24", STATIC_COOKIE): route("10.1.0.0/24", "192.0.2.1", STATIC_COOKIE),
        RouteKey("inet.0", "10.3.0.0/24"): zero[1],  # not in the record: foreign
        RouteKey("inet.0", "10.2.0.0/24"): zero[2],  # a JET route reads back as static: a direct one is not ours
    }


def test_of_two_candidates_at_one_key_the_desired_one_is_ours() -> None:
    ours = route("10.1.0.0/24", "192.0.2.1", STATIC_COOKIE)
    foreign, mine = route("10.1.0.0/24", "192.0.2.9"), route("10.1.0.0/24", "192.0.2.1")
    for order in ([foreign, mine], [mine, foreign]):
        routes: dict[RouteKey, StaticRoute] = {}
        assert adopt_static(routes, order, OWNED, {ours.key: ours}) == 1
        assert routes == {ours.key: ours, foreign.key: foreign}


def test_a_route_read_with_our_tag_keeps_its_key_and_a_cookie_0_one_beside_it_is_foreign() -> None:
    tagged = route("10.1.0.0/24", "192.0.2.1", STATIC_COOKIE)
    routes = {tagged.key: tagged}
    foreign = route("10.1.0.0/24", "192.0.2.9")
    assert adopt_static(routes, [foreign], OWNED, {}) == 0
    assert routes == {tagged.key: tagged, foreign.key: foreign}


def test_bgp_paths_of_one_prefix_are_told_apart_by_next_hop() -> None:
    paths: dict[RouteKey, BgpPath] = {}
    zero = [path("10.9.0.0/24", "10.0.0.1"), path("10.9.0.0/24", "10.0.0.2")]
    assert adopt_bgp(paths, zero, OWNED, {}) == 1
    ours = RouteKey("inet.0", "10.9.0.0/24", bgp_cookie("10.0.0.1"))
    assert paths == {ours: path("10.9.0.0/24", "10.0.0.1", ours.cookie), zero[1].key: zero[1]}


def test_a_written_route_that_reads_back_untagged_is_noticed() -> None:
    written = OwnedKeys({"inet.0": {"10.1.0.0/24"}}, {"inet.0": {("10.9.0.0/24", "10.0.0.1")}})
    tagged = route("10.1.0.0/24", "192.0.2.1", STATIC_COOKIE)
    assert static_unread(written, {}, [route("10.1.0.0/24", "192.0.2.1")])
    assert not static_unread(written, {tagged.key: tagged}, [route("10.1.0.0/24", "192.0.2.9")])
    assert not static_unread(written, {}, [route("10.3.0.0/24", "192.0.2.1")])  # gone: not a cookie matter
    assert bgp_unread(written, {}, [path("10.9.0.0/24", "10.0.0.1")])
    assert not bgp_unread(written, {}, [path("10.9.0.0/24", "10.0.0.7")])


def test_the_record_plus_this_runs_writes_minus_its_deletes() -> None:
    written = OwnedKeys({"inet.0": {"10.5.0.0/24"}, "blue.inet.0": {"10.6.0.0/24"}})
    deleted = OwnedKeys({"inet.0": {"10.1.0.0/24"}}, {"inet.0": {("10.9.0.0/24", "10.0.0.1")}})
    assert combined(OWNED, written, deleted) == OwnedKeys(
        {"inet.0": {"10.2.0.0/24", "10.5.0.0/24"}, "blue.inet.0": {"10.6.0.0/24"}}, {"inet.0": set()}
    )
    assert OWNED.static == {"inet.0": {"10.1.0.0/24", "10.2.0.0/24"}}  # the record itself is left as it was
