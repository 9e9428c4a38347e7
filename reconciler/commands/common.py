"""What every command shares: loading intent with its errors shown, the journal (whose
errors end a command with one line), router name lists, and one way to fail."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from typer._click.globals import get_current_context  # typer vendors click

from reconciler.intent.errors import IntentInvalid
from reconciler.intent.load import Intent, load_intent
from reconciler.intent.sources import FolderSource, GitSource
from reconciler.store.errors import JournalError
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
        for line in error.lines():  # at most 1,000 errors, then how many more
            typer.echo(line, err=True)
        typer.echo(f"intent is invalid ({error.total} errors); no router was read", err=True)
        raise typer.Exit(EXIT_ERROR) from None


def router_names(options: list[str]) -> tuple[str, ...]:
    """--devices a,b --devices c -> ('a', 'b', 'c')."""
    return tuple(n.strip() for item in options for n in item.split(",") if n.strip())


@contextmanager
def journal_errors_exit() -> Iterator[None]:
    """A journal that cannot be used ends the command with one line and EXIT_ERROR."""
    try:
        yield
    except JournalError as error:
        raise fail(str(error)) from None


def state_journal(state_dir: Path | None) -> Journal:
    """The journal, checked readable now (a damaged file, a newer schema, a state path that is
    a file end the command before any router is contacted). A JournalError raised later by the
    command (a full disk, a lock held by another process, no write access) also ends it with
    one line: the guard is registered on the command's click context, whose exit sees the
    exception."""
    journal = Journal(state_dir or default_state_dir())
    context = get_current_context(silent=True)
    if context is not None:
        context.with_resource(journal_errors_exit())
    with journal_errors_exit():
        journal.check()
    return journal
