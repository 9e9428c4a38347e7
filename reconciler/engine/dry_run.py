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

from reconciler.engine.handover import pending_handover
from reconciler.engine.reconcile import plan_router
from reconciler.intent.diff import diff_routers
from reconciler.intent.load import Intent
from reconciler.intent.merge import RouterIntent
from reconciler.model.intent import CONNECTION_FIELDS, RouterEntry
from reconciler.plan.behaviour.of_plan import describe
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


# A revision under review may not change the connection settings (they would send the
# credentials where it likes). The files these settings name are read from the trusted
# revision too (see intent.trusted_files).
NEW_ROUTER = "new in this revision: its connection settings are trusted only after merge"


@dataclass(frozen=True)
class Contact:
    """How a router is contacted for a plan: with which inventory entry, if at all."""

    entry: RouterEntry | None  # None: not contacted
    changed: tuple[str, ...] = ()  # connection settings the planned revision changes (not used yet)


def trusted_contact(router: RouterIntent, base: Intent | None) -> Contact:
    """With a trusted base revision, the base's connection settings; without one, the router's own."""
    if base is None:
        return Contact(router.entry)
    trusted = base.routers.get(router.name)
    if trusted is None:
        return Contact(None)
    changed = tuple(name for name in CONNECTION_FIELDS if getattr(router.entry, name) != getattr(trusted.entry, name))
    entry = router.entry.model_copy(update={name: getattr(trusted.entry, name) for name in CONNECTION_FIELDS})
    return Contact(entry, changed)


def plan_one(
    intent: RouterIntent,
    root: Path,
    journal: Journal,
    connect: Connector,
    contact: Contact | None = None,
    *,
    behaviour: bool = True,
) -> RouterPlan:
    contact = contact or Contact(intent.entry)
    if contact.entry is None:
        return RouterPlan(intent.name, not_read=NEW_ROUTER, intent_digest=intent.fingerprint())
    try:
        session = connect(intent.name, contact.entry, root, Role.READER)
    except RouterError as error:
        return RouterPlan(intent.name, error=f"cannot open a session: {error}")
    try:
        handover = pending_handover(intent, journal, journal.programmed_by(intent.name))
        plan, observed = plan_router(intent, session, journal, handover=handover)
        if behaviour:
            describe(plan, observed)  # what the changes do to traffic, for the reviewer
        plan.intent_digest = intent.fingerprint()  # apply --plan runs it only against this intent
        if contact.changed:
            plan.notes.append(
                f"connection settings change ({', '.join(contact.changed)}): used after merge; "
                "this plan read the router with the base revision's settings"
            )
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
    behaviour: bool = True,
) -> Plan:
    """Plan `routers`. With `base` (a pull request's target), every router is contacted with the
    base revision's connection settings, and a router new in `intent` is not contacted. With
    `behaviour`, each plan also says what its changes do to traffic (it costs CPU per change)."""
    workers = max(1, min(parallel, len(routers)))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="plan") as pool:
        plans = list(pool.map(lambda d: plan_one(d, root, journal, connect, trusted_contact(d, base),
                                                  behaviour=behaviour), routers))  # fmt: skip
    return Plan(intent.label, intent.commit, plans, base_commit=base.commit if base else None)
