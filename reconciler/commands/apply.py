"""`reconciler apply`: make routers match intent, journaled and verified."""

from __future__ import annotations

import getpass
import json
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from reconciler import drivers
from reconciler.commands.common import fail, load_intent_or_exit, router_names, state_journal
from reconciler.engine.dry_run import Selection, SelectionError, make_plan, parse_selector, select
from reconciler.engine.guards import GuardStop, Limits, check_budget
from reconciler.engine.reconcile import Progress as ProgressCallback
from reconciler.engine.reconcile import ReconcileOptions, ReconcileResult, reconcile
from reconciler.intent.load import Intent
from reconciler.intent.merge import RouterIntent
from reconciler.plan import render
from reconciler.plan.model import Plan
from reconciler.plan.saved import SavedPlanError, load_plan
from reconciler.store.journal import Journal


def apply(
    repo: Path = typer.Option(Path("."), "--repo", help="The intent repository."),
    ref: str | None = typer.Option(None, "--ref", help="Git revision of the intent; default: the working tree."),
    plan_file: Path | None = typer.Option(None, "--plan", help="Apply exactly this saved plan (refused if stale)."),
    routers: list[str] = typer.Option(
        [], "--routers", "--devices", help="Only these routers (repeat or comma-separate; --devices: old name)."
    ),
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
    state_dir: Path | None = typer.Option(None, "--state-dir", readable=False, help="Where the journal lives."),
    parallel: int = typer.Option(8, "--parallel", min=1, max=256, help="Routers applied at once."),
    deadline: float = typer.Option(
        900.0, "--deadline", min=1.0, help="Seconds per router to converge; no new round writes after it."
    ),
    trigger: str = typer.Option("cli", "--trigger", help="What started this run (recorded in history)."),
) -> None:
    """Apply intent; exit 0 when every router was read back matching the intent, 1 otherwise."""
    if on_error not in ("stop", "continue"):
        raise typer.BadParameter("stop or continue", param_hint="--on-error")
    intent = load_intent_or_exit(repo, ref, path)
    try:
        chosen = select(intent, Selection(router_names(routers), parse_selector(selector)))
    except SelectionError as error:
        raise fail(str(error)) from None
    journal = state_journal(state_dir)
    limits = Limits(max_delete_share, allow_mass_delete, max_changes)
    saved: Plan | None = None
    if plan_file is not None:
        saved = _read_saved(plan_file)
        chosen = [d for d in chosen if d.name in {r.router for r in saved.routers}]
    elif not auto_approve or max_changes is not None:
        saved = make_plan(intent, chosen, root=repo, journal=journal, connect=drivers.connect, parallel=parallel)
        if saved.failed:
            for router in saved.failed:
                typer.echo(f"error: {router.router}: {router.error}", err=True)
            raise typer.Exit(1)
        if not auto_approve and saved.has_changes:
            if not sys.stdin.isatty():
                raise fail("not on a terminal: review the plan and pass --auto-approve (or --plan FILE)")
            typer.echo(render.to_text(saved, color=sys.stdout.isatty()), nl=False)
            if not typer.confirm("Apply these changes?", default=False):
                raise typer.Exit(1)
    if saved is not None:  # the budget holds for the plan that will be executed
        try:
            check_budget(sum(len(d.changes) for d in saved.routers if d.router in {c.name for c in chosen}), limits)
        except GuardStop as error:
            raise fail(str(error)) from None
    options = ReconcileOptions(limits=limits, keep_going=on_error == "continue", deadline=deadline)
    run_id = journal.start_run(intent.commit, trigger, getpass.getuser())
    results = _run_with_progress(intent, chosen, repo, journal, run_id, options, saved, parallel, trigger)
    ok = all(r.ok for r in results)
    journal.finish_run(run_id, "ok" if ok else "failed", _summary(results))
    _report(results, run_id)
    raise typer.Exit(0 if ok else 1)


