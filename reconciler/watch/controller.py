"""The watcher: keeps every router equal to the tracked branch.

Level-based: an event only says which router to look at; a reconcile always
re-reads the router and converges it with the same reconcile as `reconciler
apply`, over a writer session that stays open (so the router keeps the routes).
Triggers: MQTT events, a periodic resync with jitter (events can be lost), and
polling the tracked branch (a merged commit is applied). A router that refused a
step is not retried until its intent changes or an event says it changed.

No input stops it: every loop (schedule, liveness checks, workers, the MQTT loop)
catches what it did not expect, logs and counts it, tries that work again with
backoff and goes on; a loop that stops ticking makes /healthz unhealthy.
"""

from __future__ import annotations

import collections
import functools
import logging
import os
import random
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import git

from reconciler.adopt import branch as adopt_branches
from reconciler.adopt.edits import KINDS as ADOPT_KINDS
from reconciler.adopt.run import AdoptError, Request, adopt
from reconciler.engine.reconcile import ReconcileOptions, ReconcileResult, reconcile
from reconciler.engine.sessions import SessionCache
from reconciler.intent.diff import diff_routers
from reconciler.intent.errors import IntentInvalid
from reconciler.intent.load import Intent, ParseCache, load_intent
from reconciler.intent.merge import RouterIntent
from reconciler.intent.sources import GitSource
from reconciler.model.filters import Binding
from reconciler.model.outcome import Outcome
from reconciler.port.errors import RouterError
from reconciler.port.session import Connector
from reconciler.store.journal import Journal, TipRecord
from reconciler.watch.events import Event, EventKind
from reconciler.watch.health import Backoff, Heartbeats
from reconciler.watch.locks import other_holder
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
    stall_limit: float = 120.0  # a loop quiet this long beyond its period is stuck: /healthz 503
    lock_wait: float = 900.0  # longest wait for another writer's lock before it counts as a failure
    lock_poll: float = 0.25  # seconds between looks at that lock
    adopt_open_pr: bool = False  # the `adopt` drift policy also opens a pull request (token from GITHUB_TOKEN)


