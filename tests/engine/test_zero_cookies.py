"""A router that reads back cookie 0 for routes this product wrote (issue 14, point 4), and
a session that answered ALREADY_INITIALIZED (point 5): ownership falls back to the journal's
record of the keys we wrote, foreign routes are never deleted, and no false "lost routes"
note comes from either."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from reconciler.engine import ownership as ownership_module
from reconciler.engine.dry_run import make_plan
from reconciler.model.outcome import Outcome
from reconciler.model.ownership import BGP_KIND, COOKIES_BACK_NOTE, STATIC_KIND, ZERO_COOKIE_WARNING
from reconciler.model.routes import BgpPath, Gateway, RouteKey, StaticRoute
from reconciler.plan import render
from reconciler.plan.model import Action, RouterPlan
from reconciler.port.memory import MemorySession
from reconciler.port.session import Role
from reconciler.store.journal import Journal
from reconciler.watch.controller import Controller
from reconciler.watch.events import Event, EventKind
from tests.engine.conftest import Lab, static_routes
from tests.engine.test_watcher import OPTIONS, _commit, wait_for

BGP: dict[str, Any] = {
    "apply_to": {"all": True},
    "bgp_routes": [{"prefix": "10.123.0.0/24", "local_preference": 200,
                    "paths": [{"next_hop": f"10.0.0.{n}"} for n in range(1, 5)]}],
}  # fmt: skip
OTHER = "other-app"


def _routes(lab: Lab, count: int = 5, first: int = 0) -> None:
    lab.write("routes/bulk.yaml", {"apply_to": {"devices": ["r1"]}, "static_routes": static_routes(count, first)})


def _ours(lab: Lab) -> tuple[set[str], int]:
    """(prefixes of our static routes in inet.0, our BGP paths) as the router stores them (true cookies)."""
    client = lab.router().clients["jet-reconciler"]
    return {route.key.prefix for route in client.static.get("inet.0", {}).values()}, sum(map(len, client.bgp.values()))


def _other_client(lab: Lab) -> MemorySession:
    entry = lab.intent().routers["r1"].entry.model_copy(update={"client_id": OTHER})
    return lab.fleet.connect("r1", entry, lab.root, Role.WRITER)


def _plan(lab: Lab, journal: Journal | None = None) -> RouterPlan:
    intent = lab.intent()
    plan = make_plan(intent, [intent.routers["r1"]], root=lab.root, journal=journal or lab.journal,
                     connect=lab.fleet.connect)  # fmt: skip
    return plan.routers[0]


def test_routes_read_back_with_cookie_0_are_applied_once_then_in_sync(lab: Lab) -> None:
    _routes(lab)
    lab.write("routes/bgp.yaml", BGP)
    lab.router().drop_read_cookies(("static", "bgp"))
    first = lab.reconcile()
    assert (first.outcome, first.planned, first.applied) == (Outcome.CHANGED, 9, 9), first.detail
    assert ZERO_COOKIE_WARNING in first.notes
    assert lab.journal.zero_cookie_kinds("r1") == {STATIC_KIND, BGP_KIND}
    second = lab.reconcile()
    assert (second.outcome, second.planned, second.applied, second.rounds) == (Outcome.IN_SYNC, 0, 0, 1)
    assert second.notes == [ZERO_COOKIE_WARNING]  # and no "the router holds 0 of the 9 routes"
    assert _ours(lab) == ({f"10.100.{n}.0/24" for n in range(5)}, 4)
    record = lab.journal.owned_keys("r1")
    assert record.static == {"inet.0": {f"10.100.{n}.0/24" for n in range(5)}}
    assert record.bgp == {"inet.0": {("10.123.0.0/24", f"10.0.0.{n}") for n in range(1, 5)}}
    plan = _plan(lab)
    assert (plan.changes, plan.notes) == ([], [ZERO_COOKIE_WARNING])


def test_a_change_of_intent_deletes_only_our_routes(lab: Lab) -> None:
    """Foreign cookie-0 routes (configured, another client's, one at a prefix of ours with other
    next hops, a BGP path of a prefix of ours) survive; ours are deleted by our key."""
    _routes(lab, 10)
    lab.write("routes/bgp.yaml", BGP)
    lab.router().drop_read_cookies(("static", "bgp"))
    assert lab.reconcile().outcome is Outcome.CHANGED
    lab.router().add_config_route("inet.0", "10.200.0.0/24", "192.0.2.7")
    other = _other_client(lab)
    other.write_static([StaticRoute(RouteKey("inet.0", prefix, 7), (Gateway("192.0.2.9"),))
                        for prefix in ("10.100.0.0/24", "10.100.2.0/24", "10.250.0.0/24")])  # fmt: skip
    other.write_bgp([BgpPath(RouteKey("inet.0", "10.123.0.0/24", 9), "10.0.0.9")])
    assert lab.reconcile().outcome is Outcome.IN_SYNC  # a foreign route at a prefix of ours is not ours
    _routes(lab, 8, first=2)  # 10.100.0 and 10.100.1 go
    bgp = {**BGP["bgp_routes"][0], "paths": [{"next_hop": f"10.0.0.{n}"} for n in range(1, 4)]}  # 10.0.0.4 goes
    lab.write("routes/bgp.yaml", {"apply_to": {"all": True}, "bgp_routes": [bgp]})
    result = lab.reconcile()
    assert result.outcome is Outcome.CHANGED, result.detail
    assert [(c.action, c.key) for c in result.first_plan.changes] == [  # type: ignore[union-attr]
        (Action.DELETE, "inet.0 10.123.0.0/24 via 10.0.0.4"),
        (Action.DELETE, "inet.0 10.100.0.0/24"), (Action.DELETE, "inet.0 10.100.1.0/24"),
    ]  # fmt: skip
    assert _ours(lab) == ({f"10.100.{n}.0/24" for n in range(2, 10)}, 3)
    theirs = lab.router().clients[OTHER]
    assert sorted(route.key.prefix for route in theirs.static["inet.0"].values()) == [
        "10.100.0.0/24", "10.100.2.0/24", "10.250.0.0/24"]  # fmt: skip
    assert len(theirs.bgp["inet.0"]) == 1
    assert [r.key.prefix for r in lab.router().config["inet.0"].values()].count("10.200.0.0/24") == 1
    assert lab.reconcile().outcome is Outcome.IN_SYNC
    other.close()


def test_with_a_lost_journal_nothing_unproven_is_deleted(lab: Lab) -> None:
    """The journal is gone and the router drops cookies: the intent's routes are written again
    (upserts of what is there) and are ours once they read back; the routes the intent no
    longer names were ours, but nothing proves it: they are left alone, never deleted."""
    _routes(lab, 5)
    assert lab.reconcile().outcome is Outcome.CHANGED
    lab.router().drop_read_cookies(("static",))
    _routes(lab, 3)
    lab.journal = Journal(lab.root.parent / "new-state")
    plan = _plan(lab)
    assert [c.action for c in plan.changes] == [Action.CREATE] * 3  # nothing read is provably ours
    result = lab.reconcile()
    assert (result.outcome, result.applied) == (Outcome.CHANGED, 3), result.detail
    assert ZERO_COOKIE_WARNING in result.notes
    assert _ours(lab)[0] == {f"10.100.{n}.0/24" for n in range(5)}  # the two old ones are still there
    plan = _plan(lab)
    assert (plan.changes, plan.notes) == ([], [ZERO_COOKIE_WARNING])
    assert {"static route inet.0 10.100.3.0/24 cookie 0 (static)",
            "static route inet.0 10.100.4.0/24 cookie 0 (static)"} <= set(plan.not_managed)  # fmt: skip
    assert lab.reconcile().outcome is Outcome.IN_SYNC
    assert len(_ours(lab)[0]) == 5


def test_when_cookies_read_back_again_the_fallback_turns_off(lab: Lab) -> None:
    _routes(lab)
    lab.router().drop_read_cookies(("static",))
    assert lab.reconcile().outcome is Outcome.CHANGED
    assert lab.journal.zero_cookie_kinds("r1") == {STATIC_KIND}
    lab.router().drop_read_cookies(())
    result = lab.reconcile()
    assert (result.outcome, result.notes) == (Outcome.IN_SYNC, [COOKIES_BACK_NOTE])
    assert lab.journal.zero_cookie_kinds("r1") == frozenset()
    # From now on a cookie-0 route at a key we once wrote is foreign again: a configured one
    # where ours was deleted behind our back is not taken for ours (ours is written again).
    lab.router().delete_route("inet.0", "10.100.1.0/24")
    lab.router().add_config_route("inet.0", "10.100.1.0/24", "192.0.2.1")
    repaired = lab.reconcile()
    assert (repaired.outcome, repaired.applied) == (Outcome.CHANGED, 1)
    assert "10.100.1.0/24" in _ours(lab)[0]


def test_a_plan_shows_the_warning_and_writes_nothing(lab: Lab) -> None:
    _routes(lab)
    lab.router().drop_read_cookies(("static",))
    lab.reconcile()
    lab.router().drop_read_cookies(())
    intent = lab.intent()
    plan = make_plan(intent, [intent.routers["r1"]], root=lab.root, journal=lab.journal, connect=lab.fleet.connect)
    # the plan sees the tags again and says so, but only a reconcile (under the lock) records it
    assert plan.routers[0].notes == [COOKIES_BACK_NOTE]
    assert lab.journal.zero_cookie_kinds("r1") == {STATIC_KIND}
    lab.router().drop_read_cookies(("static",))
    plan = make_plan(intent, [intent.routers["r1"]], root=lab.root, journal=lab.journal, connect=lab.fleet.connect)
    assert f"  note: {ZERO_COOKIE_WARNING}" in render.to_text(plan)
    payload: dict[str, Any] = render.to_dict(plan)
    assert (payload["routers"][0]["notes"], payload["routers"][0]["changes"]) == ([ZERO_COOKIE_WARNING], [])


def test_the_watcher_warns_once_and_repairs_without_re_adding(
    lab: Lab, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ownership_module, "_warned", set())  # warnings are once per router and process
    lab.devices.pop("r2")
    _routes(lab, 3)
    lab.router().drop_read_cookies(("static",))
    _commit(lab, "three routes")
    controller = Controller(lab.root, "main", lab.journal, connect=lab.fleet.connect, options=OPTIONS)
    with caplog.at_level(logging.WARNING, logger="reconciler.engine.ownership"):
        controller.start()
        try:
            assert wait_for(lambda: [r.result for r in lab.journal.reconciles("r1")] == [Outcome.CHANGED.value])
            lab.router().delete_route("inet.0", "10.100.1.0/24")
            controller._on_event(Event("r1", EventKind.ROUTE, "delete", "10.100.1.0/24"))
            assert wait_for(lambda: len(lab.journal.reconciles("r1")) == 2)
        finally:
            controller.stop()
    assert [r.result for r in lab.journal.reconciles("r1")] == [Outcome.CHANGED.value] * 2
    assert _ours(lab)[0] == {f"10.100.{n}.0/24" for n in range(3)}
    [drift] = lab.journal.drifts("r1")  # the deleted route, repaired; nothing else looked missing
    assert (drift.subject, drift.change, drift.repaired) == ("inet.0 10.100.1.0/24", "create", True)
    assert [r.getMessage() for r in caplog.records] == [f"r1: {ZERO_COOKIE_WARNING}"]


# ------------------------------------------------------ point 5: ALREADY_INITIALIZED


def test_already_initialized_on_a_new_connection_gives_no_false_lost_routes_note(lab: Lab) -> None:
    """A server that answers ALREADY_INITIALIZED to a new connection's Initialize says no route
    count; the note compares two reads, so it appears only when routes are really gone."""
    lab.router().always_initialized = True
    _routes(lab, 5)
    assert lab.reconcile().outcome is Outcome.CHANGED
    session = lab.fleet.connect("r1", lab.intent().routers["r1"].entry, lab.root, Role.WRITER)
    assert session.info.owned_routes is None  # the router did not say
    session.close()
    again = lab.reconcile()
    assert (again.outcome, again.notes) == (Outcome.IN_SYNC, [])
    lab.router().drop_read_cookies(("static",))  # and a read that shows no tag at all
    lab.reconcile()
    assert lab.reconcile().notes == [ZERO_COOKIE_WARNING]
    lab.router().delete_route("inet.0", "10.100.0.0/24")
    repaired = lab.reconcile()
    assert repaired.notes == [
        ZERO_COOKIE_WARNING,
        "the router holds 4 of the 5 routes this product owned after the last verified run (purge timer, routing "
        "daemon restart or an operator): they are re-planned from this read",
    ]
