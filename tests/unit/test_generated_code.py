"""Regenerating the protobuf code from protos/ changes nothing that is committed.

Covers both generations of the JET API: v2 (`jnx_*.proto`) and the classic v1
(`jnx_v1_*.proto`), which must also load side by side in one interpreter.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "reconciler" / "wire" / "generated"
V1_PROTOS = ("jnx_v1_base_types", "jnx_v1_authentication", "jnx_v1_routing", "jnx_v1_management")


def _generator() -> object:
    spec = importlib.util.spec_from_file_location("generate_protos", ROOT / "protos" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_protos"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def fresh_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    _generator().generate(out)  # type: ignore[attr-defined]
    return out


def test_regenerating_changes_nothing(fresh_dir: Path) -> None:
    fresh = {p.name: p.read_bytes() for p in fresh_dir.iterdir() if p.is_file()}
    committed = {p.name: p.read_bytes() for p in COMMITTED.iterdir() if p.is_file()}
    assert sorted(fresh) == sorted(committed), "generated file set differs: run python protos/generate.py"
    stale = [name for name in fresh if fresh[name] != committed[name]]
    assert not stale, f"stale generated code {stale}: run python protos/generate.py and commit"


def test_every_proto_including_v1_is_generated(fresh_dir: Path) -> None:
    """A generator that skipped v1 would match a tree that lacks it, so name the files."""
    stems = sorted(p.stem for p in (ROOT / "protos").glob("*.proto"))
    assert set(V1_PROTOS) <= set(stems)
    for stem in stems:
        for suffix in ("_pb2.py", "_pb2.pyi", "_pb2_grpc.py"):
            assert (fresh_dir / f"{stem}{suffix}").is_file(), f"{stem}{suffix} not generated"
            assert (COMMITTED / f"{stem}{suffix}").is_file(), f"{stem}{suffix} not committed"


def test_generated_imports_are_package_relative(fresh_dir: Path) -> None:
    """protoc writes `import jnx_..._pb2`, which only works with generated/ on sys.path."""
    for path in sorted(fresh_dir.glob("jnx_*")):
        top_level = re.findall(r"^import jnx_\w+", path.read_text(), re.MULTILINE)
        assert not top_level, f"{path.name}: {top_level}"
    assert "from . import jnx_v1_base_types_pb2" in (fresh_dir / "jnx_v1_routing_pb2.py").read_text()


@pytest.mark.parametrize(
    "modules",
    ["reconciler.wire.pb, reconciler.wire.pb_v1", "reconciler.wire.pb_v1, reconciler.wire.pb"],
)
def test_v1_and_v2_load_into_one_process(modules: str) -> None:
    """Both register into the default descriptor pool; a clash fails at import time."""
    result = subprocess.run(
        [sys.executable, "-c", f"import {modules}"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]
