"""Usage errors exit 1 on every command: exit 2 means "changes present" to CI scripts (plan).

Everything runs through `reconciler.cli.main()`, the function both `reconciler` and
`python -m reconciler` call; nothing here opens a socket or starts a process."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.core import TyperGroup

from reconciler.cli import app, main
from reconciler.commands import history as history_command

ANSI = re.compile(r"\x1b\[[0-9;]*m")  # rich colours errors when FORCE_COLOR or GITHUB_ACTIONS is set


def _paths(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every registered command and group, the root included."""
    yield path
    if isinstance(command, TyperGroup):
        for name, sub in command.commands.items():
            yield from _paths(sub, (*path, name))


PATHS = list(_paths(typer.main.get_command(app)))


def _run(args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Exit code, stdout and (plain, unwrapped) stderr of `reconciler ARGS`."""
    monkeypatch.setattr(sys, "argv", ["reconciler", *args])
    monkeypatch.setenv("COLUMNS", "250")  # no line wrapping inside rich's error panel
    with pytest.raises(SystemExit) as exited:
        main()
    code = exited.value.code
    assert code is None or isinstance(code, int), code
    captured = capsys.readouterr()
    return code or 0, captured.out, ANSI.sub("", captured.err)


def test_the_walk_finds_the_commands() -> None:
    assert {("plan",), ("watch",), ("emulator",), ("operator", "routes"), ("intent",), ()} <= set(PATHS)
    assert len(PATHS) > 25


@pytest.mark.parametrize("path", PATHS, ids=lambda path: " ".join(path) or "(root)")
def test_an_unknown_option_exits_1(
    path: tuple[str, ...], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run([*path, "--no-such-option"], monkeypatch, capsys)
    assert code == 1, err
    assert "No such option: --no-such-option" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["plan", "--format", "xml"], "Invalid value for --format: text, json or markdown"),
        (["operator", "no-such-command"], "No such command 'no-such-command'"),
        (["operator", "routes"], "Missing argument 'router'"),
        (["--log-format", "xml", "history"], "Invalid value for --log-format"),
        # typer.BadParameter raised inside a command, before it opens anything
        (["emulator", "--username", "u", "--password", "p"], "give --tls-cert and --tls-key, or --insecure"),
        (["no-such-command"], "No such command 'no-such-command'"),
    ],
)
def test_usage_errors_exit_1(
    args: list[str], message: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(args, monkeypatch, capsys)
    assert code == 1, err
    assert message in err
    assert "Traceback" not in err


@pytest.mark.parametrize("args", [[], ["operator"], ["intent"]])
def test_a_group_without_a_command_shows_help_and_exits_1(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(args, monkeypatch, capsys)
    assert code == 1
    assert "Usage:" in out  # no_args_is_help: the help, on stdout


@pytest.mark.parametrize("path", [(), ("plan",), ("operator",), ("operator", "routes")])
def test_help_still_exits_0(
    path: tuple[str, ...], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run([*path, "--help"], monkeypatch, capsys)
    assert code == 0
    assert "Usage:" in out


class _Raises:
    def __init__(self, error: BaseException) -> None:
        self.error = error

    def __call__(self, state_dir: Path) -> None:
        raise self.error


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (typer.Exit(0), 0),
        (typer.Exit(1), 1),
        (typer.Exit(2), 2),  # plan's "changes present" must stay 2
        (KeyboardInterrupt(), 130),
        (typer.Abort(), 1),
    ],
    ids=["exit0", "exit1", "exit2", "ctrl-c", "abort"],
)
def test_other_exit_codes_are_unchanged(
    error: BaseException,
    expected: int,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(history_command, "state_journal", _Raises(error))
    code, _, _ = _run(["history", "--state-dir", str(tmp_path)], monkeypatch, capsys)
    assert code == expected


def test_a_command_that_finishes_exits_0(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = _run(["history", "--state-dir", str(tmp_path)], monkeypatch, capsys)
    assert code == 0
    assert "no runs recorded" in out


@pytest.mark.parametrize("command", ["plan", "apply"])
def test_an_intent_with_many_errors_prints_a_thousand_then_a_count(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    routes = tmp_path / "intent/routes"
    routes.mkdir(parents=True)
    (tmp_path / "intent/devices.yaml").write_text(
        "devices: {r1: {address: 127.0.0.1, insecure: true, credentials: {username: u, password_env: P}}}\n"
    )
    lines = ["apply_to: {all: true}", "static_routes:"]
    lines += [f"  - {{prefix: 10.0.{i}.1/33, next_hops: [192.0.2.1]}}" for i in range(1500)]
    (routes / "bad.yaml").write_text("\n".join(lines) + "\n")
    code, _, err = _run([command, "--repo", str(tmp_path), "--state-dir", str(tmp_path / "state")], monkeypatch, capsys)
    printed = err.splitlines()
    assert code == 1
    assert len([line for line in printed if line.startswith("intent/routes/bad.yaml:")]) == 1000
    assert printed[-2:] == ["... and 500 more errors", "intent is invalid (1500 errors); no router was read"]