def _read_saved(plan_file: Path) -> Plan:
    try:
        return load_plan(json.loads(plan_file.read_text()), str(plan_file))
    except OSError as error:
        raise fail(f"cannot read the saved plan {plan_file}: {error.strerror}") from None
    except ValueError as error:  # bad JSON, or SavedPlanError
        text = str(error) if isinstance(error, SavedPlanError) else f"{plan_file} is not JSON: {error}"
        raise fail(text) from None


def _reconcile_all(
    intent: Intent,
    chosen: list[RouterIntent],
    repo: Path,
    journal: Journal,
    run_id: str,
    options: ReconcileOptions,
    saved: Plan | None,
    parallel: int,
    trigger: str,
    progress: ProgressCallback,
) -> list[ReconcileResult]:
    def one(desired: RouterIntent) -> ReconcileResult:
        return reconcile(desired, commit=intent.commit, root=repo, journal=journal, connect=drivers.connect,
                         run_id=run_id, trigger=f"apply ({trigger})", options=options, saved=saved,
                         progress=progress)  # fmt: skip

    with ThreadPoolExecutor(max_workers=max(1, min(parallel, len(chosen))), thread_name_prefix="apply") as pool:
        return list(pool.map(one, chosen))


def _run_with_progress(
    intent: Intent,
    chosen: list[RouterIntent],
    repo: Path,
    journal: Journal,
    run_id: str,
    options: ReconcileOptions,
    saved: Plan | None,
    parallel: int,
    trigger: str,
) -> list[ReconcileResult]:
    args = (intent, chosen, repo, journal, run_id, options, saved, parallel, trigger)
    if not sys.stdout.isatty():
        lock = threading.Lock()
        reported: dict[str, int] = {}

        def lines(router: str, done: int, total: int) -> None:
            tenth = done * 10 // max(total, 1)
            with lock:
                if reported.get(router) != tenth:
                    reported[router] = tenth
                    typer.echo(f"{router}: {done}/{total} steps")

        return _reconcile_all(*args, progress=lines)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn()) as bars:
        tasks = {d.name: bars.add_task(d.name, total=None) for d in chosen}

        def bar(router: str, done: int, total: int) -> None:
            bars.update(tasks[router], completed=done, total=total)

        return _reconcile_all(*args, progress=bar)


def _summary(results: list[ReconcileResult]) -> str:
    ok = sum(1 for r in results if r.ok)
    return f"{ok} of {len(results)} routers verified matching the intent; {sum(r.applied for r in results)} steps"


def describe(result: ReconcileResult) -> str:
    """One line per router, saying only what a read showed."""
    counts = f"{result.applied} steps of {result.planned} planned, {result.rounds} rounds"
    if result.ok:
        text = f"{result.outcome.value} ({counts})"
        if result.reported:
            text += f"; {len(result.reported)} drifts left alone (policy report)"
        return text
    return f"FAILED, {result.outcome.value}: {result.detail} ({counts})"


def _report(results: list[ReconcileResult], run_id: str) -> None:
    if sys.stdout.isatty():
        table = Table(title=f"apply {run_id}")
        for column in ("router", "result", "planned", "applied", "rounds", "detail"):
            table.add_column(column)
        for r in results:
            detail = r.detail or "; ".join([*r.notes, *(f"reported: {d}" for d in r.reported)])
            table.add_row(r.router, r.outcome.value, str(r.planned), str(r.applied), str(r.rounds), detail)
        Console().print(table)
    else:
        for r in results:
            typer.echo(f"{r.router}: {describe(r)}")
            for note in r.notes:
                typer.echo(f"{r.router}: note: {note}")
            for drift in r.reported:
                typer.echo(f"{r.router}: drift reported, not changed: {drift}")
            for step in r.refused:
                typer.echo(f"{r.router}: refused: {step}")
    typer.echo(f"run {run_id}: {_summary(results)}")
