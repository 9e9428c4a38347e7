"""Executing one router's plan, in its order.

Idempotent by construction: route writes are RouteUpdate (upsert); a delete of a
route that is already gone counts as done; filter and binding changes are
journaled before they are sent (pending) and confirmed after, so a crash in
between is resolved on the next run. Retryable, ambiguous and session errors are
raised to the caller, which re-reads the router and re-plans before sending
anything else: a journal is never replayed blindly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reconciler.jet.client import JetClient
from reconciler.jet.errors import PermanentError
from reconciler.jet.filter_codec import TermEdit, TermOperation
from reconciler.model.filters import Binding, FirewallFilter
from reconciler.plan.diff import term_steps
from reconciler.plan.model import Action, Change, DevicePlan, Kind
from reconciler.store.journal import PENDING, Journal

_ROUTE_CALLS = {
    (Kind.STATIC_ROUTE, False): "rib_update",
    (Kind.STATIC_ROUTE, True): "rib_delete",
    (Kind.BGP_PATH, False): "bgp_update",
    (Kind.BGP_PATH, True): "bgp_delete",
}
_NAMES = {"rib_update": "Rib/RouteUpdate", "rib_delete": "Rib/RouteDelete",
          "bgp_update": "Bgp/RouteUpdate", "bgp_delete": "Bgp/RouteDelete"}  # fmt: skip


class LockLost(Exception):
    """Another writer took this router's lock: stop sending at once."""


class StepFailed(Exception):
    """A permanent refusal with --on-error stop: this router stops here."""


@dataclass
class Outcome:
    applied: int = 0
    failed: list[str] = field(default_factory=list)  # with --on-error continue


