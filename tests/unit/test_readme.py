"""Every `reconciler ...` line in the README names a real command and real options,
the two first commands are the ones CI and the demo test run, and its YAML examples validate."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from typer.core import TyperGroup

from reconciler.cli import app
from reconciler.intent.errors import IntentInvalid
from reconciler.intent.load import load_intent
from reconciler.intent.sources import FolderSource

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
BLOCKS = re.findall(r"```(\w*)\n(.*?)```", README, re.DOTALL)
CLI = typer.main.get_command(app)


def _command_lines() -> list[str]:
    lines: list[str] = []
    for language, body in BLOCKS:
        if language != "sh":
            continue
        joined = re.sub(r"\\\n\s*", " ", body)  # continuation lines
        for line in joined.splitlines():
            line = line.split(" # ", 1)[0].strip()
            if line.startswith("reconciler "):
                lines.append(line)
            elif "&& reconciler " in line:
                lines.append("reconciler " + line.split("&& reconciler ", 1)[1])
    # the CLI reference table
    lines += [f"reconciler {m}" for m in re.findall(r"^\| `reconciler ([^`]+)`", README, re.MULTILINE)]
    return lines


def _resolve(line: str) -> tuple[Any, list[str], list[Any]]:
    """The command a README line runs, its --options, and the groups on the way (for global options)."""
    tokens = re.sub(r"[\[\]()|]", " ", line).split()[1:]
    command: Any = CLI
    chain: list[Any] = [CLI]
    for token in tokens:
        if isinstance(command, TyperGroup) and token in command.commands:
            command = command.commands[token]
            chain.append(command)
    flags = [t.split("=", 1)[0] for t in tokens if t.startswith("--")]
    return command, flags, chain


LINES = _command_lines()


def test_the_readme_has_command_lines() -> None:
    assert len(LINES) > 30


@pytest.mark.parametrize("line", LINES)
def test_readme_command_line_is_real(line: str) -> None:
    command, flags, chain = _resolve(line)
    assert not isinstance(command, TyperGroup), f"{line!r} names no command"
    known = {opt for c in chain for p in c.params for opt in p.opts}
    unknown = [f for f in flags if f not in known]
    assert not unknown, f"{line!r}: unknown options {unknown}"


def test_the_first_two_commands_are_the_demo_and_the_ci_tests() -> None:
    shells = [body.strip() for language, body in BLOCKS if language == "sh"]
    assert shells[0].endswith("pip install -e . && reconciler demo")
    assert shells[1].endswith("pip install -e '.[dev]' && python -m pytest")
    assert "python -m pytest\n" in (ROOT / ".ci/run").read_text()


def test_readme_yaml_examples_validate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    examples = [yaml.safe_load(body) for language, body in BLOCKS if language == "yaml"]
    inventories = [e for e in examples if isinstance(e, dict) and "devices" in e]
    assert inventories, "the README shows a devices.yaml"
    # Its absolute file references are under the directories the README tells operators to allow.
    monkeypatch.setenv("RECONCILER_CREDENTIAL_DIRS", os.pathsep.join(["/etc/jet-reconciler", "/run/secrets"]))
    assert "RECONCILER_CREDENTIAL_DIRS=/etc/jet-reconciler:/run/secrets" in README
    for index, inventory in enumerate(inventories):
        folder = tmp_path / str(index) / "intent"
        folder.mkdir(parents=True)
        (folder / "devices.yaml").write_text(yaml.safe_dump(inventory))
        try:
            intent = load_intent(FolderSource(folder.parent), cache=None)
        except IntentInvalid as error:
            pytest.fail(f"README devices.yaml example {index}: {error}")
        assert intent.routers


def test_a_made_up_command_or_option_is_caught() -> None:
    command, flags, chain = _resolve("reconciler plan --ref main --no-such-flag")
    assert [f for f in flags if f not in {o for c in chain for p in c.params for o in p.opts}] == ["--no-such-flag"]
    command, _, _ = _resolve("reconciler operator no-such-act router1")
    assert isinstance(command, TyperGroup)
