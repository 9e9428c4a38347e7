"""Engine tests: the real reconcile against the in-memory device (no sockets), with
intent written as files in a temp folder and the journal in SQLite there."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from reconciler.engine.reconcile import ReconcileOptions, ReconcileResult, reconcile
from reconciler.intent.load import Intent, load_intent
from reconciler.intent.sources import FolderSource
from reconciler.plan.model import Plan
from reconciler.port.memory import MemoryFleet, MemoryRouter
from reconciler.store.journal import Journal

FAST = ReconcileOptions(backoff=0.001)


def static_routes(count: int, first: int = 0) -> list[dict[str, Any]]:
    return [{"prefix": f"10.{100 + i // 256}.{i % 256}.0/24", "next_hops": ["192.0.2.1", "192.0.2.2"]}
            for i in range(first, first + count)]  # fmt: skip


@dataclass
class Lab:
    root: Path
    fleet: MemoryFleet
    journal: Journal
    devices: dict[str, Any] = field(default_factory=dict)
    files: dict[str, Any] = field(default_factory=dict)

    def router(self, name: str = "r1") -> MemoryRouter:
        return self.fleet[name]

    def write(self, name: str, document: dict[str, Any]) -> None:
        self.files[name] = document
        path = self.root / "intent" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(document, sort_keys=False))

    def intent(self) -> Intent:
        inventory = {"defaults": {"credentials": {"username": "lab", "password_env": "UNUSED"}}, "devices": {
            name: {"address": "127.0.0.1", "port": 32767, "insecure": True, **extra}
            for name, extra in self.devices.items()}}  # fmt: skip
        self.write("devices.yaml", inventory)
        return load_intent(FolderSource(self.root), cache=None)

    def reconcile(
        self,
        name: str = "r1",
        *,
        options: ReconcileOptions = FAST,
        saved: Plan | None = None,
        drift: bool = False,
        trigger: str = "test",
    ) -> ReconcileResult:
        intent = self.intent()
        return reconcile(intent.routers[name], commit=intent.commit, root=self.root, journal=self.journal,
                         connect=self.fleet.connect, run_id="test", trigger=trigger, options=options, saved=saved,
                         drift=drift)  # fmt: skip


@pytest.fixture
def lab(tmp_path: Path) -> Lab:
    fleet = MemoryFleet()
    for name in ("r1", "r2"):
        fleet.add(name, routing_instances=("blue",))
    # The intent repository and the state directory apart: git must never see the journal.
    lab = Lab(tmp_path / "repo", fleet, Journal(tmp_path / "state"), devices={"r1": {}, "r2": {}})
    return lab
