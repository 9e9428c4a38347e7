"""`reconciler history`: past runs from the journal."""

from __future__ import annotations

import time
from pathlib import Path

import typer

from reconciler.commands.common import state_journal
from reconciler.store.journal import RunRecord
from reconciler.store.process import is_gone


def run_result(run: RunRecord) -> str:
    """The run's result; for one without a result, whether its process still runs: a run whose
    process is gone was interrupted (killed, crashed, the host restarted)."""
    if run.result is not None:
        return run.result
    holder = run.holder
    if holder is None:
        return "unfinished"  # recorded before runs named their process
    gone = is_gone(holder)
    if gone is None:
        return f"unfinished (process {holder.pid} on {holder.host})"  # another host: cannot be checked
    return "interrupted" if gone else f"running (process {holder.pid})"


def history(
    router: str | None = typer.Option(None, "--router", "--device", help="Only runs that touched this router."),
    limit: int = typer.Option(20, "--limit", min=1, help="How many runs, newest first."),
    operations: bool = typer.Option(False, "--operations", help="List each run's operations too."),
    # readable=False: the journal says what is wrong with the folder, in its one-line error
    state_dir: Path | None = typer.Option(None, "--state-dir", readable=False, help="Where the journal lives."),
) -> None:
    """Show past apply runs: when, which commit, what triggered them, and the result (interrupted:
    its process is gone)."""
    journal = state_journal(state_dir)
    runs = journal.runs(limit, router)
    if not runs:
        typer.echo("no runs recorded")
        return
    for run in runs:
        started = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(run.started_at))
        commit = (run.commit or "working tree")[:12]
        typer.echo(f"{run.run_id}  {started}  {commit}  {run.trigger} by {run.actor}  "
                   f"{run_result(run)}  {run.summary or ''}".rstrip())  # fmt: skip
        if operations:
            for op in journal.operations(run.run_id, router):
                detail = f"  {op.detail}" if op.detail else ""
                typer.echo(f"    {op.router}  {op.operation}  {op.subject}  x{op.entries}  {op.result}{detail}")
