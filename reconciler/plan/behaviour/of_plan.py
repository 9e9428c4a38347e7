"""The behavioural diffs of one router's plan: what its filter changes do to packets and what
its route changes do to forwarding, for a reviewer (the pull-request comment)."""

from __future__ import annotations

from reconciler.model.filters import FirewallFilter
from reconciler.plan.behaviour.filters import filter_diff
from reconciler.plan.behaviour.routes import route_diff_for_plan
from reconciler.plan.model import Action, Kind, Observed, RouterPlan

LIMIT = 10  # regions (or destination ranges) shown per filter and per router, largest first


def _sides(action: Action, subject: object, previous: object) -> tuple[FirewallFilter | None, FirewallFilter | None]:
    """(before, after) of a filter change; a created filter had none before, a deleted one has none after."""
    before = subject if action is Action.DELETE else previous
    after = None if action is Action.DELETE else subject
    return (
        before if isinstance(before, FirewallFilter) else None,
        after if isinstance(after, FirewallFilter) else None,
    )


def describe(plan: RouterPlan, observed: Observed) -> None:
    """Fill the plan's `filter_behaviour` and `route_behaviour` from its changes."""
    for change in plan.changes:
        if change.kind is Kind.FILTER:
            before, after = _sides(change.action, change.subject, change.previous)
            plan.filter_behaviour[change.key] = filter_diff(before, after, limit=LIMIT).lines()
    if any(change.kind in (Kind.STATIC_ROUTE, Kind.BGP_PATH) for change in plan.changes):
        routes = route_diff_for_plan(observed.static_routes, observed.bgp_paths, plan.changes, limit=LIMIT)
        plan.route_behaviour = routes.lines()
