"""The `reconciler` command: wiring only; each command lives with its feature."""

from __future__ import annotations

import json
import logging

import typer

from reconciler.commands import apply as apply_command
from reconciler.commands import demo as demo_command
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
app.command("demo")(demo_command.demo)
app.command("emulator")(emulator_cli.emulator)
app.add_typer(emulator_cli.operator_app, name="operator")
app.command("validate")(intent_cli.validate)
app.command("plan")(plan_command.plan)
app.command("apply")(apply_command.apply)
app.command("history")(history_command.history)
app.command("watch")(watch_command.watch)
app.command("status")(status_command.status)
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
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, handlers=[handler])


def main() -> None:
    app()
