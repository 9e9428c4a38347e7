"""`reconciler adopt`: turn a router's drift into an intent change on a new branch."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from reconciler import drivers
from reconciler.adopt.run import ALL_KINDS, AdoptError, Request
from reconciler.adopt.run import adopt as adopt_drift
from reconciler.commands.common import EXIT_OK, fail, router_names, state_journal


def adopt(
    router: str = typer.Argument(..., help="The router whose drift to adopt."),
    kinds: list[str] = typer.Option(
        [], "--kinds", help="Object kinds to adopt (repeat or comma-separate; default: static_routes,bgp_routes)."
    ),
    include_foreign: list[str] = typer.Option(
        [], "--include-foreign", help="Prefixes of routes not ours to adopt too (repeat or comma-separate)."
    ),
    branch: str | None = typer.Option(None, "--branch", help="The new branch (default: adopt/ROUTER-<UTC time>)."),
    base: str = typer.Option("main", "--base", help="The revision the branch starts from (and a PR targets)."),
    shared: bool = typer.Option(
        False, "--shared", help="Also edit entries of files that apply to other routers (their intent changes too)."
    ),
    push: bool = typer.Option(False, "--push", help="Push the branch to the remote."),
    open_pr: bool = typer.Option(
        False, "--open-pr", help="Push the branch and open a GitHub pull request (token from $GITHUB_TOKEN)."
    ),
    remote: str = typer.Option("origin", "--remote", help="The remote to push to."),
    github_repo: str | None = typer.Option(
        None, "--github-repo", help="OWNER/NAME of the GitHub repository (default: from the remote's URL)."
    ),
    repo: Path = typer.Option(Path("."), "--repo", help="The intent repository."),
    path: str = typer.Option("intent", "--path", help="The intent folder inside the repository."),
    state_dir: Path | None = typer.Option(
        None,
        "--state-dir",
        readable=False,
        help="Where the journal lives (default: $RECONCILER_STATE_DIR or ~/.local/state).",
    ),
) -> None:
    """Adopt drift: commit the router's hand-made changes to our routes (and chosen foreign routes) as an
    intent change on a new branch, keeping the files' layout and comments. Exit 0 when a branch was made or
    nothing was to adopt, 1 on any error."""
    if github_repo is not None and github_repo.count("/") != 1:
        raise typer.BadParameter("OWNER/NAME", param_hint="--github-repo")
    request = Request(
        repo,
        router,
        base=base,
        path=path,
        kinds=router_names(kinds) or ALL_KINDS,
        branch=branch,
        foreign=router_names(include_foreign),
        shared=shared,
        push=push,
        open_pr=open_pr,
        remote=remote,
        github_repo=github_repo,
    )
    journal = state_journal(state_dir)
    try:
        result = adopt_drift(request, journal, drivers.connect, os.environ)
    except AdoptError as error:
        raise fail(str(error)) from None
    for line in result.adoption.lines():
        typer.echo(f"  {line}")
    if result.branch is None:
        typer.echo(f"{router}: no drift to adopt; no branch made")
        raise typer.Exit(EXIT_OK)
    typer.echo(
        f"{router}: {len(result.adoption.edits)} changes adopted on branch {result.branch} "
        f"({(result.commit or '')[:12]})"
    )
    if result.remaining:
        typer.echo(
            f"warning: the adopted intent still plans {len(result.remaining)} changes on {router} "
            f"(first: {result.remaining[0]}): review the branch",
            err=True,
        )
    if result.pull_request:
        typer.echo(f"pull request: {result.pull_request}")
    raise typer.Exit(EXIT_OK)
