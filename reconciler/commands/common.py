"""What every command shares: loading intent with its errors shown, the journal,
router name lists, and one way to fail."""

from __future__ import annotations

from pathlib import Path

import typer

from reconciler.intent.errors import IntentInvalid
from reconciler.intent.load import Intent, load_intent
from reconciler.intent.sources import FolderSource, GitSource
from reconciler.store.journal import Journal, default_state_dir

EXIT_OK, EXIT_ERROR, EXIT_CHANGES = 0, 1, 2


def fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(EXIT_ERROR)


def load_intent_or_exit(repo: Path, ref: str | None, path: str) -> Intent:
    source = GitSource(repo, ref, path) if ref else FolderSource(repo, path)
    try:
        return load_intent(source)
    except IntentInvalid as error:
        for item in error.errors:
            typer.echo(str(item), err=True)
        typer.echo(f"intent is invalid ({len(error.errors)} errors); no router was read", err=True)
        raise typer.Exit(EXIT_ERROR) from None


def router_names(options: list[str]) -> tuple[str, ...]:
    """--devices a,b --devices c -> ('a', 'b', 'c')."""
    return tuple(n.strip() for item in options for n in item.split(",") if n.strip())


def state_journal(state_dir: Path | None) -> Journal:
    return Journal(state_dir or default_state_dir())
