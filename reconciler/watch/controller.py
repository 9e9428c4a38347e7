"""The watcher: keeps every router equal to the tracked branch.

Level-based: an event only says which router to look at; a reconcile always
re-reads the router and converges it with the same reconcile as `reconciler
apply`, over a writer session that stays open (so the router keeps the routes).
Triggers: MQTT events, a periodic resync with jitter (events can be lost), and
polling the tracked branch (a merged commit is applied). A router that refused a
step is not retried until its intent changes or an event says it changed.
"""

from __future__ import annotations

import collections
import functools
import logging
import os
import random
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import git

from reconciler.engine.reconcile import ReconcileOptions, ReconcileResult, reconcile
from reconciler.engine.sessions import SessionCache
from reconciler.intent.diff import diff_routers
from reconciler.intent.errors import IntentInvalid
from reconciler.intent.load import Intent, ParseCache, load_intent
from reconciler.intent.sources import GitSource
from reconciler.model.filters import Binding
from reconciler.model.outcome import Outcome
from reconciler.port.errors import RouterError
from reconciler.port.session import Connector
from reconciler.store.journal import Journal, TipRecord
from reconciler.watch.events import Event, EventKind
from reconciler.watch.metrics import Metrics
from reconciler.watch.queue import EVENT, RESYNC, RETRY, Item, KeyedQueue
from reconciler.watch.subscriber import EventSubscriber
from reconciler.watch.tracked import TrackedRepo

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WatchOptions:
    resync_interval: float = 300.0  # seconds between full resyncs of a router (with jitter)
    poll_interval: float = 30.0  # seconds between looks at the tracked branch
    workers: int = 8  # routers reconciled at once
    apply_backoff: float = 0.2
    fight_window: float = 60.0  # repairs of one router within this window ...
    fight_threshold: int = 3  # ... this many times: another writer is undoing them, back off
    session_check: float = 10.0  # seconds between liveness checks of open sessions (well under purge timers)
    subscribe: bool = True
    subscribe_wait: float = 2.0  # seconds start() waits for a broker before going on without it


