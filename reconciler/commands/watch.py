"""`reconciler watch`: keep routers equal to a branch, repairing drift as it happens."""

from __future__ import annotations

import errno
import signal
import threading
from pathlib import Path

import typer

from reconciler import drivers
from reconciler.commands.common import state_journal
from reconciler.intent.errors import IntentInvalid
from reconciler.watch.controller import Controller, WatchOptions, WatchStartError
from reconciler.watch.metrics import METRICS_HOST, MetricsServer


def watch(
    repo: str = typer.Option(".", "--repo", help="The intent repository: a local path or a git URL."),
    branch: str = typer.Option("main", "--branch", help="The branch to track."),
    path: str = typer.Option("intent", "--path", help="The intent folder inside the repository."),
    poll_interval: float = typer.Option(30.0, "--poll-interval", min=0.1, help="Seconds between branch checks."),
    resync_interval: float = typer.Option(300.0, "--resync-interval", min=1.0, help="Seconds between resyncs."),
    workers: int = typer.Option(8, "--workers", min=1, max=256, help="Routers reconciled at once."),
    metrics_port: int = typer.Option(
        9108, "--metrics-port", min=0, max=65535, help="Loopback port of /metrics and /healthz (0: any)."
    ),
    state_dir: Path | None = typer.Option(None, "--state-dir", readable=False, help="Where the journal lives."),
    adopt_open_pr: bool = typer.Option(
        False, "--adopt-open-pr", help="Drift under the `adopt` policy also opens a pull request (GITHUB_TOKEN)."
    ),
) -> None:
    """Watch: events, periodic resyncs and new commits make routers converge. Stops on SIGTERM or Ctrl-C,
    after the reconciles in flight."""
    source: Path | str = repo if "://" in repo or repo.startswith("git@") else Path(repo)
    options = WatchOptions(
        resync_interval=resync_interval, poll_interval=poll_interval, workers=workers, adopt_open_pr=adopt_open_pr
    )
    journal = state_journal(state_dir)
    controller = Controller(source, branch, journal, connect=drivers.connect, path=path, options=options)
    # Bind before the controller starts: a busy port (another watcher on this machine) must fail
    # before a run is recorded, in one line rather than a traceback.
    try:
        server = MetricsServer(controller.metrics, controller.problem, host=METRICS_HOST, port=metrics_port)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            problem = "is in use (another reconciler watch?)"
        else:
            problem = f"cannot be used ({error.strerror or error})"
        typer.echo(
            f"error: the metrics port {METRICS_HOST}:{metrics_port} {problem}; "
            "pass --metrics-port N or 0 for any free port",
            err=True,
        )
        raise typer.Exit(1) from None
    server.start()  # /healthz answers "not ready" until the controller has loaded the intent
    try:
        try:
            controller.start()
        except IntentInvalid as error:
            for line in error.lines():  # at most 1,000 errors, then how many more
                typer.echo(line, err=True)
            typer.echo(f"intent is invalid ({error.total} errors); not watching", err=True)
            raise typer.Exit(1) from None
        except WatchStartError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(1) from None
        # Handlers before the "watching" line: whoever reads it may send SIGTERM at once. (Ctrl-C
        # during start-up still interrupts it, and the `finally` below cleans up.)
        done = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: done.set())
        assert controller.intent is not None
        typer.echo(
            f"watching {branch} ({(controller.intent.commit or '')[:12]}) for {len(controller.intent.routers)} "
            f"routers; metrics at http://{METRICS_HOST}:{server.port}/metrics"
        )
        done.wait()
        typer.echo("stopping: finishing the reconciles in flight")
    finally:
        # Also when something failed after (or during) start(): stopping finishes the run that start()
        # recorded, so `reconciler history` never keeps it unfinished.
        controller.stop()
        server.stop()
    typer.echo("watcher stopped")
