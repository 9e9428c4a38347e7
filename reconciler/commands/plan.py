"""`reconciler plan`: what applying intent would change on each router (a dry run)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import typer

from reconciler import drivers
from reconciler.commands.common import (
    EXIT_CHANGES,
    EXIT_ERROR,
    EXIT_OK,
    fail,
    load_intent_or_exit,
    router_names,
    state_journal,
)
from reconciler.engine.dry_run import Selection, SelectionError, make_plan, parse_selector, select
from reconciler.intent.trusted_files import export_references
from reconciler.plan import render

PART_BREAK = "\n<!-- jet-reconciler: next comment -->\n"


def plan(
    repo: Path = typer.Option(Path("."), "--repo", help="The intent repository."),
    ref: str | None = typer.Option(None, "--ref", help="Git revision of the intent; default: the working tree."),
    base: str | None = typer.Option(
        None,
        "--base",
        help="Only routers whose intent differs from this trusted revision (a pull request's target); routers are "
        "contacted with its connection settings.",
    ),
    routers: list[str] = typer.Option(
        [], "--routers", "--devices", help="Only these routers (repeat or comma-separate; --devices: old name)."
    ),
    selector: str = typer.Option("", "--selector", help="Only routers with these labels, e.g. site=ams,role=edge."),
    output: str = typer.Option("text", "--format", help="text, json or markdown (for a pull-request comment)."),
    out: Path | None = typer.Option(None, "--out", help="Also write the JSON plan to this file."),
    path: str = typer.Option("intent", "--path", help="The intent folder inside the repository."),
    state_dir: Path | None = typer.Option(
        None,
        "--state-dir",
        readable=False,
        help="Where the journal lives (default: $RECONCILER_STATE_DIR or ~/.local/state).",
    ),
    parallel: int = typer.Option(8, "--parallel", min=1, max=64, help="Routers read at once."),
    behaviour: bool = typer.Option(
        True, "--behaviour/--no-behaviour", help="Also say what the changes do to traffic (filters, forwarding)."
    ),
) -> None:
    """Plan: exit 0 when nothing would change, 2 when something would, 1 on any error."""
    if output not in ("text", "json", "markdown"):
        raise typer.BadParameter("text, json or markdown", param_hint="--format")
    intent = load_intent_or_exit(repo, ref, path)
    base_intent = load_intent_or_exit(repo, base, path) if base else None
    try:
        chosen = select(intent, Selection(router_names(routers), parse_selector(selector)), base_intent)
    except SelectionError as error:
        raise fail(str(error)) from None
    journal = state_journal(state_dir)
    with tempfile.TemporaryDirectory(prefix="reconciler-trusted-") as trusted:
        root = repo
        if base_intent is not None and base_intent.commit is not None:
            # Connection settings, and the files they name, come from the base revision.
            root = Path(trusted)
            entries = [base_intent.routers[d.name].entry for d in chosen if d.name in base_intent.routers]
            export_references(repo, base_intent.commit, entries, root)
        result = make_plan(intent, chosen, root=root, journal=journal, base=base_intent, connect=drivers.connect,
                           parallel=parallel, behaviour=behaviour)  # fmt: skip
    if out is not None:
        out.write_text(render.to_json(result))
    if output == "json":
        typer.echo(render.to_json(result), nl=False)
    elif output == "markdown":
        typer.echo(PART_BREAK.join(render.to_markdown(result, artifact=out.name if out else "plan.json")))
    else:
        typer.echo(render.to_text(result, color=sys.stdout.isatty()), nl=False)
    if result.failed:
        for failed in result.failed:
            typer.echo(f"error: {failed.router}: {failed.error}", err=True)
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_CHANGES if result.has_changes else EXIT_OK)
