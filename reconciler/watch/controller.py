"""The watcher: keeps every router equal to the tracked branch.

Level-based: an event only says which router to look at; a reconcile always
re-reads the router and converges it with the same guarded apply loop as
`reconciler apply`, over a JET session that stays open (so the router keeps the
routes). Triggers: MQTT events, a periodic resync with jitter (events can be
lost), and polling the tracked branch (a merged commit is applied).
"""

from __future__ import annotations

import collections
import dataclasses
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reconciler.apply.run import ApplyOptions, SessionCache, apply_device, report_kinds
from reconciler.intent.diff import diff_devices
from reconciler.intent.errors import IntentInvalid
from reconciler.intent.load import Intent, ParseCache, load_intent
from reconciler.intent.sources import GitSource
from reconciler.jet.errors import JetError
from reconciler.model.filters import Binding
from reconciler.plan.model import DevicePlan
from reconciler.store.journal import DriftRecord, Journal, ReconcileRecord
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


class Controller:
    def __init__(
        self,
        repo: Path | str,
        branch: str,
        journal: Journal,
        *,
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
        self.sessions = SessionCache()
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

    # ------------------------------------------------------------------ life

    def start(self) -> None:
        self.source.fetch()
        self.intent = load_intent(GitSource(self.source.path, self.source.ref, self.path), self.cache)
        self.run_id = self.journal.start_run(self.intent.commit, f"watch {self.branch}", "watcher")
        now = time.monotonic()
        for name in self.intent.devices:
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
        return self.intent is not None and not self._stopping.is_set()

    def _spawn(self, target: Callable[[], None], name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def _jittered(self) -> float:
        return self.options.resync_interval * (0.8 + 0.4 * random.random())

    def _subscribe(self, intent: Intent) -> None:
        endpoints: dict[tuple[str, int, str], list[str]] = collections.defaultdict(list)
        for name, device in intent.devices.items():
            if device.device.mqtt is not None:
                m = device.device.mqtt
                endpoints[(m.host, m.port, m.topic_prefix)].append(name)
        for (host, port, prefix), names in endpoints.items():
            # A broker serving one router is that router's own; a shared one names routers in topics or payloads.
            subscriber = EventSubscriber(host, port, self._on_event, router=names[0] if len(names) == 1 else None,
                                         topic_prefix=prefix, client_id=f"jet-reconciler-watch-{port}")  # fmt: skip
            try:
                subscriber.start()
            except OSError as error:
                log.warning("%s: events will not arrive (resyncs still run): %s", ", ".join(names), error)
                continue
            self._subscribers.append(subscriber)

    # ---------------------------------------------------------------- events

    def _on_event(self, event: Event) -> None:
        intent = self.intent
        if intent is None or event.router not in intent.devices:
            self.metrics.events.labels("ignored").inc()
            return
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
                self.check_sessions()
            for name, due in list(self._next_resync.items()):
                if due <= now:
                    self.queue.add(name, "resync", priority=RESYNC)
                    self._next_resync[name] = now + self._jittered()
            if now >= next_poll:
                next_poll = now + self.options.poll_interval
                self.poll_branch()
            self.metrics.queue_depth.set(self.queue.depth())

    def check_sessions(self) -> None:
        """A session can die silently (router reboot, network cut): a cheap call finds out,
        and the router is reconciled (login, re-program) before its purge timer matters."""
        for name in sorted(self.sessions.connected()):
            session = self.sessions.peek(name)
            if session is None:
                continue
            try:
                session.client.get_purge_timer()
            except JetError as error:
                log.warning("%s: the JET session is gone (%s); reconnecting", name, error.code)
                self.sessions.discard(name)
                self.metrics.session_up.labels(name).set(0)
                self.queue.add(name, "session lost", priority=EVENT)

    def poll_branch(self) -> None:
        """Load the tracked branch; on a new commit, queue the routers whose intent changed."""
        current = self.intent
        try:
            self.source.fetch()
            latest = load_intent(GitSource(self.source.path, self.source.ref, self.path), self.cache)
        except IntentInvalid as error:
            log.error("the new commit on %s is invalid; still applying the previous one:\n%s", self.branch, error)
            return
        if current is not None and latest.commit == current.commit:
            return
        changed = diff_devices(current.devices if current else {}, latest.devices)
        self.intent = latest
        log.info("new commit %s on %s: %d routers to update", (latest.commit or "")[:12], self.branch, len(changed))
        for change in changed:
            if change.device in latest.devices:
                self._next_resync.setdefault(change.device, time.monotonic() + self._jittered())
                self.queue.add(change.device, f"commit {(latest.commit or '')[:12]}", priority=EVENT)

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
        if intent is None or item.key not in intent.devices:
            return
        now = time.monotonic()
        held = self._held_until.get(item.key, 0.0)
        if held > now:
            self.queue.add(item.key, item.trigger, priority=RETRY, delay=held - now, event_time=item.event_time)
            return
        device = intent.devices[item.key]
        drifts: list[DriftRecord] = []
        policies = {kind: "report" for kind in report_kinds(device.device)}

        programmed_before = self.journal.owned_routes(item.key) is not None

        def first_plan(plan: DevicePlan) -> None:
            if item.trigger.startswith("commit") or (item.trigger == "start" and not programmed_before):
                return  # an intended change, or a router's first programming: not drift
            for change in [*plan.changes, *plan.reported]:
                policy = policies.get(change.kind, "revert")
                drifts.append(DriftRecord(item.key, change.kind.value, change.key, change.action.value, policy,
                                          item.trigger, time.time(), False))  # fmt: skip

        started = time.time()
        result = apply_device(intent, device, root=self.repo, journal=self.journal, run_id=self.run_id,
                              options=ApplyOptions(backoff=self.options.apply_backoff), sessions=self.sessions,
                              on_first_plan=first_plan)  # fmt: skip
        finished = time.time()
        for index, drift in enumerate(drifts):
            repaired = result.ok and drift.policy == "revert"
            drifts[index] = dataclasses.replace(drift, repaired=repaired)
            self.metrics.drift_detected.labels(drift.kind, drift.policy).inc()
            if repaired:
                self.metrics.drift_repaired.labels(drift.kind).inc()
        self.journal.record_drifts(drifts)
        outcome = "ok" if result.ok else "failed"
        self.journal.record_reconcile(
            ReconcileRecord(item.key, item.trigger, started, finished, outcome, intent.commit)
        )
        self.metrics.reconciles.labels(outcome).inc()
        self.metrics.session_up.labels(item.key).set(1 if item.key in self.sessions.connected() else 0)
        if result.ok:
            self._failures.pop(item.key, None)
            self.metrics.applied_commit.labels(item.key, (intent.commit or "")[:12]).set(1)
            if item.event_time is not None:
                self.metrics.latency.observe(time.monotonic() - item.event_time)
            repaired_subjects = {d.subject for d in drifts if d.policy == "revert"}
            if repaired_subjects:
                self._note_repairs(item.key, repaired_subjects)
        else:
            self._failures[item.key] += 1
            delay = min(2.0 ** self._failures[item.key], 60.0)
            log.warning("%s: reconcile failed (%s); trying again in %.0f s", item.key, result.error, delay)
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
