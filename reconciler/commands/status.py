"""`reconciler status`: per router, what the journal knows (works whether or not a watcher runs)."""

from __future__ import annotations

import time
from pathlib import Path

import typer

from reconciler.store.journal import Journal, default_state_dir


def _ago(moment: float) -> str:
    seconds = max(0, int(time.time() - moment))
    return f"{seconds} s ago" if seconds < 120 else f"{seconds // 60} min ago"


def status(
    device: str | None = typer.Option(None, "--device", help="Only this router."),
    state_dir: Path | None = typer.Option(None, "--state-dir", help="Where the journal lives."),
) -> None:
    """In sync or not, last applied commit, last drift, last reconcile, per router."""
    journal = Journal(state_dir or default_state_dir())
    reconciles = journal.reconciles(device)
    names = sorted({r.device for r in reconciles})
    if not names:
        typer.echo("no reconcile recorded yet (run reconciler apply or reconciler watch)")
        return
    for name in names:
        last = [r for r in reconciles if r.device == name][-1]
        drifts = journal.drifts(name, limit=1)
        state = "in sync" if last.result == "ok" else "NOT in sync"
        line = (f"{name}: {state}; commit {(journal.last_commit(name) or 'unknown')[:12]}; last reconcile "
                f"{_ago(last.finished_at)} ({last.trigger}, {last.result})")  # fmt: skip
        if drifts:
            d = drifts[0]
            line += f"; last drift {_ago(d.detected_at)}: {d.change} {d.kind} {d.subject} " + (
                "repaired" if d.repaired else f"not repaired ({d.policy})"
            )
        typer.echo(line)
