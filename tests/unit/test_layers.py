"""The layering contracts of pyproject.toml hold, and `lint-imports` really catches a breach."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    # The copy in `tree` comes first on the path, so it is the `reconciler` that is analysed.
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=tree, env=env, capture_output=True, text=True,
                          timeout=120)  # fmt: skip


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "reconciler", tmp_path / "reconciler", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_contracts_hold(tree: Path) -> None:
    done = _lint(tree)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "planted", "contract"),
    [
        ("plan/diff.py", "import sqlite3", "model and plan are pure values"),
        ("engine/observe.py", "from reconciler.jet import client", "only drivers reach JET"),
        ("emulator/rib.py", "from reconciler.jet import session", "the emulator shares the wire format"),
        ("model/routes.py", "from reconciler.plan import model", "layers:"),
    ],
)
def test_a_planted_violation_is_caught(tree: Path, module: str, planted: str, contract: str) -> None:
    path = tree / "reconciler" / module
    text = path.read_text()
    head, _, rest = text.partition("from __future__ import annotations\n")
    path.write_text(f"{head}from __future__ import annotations\n{planted}  # noqa\n{rest}")
    done = _lint(tree)
    assert done.returncode == 1, done.stdout
    broken = [line for line in done.stdout.splitlines() if line.endswith("BROKEN")]
    assert any(line.startswith(contract) for line in broken), done.stdout
