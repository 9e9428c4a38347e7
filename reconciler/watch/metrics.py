"""Prometheus metrics of the watcher and its /metrics and /healthz endpoint (loopback)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, make_wsgi_app


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.reconciles = Counter("reconciler_reconciles_total", "Reconciles by result", ["result"], registry=r)
        self.drift_detected = Counter("reconciler_drift_detected_total", "Drift seen", ["kind", "policy"],
                                      registry=r)  # fmt: skip
        self.drift_repaired = Counter("reconciler_drift_repaired_total", "Drift repaired", ["kind"], registry=r)
        self.backoffs = Counter("reconciler_repair_backoffs_total", "Repairs held back: another writer keeps undoing "
                                "them", ["router"], registry=r)  # fmt: skip
        self.events = Counter("reconciler_events_total", "MQTT events by outcome", ["outcome"], registry=r)
        self.events_rejected = Counter("reconciler_events_rejected_total", "MQTT notifications not used, by reason",
                                       ["reason"], registry=r)  # fmt: skip
        self.loop_errors = Counter("reconciler_watch_loop_errors_total", "Unexpected exceptions caught in a loop of "
                                   "the watcher (it goes on)", ["loop"], registry=r)  # fmt: skip
        self.commit_load_failures = Counter("reconciler_commit_load_failures_total", "Loads of the tracked branch "
                                            "that failed, by reason", ["reason"], registry=r)  # fmt: skip
        self.lock_waits = Counter("reconciler_lock_waits_total", "Times another writer held a router's lock and the "
                                  "watcher waited for it", ["router"], registry=r)  # fmt: skip
        self.queue_depth = Gauge("reconciler_queue_depth", "Routers waiting for a reconcile", registry=r)
        self.latency = Histogram(
            "reconciler_event_to_repair_seconds", "From an event to the router matching intent again",
            buckets=(0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10), registry=r,
        )  # fmt: skip
        self.session_up = Gauge("reconciler_session_up", "1 while the JET session to a router is open", ["router"],
                                registry=r)  # fmt: skip
        self.applied_commit = Gauge("reconciler_applied_commit_info", "The intent commit last applied to a router",
                                    ["router", "commit"], registry=r)  # fmt: skip


METRICS_HOST = "127.0.0.1"  # loopback only: the endpoint has no authentication


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class MetricsServer:
    """Serves /metrics and /healthz. `problem` decides the /healthz answer: None is 200 "ok",
    a one-line reason is 503 with that line. The port is bound on construction (an OSError
    if it is busy), before anything is served."""

    def __init__(
        self, metrics: Metrics, problem: Callable[[], str | None], host: str = METRICS_HOST, port: int = 0
    ) -> None:
        metrics_app = make_wsgi_app(metrics.registry)

        def app(environ: dict[str, Any], start: Callable[..., Any]) -> Iterable[bytes]:
            if environ.get("PATH_INFO") == "/healthz":
                try:
                    reason = problem()
                except Exception as error:  # the health check itself failing is an answer too
                    reason = f"the health check failed: {type(error).__name__}"
                status = "200 OK" if reason is None else "503 Service Unavailable"
                start(status, [("Content-Type", "text/plain; charset=utf-8")])
                return [b"ok\n" if reason is None else f"unhealthy: {reason}\n".encode()]
            return metrics_app(environ, start)  # type: ignore[no-any-return]

        self._server: WSGIServer = make_server(host, port, app, handler_class=_Quiet)
        self.port = self._server.server_port
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="metrics", daemon=True
        )  # a short poll: stop() waits for it

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        if self._thread.ident is not None:  # shutdown() waits for serve_forever: forever if never started
            self._server.shutdown()
        self._server.server_close()
