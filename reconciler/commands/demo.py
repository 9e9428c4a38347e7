"""`reconciler demo`: three emulated routers, a throwaway repository, the whole story."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from pathlib import Path

import typer

from reconciler.demo.lab import DEMO_PASSWORD, DEMO_USER, example_intent, start_lab
from reconciler.demo.story import Story

NEXT_STEPS = """
What to try next:
  reconciler demo --keep-running          keep the routers and the watcher up, then explore
  reconciler validate --repo PATH         check your own intent (errors name file, line and field)
  README.md, "Running against real routers" and "GitHub setup"
"""


def demo(
    non_interactive: bool = typer.Option(False, "--non-interactive", help="Do not pause between stages."),
    keep_running: bool = typer.Option(False, "--keep-running", help="Leave routers and watcher up until Ctrl-C."),
    intent: Path | None = typer.Option(None, "--intent", help="Intent folder to start from (default: intent/)."),
    base_port: int = typer.Option(0, "--base-port", help="Router i listens on BASE+i-1 (default: free ports)."),
    mqtt_port: int = typer.Option(0, "--mqtt-port", help="Embedded MQTT broker port (default: a free port)."),
) -> None:
    """The demo: validate, plan, apply, watch drift repaired, apply a merged change. Exit 0 if every stage did."""
    logging.getLogger().setLevel(logging.WARNING)  # the story prints what matters; warnings still show
    try:
        source = intent or example_intent()
    except FileNotFoundError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from None
    try:
        lab = start_lab(source, base_port=base_port, mqtt_port=mqtt_port)
    except OSError as error:
        typer.echo(f"error: cannot start the emulated routers: {error}", err=True)
        raise typer.Exit(1) from None
    # The lab's login, for the commands and the watcher; the inventory names these variables.
    os.environ.update(JET_USER=DEMO_USER, JET_PASSWORD=DEMO_PASSWORD)
    interactive = not non_interactive and sys.stdin.isatty()
    story = Story(lab, say=typer.echo, pause=(lambda: typer.prompt("  [Enter] next", default="", show_default=False))
                  if interactive else (lambda: None))  # fmt: skip
    ok = False
    try:
        typer.echo(f"Three emulated routers ({', '.join(f'{r.name} {r.target}' for r in lab.fleet.routers)}),")
        typer.echo(f"an MQTT broker at {lab.fleet.mqtt_address} and an intent repository at {lab.repo}.")
        ok = story.tell()
        _summary(story)
        if keep_running and ok:
            _explore(story)
    except KeyboardInterrupt:
        typer.echo("\ninterrupted")
    finally:
        story.stop()
        lab.stop()
        typer.echo("demo stopped: routers, broker and watcher are down, the throwaway repository is removed")
    raise typer.Exit(0 if ok else 1)


def _summary(story: Story) -> None:
    passed = sum(1 for s in story.stages if s.ok)
    typer.echo(f"\n== Summary: {passed} of {len(story.stages)} stages succeeded")
    for stage in story.stages:
        typer.echo(f"  {'ok    ' if stage.ok else 'FAILED'} {stage.name}: {stage.detail}")
    typer.echo(NEXT_STEPS)


def _explore(story: Story) -> None:
    lab = story.lab
    typer.echo("The routers and the watcher keep running. In another terminal:")
    typer.echo(f"  export JET_USER={DEMO_USER} JET_PASSWORD={DEMO_PASSWORD}   # the emulator's lab login")
    typer.echo(f"  reconciler plan --repo {lab.repo} --state-dir {lab.state}")
    typer.echo(f"  reconciler status --state-dir {lab.state}")
    typer.echo(f"  reconciler operator --admin {lab.admin.url} delete-route router1 --table inet.0 "
               "--prefix 10.20.0.0/16")  # fmt: skip
    typer.echo(f"  reconciler operator --admin {lab.admin.url} routes router1")
    typer.echo("Press Ctrl-C to stop.")
    done = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: done.set())
    done.wait()
