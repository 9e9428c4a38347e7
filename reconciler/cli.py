"""The `reconciler` command: wiring only; each command lives with its feature."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer
from typer._click import Context  # typer vendors click (no separate click package)
from typer._click.exceptions import UsageError
from typer.core import TyperGroup

from reconciler.commands import adopt as adopt_command
from reconciler.commands import apply as apply_command
from reconciler.commands import demo as demo_command
from reconciler.commands import history as history_command
from reconciler.commands import plan as plan_command
from reconciler.commands import status as status_command
from reconciler.commands import watch as watch_command
from reconciler.emulator import cli as emulator_cli
from reconciler.intent import cli as intent_cli


@contextmanager
def _usage_error_exits_1() -> Iterator[None]:
    try:
        yield
    except UsageError as error:
        error.exit_code = 1  # typer's own main loop still prints it and exits with this code
        raise


class _RootGroup(TyperGroup):
    """Usage errors of any command exit 1, not click's 2: `plan` exits 2 for "changes present", and CI
    scripts must not read a mistyped option as that. Every usage error of a subcommand (parsing, a
    missing argument, typer.BadParameter raised in a callback, an unknown subcommand) passes through
    the root group's parse_args or invoke; every other exit (typer.Exit, Ctrl-C, --help) is untouched."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        with _usage_error_exits_1():
            return super().parse_args(ctx, args)

    def invoke(self, ctx: Context) -> Any:
        with _usage_error_exits_1():
            return super().invoke(ctx)


app = typer.Typer(
    name="reconciler",
    help="GitOps reconciler for Junos routers over Juniper JET.",
    no_args_is_help=True,
    add_completion=False,
    cls=_RootGroup,
)
app.command("demo")(demo_command.demo)
app.command("emulator")(emulator_cli.emulator)
app.add_typer(emulator_cli.operator_app, name="operator")
app.command("validate")(intent_cli.validate)
app.command("plan")(plan_command.plan)
app.command("apply")(apply_command.apply)
app.command("history")(history_command.history)
app.command("watch")(watch_command.watch)
app.command("status")(status_command.status)
app.command("adopt")(adopt_command.adopt)
app.add_typer(intent_cli.intent_app, name="intent")


class JsonLogFormatter(logging.Formatter):
    """One JSON object per log line, for log collectors."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry)


@app.callback()
def _main(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Debug logging."),
    log_format: str = typer.Option("text", "--log-format", help="text, or json (one object per line)."),
) -> None:
    handler = logging.StreamHandler()
    if log_format == "json":
        handler.setFormatter(JsonLogFormatter())
    elif log_format == "text":
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    else:
        raise typer.BadParameter("text or json", param_hint="--log-format")
    # force: one process may run several commands (tests), each with its own streams
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, handlers=[handler], force=True)


def main() -> None:
    app()