class Executor:
    def __init__(
        self,
        device: str,
        client: JetClient,
        journal: Journal,
        *,
        run_id: str,
        commit: str | None,
        keep_going: bool,
        still_mine: Callable[[], bool],
        progress: Callable[[int], None] = lambda done: None,
    ) -> None:
        self.device = device
        self.client = client
        self.journal = journal
        self.run_id = run_id
        self.commit = commit
        self.keep_going = keep_going
        self.still_mine = still_mine
        self.progress = progress
        self.outcome = Outcome()

    def _record(self, operation: str, subject: str, entries: int, result: str, detail: str = "") -> None:
        self.journal.record_operation(self.run_id, self.device, operation, subject, entries, result, detail)

    def _fence(self) -> None:
        if not self.still_mine():
            raise LockLost(f"{self.device}: another writer took the lock; stopped before the next step")

    def _done(self, count: int) -> None:
        self.outcome.applied += count
        self.progress(self.outcome.applied)

    def _refused(self, what: str, error: PermanentError) -> None:
        self._record(error.operation.split(" ")[0], what, 1, "failed", str(error))
        if not self.keep_going:
            raise StepFailed(str(error)) from error
        self.outcome.failed.append(str(error))

    def run(self, plan: DevicePlan) -> Outcome:
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
            if change.kind is Kind.FILTER:
                self._filter(change)
            else:
                self._binding(change)
            self._done(1)
            index += 1
        return self.outcome

    # ------------------------------------------------------------------ routes

    def _routes(self, kind: Kind, delete: bool, changes: Sequence[Change]) -> None:
        call = _ROUTE_CALLS[(kind, delete)]
        method = getattr(self.client, call)
        items: list[Any] = [c.subject.key if delete else c.subject for c in changes]
        while items:
            try:
                method(items)
            except PermanentError as error:
                done = error.applied_count
                offending = next(iter(r.stop for r in error.applied if r.start == 0), 0) if error.applied else 0
                self._done(done)
                self._record(_NAMES[call], f"{len(items)} routes", done, "partial", str(error))
                if delete and error.code == "ROUTE_NOT_FOUND":
                    items = self._remaining(items, error, offending)  # already gone: that is the goal
                    continue
                self._refused(f"route {error.route}", error)
                items = self._remaining(items, error, offending)
                continue
            self._record(_NAMES[call], f"{len(items)} routes", len(items), "ok")
            self._done(len(items))
            items = []

    @staticmethod
    def _remaining(items: list[Any], error: PermanentError, offending: int) -> list[Any]:
        """Everything not applied, minus the entry the router refused."""
        applied: set[int] = set()
        for r in error.applied:
            applied.update(r)
        return [item for position, item in enumerate(items) if position not in applied and position != offending]

    # ----------------------------------------------------------------- filters

    def _filter(self, change: Change) -> None:
        want: FirewallFilter | None = change.subject if change.action is not Action.DELETE else None
        have: FirewallFilter | None = change.previous if change.action is Action.UPDATE else None
        if change.action is Action.DELETE:
            self._delete_filter(change.subject)
        elif change.action is Action.CREATE:
            assert want is not None
            self._add_filter(want)
        else:
            assert want is not None and have is not None
            self._modify_filter(have, want)

    def _add_filter(self, want: FirewallFilter) -> None:
        pending = self.journal.pending_filters(self.device).get((want.family.value, want.name))
        self.journal.filter_pending(self.device, want, self.commit)
        try:
            self.client.filter_add(want)
        except PermanentError as error:
            if "already exists" in error.detail and pending == want:
                pass  # an earlier run sent exactly this and stopped before recording it
            else:
                self._refused(f"filter {want.name}", error)
                return
        self.journal.filter_done(self.device, want, self.commit)
        self._record("Firewall/FilterAdd", f"filter {want.family.value} {want.name}", 1, "ok")

    def _modify_filter(self, have: FirewallFilter, want: FirewallFilter) -> None:
        edits = [
            TermEdit(TermOperation(step.operation), step.term,
                     next((t for t in want.terms if t.name == step.term), None), step.after, step.before)
            for step in term_steps(have, want)
        ]  # fmt: skip
        self.journal.filter_pending(self.device, want, self.commit)
        try:
            self.client.filter_modify(want.name, want.family, edits)
        except PermanentError as error:
            if error.code in ("NO_RESOURCE", "EINVALID_MESSAGE") and "term" in error.detail:
                # The filter is not what the journal says (a run stopped after sending this
                # change): rebuild it whole rather than guess.
                self._rebuild_filter(want)
                return
            if error.code == "NO_RESOURCE":
                self._add_filter(want)  # the filter is gone from the router: put it back
                return
            self._refused(f"filter {want.name}", error)
            return
        self.journal.filter_done(self.device, want, self.commit)
        self._record("Firewall/FilterModify", f"filter {want.family.value} {want.name}", len(edits), "ok")

    def _rebuild_filter(self, want: FirewallFilter) -> None:
        bound = [b for b in self.journal.programmed_bindings(self.device) if b.filter == want.name]
        for binding in bound:
            self._unbind(binding)
        try:
            self.client.filter_delete(want.name, want.family)
        except PermanentError as error:
            if error.code != "NO_RESOURCE":
                self._refused(f"filter {want.name}", error)
                return
        self.client.filter_add(want)
        self.journal.filter_done(self.device, want, self.commit)
        for binding in bound:
            self._bind(binding)
        self._record("Firewall/FilterDelete+FilterAdd", f"filter {want.family.value} {want.name}", 1, "rebuilt")

    def _delete_filter(self, have: FirewallFilter) -> None:
        self.journal.filter_deleting(self.device, have.family.value, have.name)
        try:
            self.client.filter_delete(have.name, have.family)
        except PermanentError as error:
            if error.code != "NO_RESOURCE":  # NO_RESOURCE: already gone
                self._refused(f"filter {have.name}", error)
                return
        self.journal.forget_filter(self.device, have.family.value, have.name)
        self._record("Firewall/FilterDelete", f"filter {have.family.value} {have.name}", 1, "ok")

    # ---------------------------------------------------------------- bindings

    def _binding(self, change: Change) -> None:
        if change.action in (Action.UPDATE, Action.DELETE):
            old = change.previous if change.action is Action.UPDATE else change.subject
            self._unbind(old)
        if change.action in (Action.CREATE, Action.UPDATE):
            self._bind(change.subject)

    def _bind(self, binding: Binding) -> None:
        self.journal.binding_state(self.device, binding, PENDING, self.commit)
        try:
            self.client.filter_bind(binding)  # binding the same filter again is a no-op on a router
        except PermanentError as error:
            self._refused(f"binding {binding.filter} {binding.interface}", error)
            return
        self.journal.record_binding(self.device, binding, self.commit, 0)
        self._record("Firewall/FilterBindAdd", f"{binding.filter} {binding.direction.value} {binding.interface}", 1,
                     "ok")  # fmt: skip

    def _unbind(self, binding: Binding) -> None:
        try:
            self.client.filter_unbind(binding)
        except PermanentError as error:
            if error.code != "NO_RESOURCE":  # not bound: the goal already holds
                self._refused(f"binding {binding.filter} {binding.interface}", error)
                return
        self.journal.forget_binding(self.device, binding)
        self._record("Firewall/FilterBindDelete", f"{binding.filter} {binding.direction.value} {binding.interface}",
                     1, "ok")  # fmt: skip
