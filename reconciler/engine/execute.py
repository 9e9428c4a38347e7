"""Executing one router's plan, in its order, through the router port.

Idempotent by construction: route writes are upserts and deletes are
delete-if-present; filter and binding changes are journaled before they are sent
(pending) and confirmed after, so a crash in between is resolved on the next run.
Retryable, ambiguous and session errors are raised to the caller, which re-reads
the router and re-plans before sending anything else: a journal is never replayed
blindly. A refusal stops the router (or, with keep_going, is recorded and skipped).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reconciler.model.filters import Binding, FirewallFilter
from reconciler.plan.model import Action, Change, Kind, RouterPlan
from reconciler.port.errors import Ambiguous, Reason, Refused, Retryable, SessionLost
from reconciler.port.session import RouterSession
from reconciler.store.journal import PENDING, Journal

_ROUTE_OPERATIONS = {
    (Kind.STATIC_ROUTE, False): "write static routes",
    (Kind.STATIC_ROUTE, True): "delete static routes",
    (Kind.BGP_PATH, False): "write BGP paths",
    (Kind.BGP_PATH, True): "delete BGP paths",
}


class LockLost(Exception):
    """Another writer took this router's lock: stop sending at once."""


class StepRefused(Exception):
    """The router refused a step and the run stops there (on-error stop)."""

    def __init__(self, error: Refused) -> None:
        super().__init__(str(error))
        self.error = error


@dataclass
class Outcome:
    applied: int = 0
    refused: list[str] = field(default_factory=list)  # with keep_going


