"""`reconciler apply`: make routers match intent, journaled and verified."""

from __future__ import annotations

import getpass
import json
import sys
import threading
import time
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from reconciler.apply.guards import Limits, Refused, check_budget
from reconciler.apply.run import ApplyOptions, DeviceResult, apply_all
from reconciler.commands.plan import _load
from reconciler.plan import render
from reconciler.planning import Selection, SelectionError, make_plan, parse_selector, select
from reconciler.store.journal import Journal, ReconcileRecord, default_state_dir


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(1)


def apply(
    repo: Path = typer.Option(Path("."), "--repo", help="The intent repository."),
    ref: str | None = typer.Option(None, "--ref", help="Git revision of the intent; default: the working tree."),
    plan_file: Path | None = typer.Option(None, "--plan", help="Apply this saved plan (refused if stale)."),
    devices: list[str] = typer.Option([], "--devices", help="Only these routers (repeat or comma-separate)."),
    selector: str = typer.Option("", "--selector", help="Only routers with these labels, e.g. site=ams."),
    auto_approve: bool = typer.Option(False, "--auto-approve", help="Do not ask (needed off a terminal)."),
    on_error: str = typer.Option("stop", "--on-error", help="stop: a refused step stops that router; continue."),
    max_delete_share: float = typer.Option(
        0.25,
        "--max-delete-share",
        min=0.0,
        max=1.0,
        help="Refuse deleting more than this share of a router's owned objects.",
    ),
    allow_mass_delete: bool = typer.Option(False, "--allow-mass-delete", help="Allow large and total deletions."),
    max_changes: int | None = typer.Option(None, "--max-changes", min=0, help="Refuse a run with more changes."),
    path: str = typer.Option("intent", "--path", help="The intent folder inside the repository."),
    state_dir: Path | None = typer.Option(None, "--state-dir", help="Where the journal lives."),
    parallel: int = typer.Option(8, "--parallel", min=1, max=256, help="Routers applied at once."),
    trigger: str = typer.Option("cli", "--trigger", help="What started this run (recorded in history)."),
) -> None:
    """Apply intent; exit 0 when every router was applied and verified, 1 otherwise."""
    if on_error not in ("stop", "continue"):
        raise typer.BadParameter("stop or continue", param_hint="--on-error")
    intent = _load(repo, ref, path)
    names = tuple(n.strip() for item in devices for n in item.split(",") if n.strip())
    try:
        chosen = select(intent, Selection(names, parse_selector(selector)))
    except SelectionError as error:
        raise _fail(str(error)) from None
    journal = Journal(state_dir or default_state_dir())
    saved: dict[str, Any] | None = None
    if plan_file is not None:
        try:
            saved = json.loads(plan_file.read_text())
        except (OSError, ValueError) as error:
            raise _fail(f"cannot read the saved plan {plan_file}: {error}") from None
        chosen = [d for d in chosen if d.name in {r["device"] for r in saved.get("routers", [])}]
    elif not auto_approve or max_changes is not None:
        shown = make_plan(intent, chosen, root=repo, journal=journal, parallel=parallel)
        if shown.failed:
            for device in shown.failed:
                typer.echo(f"error: {device.device}: {device.error}", err=True)
            raise typer.Exit(1)
        try:
            check_budget(sum(len(d.changes) for d in shown.devices), Limits(max_changes=max_changes))
        except Refused as error:
            raise _fail(str(error)) from None
        if not shown.has_changes:
            typer.echo("nothing to apply: every router already matches the intent")
            raise typer.Exit(0)
        if not auto_approve:
            if not sys.stdin.isatty():
                raise _fail("not on a terminal: review the plan and pass --auto-approve (or --plan FILE)")
            typer.echo(render.to_text(shown, color=sys.stdout.isatty()), nl=False)
            if not typer.confirm("Apply these changes?", default=False):
                raise typer.Exit(1)
        saved = render.to_dict(shown)  # apply exactly what was shown: refused if a router moved since
    options = ApplyOptions(
        limits=Limits(max_delete_share, allow_mass_delete, max_changes),
        keep_going=on_error == "continue",
        saved_plan=saved,
        parallel=parallel,
    )
    run_id = journal.start_run(intent.commit, trigger, getpass.getuser())
    started = time.time()
    results = _run_with_progress(intent, chosen, repo, journal, run_id, options)
    finished = time.time()
    for r in results:  # `reconciler status` shows CLI applies next to the watcher's reconciles
        journal.record_reconcile(ReconcileRecord(r.device, f"apply ({trigger})", started, finished,
                                                 "ok" if r.ok else "failed", intent.commit))  # fmt: skip
    ok = all(r.ok for r in results)
    journal.finish_run(run_id, "ok" if ok else "failed", _summary(results))
    _report(results, run_id)
    raise typer.Exit(0 if ok else 1)


def _run_with_progress(intent: Any, chosen: list[Any], repo: Path, journal: Journal, run_id: str,
                       options: ApplyOptions) -> list[DeviceResult]:  # fmt: skip
    if not sys.stdout.isatty():
        lock = threading.Lock()
        reported: dict[str, int] = {}

        def lines(device: str, done: int, total: int) -> None:
            tenth = done * 10 // max(total, 1)
            with lock:
                if reported.get(device) != tenth:
                    reported[device] = tenth
                    typer.echo(f"{device}: {done}/{total} steps")

        return apply_all(intent, chosen, root=repo, journal=journal, run_id=run_id, options=options, progress=lines)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn()) as bars:
        tasks = {d.name: bars.add_task(d.name, total=None) for d in chosen}

        def bar(device: str, done: int, total: int) -> None:
            bars.update(tasks[device], completed=done, total=total)

        return apply_all(intent, chosen, root=repo, journal=journal, run_id=run_id, options=options, progress=bar)


def _summary(results: list[DeviceResult]) -> str:
    ok = sum(1 for r in results if r.ok)
    return f"{ok} of {len(results)} routers applied and verified; {sum(r.applied for r in results)} steps"


def _report(results: list[DeviceResult], run_id: str) -> None:
    if sys.stdout.isatty():
        table = Table(title=f"apply {run_id}")
        for column in ("router", "result", "planned", "applied", "rounds", "detail"):
            table.add_column(column)
        for r in results:
            table.add_row(r.device, "ok" if r.ok else "FAILED", str(r.planned), str(r.applied), str(r.rounds),
                          r.error or "; ".join(r.notes))  # fmt: skip
        Console().print(table)
    else:
        for r in results:
            status = "applied and verified" if r.ok else f"FAILED: {r.error}"
            typer.echo(f"{r.device}: {status} ({r.applied} steps of {r.planned} planned, {r.rounds} rounds)")
            for note in r.notes:
                typer.echo(f"{r.device}: note: {note}")
            for step in r.failed_steps:
                typer.echo(f"{r.device}: refused: {step}")
    typer.echo(f"run {run_id}: {_summary(results)}")
