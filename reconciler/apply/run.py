"""Applying intent to routers: per router, read, plan, guard, execute, verify.

Recovery is always the same path: after a retryable, ambiguous or session error
the router is read again and re-planned before anything else is sent; after a
crash the next run does the same. Rounds are bounded, with exponential backoff
and jitter between them, so a router that keeps failing ends with a precise error.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reconciler.apply.execute import Executor, LockLost, StepFailed
from reconciler.apply.guards import Limits, Refused, check_deletes, check_saved
from reconciler.apply.session import SessionSetupError, WriterSession, open_writer
from reconciler.intent.load import Intent
from reconciler.intent.merge import DeviceIntent
from reconciler.jet.errors import AmbiguousError, JetError, PermanentError, RetryableError, SessionLostError
from reconciler.model.intent import Device
from reconciler.model.ownership import is_owned
from reconciler.observe.connect import ConnectError
from reconciler.observe.read import observe
from reconciler.plan.diff import plan_device
from reconciler.plan.model import DevicePlan, Kind, Observed
from reconciler.store.journal import Journal, LockHeld

log = logging.getLogger(__name__)
LEASE_SECONDS = 120.0
MAX_ROUNDS = 6
_SESSION_RESET = frozenset({"NOT_INITIALIZED"})  # a routing daemon restart: initialize again


@dataclass
class DeviceResult:
    device: str
    ok: bool = False
    planned: int = 0  # changes in the first plan
    applied: int = 0  # steps the router confirmed
    rounds: int = 0
    error: str | None = None
    failed_steps: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ApplyOptions:
    limits: Limits = field(default_factory=Limits)
    keep_going: bool = False  # --on-error continue
    saved_plan: dict[str, Any] | None = None  # a plan the user saw or saved: apply only if still current
    parallel: int = 8
    backoff: float = 0.5  # first backoff in seconds; doubles per round, with jitter


def _owned_objects(observed: Observed) -> int:
    routes = sum(1 for k in observed.static_routes if is_owned(k.cookie)) + sum(
        1 for k in observed.bgp_paths if is_owned(k.cookie)
    )
    return routes + len(observed.filters) + len(observed.bindings)


Progress = Callable[[str, int, int], None]  # device, done, total
Connect = Callable[[str, Any, Path, Journal], WriterSession]
_POLICY_KINDS = {"static_routes": Kind.STATIC_ROUTE, "bgp_routes": Kind.BGP_PATH, "filters": Kind.FILTER,
                 "bindings": Kind.BINDING}  # fmt: skip


def report_kinds(device: Device) -> frozenset[Kind]:
    """The object classes whose drift policy is `report`: seen, never written."""
    return frozenset(kind for name, kind in _POLICY_KINDS.items() if getattr(device.drift, name) == "report")


class SessionCache:
    """Writer sessions kept open between reconciles (the watcher): a router keeps a
    client's routes only while the client is connected, plus its purge time."""

    def __init__(self, connect: Connect = open_writer) -> None:
        self._connect = connect
        self._sessions: dict[str, WriterSession] = {}
        self._lock = threading.Lock()

    def get(self, name: str, device: Device, root: Path, journal: Journal) -> WriterSession:
        with self._lock:
            found = self._sessions.get(name)
        if found is None:
            found = self._connect(name, device, root, journal)
            with self._lock:
                self._sessions[name] = found
        return found

    def discard(self, name: str) -> None:
        with self._lock:
            found = self._sessions.pop(name, None)
        if found is not None:
            found.client.close()

    def peek(self, name: str) -> WriterSession | None:
        with self._lock:
            return self._sessions.get(name)

    def connected(self) -> set[str]:
        with self._lock:
            return set(self._sessions)

    def close_all(self) -> None:
        for name in list(self.connected()):
            self.discard(name)


