"""`reconciler status`: per router, what the last reconcile read showed, against the
newest commit of the tracked branch (works whether or not a watcher runs)."""

from __future__ import annotations

import time
from pathlib import Path

import typer

from reconciler.commands.common import state_journal
from reconciler.model.outcome import Outcome
from reconciler.model.ownership import ZERO_COOKIE_WARNING
from reconciler.store.journal import DriftRecord, ReconcileRecord, TipRecord, UnknownEventName


def _ago(moment: float) -> str:
    seconds = max(0, int(time.time() - moment))
    return f"{seconds} s ago" if seconds < 120 else f"{seconds // 60} min ago"


def _short(commit: str | None) -> str:
    return (commit or "working tree")[:12]


def router_state(last: ReconcileRecord, tip: TipRecord | None, unmatched: list[UnknownEventName]) -> str:
    """The one phrase for a router's state; `in sync` only when the last full read
    matched the intent at the newest valid commit and events reach the watcher."""
    if not last.verified:
        return f"NOT in sync: {last.result}" + (f" ({last.detail})" if last.detail else "")
    if tip is not None and not tip.valid:
        return f"intent invalid at the tip {_short(tip.commit)}; still enforcing {_short(last.commit)}"
    if tip is not None and tip.commit != last.commit:
        return f"behind: last verified at {_short(last.commit)}, the tip is {_short(tip.commit)}"
    if last.result == Outcome.DRIFT_REPORTED.value:
        return f"drift reported: {last.reported} objects differ from the intent (policy report, not changed)"
    if unmatched:
        names = ", ".join(sorted(u.name for u in unmatched))
        return (f"in sync at the last read, but events unmatched: its broker delivers events for {names}, "
                "not inventory names, so drift is found only by resyncs")  # fmt: skip
    return "in sync"


def _drift_text(drift: DriftRecord, last: ReconcileRecord) -> str:
    text = f"last drift {_ago(drift.detected_at)}: {drift.change} {drift.kind} {drift.subject} "
    if drift.repaired:
        return text + "repaired"
    if last.finished_at > drift.detected_at and last.verified and last.result != Outcome.DRIFT_REPORTED:
        return text + "gone since"  # a later read matched the intent
    return text + f"not repaired ({drift.policy})"


def status(
    router: str | None = typer.Option(None, "--router", "--device", help="Only this router (--device: old name)."),
    # readable=False: the journal says what is wrong with the folder, in its one-line error
    state_dir: Path | None = typer.Option(None, "--state-dir", readable=False, help="Where the journal lives."),
) -> None:
    """In sync or not, last verified commit, last reconcile, last drift, per router."""
    journal = state_journal(state_dir)
    reconciles = journal.reconciles(router)
    tips = journal.tips()
    tip = tips[0] if tips else None
    unknown = journal.unknown_event_names()
    if tip is not None and not tip.valid:
        typer.echo(f"the tip of {tip.branch} ({_short(tip.commit)}) is invalid intent: {tip.error or ''}".rstrip())
    for seen in unknown:
        typer.echo(f"warning: {seen.events} events for '{seen.name}', which is not in the inventory "
                   f"(last {_ago(seen.last_seen)}); map it with mqtt.event_name in devices.yaml")  # fmt: skip
    names = sorted({r.router for r in reconciles})
    if not names:
        typer.echo("no reconcile recorded yet (run reconciler apply or reconciler watch)")
        return
    for name in names:
        last = [r for r in reconciles if r.router == name][-1]
        unmatched = [u for u in unknown if name in u.routers]
        line = (f"{name}: {router_state(last, tip, unmatched)}; last reconcile {_ago(last.finished_at)} "
                f"({last.trigger}, {last.result}, commit {_short(last.commit)})")  # fmt: skip
        drifts = journal.drifts(name, limit=1)
        if drifts:
            line += "; " + _drift_text(drifts[0], last)
        if journal.zero_cookie_kinds(name):
            line += f"; warning: {ZERO_COOKIE_WARNING}"
        typer.echo(line)