class WatchStartError(Exception):
    """The watcher could not start (the branch cannot be fetched or loaded); one line."""


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
        self._lock_waits: dict[str, float] = {}  # router -> until when (monotonic) we wait for another's lock
        self.beats = Heartbeats()
        self._next_poll = 0.0
        self._poll_backoff = Backoff(options.poll_interval, max(options.poll_interval, 300.0))
        self._bad_commit: tuple[str, float] | None = None  # a tip that failed to load, and when to try it again
        self._bad_commit_backoff = Backoff(options.poll_interval, max(options.poll_interval, 600.0))

    # ------------------------------------------------------------------ life

    def start(self) -> None:
        """Load the branch and start the loops. IntentInvalid if the tip is invalid;
        WatchStartError if it cannot be fetched or loaded at all."""
        try:
            self.source.fetch()
        except (git.GitError, OSError) as error:
            reason = _git_reason(error)
            raise WatchStartError(f"cannot fetch {self.branch} from {_redacted(self.source.url)}: {reason}; "
                                  "check --repo, --branch and access to it") from None  # fmt: skip
        source = GitSource(self.source.path, self.source.ref, self.path)
        try:
            self.intent = load_intent(source, self.cache)
        except IntentInvalid as error:
            self._record_tip(None, f"{len(error.errors)} errors, first: {error.errors[0]}")
            raise
        except Exception as error:
            log.exception("%s: loading the intent failed unexpectedly", self.branch)
            reason = f"internal error ({_describe(error)})"
            self._record_tip(None, reason, source.commit)
            raise WatchStartError(f"{self.branch} ({(source.commit or '?')[:12]}) could not be loaded: {reason}; "
                                  "please report it") from None  # fmt: skip
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
        self._next_poll = now + self.options.poll_interval
        self.beats.expect("schedule", self.options.stall_limit)
        self.beats.expect("liveness", self.options.session_check + self.options.stall_limit)
        for index in range(self.options.workers):
            self._spawn(functools.partial(self._loop, "reconcile", 0.0, self._work_once), f"reconcile-{index}")
        self._spawn(functools.partial(self._loop, "schedule", 0.05, self._schedule_once), "schedule")
        self._spawn(functools.partial(self._loop, "liveness", self.options.session_check, self.check_sessions),
                    "liveness")  # fmt: skip
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

    def problem(self) -> str | None:
        """Why the watcher is not healthy (one line), or None: not started or stopping, a thread
        that ended, the schedule or liveness loop quiet past its limit, or an MQTT loop that
        ended or is stuck in a callback. A broker that is down is not a problem of the watcher."""
        if self.intent is None:
            return "not ready: the intent is not loaded yet"
        if self._stopping.is_set():
            return "stopping"
        for thread in self._threads:
            if not thread.is_alive():
                return f"the {thread.name} thread has ended"
        stalled = self.beats.stalled()
        if stalled is not None:
            return stalled
        for subscriber in self._subscribers:
            found = subscriber.problem(self.options.stall_limit)
            if found is not None:
                return found
        return None

    def healthy(self) -> bool:
        return self.problem() is None

    def _spawn(self, target: Callable[[], None], name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def _jittered(self) -> float:
        return self.options.resync_interval * (0.8 + 0.4 * random.random())

    def _record_tip(self, intent: Intent | None, error: str | None, commit: str | None = None) -> None:
        if intent is not None:
            commit = intent.commit
        elif commit is None:
            commit = _tip_commit(self.source)
        self.journal.record_tip(TipRecord(self.branch, commit, error is None, error, time.time()))

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
                on_rejected=lambda reason: self.metrics.events_rejected.labels(reason).inc(),
                on_error=lambda: self.metrics.loop_errors.labels("events").inc(),
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
        # While another writer holds the router's lock, its events wait for the next look at
        # the lock (merged into one entry) rather than each waking a worker.
        delay = self.options.lock_poll if event.router in self._lock_waits else 0.0
        self.queue.add(event.router, trigger, priority=EVENT, delay=delay, event_time=time.monotonic())
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

    # ------------------------------------------------------------- the loops

    def _loop(self, loop: str, period: float, once: Callable[[], None]) -> None:
        """Run `once` every `period` seconds until stopping. What it raises is logged and
        counted, and the loop goes on after a backoff: the thread never ends by accident."""
        backoff = Backoff(max(period, 0.1), 30.0)
        delay = period
        while not self._stopping.wait(delay):
            self.beats.tick(loop)
            try:
                once()
            except Exception:
                delay = max(period, backoff.failed())
                self._failed(loop, f"the {loop} loop failed; going on in {delay:.1f} s")
            else:
                backoff.succeeded()
                delay = period

    def _failed(self, loop: str, message: str) -> None:
        """An exception nothing expected: logged with its traceback, counted by loop."""
        log.exception(message)
        self.metrics.loop_errors.labels(loop).inc()

    # ---------------------------------------------------------- the schedule

    def _schedule_once(self) -> None:
        now = time.monotonic()
        for name, due in list(self._next_resync.items()):
            if due <= now:
                self.queue.add(name, "resync", priority=RESYNC)
                self._next_resync[name] = now + self._jittered()
        if now >= self._next_poll:
            try:
                self.poll_branch()
            except Exception:  # a fetch that fails, a broken journal file: tried again, later each time
                delay = self._poll_backoff.failed()
                self._failed("schedule", f"looking at {self.branch} failed; trying again in {delay:.1f} s")
            else:
                self._poll_backoff.succeeded()
                delay = self.options.poll_interval
            self._next_poll = time.monotonic() + delay
        self.metrics.queue_depth.set(self.queue.depth())

    def check_sessions(self) -> None:
        """A session can die silently (router reboot, network cut): a cheap call finds out,
        and the router is reconciled (login, re-program) before its purge timer matters."""
        for name in sorted(self.sessions.connected()):
            self.beats.tick("liveness")  # each check is bounded; a round of many is not
            if self._stopping.is_set():
                return
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
            except Exception:  # one router's surprise must not skip the others; a reconcile re-reads it
                self._failed("liveness", f"{name}: the session check failed unexpectedly; reconciling it")
                self.queue.add(name, "session check failed", priority=EVENT)

    def poll_branch(self) -> None:
        """Load the tracked branch; on a new commit, queue the routers whose intent changed.
        A commit that cannot be loaded at all (a loader bug) is recorded as the invalid tip and
        tried again with backoff; a newer commit is loaded as soon as it comes."""
        current = self.intent
        self.source.fetch()
        if self._bad_commit is not None:
            commit, retry_at = self._bad_commit
            if _tip_commit(self.source) == commit and time.monotonic() < retry_at:
                return
        source = GitSource(self.source.path, self.source.ref, self.path)
        try:
            latest = load_intent(source, self.cache)
        except IntentInvalid as error:
            self._bad_commit = None
            self.metrics.commit_load_failures.labels("invalid").inc()
            self._record_tip(None, f"{len(error.errors)} errors, first: {error.errors[0]}")
            log.error("the new commit on %s is invalid; still applying the previous one:\n%s", self.branch, error)
            return
        except Exception as error:
            self._commit_failed(source.commit, error)
            return
        self._bad_commit = None
        self._bad_commit_backoff.succeeded()
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

    def _commit_failed(self, commit: str | None, error: Exception) -> None:
        """The loader raised something other than IntentInvalid: the previous commit stays
        applied, the tip is recorded as invalid (status shows it), and this very commit is
        tried again only after a backoff."""
        commit = commit or _tip_commit(self.source)
        if self._bad_commit is None or self._bad_commit[0] != commit:
            self._bad_commit_backoff.succeeded()  # another commit: its own backoff
        delay = self._bad_commit_backoff.failed()
        self._bad_commit = (commit, time.monotonic() + delay) if commit else None
        reason = f"internal error ({_describe(error)})"
        self.metrics.commit_load_failures.labels("internal-error").inc()
        self._record_tip(None, f"could not be loaded: {reason}", commit)
        self._failed("schedule", f"{self.branch} ({(commit or '?')[:12]}) could not be loaded: {reason}; still "
                                 f"applying the previous commit; trying this one again in {delay:.1f} s")  # fmt: skip

    # ------------------------------------------------------------ reconciling

    def _work_once(self) -> None:
        item = self.queue.get(0.2)
        if item is None:
            return
        try:
            self.reconcile(item)
        except Exception:  # a bug in one reconcile must not stop the worker, nor forget the router
            delay = self._retry_delay(item.key)
            self._failed("reconcile", f"{item.key}: reconcile ({item.trigger}) failed unexpectedly; "
                                      f"trying again in {delay:.0f} s")  # fmt: skip
            self.queue.add(item.key, "retry after an internal error", priority=RETRY, delay=delay)
        finally:
            self.queue.done(item.key)

    def _retry_delay(self, router: str) -> float:
        self._failures[router] += 1
        return min(2.0 ** self._failures[router], 60.0)

    def reconcile(self, item: Item) -> None:
        intent = self.intent
        if intent is None or item.key not in intent.routers:
            return
        now = time.monotonic()
        held = self._held_until.get(item.key, 0.0)
        if held > now:
            self.queue.add(item.key, item.trigger, priority=RETRY, delay=held - now, event_time=item.event_time)
            return
        if item.key in self._lock_waits and self._lock_still_held(item, now):
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
        if drift and result.first_plan is not None:
            self._adopt(desired, result)

    def _adopt(self, desired: RouterIntent, result: ReconcileResult) -> None:
        """The `adopt` policy: drift of such kinds is reported (never written back) and proposed as
        an intent change on the branch adopt/ROUTER, at most one open per router: while that branch
        exists and is not merged into the tracked branch, nothing new is proposed."""
        kinds = tuple(name for name in ADOPT_KINDS if getattr(desired.entry.drift, name) == "adopt")
        plan = result.first_plan
        if not kinds or plan is None or not any(c.kind in {ADOPT_KINDS[k] for k in kinds} for c in plan.reported):
            return
        branch = f"adopt/{desired.name}"
        base = self.source.ref
        if adopt_branches.branch_exists(self.repo, branch) and not adopt_branches.merged(self.repo, branch, base):
            log.info("%s: drift to adopt; branch %s is still open, not proposing another", desired.name, branch)
            return
        request = Request(Path(self.repo), desired.name, base=base, path=self.path, kinds=kinds, branch=branch,
                          replace=True, push=self.source.remote or self.options.adopt_open_pr,
                          open_pr=self.options.adopt_open_pr)  # fmt: skip
        try:
            adopted = adopt(request, self.journal, self.connect, os.environ)
        except AdoptError as error:
            log.error("%s: drift not adopted: %s", desired.name, error)
            return
        if adopted.branch is not None:
            where = f"; pull request {adopted.pull_request}" if adopted.pull_request else ""
            log.info("%s: drift adopted on branch %s (%d changes)%s", desired.name, adopted.branch,
                     len(adopted.adoption.edits), where)  # fmt: skip

    def _lock_still_held(self, item: Item, now: float) -> bool:
        """Waiting for another writer's lock: look at the lock again shortly while it is held
        (no reconcile, no record, no failure); False once it is free or the wait is over."""
        if now >= self._lock_waits[item.key] or other_holder(self.journal, item.key) is None:
            return False
        self.queue.add(item.key, item.trigger, priority=RETRY, delay=self.options.lock_poll,
                       event_time=item.event_time)  # fmt: skip
        return True

    def _wait_for_lock(self, item: Item, result: ReconcileResult) -> bool:
        """LOCK_HELD: another writer (a manual apply) has the router. Wait for its lock (bounded)
        instead of backing off: True while waiting, False once the wait is over (a failure then)."""
        now = time.monotonic()
        until = self._lock_waits.get(item.key)
        if until is None:
            until = self._lock_waits[item.key] = now + self.options.lock_wait
            self.metrics.lock_waits.labels(item.key).inc()
            log.info("%s: %s; waiting for it (up to %.0f s), then reconciling", item.key, result.detail,
                     self.options.lock_wait)  # fmt: skip
        if now >= until:
            del self._lock_waits[item.key]
            return False
        self.queue.add(item.key, item.trigger, priority=RETRY, delay=self.options.lock_poll,
                       event_time=item.event_time)  # fmt: skip
        return True

    def _after(self, item: Item, result: ReconcileResult, fingerprint: str, drift: bool) -> None:
        if result.outcome is Outcome.LOCK_HELD:
            self.metrics.reconciles.labels("lock-held").inc()
            if self._wait_for_lock(item, result):
                return
        else:
            self._lock_waits.pop(item.key, None)
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
        delay = self._retry_delay(item.key)
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


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {str(error)[:200]}"


def _redacted(url: str) -> str:
    """A repository URL without the user and password it may carry."""
    return re.sub(r"(://)[^/@\s]+@", r"\1***@", url)


def _git_reason(error: Exception) -> str:
    """The first `fatal:` line of a git failure (credentials in URLs redacted), or its last line."""
    if isinstance(error, git.GitCommandError):
        lines = [line.strip(" '\"") for line in str(error.stderr).splitlines() if line.strip(" '\"")]
        fatal = [line for line in lines if line.startswith("fatal:")]
        found = (fatal[:1] or lines[-1:] or [f"git exited with {error.status}"])[0]
        return _redacted(found)[:300]
    return _redacted(_describe(error))


def _tip_commit(source: TrackedRepo) -> str | None:
    try:
        with git.Repo(source.path) as repo:
            return str(repo.commit(source.ref).hexsha)
    except (git.GitError, ValueError, OSError):  # the commit id is only for display
        return None
