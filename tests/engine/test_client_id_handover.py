"""A client_id change: the routes move to the new id before the old id's purge timer can
delete them; filters, which cannot move, stop the apply with the steps; never "verified"
while the old id still holds what the intent needs."""

from __future__ import annotations

from reconciler.engine.dry_run import make_plan
from reconciler.engine.guards import Limits
from reconciler.engine.reconcile import ReconcileOptions
from reconciler.model.outcome import Outcome
from reconciler.plan import render
from tests.engine.conftest import Lab, static_routes
from tests.engine.test_reconcile import BGP, PROTECT

OLD, NEW = "jet-reconciler", "jet-reconciler-2"


def _routes(lab: Lab) -> None:
    lab.write("routes/bulk.yaml", {"apply_to": {"devices": ["r1"]}, "static_routes": static_routes(20)})
    lab.write("routes/bgp.yaml", BGP)


def _owned(lab: Lab, client_id: str) -> int:
    client = lab.router().clients.get(client_id)
    return 0 if client is None else client.owned()


def test_routes_move_to_the_new_client_id_and_nothing_is_left_to_purge(lab: Lab) -> None:
    _routes(lab)
    assert lab.reconcile().outcome is Outcome.CHANGED
    assert lab.journal.programmed_by("r1") == OLD
    held = _owned(lab, OLD)
    assert held == 22  # 20 static routes, 2 BGP paths

    lab.devices["r1"] = {"client_id": NEW}
    intent = lab.intent()
    plan = make_plan(intent, [intent.routers["r1"]], root=lab.root, journal=lab.journal, connect=lab.fleet.connect)
    assert plan.has_changes  # the read matches, but the old id's purge would delete it all
    [router_plan] = plan.routers
    assert router_plan.changes == []
    assert router_plan.handover is not None
    assert f"client id hand-over {OLD} -> {NEW}: 22 routes are written again as {NEW}" in render.to_text(plan)

    moved = lab.reconcile()
    assert moved.outcome is Outcome.CHANGED, moved.detail
    assert (_owned(lab, NEW), _owned(lab, OLD)) == (22, 0)
    assert lab.journal.programmed_by("r1") == NEW
    assert any(f"client id {OLD} -> {NEW}: 22 routes written" in note for note in moved.notes)

    # The old id's purge timer runs out: nothing of ours goes with it.
    lab.router().drop_sessions(OLD)
    lab.router().purge(OLD, filters=True)
    again = lab.reconcile()
    assert (again.outcome, again.planned) == (Outcome.IN_SYNC, 0)
    assert _owned(lab, NEW) == 22


def test_a_handover_with_intent_changes_makes_both(lab: Lab) -> None:
    _routes(lab)
    lab.reconcile()
    lab.write("routes/bulk.yaml", {"apply_to": {"devices": ["r1"]}, "static_routes": static_routes(15, first=5)})
    lab.devices["r1"] = {"client_id": NEW}
    result = lab.reconcile()
    assert result.outcome is Outcome.CHANGED, result.detail
    assert (_owned(lab, NEW), _owned(lab, OLD)) == (17, 0)


def test_filters_cannot_move_so_the_apply_stops_with_the_steps_and_writes_nothing(lab: Lab) -> None:
    _routes(lab)
    lab.write("filters/protect.yaml", PROTECT)
    lab.reconcile()
    lab.devices["r1"] = {"client_id": NEW}

    stopped = lab.reconcile()

    assert stopped.outcome is Outcome.GUARD
    assert stopped.detail is not None
    assert f"client_id changes from {OLD} to {NEW}, but filters this product programmed as {OLD} (protect)" in (
        stopped.detail
    )
    assert f"Either keep client_id {OLD}, or move them in two applies" in stopped.detail
    assert _owned(lab, NEW) == 0 and lab.journal.programmed_by("r1") == OLD
    assert lab.router().filters[("inet", "protect")].owner == OLD


def test_a_router_with_no_record_takes_the_intent_client_id_at_its_first_write(lab: Lab) -> None:
    lab.devices["r1"] = {"client_id": NEW}
    _routes(lab)
    assert lab.journal.programmed_by("r1") is None
    assert lab.reconcile().outcome is Outcome.CHANGED
    assert lab.journal.programmed_by("r1") == NEW
    assert lab.reconcile().outcome is Outcome.IN_SYNC


def test_a_journal_without_a_record_learns_the_client_id_at_a_verified_read(lab: Lab) -> None:
    _routes(lab)
    lab.reconcile()
    with lab.journal._db() as db:  # what the schema 6 migration leaves: no record yet
        db.execute("DELETE FROM client_ids")
    assert lab.reconcile().outcome is Outcome.IN_SYNC
    assert lab.journal.programmed_by("r1") == OLD
    lab.devices["r1"] = {"client_id": NEW}
    assert lab.reconcile().outcome is Outcome.CHANGED
    assert (_owned(lab, NEW), _owned(lab, OLD)) == (22, 0)


def test_a_handover_that_fails_midway_keeps_the_old_copies_and_finishes_later(lab: Lab) -> None:
    lab.write("routes/bulk.yaml", {"apply_to": {"devices": ["r1"]}, "static_routes": static_routes(5000)})
    lab.reconcile()
    lab.devices["r1"] = {"client_id": NEW}
    lab.router().inject_faults(retryable_rate=0.3, seed=12)

    result = lab.reconcile()

    assert result.outcome is Outcome.CHANGED, result.detail
    assert result.rounds >= 2  # each round after a fault writes only what is left (and that is progress)
    assert (_owned(lab, NEW), _owned(lab, OLD)) == (5000, 0)
    assert lab.journal.programmed_by("r1") == NEW


def test_a_handover_whose_writes_never_land_keeps_every_old_copy(lab: Lab) -> None:
    _routes(lab)
    lab.reconcile()
    lab.devices["r1"] = {"client_id": NEW}
    lab.router().inject_faults(retryable=1_000_000)

    result = lab.reconcile(options=ReconcileOptions(backoff=0.001, stall_rounds=2))

    assert result.outcome is Outcome.NOT_CONVERGED
    assert result.detail is not None and "client id hand-over" in result.detail
    assert "routes left to write" in result.detail
    assert _owned(lab, OLD) == 22 and lab.journal.programmed_by("r1") == OLD


def test_max_changes_holds_for_a_handover(lab: Lab) -> None:
    _routes(lab)
    lab.reconcile()
    lab.devices["r1"] = {"client_id": NEW}
    result = lab.reconcile(options=ReconcileOptions(backoff=0.001, limits=Limits(max_changes=10)))
    assert result.outcome is Outcome.GUARD
    assert (_owned(lab, NEW), _owned(lab, OLD)) == (0, 22)
