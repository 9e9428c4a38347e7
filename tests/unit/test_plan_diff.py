"""The pure planner: change kinds, ordering, ownership, determinism (no sockets)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reconciler.model import (
    BgpPath,
    Binding,
    Direction,
    Family,
    FirewallFilter,
    Gateway,
    Range,
    RouteKey,
    StaticRoute,
    Term,
    TermAction,
    Terminating,
    TermMatch,
)
from reconciler.model.ownership import STATIC_COOKIE, bgp_cookie
from reconciler.plan import render
from reconciler.plan.diff import diff_router, term_steps
from reconciler.plan.model import Action, Observed, Plan


@dataclass
class Want:
    static_routes: dict[RouteKey, StaticRoute] = field(default_factory=dict)
    bgp_paths: dict[RouteKey, BgpPath] = field(default_factory=dict)
    filters: dict[tuple[Family, str], FirewallFilter] = field(default_factory=dict)
    bindings: dict[Any, Binding] = field(default_factory=dict)


def route(prefix: str, *hops: str, preference: int = 5, cookie: int = STATIC_COOKIE) -> StaticRoute:
    return StaticRoute(RouteKey("inet.0", prefix, cookie), tuple(Gateway(h) for h in hops), preference, 100)


def path(prefix: str, hop: str, local_preference: int = 200) -> BgpPath:
    return BgpPath(RouteKey("inet.0", prefix, bgp_cookie(hop)), hop, 170, local_preference)


def fw(name: str, *terms: Term) -> FirewallFilter:
    return FirewallFilter(name, Family.INET, terms)


ACCEPT = TermAction(Terminating.ACCEPT)
T1 = Term("t1", TermMatch(protocols=(Range(1, 1),)), ACCEPT)
T2 = Term("t2", action=TermAction(Terminating.DISCARD))
T3 = Term("t3", TermMatch(protocols=(Range(6, 6),)), ACCEPT)
BIND = Binding("f", Family.INET, "lo0.0", Direction.INPUT)


def want(*routes: StaticRoute, paths: tuple[BgpPath, ...] = (), filters: tuple[FirewallFilter, ...] = (),
         bindings: tuple[Binding, ...] = ()) -> Want:  # fmt: skip
    return Want(
        {r.key: r for r in routes},
        {p.key: p for p in paths},
        {f.key: f for f in filters},
        {(b.interface, b.direction, b.family): b for b in bindings},
    )


def seen(*routes: StaticRoute, paths: tuple[BgpPath, ...] = (), filters: tuple[FirewallFilter, ...] = (),
         bindings: tuple[Binding, ...] = ()) -> Observed:  # fmt: skip
    w = want(*routes, paths=paths, filters=filters, bindings=bindings)
    return Observed(w.static_routes, w.bgp_paths, w.filters, {(b.interface, b.direction.value, b.family.value): b
                    for b in bindings})  # fmt: skip


def test_equivalent_intent_yields_an_empty_plan() -> None:
    everything = dict(paths=(path("10.9.0.0/16", "10.0.0.1"),), filters=(fw("f", T1, T2),), bindings=(BIND,))
    plan = diff_router("r1", want(route("10.1.0.0/16", "192.0.2.1"), **everything),  # type: ignore[arg-type]
                       seen(route("10.1.0.0/16", "192.0.2.1"), **everything))  # type: ignore[arg-type]  # fmt: skip
    assert plan.changes == [] and plan.requests == {}


def test_every_change_kind() -> None:
    desired = want(
        route("10.1.0.0/16", "192.0.2.1"),
        route("10.2.0.0/16", "192.0.2.1", preference=7),
        paths=(path("10.9.0.0/16", "10.0.0.1"), path("10.9.0.0/16", "10.0.0.2", 300)),
        filters=(fw("f", T1, T3),),
        bindings=(BIND,),
    )
    observed = seen(
        route("10.2.0.0/16", "192.0.2.1"),
        route("10.3.0.0/16", "192.0.2.1"),
        paths=(path("10.9.0.0/16", "10.0.0.2"), path("10.9.0.0/16", "10.0.0.3")),
        filters=(fw("f", T1, T2), fw("old")),
        bindings=(Binding("old", Family.INET, "ge-0/0/1.0", Direction.INPUT),),
    )
    plan = diff_router("r1", desired, observed)
    got = [(c.action.value, c.kind.value, c.key) for c in plan.changes]
    assert got == [
        ("update", "filter", "inet f"),
        ("create", "binding", "lo0.0 input inet"),
        ("create", "bgp_path", "inet.0 10.9.0.0/16 via 10.0.0.1"),
        ("update", "bgp_path", "inet.0 10.9.0.0/16 via 10.0.0.2"),
        ("create", "static_route", "inet.0 10.1.0.0/16"),
        ("update", "static_route", "inet.0 10.2.0.0/16"),
        ("delete", "bgp_path", "inet.0 10.9.0.0/16 via 10.0.0.3"),
        ("delete", "static_route", "inet.0 10.3.0.0/16"),
        ("delete", "binding", "ge-0/0/1.0 input inet"),
        ("delete", "filter", "inet old"),
    ]
    for change in plan.changes:  # apply executes from these objects
        assert change.subject is not None, change.key
        assert (change.previous is not None) == (change.action is Action.UPDATE), change.key
    update = next(c for c in plan.changes if c.key == "inet.0 10.2.0.0/16")
    assert [(f.field, f.before, f.after) for f in update.fields] == [("preference", 5, 7)]
    modify = plan.changes[0]
    assert modify.operations == ("Firewall/FilterModify: delete term t2", "Firewall/FilterModify: add term t3 after t1")
    assert plan.requests == {
        "Bgp/RouteDelete": 1, "Bgp/RouteUpdate": 1, "Firewall/FilterBindAdd": 1, "Firewall/FilterBindDelete": 1,
        "Firewall/FilterDelete": 1, "Firewall/FilterModify": 1, "Rib/RouteDelete": 1, "Rib/RouteUpdate": 1,
    }  # fmt: skip


def test_rebinding_a_point_to_another_filter_unbinds_first() -> None:
    other = Binding("g", Family.INET, "lo0.0", Direction.INPUT)
    plan = diff_router("r1", want(bindings=(other,), filters=(fw("g", T1),)),
                       seen(bindings=(BIND,), filters=(fw("g", T1),)))  # fmt: skip
    [change] = plan.changes
    assert change.action is Action.UPDATE
    assert change.operations == ("Firewall/FilterBindDelete", "Firewall/FilterBindAdd")


def test_routes_of_other_clients_are_reported_never_changed() -> None:
    foreign = route("10.1.0.0/16", "192.0.2.66", cookie=42)
    configured = StaticRoute(RouteKey("inet.0", "0.0.0.0/0", 0), (Gateway("192.0.2.254"),))
    plan = diff_router("r1", want(route("10.1.0.0/16", "192.0.2.1")), seen(foreign, configured))
    assert [(c.action, c.key) for c in plan.changes] == [(Action.CREATE, "inet.0 10.1.0.0/16")]
    assert plan.not_managed_count == 2
    assert plan.not_managed == [
        "static route inet.0 0.0.0.0/0 cookie 0 (static)",
        "static route inet.0 10.1.0.0/16 cookie 42 (static)",
    ]
    nothing = diff_router("r1", want(), seen(foreign))
    assert nothing.changes == []  # never deleted


def term_edits(old: FirewallFilter, new: FirewallFilter) -> list[str]:
    return [str(edit) for edit in term_steps(old, new)]


def test_term_edits_use_adjacency() -> None:
    assert term_edits(fw("f", T1, T2), fw("f", T3, T1, T2)) == ["add term t3 before t1"]
    assert term_edits(fw("f", T1, T2), fw("f", T1, T3, T2)) == ["add term t3 after t1"]
    assert term_edits(fw("f", T1, T2), fw("f", T2, T1)) == ["delete term t2", "add term t2 before t1"]
    changed = Term("t2", action=TermAction(Terminating.REJECT))
    assert term_edits(fw("f", T1, T2), fw("f", T1, changed)) == ["replace term t2"]
    assert term_edits(fw("f", T1), fw("f", T2)) == ["delete term t1", "add term t2"]


def test_filter_update_details_terms_with_deepdiff() -> None:
    changed = Term("t1", TermMatch(protocols=(Range(17, 17),)), ACCEPT)
    plan = diff_router("r1", want(filters=(fw("f", changed, T2),)), seen(filters=(fw("f", T1, T2),)))
    [change] = plan.changes
    assert [(f.field, f.before, f.after) for f in change.fields] == [("terms.t1.from.protocols.0", "1", "17")]


def test_the_same_inputs_give_the_same_json() -> None:
    def build() -> str:
        desired = want(*(route(f"10.{i}.0.0/16", "192.0.2.1") for i in range(50)), filters=(fw("f", T1),))
        observed = seen(*(route(f"10.{i}.0.0/16", "192.0.2.2") for i in range(25, 75)))
        return render.to_json(Plan("HEAD (abc)", "abc", [diff_router("r1", desired, observed)]))

    assert build() == build()


def test_fingerprint_changes_with_owned_state_only() -> None:
    base = diff_router("r1", want(), seen(route("10.1.0.0/16", "192.0.2.1"))).fingerprint
    assert diff_router("r1", want(), seen(route("10.1.0.0/16", "192.0.2.1"))).fingerprint == base
    assert diff_router("r1", want(), seen(route("10.1.0.0/16", "192.0.2.9"))).fingerprint != base
    foreign = route("10.5.0.0/16", "192.0.2.1", cookie=7)
    assert diff_router("r1", want(), seen(route("10.1.0.0/16", "192.0.2.1"), foreign)).fingerprint == base
