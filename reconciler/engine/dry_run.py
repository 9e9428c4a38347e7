"""A dry run: which routers, read them in parallel, plan each against intent.

The I/O shell around the pure `reconciler.plan` core; it plans exactly as a
reconcile does (the same read, the same drift policy). A router that cannot be
read gets an error in the plan and no changes; the others still plan.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from reconciler.engine.reconcile import plan_router
from reconciler.intent.diff import diff_routers
from reconciler.intent.load import Intent
from reconciler.intent.merge import RouterIntent
from reconciler.plan.model import Plan, RouterPlan
from reconciler.port.errors import RouterError
from reconciler.port.session import Connector, Role
from reconciler.store.journal import Journal

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Selection:
    routers: tuple[str, ...] = ()  # by name; empty: all
    labels: tuple[tuple[str, str], ...] = ()  # all must match


class SelectionError(ValueError):
    pass


def parse_selector(text: str) -> tuple[tuple[str, str], ...]:
    """'site=ams,role=edge' -> (('site', 'ams'), ('role', 'edge'))."""
    pairs = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        key, equals, value = item.partition("=")
        if not equals or not key:
            raise SelectionError(f"selector {item!r} is not LABEL=VALUE")
        pairs.append((key.strip(), value.strip()))
    return tuple(pairs)


def select(intent: Intent, selection: Selection, base: Intent | None = None) -> list[RouterIntent]:
    unknown = [name for name in selection.routers if name not in intent.routers]
    if unknown:
        plural = "s" if len(unknown) > 1 else ""
        raise SelectionError(f"unknown router{plural}: {', '.join(unknown)} (not in the inventory)")
    chosen = [
        d
        for name, d in sorted(intent.routers.items())
        if (not selection.routers or name in selection.routers)
        and all(d.entry.labels.get(k) == v for k, v in selection.labels)
    ]
    if base is not None:
        changed = {c.router for c in diff_routers(base.routers, intent.routers)}
        chosen = [d for d in chosen if d.name in changed]
    return chosen


def plan_one(intent: RouterIntent, root: Path, journal: Journal, connect: Connector) -> RouterPlan:
    try:
        session = connect(intent.name, intent.entry, root, Role.READER)
    except RouterError as error:
        return RouterPlan(intent.name, error=f"cannot open a session: {error}")
    try:
        plan = plan_router(intent, session, journal)[0]
        plan.intent_digest = intent.fingerprint()  # apply --plan runs it only against this intent
        return plan
    except RouterError as error:
        return RouterPlan(intent.name, error=f"read failed, no plan for this router: {error}")
    finally:
        session.close()


def make_plan(
    intent: Intent,
    routers: list[RouterIntent],
    *,
    root: Path,
    journal: Journal,
    base: Intent | None = None,
    connect: Connector,
    parallel: int = 8,
) -> Plan:
    workers = max(1, min(parallel, len(routers)))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="plan") as pool:
        plans = list(pool.map(lambda d: plan_one(d, root, journal, connect), routers))
    return Plan(intent.label, intent.commit, plans, base_commit=base.commit if base else None)
