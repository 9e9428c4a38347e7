"""The `reconciler` command: wiring only; each command lives with its feature."""

from __future__ import annotations

import logging

import typer

from reconciler.commands import apply as apply_command
from reconciler.commands import history as history_command
from reconciler.commands import plan as plan_command
from reconciler.commands import status as status_command
from reconciler.commands import watch as watch_command
from reconciler.emulator import cli as emulator_cli
from reconciler.intent import cli as intent_cli

app = typer.Typer(
    name="reconciler",
    help="GitOps reconciler for Junos routers over Juniper JET.",
    no_args_is_help=True,
    add_completion=False,
)
app.command("emulator")(emulator_cli.emulator)
app.add_typer(emulator_cli.operator_app, name="operator")
app.command("validate")(intent_cli.validate)
app.command("plan")(plan_command.plan)
app.command("apply")(apply_command.apply)
app.command("history")(history_command.history)
app.command("watch")(watch_command.watch)
app.command("status")(status_command.status)
app.add_typer(intent_cli.intent_app, name="intent")


@app.callback()
def _main(verbose: bool = typer.Option(False, "--verbose", "-v", help="Debug logging.")) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def main() -> None:
    app()
