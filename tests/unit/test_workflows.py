"""Every workflow file passes actionlint, and credentials come from repository secrets only."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted([*(ROOT / ".github/workflows").glob("*.yml"), *(ROOT / "examples/github").glob("*.yml")])
CONFIG = ROOT / ".github/actionlint.yaml"


def _actionlint() -> str:
    local = Path(sys.executable).parent / "actionlint"
    found = str(local) if local.exists() else shutil.which("actionlint")
    assert found, "actionlint is a dev dependency: pip install -e '.[dev]'"
    return found


def _lint(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([_actionlint(), "-no-color", "-config-file", str(CONFIG), str(path)],
                          capture_output=True, text=True, timeout=60)  # fmt: skip


def test_there_are_the_workflows_the_readme_promises() -> None:
    names = {p.name for p in WORKFLOWS}
    assert {"ci.yml", "jet-plan.yml", "jet-apply.yml", "jet-drift.yml"} <= names


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actionlint_passes(path: Path) -> None:
    done = _lint(path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text((ROOT / "examples/github/jet-apply.yml").read_text().replace("${{ github.sha }}",
                                                                                     "${{ github.shaa }}"))  # fmt: skip
    done = _lint(broken)
    assert done.returncode != 0 and "shaa" in done.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_credentials_come_from_secrets_only(path: Path) -> None:
    text = path.read_text()
    for match in re.finditer(r"^\s*(JET_\w+|\w*PASSWORD\w*|\w*TOKEN\w*):\s*(.+)$", text, re.MULTILINE):
        assert match.group(2).strip().startswith("${{ secrets."), match.group(0)


def test_ci_runs_the_same_command_as_dot_ci_run() -> None:
    ci = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text())
    steps = ci["jobs"]["test"]["steps"]
    assert any(step.get("run") == "bash .ci/run" for step in steps)