def apply_device(
    intent: Intent,
    device: DeviceIntent,
    *,
    root: Path,
    journal: Journal,
    run_id: str,
    options: ApplyOptions,
    progress: Progress = lambda device, done, total: None,
    connect: Connect = open_writer,
    sessions: SessionCache | None = None,
    on_first_plan: Callable[[DevicePlan], None] | None = None,
) -> DeviceResult:
    """Apply intent to one router. With `sessions`, the writer session stays open
    afterwards (the watcher); `on_first_plan` sees the plan the run started from."""
    result = DeviceResult(device.name)
    report_only = report_kinds(device.device)

    def open_session() -> WriterSession:
        if sessions is not None:
            return sessions.get(device.name, device.device, root, journal)
        return connect(device.name, device.device, root, journal)

    def drop(session: WriterSession | None) -> None:
        if sessions is not None:
            sessions.discard(device.name)
        else:
            _close(session)

    try:
        generation = journal.acquire(device.name, LEASE_SECONDS)
    except LockHeld as error:
        result.error = str(error)
        return result
    session: WriterSession | None = None
    last_error = ""
    try:
        while result.rounds < MAX_ROUNDS:
            result.rounds += 1
            try:
                if session is None:
                    session = open_session()
                    if session.note:
                        result.notes.append(session.note)
                observed = observe(device, session.client, journal)
                plan = plan_device(device.name, device, observed, report_only)
                if result.rounds == 1:
                    result.planned = len(plan.changes)
                    if on_first_plan is not None:
                        on_first_plan(plan)
                    if options.saved_plan is not None:
                        check_saved(options.saved_plan, intent.commit, device.name, plan.fingerprint)
                check_deletes(plan, _owned_objects(observed), options.limits)
                if not plan.changes:
                    result.ok = True
                    journal.set_owned_routes(device.name, _owned_routes(observed), intent.commit)
                    return result
                _execute(plan, session, journal, run_id, intent.commit, options, generation, result, progress)
                if result.failed_steps:  # --on-error continue: report, do not loop on refusals
                    result.error = f"{len(result.failed_steps)} steps were refused by the router"
                    return result
                continue  # the next round re-reads: it verifies, or repairs what changed meanwhile
            except (RetryableError, AmbiguousError, SessionLostError) as error:
                last_error = str(error)
                if not isinstance(error, RetryableError) or isinstance(error, SessionLostError):
                    drop(session)
                    session = None
            except PermanentError as error:
                if error.code not in _SESSION_RESET:
                    raise
                last_error = str(error)
                drop(session)
                session = None
            _sleep(options.backoff, result.rounds)
        result.error = f"did not converge in {MAX_ROUNDS} rounds; last error: {last_error or 'changes kept appearing'}"
        return result
    except (Refused, StepFailed, LockLost, SessionSetupError, ConnectError) as error:
        result.error = str(error)
        return result
    except (JetError, OSError) as error:
        result.error = f"stopped: {error}"
        return result
    except Exception as error:  # a bug must not take the other routers' run down with it
        log.exception("%s: apply failed unexpectedly", device.name)
        result.error = f"internal error: {error!r}"
        return result
    finally:
        if sessions is None and session is not None:
            session.client.close()
        journal.release(device.name, generation)


def _execute(
    plan: DevicePlan,
    session: WriterSession,
    journal: Journal,
    run_id: str,
    commit: str | None,
    options: ApplyOptions,
    generation: int,
    result: DeviceResult,
    progress: Progress,
) -> None:
    total = len(plan.changes)
    base = result.applied
    executor = Executor(
        plan.device,
        session.client,
        journal,
        run_id=run_id,
        commit=commit,
        keep_going=options.keep_going,
        still_mine=lambda: journal.renew(plan.device, generation, LEASE_SECONDS),
        progress=lambda done: progress(plan.device, min(done, total), total),
    )
    try:
        outcome = executor.run(plan)
    finally:
        result.applied = base + executor.outcome.applied
    result.failed_steps.extend(outcome.failed)


def _owned_routes(observed: Observed) -> int:
    return sum(1 for k in observed.static_routes if is_owned(k.cookie)) + sum(
        1 for k in observed.bgp_paths if is_owned(k.cookie)
    )


def _close(session: WriterSession | None) -> None:
    if session is not None:
        session.client.close()


def _sleep(base: float, round_number: int) -> None:
    delay = min(base * 2 ** (round_number - 1), 10.0)
    time.sleep(delay * (0.5 + random.random() / 2))  # jitter: routers recovering are not hit at once


def apply_all(
    intent: Intent,
    devices: list[DeviceIntent],
    *,
    root: Path,
    journal: Journal,
    run_id: str,
    options: ApplyOptions,
    progress: Progress = lambda device, done, total: None,
    connect: Connect = open_writer,
) -> list[DeviceResult]:
    workers = max(1, min(options.parallel, len(devices)))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="apply") as pool:
        return list(
            pool.map(
                lambda d: apply_device(
                    intent,
                    d,
                    root=root,
                    journal=journal,
                    run_id=run_id,
                    options=options,
                    progress=progress,
                    connect=connect,
                ),
                devices,
            )
        )
