"""Guards that stop a reconcile before it writes (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from reconciler.plan.model import Action, Plan, RouterPlan


class GuardStop(Exception):
    """A guard stopped the reconcile of a router; the message says why and what to do."""


@dataclass(frozen=True)
class Limits:
    max_delete_share: float = 0.25
    allow_mass_delete: bool = False
    max_changes: int | None = None


def check_deletes(plan: RouterPlan, owned_objects: int, limits: Limits) -> None:
    """Refuse deleting more than the allowed share of owned objects, or all of them."""
    if limits.allow_mass_delete or owned_objects == 0:
        return
    deletes = sum(1 for c in plan.changes if c.action is Action.DELETE)
    if deletes == owned_objects:
        raise GuardStop(
            f"{plan.router}: the plan deletes all {owned_objects} objects this product owns there; "
            "if that is really intended, apply with --allow-mass-delete"
        )
    if deletes > limits.max_delete_share * owned_objects:
        raise GuardStop(
            f"{plan.router}: the plan deletes {deletes} of {owned_objects} owned objects, more than "
            f"{limits.max_delete_share:.0%}; check the intent, or apply with --allow-mass-delete"
        )


def check_budget(total_changes: int, limits: Limits, where: str = "the plan") -> None:
    if limits.max_changes is not None and total_changes > limits.max_changes:
        raise GuardStop(f"{where} has {total_changes} changes, over the --max-changes budget of {limits.max_changes}")


def check_saved(saved: Plan, commit: str | None, router: str, fingerprint: str, intent_digest: str) -> RouterPlan:
    """The saved plan's part for `router`, if it was computed from this intent and this
    router state; GuardStop otherwise."""
    if saved.intent_commit != commit:
        raise GuardStop(
            f"the saved plan is for intent {str(saved.intent_commit)[:12]}, not {str(commit)[:12]}: it is stale, "
            "run reconciler plan again"
        )
    found = next((d for d in saved.routers if d.router == router), None)
    if found is None:
        raise GuardStop(f"{router}: the saved plan has no plan for this router: run reconciler plan again")
    if found.error is not None:
        raise GuardStop(
            f"the saved plan has no plan for router {router}: it could not be read when the plan was made "
            f"({found.error}); run reconciler plan again"
        )
    if found.not_read is not None:
        raise GuardStop(f"the saved plan did not read router {router} ({found.not_read}); run reconciler plan again")
    if found.intent_digest != intent_digest:  # the working tree (no commit) can change under a plan
        raise GuardStop(
            f"{router}: the intent for this router changed since the saved plan was made: it is stale, "
            "run reconciler plan again"
        )
    if found.fingerprint != fingerprint:
        raise GuardStop(
            f"{router}: the router changed since the saved plan was made (fingerprint differs): it is stale, "
            "run reconciler plan again"
        )
    return found
