"""Guards that stop an apply before it writes anything (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reconciler.plan.model import Action, DevicePlan


class Refused(Exception):
    """The apply was refused for a router; the message says why and what to do."""


@dataclass(frozen=True)
class Limits:
    max_delete_share: float = 0.25
    allow_mass_delete: bool = False
    max_changes: int | None = None


def check_deletes(plan: DevicePlan, owned_objects: int, limits: Limits) -> None:
    """Refuse deleting more than the allowed share of owned objects, or all of them."""
    if limits.allow_mass_delete or owned_objects == 0:
        return
    deletes = sum(1 for c in plan.changes if c.action is Action.DELETE)
    if deletes == owned_objects:
        raise Refused(
            f"{plan.device}: the plan deletes all {owned_objects} objects this product owns there; "
            "if that is really intended, apply with --allow-mass-delete"
        )
    if deletes > limits.max_delete_share * owned_objects:
        raise Refused(
            f"{plan.device}: the plan deletes {deletes} of {owned_objects} owned objects, more than "
            f"{limits.max_delete_share:.0%}; check the intent, or apply with --allow-mass-delete"
        )


def check_budget(total_changes: int, limits: Limits) -> None:
    if limits.max_changes is not None and total_changes > limits.max_changes:
        raise Refused(f"the plan has {total_changes} changes, over the --max-changes budget of {limits.max_changes}")


def check_saved(saved: dict[str, Any], commit: str | None, device: str, fingerprint: str) -> None:
    """A saved plan is only applied to the intent and router state it was computed from."""
    saved_commit = saved.get("intent", {}).get("commit")
    if saved_commit != commit:
        raise Refused(
            f"the saved plan is for intent {str(saved_commit)[:12]}, not {str(commit)[:12]}: it is stale, "
            "run reconciler plan again"
        )
    routers = {r["device"]: r for r in saved.get("routers", [])}
    if device not in routers:
        raise Refused(f"{device}: the saved plan has no plan for this router: run reconciler plan again")
    if routers[device].get("fingerprint") != fingerprint:
        raise Refused(
            f"{device}: the router changed since the saved plan was made (fingerprint differs): it is stale, "
            "run reconciler plan again"
        )
