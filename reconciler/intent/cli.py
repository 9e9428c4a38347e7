"""`reconciler validate` and `reconciler intent diff`: intent checks that need no router."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from reconciler.intent.diff import RouterChange, diff_routers
from reconciler.intent.errors import IntentInvalid
from reconciler.intent.load import Intent, load_intent
from reconciler.intent.sources import FolderSource, GitSource

intent_app = typer.Typer(help="Look at intent without touching routers.", no_args_is_help=True)

_REPO = typer.Option(Path("."), "--repo", help="The intent repository (a git work tree).")
_PATH = typer.Option("intent", "--path", help="The intent folder inside the repository.")
_FORMAT = typer.Option("text", "--format", help="text or json.")
_MAX = typer.Option(None, "--max-file-size", min=1, help="Per-file limit in MiB (default: 32 for YAML, 64 for JSON).")


def _source(repo: Path, ref: str | None, path: str, max_mib: int | None) -> FolderSource | GitSource:
    limit = max_mib * 1024 * 1024 if max_mib is not None else None
    return GitSource(repo, ref, path, limit) if ref else FolderSource(repo, path, limit)


def _fail(error: IntentInvalid, output: str) -> None:
    if output == "json":
        errors = [e.as_dict() for e in error.errors]
        typer.echo(json.dumps({"ok": False, "errors": errors, "more_errors": error.omitted}, indent=2))
    else:
        for line in error.lines():  # at most MAX_ERRORS errors, then "... and N more errors"
            typer.echo(line, err=True)
        count = error.total
        typer.echo(f"{count} error{'s' if count != 1 else ''}; nothing was changed", err=True)
    raise typer.Exit(1)


def _load(repo: Path, ref: str | None, path: str, max_mib: int | None, output: str) -> Intent:
    if output not in ("text", "json"):
        raise typer.BadParameter("text or json", param_hint="--format")
    try:
        return load_intent(_source(repo, ref, path, max_mib))
    except IntentInvalid as error:
        _fail(error, output)
        raise AssertionError("unreachable") from None


def validate(
    repo: Path = _REPO,
    ref: str | None = typer.Option(None, "--ref", help="A git revision; default: the working tree."),
    path: str = _PATH,
    output: str = _FORMAT,
    max_file_size: int | None = _MAX,
) -> None:
    """Validate intent: every error as FILE:LINE:COLUMN: FIELD: MESSAGE; exit 1 if any."""
    intent = _load(repo, ref, path, max_file_size, output)
    counts = {name: router.counts() for name, router in intent.routers.items()}
    if output == "json":
        body: dict[str, Any] = {"ok": True, "source": intent.label, "commit": intent.commit, "routers": counts}
        typer.echo(json.dumps(body, indent=2))
        return
    typer.echo(f"intent at {intent.label}: {len(intent.files)} files, {len(counts)} routers")
    for name, numbers in counts.items():
        summary = ", ".join(f"{value} {kind.replace('_', ' ')}" for kind, value in numbers.items())
        typer.echo(f"  {name}: {summary}")
    typer.echo("ok")


def _change_text(change: RouterChange) -> str:
    parts = [f"{kind.replace('_', ' ')} +{c.added} -{c.removed} ~{c.changed}" for kind, c in change.kinds.items()]
    if change.settings_changed:
        parts.append("router settings changed")
    return f"{change.router} ({change.status}): {', '.join(parts) or 'no objects'}"


@intent_app.command("diff")
def intent_diff(
    base: str = typer.Option(..., "--base", help="The revision before (e.g. main)."),
    head: str = typer.Option("HEAD", "--head", help="The revision after."),
    repo: Path = _REPO,
    path: str = _PATH,
    output: str = _FORMAT,
    max_file_size: int | None = _MAX,
) -> None:
    """Which routers' intent changes between two revisions, and how many objects."""
    before = _load(repo, base, path, max_file_size, output)
    after = _load(repo, head, path, max_file_size, output)
    changes = diff_routers(before.routers, after.routers)
    if output == "json":
        body = {
            "base": before.commit,
            "head": after.commit,
            "routers": [
                {
                    "router": c.router,
                    "status": c.status,
                    "settings_changed": c.settings_changed,
                    "changes": {k: vars(v) for k, v in c.kinds.items()},
                }
                for c in changes
            ],
        }
        typer.echo(json.dumps(body, indent=2))
        return
    typer.echo(f"{base} ({(before.commit or '')[:12]}) -> {head} ({(after.commit or '')[:12]})")
    if not changes:
        typer.echo("no router's intent changes")
    for change in changes:
        typer.echo(f"  {_change_text(change)}")
