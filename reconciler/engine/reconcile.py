"""One reconcile of one router, shared by `apply` and `watch`: lock, session, read,
plan, guards, execute, verify, record.

Recovery is always the same path: after a retryable, ambiguous or session error
the router is read again and re-planned before anything else is sent; after a
crash the next run does the same. A reconcile ends in one Outcome; only a read that
matched the intent ends in IN_SYNC, CHANGED or DRIFT_REPORTED.

The retry budget scales with the work (`_Budget`): rounds go on while they make
progress, i.e. while each round's read finds fewer changes pending than every read
before it, plus `stall_rounds` rounds in a row without progress; no round writes
after the per-router `deadline`. Between a round that ended in an error and the
next, the engine sleeps `backoff` x 2^(rounds in a row without progress), at most
`max_backoff`, with jitter (50-100 %), never past the deadline. The decision is
always taken on a read: the round that finds the budget spent reads first, so a
router that matches the intent then is verified, and "did not converge" names
the changes that read still found and the last error.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from reconciler.engine.execute import Executor, LockLost, StepRefused
from reconciler.engine.guards import GuardStop, Limits, check_budget, check_deletes, check_saved
from reconciler.engine.handover import HandOver, Move, delete_old_copies, pending_handover, reported_routes
from reconciler.engine.observe import observe
from reconciler.engine.ownership import Ownership
from reconciler.engine.sessions import SessionCache
from reconciler.intent.merge import RouterIntent
from reconciler.model.intent import RouterEntry
from reconciler.model.outcome import VERIFIED, Outcome
from reconciler.model.ownership import is_owned
from reconciler.plan.diff import desired_digests, diff_router, object_digest
from reconciler.plan.model import Action, Change, DriftPolicy, Kind, Observed, Plan, RouterPlan
from reconciler.port.errors import (
    Ambiguous,
    ConfigError,
    Refused,
    Retryable,
    RouterError,
    SessionLost,
    Unreachable,
)
from reconciler.port.session import Connector, Role, RouterSession
from reconciler.store.errors import JournalError
from reconciler.store.journal import DriftRecord, Journal, LockHeld, ReconcileRecord

log = logging.getLogger(__name__)
LEASE_SECONDS = 120.0


@dataclass
class ReconcileResult:
    router: str
    commit: str | None
    trigger: str
    outcome: Outcome = Outcome.ERROR
    planned: int = 0  # changes in the first plan
    applied: int = 0  # steps the router confirmed
    rounds: int = 0
    detail: str | None = None  # why, when not verified
    refused: list[str] = field(default_factory=list)  # steps refused (on-error continue)
    notes: list[str] = field(default_factory=list)
    reported: list[str] = field(default_factory=list)  # drift seen under a `report` policy, not applied
    first_plan: RouterPlan | None = None
    started_at: float = field(default_factory=time.time)
    finished_at: float = 0.0

    @property
    def ok(self) -> bool:
        return self.outcome in VERIFIED


@dataclass(frozen=True)
class ReconcileOptions:
    limits: Limits = field(default_factory=Limits)
    keep_going: bool = False  # --on-error continue
    backoff: float = 0.5  # seconds after a failed round; doubles per round in a row without progress
    max_backoff: float = 10.0
    stall_rounds: int = 6  # rounds in a row without progress before a router is given up
    deadline: float = 900.0  # seconds per router: no round writes after it (a round under way finishes)


class _Budget:
    """The retry budget of one reconcile. A read that finds fewer changes pending than
    every read before it is progress; any other read (or a read that failed) is a stall.
    Writes go on while stalls in a row stay within `stall_rounds` and the deadline has
    not passed; the first round always writes. Progress lowers a count that starts at
    the first plan's size, so there are at most (first plan + 1) x (stall_rounds + 1)
    rounds, and the deadline bounds them in time."""

    def __init__(self, options: ReconcileOptions) -> None:
        self.options = options
        self.ends_at = time.monotonic() + options.deadline
        self.best: int | None = None  # the fewest changes any read found pending
        self.stalls = 0  # rounds in a row without progress
        self.counted = False  # this round's read was counted

    def start_round(self) -> None:
        self.counted = False

    def read(self, pending: int) -> None:
        """A read found `pending` changes to make."""
        self.counted = True
        if self.best is None or pending < self.best:
            self.best, self.stalls = pending, 0
        else:
            self.stalls += 1

    def failed(self) -> None:
        """The round ended in an error; a failed read is a stall."""
        if not self.counted:
            self.stalls += 1

    def spent(self) -> str | None:
        """Why no more writes may start, or None while they may."""
        if self.stalls > self.options.stall_rounds:
            return f"no progress in {self.stalls} rounds in a row"
        if time.monotonic() >= self.ends_at:
            return f"the deadline of {self.options.deadline:g} s per router passed"
        return None

    def pause(self) -> None:
        """Backoff with jitter after a failed round: routers recovering are not hit at once."""
        delay = min(self.options.backoff * 2**self.stalls, self.options.max_backoff)
        delay = min(delay * (0.5 + random.random() / 2), max(0.0, self.ends_at - time.monotonic()))
        time.sleep(delay)


Progress = Callable[[str, int, int], None]  # router, done, total
_POLICY_KINDS = {"static_routes": Kind.STATIC_ROUTE, "bgp_routes": Kind.BGP_PATH, "filters": Kind.FILTER,
                 "bindings": Kind.BINDING}  # fmt: skip


def report_kinds(entry: RouterEntry) -> frozenset[Kind]:
    """The object kinds whose drift is left on the router: `report` (seen, never written) and
    `adopt` (the same, and the watcher proposes it as an intent change)."""
    return frozenset(kind for name, kind in _POLICY_KINDS.items() if getattr(entry.drift, name) in ("report", "adopt"))


def drift_policy(desired: RouterIntent, journal: Journal) -> DriftPolicy:
    kinds = report_kinds(desired.entry)
    if not kinds:
        return DriftPolicy()
    applied = journal.applied_digests(desired.name)
    return DriftPolicy(kinds, {Kind(kind): digests for kind, digests in applied.items() if Kind(kind) in kinds})


def plan_router(
    desired: RouterIntent,
    session: RouterSession,
    journal: Journal,
    policy: DriftPolicy | None = None,
    handover: HandOver | None = None,
    ownership: Ownership | None = None,
) -> tuple[RouterPlan, Observed]:
    """Read the router and plan it: the one planning path of plan, apply and watch. A pending
    client id hand-over (see engine.handover) is part of the plan; so is a warning when the
    router reads back cookie 0 for our routes (see engine.ownership)."""
    ownership = ownership or Ownership(journal, desired.name)
    observed = observe(desired, session, journal, ownership=ownership)
    policy = policy if policy is not None else drift_policy(desired, journal)
    plan = diff_router(desired.name, desired, observed, policy)
    plan.notes.extend(ownership.notes)
    if handover is not None:
        plan.handover = handover.describe(len(desired.static_routes) + len(desired.bgp_paths))
    return plan, observed


def _owned_routes(observed: Observed) -> int:
    return sum(1 for k in observed.static_routes if is_owned(k.cookie)) + sum(
        1 for k in observed.bgp_paths if is_owned(k.cookie)
    )


def _owned_objects(observed: Observed) -> int:
    return _owned_routes(observed) + len(observed.filters) + len(observed.bindings)


class _Run:
    """The state of one reconcile while it runs."""

    def __init__(
        self,
        desired: RouterIntent,
        *,
        commit: str | None,
        root: Path,
        journal: Journal,
        connect: Connector,
        sessions: SessionCache | None,
        run_id: str,
        options: ReconcileOptions,
        saved: Plan | None,
        progress: Progress,
        result: ReconcileResult,
    ) -> None:
        self.desired = desired
        self.name = desired.name
        self.commit = commit
        self.root = root
        self.journal = journal
        self.connect = connect
        self.sessions = sessions
        self.run_id = run_id
        self.options = options
        self.saved = saved
        self.progress = progress
        self.result = result
        self.session: RouterSession | None = None
        self.generation = 0
        self.wrote = False  # something was sent (answers may have been lost)
        # Under a `report` policy: per kind, change key -> digest of what we last wrote there.
        self.policy = drift_policy(desired, journal)
        self.records = {kind: dict(keys) for kind, keys in self.policy.applied.items()}
        self.saved_keys: set[str] | None = None  # the changes a saved plan showed
        self.programmed_by: str | None = None  # the client id the router's routes are under (read under the lock)
        self.move: Move | None = None  # a client id hand-over under way
        self.leftover: str | None = None  # a client id whose copies are still to be deleted
        # Which routes are ours: by cookie, or from the journal when the router drops cookies on read.
        self.ownership = Ownership(journal, self.name, persist=True)

    def open(self) -> RouterSession:
        if self.session is None:
            if self.sessions is not None:
                self.session = self.sessions.get(self.name, self.desired.entry, self.root)
            else:
                self.session = self.connect(self.name, self.desired.entry, self.root, Role.WRITER)
        return self.session

    def drop(self) -> None:
        if self.sessions is not None:
            self.sessions.discard(self.name)
        elif self.session is not None:
            self.session.close()
        self.session = None

    def close(self) -> None:
        if self.sessions is None and self.session is not None:
            self.session.close()
        self.session = None

    def written(self, change: Change) -> None:
        """The router confirmed a change: remember which routes this run wrote, and the
        change where drift is only reported."""
        self.ownership.confirmed(change)
        keys = self.records.get(change.kind)
        if keys is None:
            return  # no record for this kind yet: the verification makes one
        if change.action is Action.DELETE:
            keys.pop(change.key, None)
        else:
            keys[change.key] = object_digest(change.subject)

    def save_records(self) -> None:
        if self.records:
            self.journal.set_applied_digests(self.name, {k.value: v for k, v in self.records.items()})

    def rounds(self) -> None:
        """Rounds until one ends the reconcile, within the retry budget (see _Budget)."""
        result, budget = self.result, _Budget(self.options)
        self.programmed_by = self.journal.programmed_by(self.name)
        last_error: RouterError | None = None
        while True:
            result.rounds += 1
            budget.start_round()
            try:
                if self.round(budget, last_error):
                    return
                continue  # the next round re-reads: it verifies, or repairs what changed meanwhile
            except Retryable as error:
                last_error = error
            except (SessionLost, Ambiguous) as error:
                last_error = error
                self.drop()
            except Unreachable as error:
                last_error = error
                self.drop()
                if result.rounds == 1 and result.applied == 0:
                    break  # down before anything was sent: say so now rather than after minutes
            budget.failed()
            if not budget.counted and (why := budget.spent()) is not None:
                # No read to decide on: this round's read is what failed.
                result.outcome = Outcome.NOT_CONVERGED
                result.detail = (f"did not converge: the router could not be read back after {result.rounds} rounds "
                                 f"({why}); last error: {last_error}")  # fmt: skip
                break
            budget.pause()
        if isinstance(last_error, Unreachable):
            result.outcome, result.detail = Outcome.UNREACHABLE, str(last_error)

    def _give_up(self, pending: int, why: str, last_error: RouterError | None) -> None:
        """A read found changes still pending and the budget is spent."""
        self.result.outcome = Outcome.NOT_CONVERGED
        cause = last_error or "none: the changes kept coming back (another writer?)"
        self.result.detail = (f"did not converge: {pending} changes remain after {self.result.rounds} rounds "
                              f"({why}); last error: {cause}")  # fmt: skip

    def round(self, budget: _Budget, last_error: RouterError | None) -> bool:
        """One read-plan-execute round; True when the reconcile is over."""
        result = self.result
        session = self.open()
        policy = DriftPolicy(self.policy.report, self.records)
        handover = pending_handover(self.desired, self.journal, self.programmed_by)
        plan, observed = plan_router(self.desired, session, self.journal, policy, handover, self.ownership)
        to_run = plan
        first_read = result.first_plan is None  # the first read that succeeded (an earlier one may have failed)
        if first_read:
            result.planned = len(plan.changes)
            result.first_plan = plan
            result.notes.extend(plan.notes)
            self._note_lost_routes(observed)
            if self.saved is not None:
                digest = self.desired.fingerprint()  # a saved plan is only applied to its own intent
                to_run = check_saved(self.saved, self.commit, self.name, plan.fingerprint, digest)
                result.planned = len(to_run.changes)
                self.saved_keys = {c.key for c in to_run.changes}
        elif self.saved_keys is not None:
            unseen = [c for c in plan.changes if c.key not in self.saved_keys]
            if unseen:  # recovery may finish the saved changes, never add others
                first = unseen[0]
                raise GuardStop(
                    f"{self.name}: the router now needs {len(unseen)} changes the saved plan did not show "
                    f"(first: {first.action.value} {first.kind.value} {first.key}): run reconciler plan again"
                )
        if not first_read:  # a later read may find what the first could not: the router drops our cookies
            result.notes.extend(n for n in self.ownership.notes if n not in result.notes)
        check_deletes(to_run, _owned_objects(observed), self.options.limits)
        check_budget(result.applied + len(to_run.changes), self.options.limits, f"{self.name}: the plan")
        if handover is not None:
            return self._hand_over(handover, to_run, observed, budget, first_read, last_error)
        if self.leftover is not None:  # a hand-over whose deletion under the old id failed: again
            self._delete_old_copies(self.leftover, observed)
        if not to_run.changes:
            self._verified(plan, observed)
            return True
        budget.read(len(to_run.changes))
        if not first_read and (why := budget.spent()) is not None:
            self._give_up(len(to_run.changes), why, last_error)
            return True
        base, total = result.applied, result.applied + len(to_run.changes)
        executor = Executor(
            session,
            self.journal,
            run_id=self.run_id,
            commit=self.commit,
            keep_going=self.options.keep_going,
            still_mine=lambda: self.journal.renew(self.name, self.generation, LEASE_SECONDS),
            progress=lambda done: self.progress(self.name, min(base + done, total), total),
            written=self.written,
        )
        self.wrote = True
        self._record_client_id(self.desired.entry.client_id)
        try:
            outcome = executor.run(to_run)
        finally:
            result.applied += executor.outcome.applied
            self.save_records()
        if outcome.refused:  # on-error continue: report them, do not loop on refusals
            result.refused.extend(outcome.refused)
            result.outcome = Outcome.REFUSED
            result.detail = f"{len(outcome.refused)} steps were refused by the router"
            return True
        return False

    def _hand_over(self, handover: HandOver, plan: RouterPlan, observed: Observed, budget: _Budget,
                   first_read: bool, last_error: RouterError | None) -> bool:  # fmt: skip
        """Move the router's routes to the intent's client id (see engine.handover); one round.
        True when the reconcile is over (the budget is spent)."""
        if handover.blocked is not None:
            raise GuardStop(f"{self.name}: {handover.blocked}")
        if reported_routes(plan):
            raise GuardStop(
                f"{self.name}: client_id changes from {handover.previous} to {handover.current}, but "
                f"{reported_routes(plan)} routes differ under a report-only drift policy: moving them would "
                "overwrite or drop that drift. Settle it first (adopt it into the intent, or set the policy to "
                "revert), then apply"
            )
        if self.saved is not None and plan.handover is None:
            raise GuardStop(f"{self.name}: the saved plan does not show the client id hand-over: run reconciler "
                            "plan again")  # fmt: skip
        move = self.move = self.move or Move()
        static, bgp = move.left(self.desired, plan)
        # Each route is written as the new id and deleted as the old one: both count.
        check_budget(self.result.applied + 2 * (len(static) + len(bgp)) + len(plan.changes), self.options.limits,
                     f"{self.name}: the client id hand-over")  # fmt: skip
        budget.read(len(static) + len(bgp))  # fewer routes left to move than before: progress
        if not first_read and (why := budget.spent()) is not None:
            self.result.outcome = Outcome.NOT_CONVERGED
            self.result.detail = (f"did not converge: the client id hand-over {handover.previous} -> "
                                  f"{handover.current} has {len(static) + len(bgp)} routes left to write after "
                                  f"{self.result.rounds} rounds ({why}); last error: {last_error}")  # fmt: skip
            return True
        self.wrote = True
        before = len(move.confirmed)
        try:
            move.write(static, bgp, self.open())
        finally:
            self.result.applied += len(move.confirmed) - before
        # Every copy is confirmed: from here on the new id is the one holding the router's routes.
        self._record_client_id(handover.current)
        self.leftover = handover.previous
        self._delete_old_copies(handover.previous, observed)
        self.result.notes.append(
            f"client id {handover.previous} -> {handover.current}: {len(move.confirmed)} routes written as "
            f"{handover.current}, {handover.previous}'s copies deleted"
        )
        return False  # the next round reads again: it makes the plan's other changes, and verifies

    def _record_client_id(self, client_id: str) -> None:
        if self.programmed_by != client_id:
            self.journal.set_programmed_by(self.name, client_id, self.commit)
            self.programmed_by = client_id

    def _delete_old_copies(self, previous: str, observed: Observed) -> None:
        old = self.connect(self.name, self.desired.entry.model_copy(update={"client_id": previous}), self.root,
                           Role.WRITER)  # fmt: skip
        try:
            delete_old_copies(observed, old)
        finally:
            old.close()
        self.leftover = None

    def _note_lost_routes(self, observed: Observed) -> None:
        """Routes we owned after the last verified run that the read no longer finds:
        a purge timer fired or the routing daemon restarted. Both counts come from reads
        (this one counts the routes ownership found ours, by cookie or from the journal),
        never from what Initialize answered: a session that answered ALREADY_INITIALIZED
        (another connection of our client id initialized it) says no count at all."""
        expected = self.journal.owned_routes(self.name)
        held = _owned_routes(observed)
        if expected is not None and held < expected:
            self.result.notes.append(
                f"the router holds {held} of the {expected} routes this product owned after the last verified "
                "run (purge timer, routing daemon restart or an operator): they are re-planned from this read"
            )

    def _verified(self, plan: RouterPlan, observed: Observed) -> None:
        result = self.result
        result.reported = [f"{c.action.value} {c.kind.value} {c.key}" for c in plan.reported]
        if plan.waiting:
            result.outcome = Outcome.WAITING
            result.detail = "; ".join(plan.waiting.values())
        elif plan.reported:
            result.outcome = Outcome.DRIFT_REPORTED
        else:
            result.outcome = Outcome.CHANGED if self.wrote else Outcome.IN_SYNC
        self.journal.set_owned_routes(self.name, _owned_routes(observed), self.commit)
        self.ownership.save(observed)
        if self.programmed_by is None:
            # A journal from before client ids were recorded (or a new state directory): the
            # router matches the intent, whose client id is the best knowledge there is.
            self._record_client_id(self.desired.entry.client_id)
        self._record_matching(plan)

    def _record_matching(self, plan: RouterPlan) -> None:
        """For kinds under `report`, what the router was just read to have as intended: every
        desired object not drifted or waiting. A drifted one keeps what we last wrote."""
        report = self.policy.report
        stale = [kind.value for kind in self.records if kind not in report]
        if stale:
            self.journal.forget_applied_digests(self.name, stale)
            self.records = {kind: keys for kind, keys in self.records.items() if kind in report}
        if not report or (not self.wrote and not plan.reported and report <= set(self.records)):
            return  # nothing written, nothing drifted, records complete: they still hold
        differing = {(c.kind, c.key) for c in plan.reported} | set(plan.waiting)
        for kind, digests in desired_digests(self.desired, report).items():
            old = self.records.get(kind, {})
            fresh = {key: digest for key, digest in digests.items() if (kind, key) not in differing}
            fresh.update({key: old[key] for key in digests if (kind, key) in differing and key in old})
            self.records[kind] = fresh
        self.save_records()


def reconcile(
    desired: RouterIntent,
    *,
    commit: str | None,
    root: Path,
    journal: Journal,
    connect: Connector,
    run_id: str,
    trigger: str,
    options: ReconcileOptions = ReconcileOptions(),
    sessions: SessionCache | None = None,
    saved: Plan | None = None,
    drift: bool = False,
    progress: Progress = lambda router, done, total: None,
) -> ReconcileResult:
    """Make one router match `desired`, and record the result (and, with `drift`, the
    differences the first read found, as drift). With `sessions` the writer session
    stays open afterwards (the watcher); with `saved` the first round executes exactly
    that plan, if it is still current."""
    result = ReconcileResult(desired.name, commit, trigger)
    run = _Run(desired, commit=commit, root=root, journal=journal, connect=connect, sessions=sessions,
               run_id=run_id, options=options, saved=saved, progress=progress, result=result)  # fmt: skip
    try:
        run.generation = journal.acquire(desired.name, LEASE_SECONDS)
    except LockHeld as error:
        result.outcome, result.detail = Outcome.LOCK_HELD, str(error)
        _record(journal, result, drift)
        return result
    try:
        run.rounds()
    except (GuardStop, LockLost) as error:
        result.outcome = Outcome.LOCK_HELD if isinstance(error, LockLost) else Outcome.GUARD
        result.detail = str(error)
    except StepRefused as error:
        result.outcome, result.detail = Outcome.REFUSED, str(error)
    except ConfigError as error:
        result.outcome, result.detail = Outcome.ERROR, str(error)
    except Refused as error:  # the router refused the session or a read
        result.outcome, result.detail = Outcome.REFUSED, str(error)
        run.drop()
    except JournalError:  # fail closed: nothing more is sent, and the command says why in one line
        run.drop()
        raise
    except Exception as error:  # a bug must not take the other routers' run down with it
        log.exception("%s: reconcile failed unexpectedly", desired.name)
        result.outcome, result.detail = Outcome.ERROR, f"internal error: {error!r}"
        run.drop()
    finally:
        run.close()
        with suppress(JournalError):  # the lock's lease expires by itself; the first error is the one to show
            journal.release(desired.name, run.generation)
    _record(journal, result, drift)
    return result


def _record(journal: Journal, result: ReconcileResult, drift: bool) -> None:
    """The one place a reconcile is written down, for `status` and `history`."""
    result.finished_at = time.time()
    record = ReconcileRecord(result.router, result.trigger, result.started_at, result.finished_at,
                             result.outcome.value, result.commit, result.detail, len(result.reported))  # fmt: skip
    journal.record_reconcile(record)
    if not drift or result.first_plan is None:
        return
    plan = result.first_plan
    held = set(result.reported)
    records = []
    for change in [*plan.changes, *plan.reported]:
        text = f"{change.action.value} {change.kind.value} {change.key}"
        policy = "report" if text in held else "revert"
        repaired = result.ok and policy == "revert"
        records.append(DriftRecord(result.router, change.kind.value, change.key, change.action.value, policy,
                                   result.trigger, result.started_at, repaired))  # fmt: skip
    journal.record_drifts(records)
