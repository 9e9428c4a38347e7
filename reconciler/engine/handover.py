"""A router's client id changes: moving what the old id programmed to the new one.

A JET router keeps every route and filter under the client id that wrote it, and
purges them a purge time after that client's last session ends. Reads show every
client's routes alike, so after a `client_id` change the routes look in sync while
the old id's purge timer runs toward deleting them. The journal knows which id
programmed a router; when the intent names another one:

- routes are moved: written again under the new id (a second copy; nothing is
  missing at any moment); once every copy is confirmed the journal records the new
  id, and then the old id's copies are deleted under the old id, so no purge is left
  pending (a crash in between leaves duplicates under the old id, which its purge
  removes harmlessly, and never a journal naming an id that holds nothing);
- filters cannot be moved: their names are global on the router, so the new id
  can add one only after the old id deleted it, leaving the interface unprotected
  in between. A router with journaled filters or bindings is refused, with the
  steps that move them on purpose.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reconciler.intent.merge import RouterIntent
from reconciler.model.ownership import is_owned
from reconciler.model.routes import BgpPath, RouteKey, StaticRoute
from reconciler.plan.model import Action, Kind, Observed, RouterPlan
from reconciler.port.errors import RouterError
from reconciler.port.session import RouterSession
from reconciler.store.journal import Journal


@dataclass(frozen=True)
class HandOver:
    previous: str  # the client id that programmed the router
    current: str  # the client id the intent names
    blocked: str | None = None  # why it cannot be done by apply, with the steps

    def describe(self, routes: int) -> str:
        if self.blocked is not None:
            return self.blocked
        return (
            f"client id hand-over {self.previous} -> {self.current}: {routes} routes are written again as "
            f"{self.current}, then {self.previous}'s copies are deleted (no purge left pending)"
        )


def pending_handover(desired: RouterIntent, journal: Journal, previous: str | None) -> HandOver | None:
    """The hand-over a router needs before it can be verified, or None. `previous` is the
    journal's `programmed_by` of the router (read once per reconcile by the caller)."""
    current = desired.entry.client_id
    if previous is None or previous == current:
        return None
    filters = {name for _, name in journal.programmed_filters(desired.name)}
    filters |= {name for _, name in journal.pending_filters(desired.name)}
    bindings = journal.programmed_bindings(desired.name)
    if not filters and not bindings:
        return HandOver(previous, current)
    held = ", ".join(sorted(filters)) or f"{len(bindings)} bindings"
    return HandOver(
        previous,
        current,
        blocked=(
            f"client_id changes from {previous} to {current}, but filters this product programmed as {previous} "
            f"({held}) cannot be handed to another client id: the router keeps them under {previous} and purges "
            f"them {previous}'s filter purge time after its last session. Either keep client_id {previous}, or "
            f"move them in two applies: (1) with client_id {previous}, remove the filters and bindings from this "
            f"router's intent and apply; (2) set client_id {current}, put them back and apply "
            "(the interfaces are unfiltered between the two)"
        ),
    )


_ROUTE_KINDS = (Kind.STATIC_ROUTE, Kind.BGP_PATH)


def reported_routes(plan: RouterPlan) -> int:
    """Route drift the plan only reports: a hand-over would have to overwrite or drop it."""
    return sum(1 for change in plan.reported if change.kind in _ROUTE_KINDS)


@dataclass
class Move:
    """A hand-over in progress: the routes the new id's writes were confirmed for, so a round
    after a failure writes only the rest (and counts as progress)."""

    confirmed: set[RouteKey] = field(default_factory=set)

    def left(self, desired: RouterIntent, plan: RouterPlan) -> tuple[list[StaticRoute], list[BgpPath]]:
        """The routes still to write as the new id: the desired ones, less those the plan deletes."""
        deleting = {c.subject.key for c in plan.changes if c.action is Action.DELETE and c.kind in _ROUTE_KINDS}
        skip = deleting | self.confirmed
        static = [route for key, route in desired.static_routes.items() if key not in skip]
        bgp = [path for key, path in desired.bgp_paths.items() if key not in skip]
        return static, bgp

    def write(self, static: Sequence[StaticRoute], bgp: Sequence[BgpPath], current: RouterSession) -> None:
        """Write the routes as the new id (a second copy: the old id's stays until deleted)."""
        if static:
            self._confirming(static, lambda: current.write_static(static))
        if bgp:
            self._confirming(bgp, lambda: current.write_bgp(bgp))

    def _confirming(self, routes: Sequence[StaticRoute | BgpPath], write: Callable[[], None]) -> None:
        try:
            write()
        except RouterError as error:  # the ones the router confirmed before it failed are done
            self.confirmed.update(routes[i].key for done in error.applied for i in done)
            raise
        self.confirmed.update(route.key for route in routes)


def delete_old_copies(observed: Observed, previous: RouterSession) -> None:
    """Through a writer session as the old id, delete its copy of every owned route the read
    found: the old id then holds nothing its purge timer could delete."""
    old_static = [key for key in observed.static_routes if is_owned(key.cookie)]
    old_bgp = [key for key in observed.bgp_paths if is_owned(key.cookie)]
    if old_static:
        previous.delete_static(old_static)  # each client deletes only its own copy
    if old_bgp:
        previous.delete_bgp(old_bgp)