class Controller:
    def __init__(
        self,
        repo: Path | str,
        branch: str,
        journal: Journal,
        *,
        connect: Connector,
        path: str = "intent",
        options: WatchOptions = WatchOptions(),
        metrics: Metrics | None = None,
    ) -> None:
        self.source = TrackedRepo(repo, branch, journal.state_dir / "repos")
        self.repo = self.source.path
        self.branch = branch
        self.path = path
        self.journal = journal
        self.options = options
        self.metrics = metrics or Metrics()
        self.queue = KeyedQueue()
        self.sessions = SessionCache(connect)
        self.connect = connect
        self.cache = ParseCache()
        self.intent: Intent | None = None
        self.run_id = ""
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._subscribers: list[EventSubscriber] = []
        self._next_resync: dict[str, float] = {}
        self._repairs: dict[str, collections.deque[float]] = collections.defaultdict(collections.deque)
        self._held_until: dict[str, float] = {}
        self._failures: dict[str, int] = collections.defaultdict(int)
        # Routers whose last reconcile was refused, with the intent it was refused for:
        # terminal until that intent changes or an event says the router changed.
        self._refused: dict[str, str] = {}
        self._aliases: dict[str, str] = {}  # event name -> inventory name
        self._unknown_seen: set[str] = set()
        self._subscribed_once: set[tuple[str, ...]] = set()
        self._verified_intent: dict[str, str] = {}  # router -> fingerprint of the intent last verified there

    # ------------------------------------------------------------------ life

    def start(self) -> None:
        self.source.fetch()
        try:
            self.intent = load_intent(GitSource(self.source.path, self.source.ref, self.path), self.cache)
        except IntentInvalid as error:
            self._record_tip(None, error)
            raise
        self._record_tip(self.intent, None)
        self._aliases = _event_aliases(self.intent)
        for record in self.journal.reconciles():  # oldest first: the last verified commit wins
            desired = self.intent.routers.get(record.router)
            if desired is not None and record.verified and record.commit == self.intent.commit:
                self._verified_intent[record.router] = desired.fingerprint()
        self.journal.forget_unknown_event_names()
        self.run_id = self.journal.start_run(self.intent.commit, f"watch {self.branch}", "watcher")
        now = time.monotonic()
        for name in self.intent.routers:
            self.queue.add(name, "start", priority=RESYNC)
            self._next_resync[name] = now + self._jittered()
        for index in range(self.options.workers):
            self._spawn(self._work, f"reconcile-{index}")
        self._spawn(self._schedule, "schedule")
        if self.options.subscribe:
            self._subscribe(self.intent)

    def stop(self) -> None:
        """Finish the reconciles in flight, then close sessions and subscriptions."""
        self._stopping.set()
        self.queue.close()
        for thread in self._threads:
            thread.join(timeout=60)
        for subscriber in self._subscribers:
            subscriber.stop()
        self.sessions.close_all()
        if self.run_id:
            self.journal.finish_run(self.run_id, "stopped", "watcher stopped")

    def healthy(self) -> bool:
        """Started, not stopping, and every thread of it alive (a dead scheduler means no
        resyncs, no branch polls and no session checks: not healthy)."""
        alive = all(thread.is_alive() for thread in self._threads)
        return self.intent is not None and not self._stopping.is_set() and alive

    def _spawn(self, target: Callable[[], None], name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def _jittered(self) -> float:
        return self.options.resync_interval * (0.8 + 0.4 * random.random())

    def _record_tip(self, intent: Intent | None, error: IntentInvalid | None) -> None:
        commit = intent.commit if intent is not None else _tip_commit(self.source)
        text = None if error is None else f"{len(error.errors)} errors, first: {error.errors[0]}"
        self.journal.record_tip(TipRecord(self.branch, commit, error is None, text, time.time()))

    def _subscribe(self, intent: Intent) -> None:
        endpoints: dict[tuple[str, int, str], list[str]] = collections.defaultdict(list)
        for name, desired in intent.routers.items():
            if desired.entry.mqtt is not None:
                m = desired.entry.mqtt
                endpoints[(m.host, m.port, m.topic_prefix)].append(name)
        for (host, port, prefix), names in endpoints.items():
            # A broker serving one router is that router's own; a shared one names routers in topics or payloads.
            served = tuple(names)
            subscriber = EventSubscriber(
                host, port, functools.partial(self._on_event, served=served),
                router=names[0] if len(names) == 1 else None, topic_prefix=prefix,
                client_id=f"jet-reconciler-watch-{socket.gethostname()}-{os.getpid()}-{port}",
                on_subscribed=functools.partial(self._events_resumed, served),
            )  # fmt: skip
            if len(names) > 1:
                log.info("%s share the broker %s:%d: events must name inventory routers (topic prefix or "
                         "hostname), or be mapped with mqtt.event_name", ", ".join(names), host, port)  # fmt: skip
            try:
                subscriber.start(timeout=self.options.subscribe_wait)
            except OSError as error:
                self._subscribed_once.add(served)  # its first subscription comes after a gap
                log.warning("%s: no events yet (%s); the subscriber keeps trying, resyncs still run",
                            ", ".join(names), error)  # fmt: skip
            self._subscribers.append(subscriber)

    # ---------------------------------------------------------------- events

    def _events_resumed(self, routers: tuple[str, ...]) -> None:
        """Subscribed again after a gap: events of the gap are lost, so look at every router.
        (The first subscription needs nothing: every router is read at start.)"""
        if routers not in self._subscribed_once:
            self._subscribed_once.add(routers)
            return
        if self.intent is None or self._stopping.is_set():
            return
        for name in routers:
            if name in self.intent.routers:
                self.queue.add(name, "events resumed", priority=RESYNC)

    def _on_event(self, event: Event, served: tuple[str, ...] = ()) -> None:
        intent = self.intent
        if intent is None:
            return
        router = self._aliases.get(event.router, event.router)
        if router not in intent.routers:
            self._unknown_name(event.router, served)
            return
        if router != event.router:
            event = Event(router, event.kind, event.operation, event.key, event.event_id, event.table,
                          event.attributes)  # fmt: skip
        self._refused.pop(router, None)  # the router changed: a refusal may not hold any more
        # Events of our own writes come back too; they are not filtered out by client id
        # because an operator changing one of our routes reports the same client id. The
        # queue merges them, so an echo costs at most one extra read.
        if event.kind is EventKind.INTERFACE and event.operation == "delete":
            self._forget_bindings_on(event.router, event.key)
        elif event.kind is EventKind.FILTER and event.attributes.get("action") == "unbind":
            self._forget_binding(event.router, event.key, str(event.attributes.get("interface-name", "")))
        self.metrics.events.labels("queued").inc()
        trigger = f"event {event.kind.value} {event.operation} {event.key}"
        self.queue.add(event.router, trigger, priority=EVENT, event_time=time.monotonic())
        self.metrics.queue_depth.set(self.queue.depth())

    def _unknown_name(self, name: str, served: tuple[str, ...]) -> None:
        """Events naming no inventory router: counted, recorded for `status`, and
        warned about once per name (they mean event-driven repair is off for it)."""
        self.metrics.events.labels("unknown-router").inc()
        self.journal.record_unknown_event_name(name, served, time.time())
        if name not in self._unknown_seen:
            self._unknown_seen.add(name)
            log.warning("events arrive for %r, which is not in the inventory (broker of %s): they are "
                        "ignored; map the name with mqtt.event_name in devices.yaml",
                        name, ", ".join(served) or "?")  # fmt: skip

    def _forget_bindings_on(self, router: str, interface: str) -> None:
        """A router drops the bindings of an interface that is deleted (the journal cannot see that)."""
        for binding in self.journal.programmed_bindings(router):
            if binding.interface == interface or binding.interface.startswith(interface + "."):
                self.journal.forget_binding(router, Binding(binding.filter, binding.family, binding.interface,
                                                            binding.direction))  # fmt: skip

    def _forget_binding(self, router: str, filter_name: str, interface: str) -> None:
        """Someone unbound a filter: JET cannot read bindings back, so the event is the only witness.
        The echo of our own unbind is harmless: that binding already left the journal, and binding is
        idempotent on a router should the echo arrive after a re-bind."""
        for binding in self.journal.programmed_bindings(router):
            if binding.filter == filter_name and binding.interface == interface:
                self.journal.forget_binding(router, binding)

    # ---------------------------------------------------------- the schedule

    def _schedule(self) -> None:
        next_poll = time.monotonic() + self.options.poll_interval
        next_check = time.monotonic() + self.options.session_check
        while not self._stopping.wait(0.05):
            now = time.monotonic()
            if now >= next_check:
                next_check = now + self.options.session_check
                self._guarded("the session check", self.check_sessions)
            for name, due in list(self._next_resync.items()):
                if due <= now:
                    self.queue.add(name, "resync", priority=RESYNC)
                    self._next_resync[name] = now + self._jittered()
            if now >= next_poll:
                next_poll = now + self.options.poll_interval
                self._guarded(f"looking at {self.branch}", self.poll_branch)
            self.metrics.queue_depth.set(self.queue.depth())

    @staticmethod
    def _guarded(what: str, step: Callable[[], None]) -> None:
        """One step of the schedule; its failure (a fetch that fails, a broken journal file)
        is logged and retried on the next tick, never the end of the schedule."""
        try:
            step()
        except Exception:
            log.exception("%s failed; trying again on the next tick", what)

    def check_sessions(self) -> None:
        """A session can die silently (router reboot, network cut): a cheap call finds out,
        and the router is reconciled (login, re-program) before its purge timer matters."""
        for name in sorted(self.sessions.connected()):
            session = self.sessions.peek(name)
            if session is None or self.queue.is_running(name):
                continue  # a reconcile in flight uses the session and finds out by itself
            try:
                session.check_alive()
            except RouterError as error:
                log.warning("%s: the session is gone (%s); reconnecting", name, error)
                self.sessions.discard(name, only=session)  # not a fresh one a worker opened meanwhile
                self.metrics.session_up.labels(name).set(0)
                self.queue.add(name, "session lost", priority=EVENT)

    def poll_branch(self) -> None:
        """Load the tracked branch; on a new commit, queue the routers whose intent changed."""
        current = self.intent
        try:
            self.source.fetch()
            latest = load_intent(GitSource(self.source.path, self.source.ref, self.path), self.cache)
        except IntentInvalid as error:
            self._record_tip(None, error)
            log.error("the new commit on %s is invalid; still applying the previous one:\n%s", self.branch, error)
            return
        self._record_tip(latest, None)
        if current is not None and latest.commit == current.commit:
            return
        changed = diff_routers(current.routers if current else {}, latest.routers)
        self.intent = latest
        self._aliases = _event_aliases(latest)
        log.info("new commit %s on %s: %d routers to update", (latest.commit or "")[:12], self.branch, len(changed))
        short = (latest.commit or "")[:12]
        for change in changed:
            if change.router in latest.routers:
                self._next_resync.setdefault(change.router, time.monotonic() + self._jittered())
                self.queue.add(change.router, f"commit {short}", priority=EVENT)
        # The others are read too, so that `in sync` always means "at the tip": differences
        # found there are drift (their intent did not change).
        touched = {change.router for change in changed}
        for name in sorted(set(latest.routers) - touched):
            self.queue.add(name, f"resync at commit {short}", priority=RESYNC)

    # ------------------------------------------------------------ reconciling

    def _work(self) -> None:
        while not self._stopping.is_set():
            item = self.queue.get(0.2)
            if item is None:
                continue
            try:
                self.reconcile(item)
            except Exception:  # a bug in one reconcile must not stop the worker
                log.exception("%s: reconcile failed unexpectedly", item.key)
            finally:
                self.queue.done(item.key)

    def reconcile(self, item: Item) -> None:
        intent = self.intent
        if intent is None or item.key not in intent.routers:
            return
        now = time.monotonic()
        held = self._held_until.get(item.key, 0.0)
        if held > now:
            self.queue.add(item.key, item.trigger, priority=RETRY, delay=held - now, event_time=item.event_time)
            return
        desired = intent.routers[item.key]
        fingerprint = desired.fingerprint()
        if self._refused.get(item.key) == fingerprint and not item.trigger.startswith(("event", "session")):
            return  # refused for this very intent: wait for the intent or the router to change
        # Differences are drift only where this very intent was verified on the router before;
        # otherwise they are (at least partly) the intent's own change. Decided from what was
        # verified, not from the trigger: triggers merge in the queue.
        drift = self._verified_intent.get(item.key) == fingerprint
        result = reconcile(desired, commit=intent.commit, root=self.repo, journal=self.journal,
                           connect=self.connect, run_id=self.run_id, trigger=item.trigger,
                           options=ReconcileOptions(backoff=self.options.apply_backoff), sessions=self.sessions,
                           drift=drift)  # fmt: skip
        self._after(item, result, fingerprint, drift)

    def _after(self, item: Item, result: ReconcileResult, fingerprint: str, drift: bool) -> None:
        self.metrics.reconciles.labels("ok" if result.ok else "failed").inc()
        self.metrics.session_up.labels(item.key).set(1 if item.key in self.sessions.connected() else 0)
        plan = result.first_plan
        drifted = [] if plan is None or not drift else [*plan.changes, *plan.reported]
        held = {line.split(" ", 2)[2] for line in result.reported}
        for change in drifted:
            policy = "report" if change.key in held else "revert"
            self.metrics.drift_detected.labels(change.kind.value, policy).inc()
            if result.ok and policy == "revert":
                self.metrics.drift_repaired.labels(change.kind.value).inc()
        if result.ok:
            self._verified_intent[item.key] = fingerprint
            self._failures.pop(item.key, None)
            self._refused.pop(item.key, None)
            self.metrics.applied_commit.labels(item.key, (result.commit or "")[:12]).set(1)
            if item.event_time is not None:
                self.metrics.latency.observe(time.monotonic() - item.event_time)
            repaired = {c.key for c in drifted} - held
            if repaired:
                self._note_repairs(item.key, repaired)
            return
        if result.outcome in (Outcome.REFUSED, Outcome.WAITING):
            self._refused[item.key] = fingerprint
            log.error("%s: %s (%s); not retried until its intent changes or it reports a change",
                      item.key, result.outcome.value, result.detail)  # fmt: skip
            return
        self._failures[item.key] += 1
        delay = min(2.0 ** self._failures[item.key], 60.0)
        log.warning("%s: reconcile ended %s (%s); trying again in %.0f s", item.key, result.outcome.value,
                    result.detail, delay)  # fmt: skip
        self.queue.add(item.key, "retry after failure", priority=RETRY, delay=delay)

    def _note_repairs(self, router: str, subjects: set[str]) -> None:
        """The same object repaired again and again means another writer keeps undoing it: back off."""
        now = time.monotonic()
        worst = 0
        for subject in subjects:
            repairs = self._repairs[f"{router} {subject}"]
            repairs.append(now)
            while repairs and repairs[0] < now - self.options.fight_window:
                repairs.popleft()
            worst = max(worst, len(repairs))
        excess = worst - self.options.fight_threshold
        if excess >= 0:
            hold = min(2.0**excess, 60.0)
            self._held_until[router] = now + hold
            self.metrics.backoffs.labels(router).inc()
            log.warning("%s: the same object repaired %d times in %.0f s: another writer keeps undoing it; "
                        "holding back %.0f s", router, worst, self.options.fight_window, hold)  # fmt: skip


def _event_aliases(intent: Intent) -> dict[str, str]:
    """The names routers use in their events, where the inventory maps them."""
    return {d.entry.mqtt.event_name: name for name, d in intent.routers.items()
            if d.entry.mqtt is not None and d.entry.mqtt.event_name}  # fmt: skip


def _tip_commit(source: TrackedRepo) -> str | None:
    try:
        with git.Repo(source.path) as repo:
            return str(repo.commit(source.ref).hexsha)
    except (git.GitError, ValueError, OSError):  # the commit id is only for display
        return None
