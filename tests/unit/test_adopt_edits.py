"""Which intent edits adopt a router's drift (pure)."""

from __future__ import annotations

from reconciler.adopt.edits import Declared, Inputs, choose, gateway_value, static_entry
from reconciler.model.ownership import STATIC_COOKIE, OwnedKeys
from reconciler.model.routes import Gateway, RouteKey, StaticRoute
from reconciler.plan.model import Action, Change, Kind, Observed

KEY = RouteKey("inet.0", "10.0.0.0/16", STATIC_COOKIE)
WANT = StaticRoute(KEY, (Gateway("192.0.2.1"),), 5, 100, None)
EMPTY = Observed({}, {}, {}, {})


def _inputs(
    changes: list[Change],
    *,
    shared: tuple[str, ...] = (),
    owned: OwnedKeys | None = None,
    observed: Observed = EMPTY,
    foreign: tuple[str, ...] = (),
    allow_shared: bool = False,
) -> Inputs:
    places = {KEY: Declared("intent/routes/a.yaml", ("static_routes", 2), shared)}
    return Inputs(
        "r1",
        changes,
        observed,
        places,
        frozenset({Kind.STATIC_ROUTE}),
        owned or OwnedKeys(),
        foreign=foreign,
        adopted_file="intent/routes/adopted-r1.yaml",
        shared=allow_shared,
    )


def _update(have: StaticRoute) -> Change:
    return Change(Action.UPDATE, Kind.STATIC_ROUTE, "inet.0 10.0.0.0/16", None, None, (), (), WANT, have)


def test_changed_attributes_set_the_declaring_entry_to_the_routers_values() -> None:
    have = StaticRoute(KEY, (Gateway("192.0.2.9"), Gateway(None, "ge-0/0/1.0", 20)), 9, 100, 7)
    adoption = choose(_inputs([_update(have)]))
    (edit,) = adoption.edits
    assert (edit.path, edit.action, edit.location) == ("intent/routes/a.yaml", "set", ("static_routes", 2))
    assert dict(edit.values) == {
        "next_hops": ["192.0.2.9", {"interface": "ge-0/0/1.0", "weight": 20}],
        "preference": 9,
        "tag": 7,
    }
    assert edit.why.startswith("static_route inet.0 10.0.0.0/16: next_hops [192.0.2.1] -> [192.0.2.9, ")


def test_a_route_deleted_by_hand_is_removed_only_when_the_journal_saw_it_written() -> None:
    create = Change(Action.CREATE, Kind.STATIC_ROUTE, "inet.0 10.0.0.0/16", None, None, (), (), WANT)
    never = choose(_inputs([create]))
    assert never.edits == []
    assert never.skipped == [
        "static_route inet.0 10.0.0.0/16: not on the router and never applied there "
        "(a pending intent change, not drift)"
    ]
    owned = OwnedKeys(static={"inet.0": {"10.0.0.0/16"}})
    (edit,) = choose(_inputs([create], owned=owned)).edits
    assert (edit.action, edit.location) == ("remove", ("static_routes", 2))


def test_an_entry_of_a_file_shared_with_other_routers_is_edited_only_when_asked() -> None:
    have = StaticRoute(KEY, WANT.gateways, 9, 100, None)
    refused = choose(_inputs([_update(have)], shared=("r2",)))
    assert refused.edits == [] and "also applies to r2" in refused.skipped[0]
    assert len(choose(_inputs([_update(have)], shared=("r2",), allow_shared=True)).edits) == 1


def test_a_chosen_foreign_route_becomes_a_new_entry() -> None:
    foreign = StaticRoute(RouteKey("blue.inet.0", "10.9.0.0/16", 0), (Gateway("192.0.2.5"),), 5, 100, None)
    observed = Observed({foreign.key: foreign}, {}, {}, {})
    adoption = choose(_inputs([], observed=observed, foreign=("10.9.0.0/16", "10.8.0.0/16")))
    (edit,) = adoption.edits
    assert (edit.path, edit.action, edit.location) == ("intent/routes/adopted-r1.yaml", "add", ("static_routes",))
    assert dict(edit.entry) == {
        "prefix": "10.9.0.0/16",
        "table": "blue.inet.0",
        "next_hops": ["192.0.2.5"],
        "preference": 5,
    }
    assert adoption.skipped == ["10.8.0.0/16: no foreign route with this prefix on r1"]


def test_next_hops_are_written_as_plainly_as_they_can() -> None:
    assert gateway_value(Gateway("192.0.2.1")) == "192.0.2.1"
    assert gateway_value(Gateway(None, "ge-0/0/0.0")) == "ge-0/0/0.0"
    assert gateway_value(Gateway("192.0.2.1", "ge-0/0/0.0")) == {"address": "192.0.2.1", "interface": "ge-0/0/0.0"}
    assert static_entry(StaticRoute(KEY, WANT.gateways, 5, 120, 3))["preference2"] == 120
