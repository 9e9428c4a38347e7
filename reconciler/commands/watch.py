"""`reconciler watch`: keep routers equal to a branch, repairing drift as it happens."""

from __future__ import annotations

import signal
import threading
from pathlib import Path

import typer

from reconciler.intent.errors import IntentInvalid
from reconciler.store.journal import Journal, default_state_dir
from reconciler.watch.controller import Controller, WatchOptions
from reconciler.watch.metrics import MetricsServer


def watch(
    repo: str = typer.Option(".", "--repo", help="The intent repository: a local path or a git URL."),
    branch: str = typer.Option("main", "--branch", help="The branch to track."),
    path: str = typer.Option("intent", "--path", help="The intent folder inside the repository."),
    poll_interval: float = typer.Option(30.0, "--poll-interval", min=0.1, help="Seconds between branch checks."),
    resync_interval: float = typer.Option(300.0, "--resync-interval", min=1.0, help="Seconds between resyncs."),
    workers: int = typer.Option(8, "--workers", min=1, max=256, help="Routers reconciled at once."),
    metrics_port: int = typer.Option(9108, "--metrics-port", help="Loopback port of /metrics and /healthz (0: any)."),
    state_dir: Path | None = typer.Option(None, "--state-dir", help="Where the journal lives."),
) -> None:
    """Watch: events, periodic resyncs and new commits make routers converge. Stops on SIGTERM or Ctrl-C,
    after the reconciles in flight."""
    source: Path | str = repo if "://" in repo or repo.startswith("git@") else Path(repo)
    options = WatchOptions(resync_interval=resync_interval, poll_interval=poll_interval, workers=workers)
    controller = Controller(source, branch, Journal(state_dir or default_state_dir()), path=path, options=options)
    try:
        controller.start()
    except IntentInvalid as error:
        for item in error.errors:
            typer.echo(str(item), err=True)
        raise typer.Exit(1) from None
    server = MetricsServer(controller.metrics, controller.healthy, port=metrics_port)
    server.start()
    assert controller.intent is not None
    typer.echo(
        f"watching {branch} ({(controller.intent.commit or '')[:12]}) for {len(controller.intent.devices)} routers; "
        f"metrics at http://127.0.0.1:{server.port}/metrics"
    )
    done = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: done.set())
    done.wait()
    typer.echo("stopping: finishing the reconciles in flight")
    controller.stop()
    server.stop()
    typer.echo("watcher stopped")