class Executor:
    def __init__(
        self,
        session: RouterSession,
        journal: Journal,
        *,
        run_id: str,
        commit: str | None,
        keep_going: bool,
        still_mine: Callable[[], bool],
        progress: Callable[[int], None] = lambda done: None,
        written: Callable[[Change], None] = lambda change: None,
    ) -> None:
        self.router = session.router
        self.session = session
        self.journal = journal
        self.run_id = run_id
        self.commit = commit
        self.keep_going = keep_going
        self.still_mine = still_mine
        self.progress = progress
        self.written = written  # told of every change the router confirmed
        self.outcome = Outcome()

    def _record(self, operation: str, subject: str, entries: int, result: str, detail: str = "") -> None:
        self.journal.record_operation(self.run_id, self.router, operation, subject, entries, result, detail)

    def _fence(self) -> None:
        if not self.still_mine():
            raise LockLost(f"{self.router}: another writer took the lock; stopped before the next step")

    def _done(self, count: int) -> None:
        self.outcome.applied += count
        self.progress(self.outcome.applied)

    def _refused(self, what: str, error: Refused) -> None:
        self._record(error.operation, what, 1, "refused", str(error))
        if not self.keep_going:
            raise StepRefused(error) from error
        self.outcome.refused.append(str(error))

    def run(self, plan: RouterPlan) -> Outcome:
        changes = plan.changes
        index = 0
        while index < len(changes):
            self._fence()
            change = changes[index]
            if change.kind in (Kind.STATIC_ROUTE, Kind.BGP_PATH):
                delete = change.action is Action.DELETE
                end = index
                while (
                    end < len(changes)
                    and changes[end].kind is change.kind
                    and (changes[end].action is Action.DELETE) == delete
                ):
                    end += 1
                self._routes(change.kind, delete, changes[index:end])
                index = end
                continue
            refused = len(self.outcome.refused)
            if change.kind is Kind.FILTER:
                self._filter(change)
            else:
                self._binding(change)
            if len(self.outcome.refused) == refused:
                self.written(change)
            self._done(1)
            index += 1
        return self.outcome

    # ------------------------------------------------------------------ routes

    def _write(self, kind: Kind, delete: bool, items: list[Any]) -> None:
        if kind is Kind.STATIC_ROUTE:
            (self.session.delete_static if delete else self.session.write_static)(items)
        else:
            (self.session.delete_bgp if delete else self.session.write_bgp)(items)

    def _routes(self, kind: Kind, delete: bool, changes: Sequence[Change]) -> None:
        operation = _ROUTE_OPERATIONS[(kind, delete)]
        pending = list(changes)
        while pending:
            items: list[Any] = [c.subject.key if delete else c.subject for c in pending]
            try:
                self._write(kind, delete, items)
            except (Retryable, SessionLost, Ambiguous) as error:
                # The round ends here (the engine reads again); what the router confirmed counts.
                for change in (pending[p] for r in error.applied for p in r):
                    self.written(change)
                self._done(error.applied_count)
                self._record(operation, f"{len(items)} routes", error.applied_count, "partial", str(error))
                raise
            except Refused as error:
                done = error.applied_count
                for position in (p for r in error.applied for p in r):
                    self.written(pending[position])
                self._done(done)
                self._record(operation, f"{len(items)} routes", done, "partial", str(error))
                self._refused(error.subject or "a route", error)
                pending = _after_refusal(pending, error)
                continue
            for change in pending:
                self.written(change)
            self._record(operation, f"{len(items)} routes", len(items), "ok")
            self._done(len(items))
            pending = []

    # ----------------------------------------------------------------- filters

    def _filter(self, change: Change) -> None:
        if change.action is Action.DELETE:
            self._delete_filter(change.subject)
        elif change.action is Action.CREATE:
            self._add_filter(change.subject)
        else:
            self._modify_filter(change)

    def _add_filter(self, want: FirewallFilter) -> None:
        pending = self.journal.pending_filters(self.router).get((want.family.value, want.name))
        self.journal.filter_pending(self.router, want, self.commit)
        try:
            self.session.add_filter(want)
        except Refused as error:
            if error.reason is Reason.EXISTS and pending is not None:
                # An earlier send of ours (an add or a modify) never got its answer: the router
                # has our filter in an unknown version. Rebuild it whole rather than trust it.
                self._rebuild_filter(want)
                return
            self._refused(f"filter {want.name}", error)
            return
        self.journal.filter_done(self.router, want, self.commit)
        self._record("add filter", f"filter {want.family.value} {want.name}", 1, "ok")

    def _modify_filter(self, change: Change) -> None:
        want: FirewallFilter = change.subject
        self.journal.filter_pending(self.router, want, self.commit)
        try:
            self.session.modify_filter(want.name, want.family, change.edits)
        except Refused as error:
            if error.reason is Reason.CONFLICT:
                # The filter is not what the journal says (a run stopped after sending
                # this change): rebuild it whole rather than guess.
                self._rebuild_filter(want)
                return
            if error.reason is Reason.NOT_FOUND:
                self._add_filter(want)  # the filter is gone from the router: put it back
                return
            self._refused(f"filter {want.name}", error)
            return
        self.journal.filter_done(self.router, want, self.commit)
        self._record("modify filter", f"filter {want.family.value} {want.name}", len(change.edits), "ok")

    def _rebuild_filter(self, want: FirewallFilter) -> None:
        bound = [b for b in self.journal.programmed_bindings(self.router) if b.filter == want.name
                 and b.family is want.family]  # fmt: skip
        for binding in bound:
            self._unbind(binding)
        try:
            self.session.delete_filter(want.name, want.family)
            self.session.add_filter(want)
        except Refused as error:
            self._refused(f"filter {want.name}", error)
            return
        self.journal.filter_done(self.router, want, self.commit)
        for binding in bound:
            self._bind(binding)
        self._record("rebuild filter", f"filter {want.family.value} {want.name}", 1, "ok")

    def _delete_filter(self, have: FirewallFilter) -> None:
        self.journal.filter_deleting(self.router, have.family.value, have.name)
        try:
            self.session.delete_filter(have.name, have.family)  # False: gone already, the goal
        except Refused as error:
            self._refused(f"filter {have.name}", error)
            return
        self.journal.forget_filter(self.router, have.family.value, have.name)
        self._record("delete filter", f"filter {have.family.value} {have.name}", 1, "ok")

    # ---------------------------------------------------------------- bindings

    def _binding(self, change: Change) -> None:
        if change.action in (Action.UPDATE, Action.DELETE):
            self._unbind(change.previous if change.action is Action.UPDATE else change.subject)
        if change.action in (Action.CREATE, Action.UPDATE):
            self._bind(change.subject)

    def _bind(self, binding: Binding) -> None:
        self.journal.binding_state(self.router, binding, PENDING, self.commit)
        try:
            self.session.bind(binding)
        except Refused as error:
            self._refused(f"binding {binding.filter} {binding.interface}", error)
            return
        self.journal.record_binding(self.router, binding, self.commit)
        self._record("bind filter", f"{binding.filter} {binding.direction.value} {binding.interface}", 1, "ok")

    def _unbind(self, binding: Binding) -> None:
        try:
            self.session.unbind(binding)  # False: not bound, the goal holds already
        except Refused as error:
            self._refused(f"binding {binding.filter} {binding.interface}", error)
            return
        self.journal.forget_binding(self.router, binding)
        self._record("unbind filter", f"{binding.filter} {binding.direction.value} {binding.interface}", 1, "ok")


def _after_refusal(items: list[Any], error: Refused) -> list[Any]:
    """Everything not applied, minus the entry the router refused (the first not applied)."""
    applied = {position for r in error.applied for position in r}
    rest = [position for position in range(len(items)) if position not in applied]
    return [items[position] for position in rest[1:]]
