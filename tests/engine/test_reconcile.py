"""One reconcile against the in-memory device: converges under faults, stops with the
right outcome otherwise, and says only what a read showed."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from reconciler.engine import observe as observe_module
from reconciler.engine.dry_run import make_plan
from reconciler.engine.guards import Limits
from reconciler.engine.observe import observe
from reconciler.engine.reconcile import ReconcileOptions
from reconciler.model.outcome import Outcome
from reconciler.model.prefixes import Family
from reconciler.plan import render
from reconciler.plan.model import Plan
from reconciler.plan.saved import load_plan
from reconciler.port.errors import Ambiguous
from reconciler.port.session import Role
from reconciler.store.errors import JournalError
from tests.engine.conftest import Lab, static_routes

PROTECT = {
    "apply_to": {"all": True},
    "filters": [{"name": "protect", "family": "inet", "terms": [
        {"name": "ssh", "from": {"protocol": ["tcp"], "destination_port": ["ssh"]}, "then": {"action": "accept",
                                                                                            "count": "ssh"}},
        {"name": "rest", "then": {"action": "discard", "count": "dropped"}},
    ]}],
    "bindings": [{"filter": "protect", "interface": "lo0.0", "direction": "input"}],
}  # fmt: skip
BGP = {
    "apply_to": {"all": True},
    "bgp_routes": [{"prefix": "10.123.0.0/24", "local_preference": 200,
                    "paths": [{"next_hop": "10.0.0.1"}, {"next_hop": "10.0.0.2"}]}],
}  # fmt: skip


def _bulk(lab: Lab, count: int) -> None:
    lab.write("routes/bulk.yaml", {"apply_to": {"devices": ["r1"]}, "static_routes": static_routes(count)})


def _owned_static(lab: Lab, name: str = "r1") -> int:
    return lab.router(name).clients["jet-reconciler"].owned()


def test_first_apply_changes_then_a_second_is_in_sync(lab: Lab) -> None:
    _bulk(lab, 10)
    lab.write("filters/protect.yaml", PROTECT)
    lab.write("routes/bgp.yaml", BGP)
    first = lab.reconcile()
    assert (first.outcome, first.planned, first.applied) == (Outcome.CHANGED, 14, 14)
    assert lab.router().filter_terms("protect") == ["ssh", "rest"]
    second = lab.reconcile()
    assert (second.outcome, second.planned, second.applied, second.rounds) == (Outcome.IN_SYNC, 0, 0, 1)
    [record] = lab.journal.reconciles("r1")[-1:]
    assert (record.result, record.trigger) == ("in sync", "test")


def test_retryable_bursts_are_retried(lab: Lab) -> None:
    _bulk(lab, 2500)
    lab.router().inject_faults(retryable=3)
    result = lab.reconcile()
    assert result.outcome is Outcome.CHANGED, result.detail
    assert result.rounds >= 4 and _owned_static(lab) == 2500


def test_lost_answers_are_resolved_by_reading_back(lab: Lab) -> None:
    _bulk(lab, 3000)
    lab.router().inject_faults(ambiguous_rate=1.0)  # every write lands, every answer is lost
    result = lab.reconcile()
    assert result.outcome is Outcome.CHANGED, result.detail
    assert _owned_static(lab) == 3000


def test_writes_that_never_land_end_with_a_precise_error(lab: Lab) -> None:
    _bulk(lab, 10)
    lab.router().inject_faults(retryable=1000)
    result = lab.reconcile(options=ReconcileOptions(backoff=0.001, stall_rounds=3))
    # The first round, three rounds without progress, and the read that found the budget spent.
    assert result.outcome is Outcome.NOT_CONVERGED and result.rounds == 5
    assert result.detail == ("did not converge: 10 changes remain after 5 rounds (no progress in 4 rounds in a row); "
                             "last error: r1: Rib/RouteUpdate failed (retryable): TRY_AGAIN")  # fmt: skip


def _converges_under_try_again(lab: Lab, routes: int, rate: float, seed: int) -> None:
    _bulk(lab, routes)
    lab.router().inject_faults(retryable_rate=rate, seed=seed)
    result = lab.reconcile()
    assert result.outcome is Outcome.CHANGED, result.detail
    assert result.rounds > 6 and result.applied == routes and _owned_static(lab) == routes
    lab.router().inject_faults()
    assert lab.reconcile().outcome is Outcome.IN_SYNC


def test_retries_scale_with_the_work(lab: Lab) -> None:
    """Every round gets a few write requests through before one is answered TRY_AGAIN;
    rounds go on as long as they do (six rounds were the limit before). The seed is one
    that needs ten rounds."""
    _converges_under_try_again(lab, 5000, 0.5, seed=4)


@pytest.mark.slow
def test_retries_scale_with_20k_routes(lab: Lab) -> None:
    """20k routes (20 write requests), 30 % answered TRY_AGAIN (the tester's case)."""
    _converges_under_try_again(lab, 20000, 0.3, seed=12)


def test_five_try_again_answers_end_verified(lab: Lab) -> None:
    """Five rounds refused, the sixth writes: the read after it finds the router matching."""
    _bulk(lab, 10)
    lab.router().inject_faults(retryable=5)
    result = lab.reconcile()
    assert (result.outcome, result.applied, result.rounds) == (Outcome.CHANGED, 10, 7), result.detail
    assert lab.reconcile().outcome is Outcome.IN_SYNC


def test_the_read_after_the_deadline_decides(lab: Lab) -> None:
    """The deadline passed during the first round: no more writes, but the read that follows
    decides. Lost answers of writes that landed: verified. Writes that did not land: not."""
    _bulk(lab, 1500)  # two write requests, both sent before the first answer
    lab.router().inject_faults(ambiguous_rate=1.0)  # every write lands, every answer is lost
    landed = lab.reconcile(options=ReconcileOptions(backoff=0.001, deadline=0.0))
    assert (landed.outcome, landed.rounds) == (Outcome.CHANGED, 2), landed.detail
    _bulk(lab, 1600)
    lab.router().inject_faults(retryable=1000)
    refused = lab.reconcile(options=ReconcileOptions(backoff=0.001, deadline=0.0))
    assert (refused.outcome, refused.rounds, _owned_static(lab)) == (Outcome.NOT_CONVERGED, 2, 1500)
    assert refused.detail == ("did not converge: 100 changes remain after 2 rounds (the deadline of 0 s per router "
                              "passed); last error: r1: Rib/RouteUpdate failed (retryable): TRY_AGAIN")  # fmt: skip


def test_the_deadline_bounds_a_router_that_keeps_saying_try_again(lab: Lab) -> None:
    _bulk(lab, 10)
    lab.router().inject_faults(retryable=1_000_000)
    started = time.monotonic()
    result = lab.reconcile(options=ReconcileOptions(backoff=0.01, max_backoff=0.02, stall_rounds=10**9, deadline=0.5))
    assert result.outcome is Outcome.NOT_CONVERGED
    assert "the deadline of 0.5 s per router passed" in (result.detail or "")
    assert time.monotonic() - started >= 0.5 and result.rounds >= 2  # it kept trying until the deadline


def test_a_broken_read_stream_is_read_again_whole(lab: Lab, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stream that broke after its first reply: the table is read again from the start,
    and what the broken stream delivered never becomes a plan."""
    monkeypatch.setattr(observe_module, "REREAD_DELAY", 0.001)
    _bulk(lab, 1500)
    assert lab.reconcile().outcome is Outcome.CHANGED
    lab.router().break_reads(observe_module.READ_ATTEMPTS - 1)
    again = lab.reconcile()
    assert (again.outcome, again.planned, again.rounds) == (Outcome.IN_SYNC, 0, 1), again.detail
    _bulk(lab, 1600)
    lab.router().break_reads(observe_module.READ_ATTEMPTS)  # every read of the first round breaks
    grown = lab.reconcile()
    assert (grown.outcome, grown.planned, grown.rounds) == (Outcome.CHANGED, 100, 3), grown.detail


def test_a_router_whose_reads_keep_breaking_is_not_refused(lab: Lab, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(observe_module, "REREAD_DELAY", 0.001)
    _bulk(lab, 10)
    lab.router().break_reads(1000)
    result = lab.reconcile(options=ReconcileOptions(backoff=0.001, stall_rounds=1))
    assert (result.outcome, result.rounds) == (Outcome.NOT_CONVERGED, 2)
    assert result.detail == (
        "did not converge: the router could not be read back after 2 rounds (no progress in 2 rounds in a row); "
        "last error: r1: Rib/RouteGet failed (retryable): UNKNOWN: the read stream broke (fault injection) "
        "(table inet.0 read 3 times, every read failed)"
    )


@pytest.mark.parametrize("fault", ["session_lost_after", "restart_after"])
def test_a_session_lost_mid_write_converges(lab: Lab, fault: str) -> None:
    """Login dropped, or the routing daemon restarted (NOT_INITIALIZED), during the write phase."""
    _bulk(lab, 5000)
    lab.router().inject_faults(**{fault: 2})
    result = lab.reconcile()
    assert result.outcome is Outcome.CHANGED, result.detail
    assert result.rounds >= 2 and _owned_static(lab) == 5000
    assert lab.reconcile().outcome is Outcome.IN_SYNC


def test_a_refusal_stops_the_router_or_is_skipped(lab: Lab) -> None:
    lab.devices["r1"] = {"routing_instances": ["red"]}  # in the inventory, not on the router
    lab.devices.pop("r2")
    to_red = {"name": "t", "then": {"action": "routing-instance", "routing_instance": "red"}}
    lab.write("filters/red.yaml", {"apply_to": {"all": True},
                                   "filters": [{"name": "to-red", "family": "inet", "terms": [to_red]}]})  # fmt: skip
    _bulk(lab, 3)
    stopped = lab.reconcile()
    assert stopped.outcome is Outcome.REFUSED
    assert "to-red failed (refused: not found): term 't': routing instance 'red'" in (stopped.detail or "")
    assert _owned_static(lab) == 0  # filters go first; the router stopped there
    kept_going = lab.reconcile(options=ReconcileOptions(keep_going=True, backoff=0.001))
    assert kept_going.outcome is Outcome.REFUSED and len(kept_going.refused) == 1
    assert _owned_static(lab) == 3


def test_another_writer_holds_the_lock(lab: Lab) -> None:
    lab.journal.acquire("r1", 60, holder="other-host:123")
    result = lab.reconcile()
    assert result.outcome is Outcome.LOCK_HELD and "other-host:123" in (result.detail or "")


def test_mass_deletes_need_the_flag(lab: Lab) -> None:
    _bulk(lab, 8)
    assert lab.reconcile().outcome is Outcome.CHANGED
    _bulk(lab, 2)
    guarded = lab.reconcile()
    assert guarded.outcome is Outcome.GUARD and "deletes 6 of 8 owned objects" in (guarded.detail or "")
    allowed = lab.reconcile(options=ReconcileOptions(limits=Limits(allow_mass_delete=True), backoff=0.001))
    assert allowed.outcome is Outcome.CHANGED and _owned_static(lab) == 2


def test_the_change_budget_holds_across_rounds(lab: Lab) -> None:
    _bulk(lab, 5)
    result = lab.reconcile(options=ReconcileOptions(limits=Limits(max_changes=4), backoff=0.001))
    assert result.outcome is Outcome.GUARD and _owned_static(lab) == 0


def test_an_unreachable_router_is_said_so_at_once(lab: Lab) -> None:
    _bulk(lab, 1)
    lab.router().down()
    result = lab.reconcile()
    assert (result.outcome, result.rounds) == (Outcome.UNREACHABLE, 1)


def test_no_purge_note_while_another_session_of_ours_is_open(lab: Lab) -> None:
    _bulk(lab, 5)
    assert lab.reconcile().outcome is Outcome.CHANGED
    watcher = lab.fleet.connect("r1", lab.intent().routers["r1"].entry, lab.root, Role.WRITER)
    assert lab.router().clients["jet-reconciler"].session is not None
    again = lab.reconcile()
    assert again.outcome is Outcome.IN_SYNC and again.notes == []
    lab.router().delete_route("inet.0", "10.100.0.0/24")
    repaired = lab.reconcile()
    assert repaired.notes == [
        "the router holds 4 of the 5 routes this product owned after the last verified run (purge timer, routing "
        "daemon restart or an operator): they are re-planned from this read"
    ]
    watcher.close()


def test_a_missing_filter_drops_only_its_own_family_bindings(lab: Lab) -> None:
    """An inet filter and an inet6 filter share a name; the inet one is removed on the router."""
    v6 = {"name": "protect", "family": "inet6", "terms": [{"name": "all", "then": {"action": "accept",
                                                                                  "count": "all6"}}]}  # fmt: skip
    lab.write("filters/protect.yaml", {"apply_to": {"all": True}, "filters": [*PROTECT["filters"], v6],
              "bindings": [{"filter": "protect", "family": family, "interface": "lo0.0", "direction": "input"}
                           for family in ("inet", "inet6")]})  # type: ignore[list-item]  # fmt: skip
    assert lab.reconcile().outcome is Outcome.CHANGED
    lab.router().remove_filter("protect", Family.INET)
    intent = lab.intent()
    session = lab.fleet.connect("r1", intent.routers["r1"].entry, lab.root, Role.READER)
    seen = observe(intent.routers["r1"], session, lab.journal)
    assert seen.missing_filters == ("inet protect",)
    assert [b.family for b in seen.bindings.values()] == [Family.INET6]  # the inet6 filter's binding stays
    assert lab.reconcile().outcome is Outcome.CHANGED  # and the inet filter and its binding come back
    assert lab.router().filter_terms("protect", Family.INET) == ["ssh", "rest"]


def _saved_plan(lab: Lab) -> Plan:
    """What `plan --out` saves and `apply --plan` loads back."""
    intent = lab.intent()
    plan = make_plan(intent, [intent.routers["r1"]], root=lab.root, journal=lab.journal, connect=lab.fleet.connect)
    return load_plan(json.loads(render.to_json(plan)))


def test_a_saved_plan_is_executed_exactly(lab: Lab) -> None:
    _bulk(lab, 3)
    saved = _saved_plan(lab)
    result = lab.reconcile(saved=saved)
    assert (result.outcome, result.planned, result.applied) == (Outcome.CHANGED, 3, 3)


def test_a_saved_plan_of_an_edited_working_tree_is_stale(lab: Lab) -> None:
    _bulk(lab, 3)
    saved = _saved_plan(lab)  # the working tree: no commit to tell the two intents apart
    _bulk(lab, 4)
    result = lab.reconcile(saved=saved)
    assert result.outcome is Outcome.GUARD and "the intent for this router changed" in (result.detail or "")
    assert _owned_static(lab) == 0


def test_a_saved_plan_is_checked_when_the_first_read_fails(lab: Lab, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first read that succeeds is the one the saved plan is checked against, even when
    it is not the first round's."""
    monkeypatch.setattr(observe_module, "REREAD_DELAY", 0.001)
    _bulk(lab, 3)
    saved = _saved_plan(lab)
    _bulk(lab, 4)  # the working tree changed after the plan was saved
    lab.router().break_reads(observe_module.READ_ATTEMPTS)  # the first round's read fails
    result = lab.reconcile(saved=saved)
    assert result.outcome is Outcome.GUARD and "the intent for this router changed" in (result.detail or "")
    assert (result.rounds, _owned_static(lab)) == (2, 0)


def test_recovery_never_adds_changes_the_saved_plan_did_not_show(lab: Lab) -> None:
    _bulk(lab, 3)
    saved = _saved_plan(lab)
    lab.router().inject_faults(ambiguous_rate=1.0)  # the saved writes land, their answers are lost
    lab.router().add_config_route("inet.0", "10.200.0.0/24", "192.0.2.9")  # not ours: nothing to do
    result = lab.reconcile(saved=saved)
    assert result.outcome is Outcome.CHANGED, result.detail  # round 2 only verified the saved changes
    lab.router().inject_faults()
    lab.router().delete_route("inet.0", "10.100.1.0/24")
    saved = _saved_plan(lab)
    lab.router().inject_faults(ambiguous_rate=1.0)
    lab.write("routes/more.yaml", {"apply_to": {"devices": ["r1"]}, "static_routes": static_routes(1, first=50)})
    stale = lab.reconcile(saved=saved)  # intent changed after the plan: refused before anything is sent
    assert stale.outcome is Outcome.GUARD and stale.applied == 0


def test_a_recovery_round_never_adds_a_change_the_saved_plan_did_not_show(lab: Lab) -> None:
    _bulk(lab, 8)
    assert lab.reconcile().outcome is Outcome.CHANGED
    lab.write("routes/more.yaml", {"apply_to": {"devices": ["r1"]}, "static_routes": static_routes(1, first=50)})
    saved = _saved_plan(lab)  # one create
    connect = lab.fleet.connect

    def meddling(*args: Any) -> Any:
        """A session whose first write lands, then an operator deletes one of our other
        routes and the answer is lost: the next round sees a change nobody was shown."""
        session = connect(*args)
        write = session.write_static

        def write_then_meddle(routes: Any) -> None:
            write(routes)
            lab.router().delete_route("inet.0", "10.100.0.0/24")
            raise Ambiguous("r1", "Rib/RouteUpdate", "UNAVAILABLE")

        session.write_static = write_then_meddle  # type: ignore[method-assign]
        return session

    lab.fleet.connect = meddling  # type: ignore[method-assign]
    result = lab.reconcile(saved=saved)
    assert result.outcome is Outcome.GUARD
    assert "needs 1 changes the saved plan did not show (first: create static_route inet.0 10.100.0.0/24)" in (
        result.detail or ""
    )


def test_a_journal_that_fails_mid_run_stops_the_reconcile_and_is_not_swallowed(
    lab: Lab, monkeypatch: pytest.MonkeyPatch
) -> None:
    _bulk(lab, 10)
    lab.write("filters/protect.yaml", PROTECT)

    def broken(*args: Any, **kwargs: Any) -> None:
        raise JournalError(lab.journal.path, "disk I/O error", "free space and run again")

    monkeypatch.setattr(lab.journal, "filter_pending", broken)
    with pytest.raises(JournalError, match="disk I/O error"):
        lab.reconcile()
    # Fail closed: the filter whose record could not be written first was never sent.
    assert lab.router().filters == {}
