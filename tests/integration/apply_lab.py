"""A lab for apply tests: emulated routers and a git repository holding the example intent."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import git
import pytest
import yaml
from typer.testing import CliRunner

from reconciler.cli import app
from reconciler.emulator.admin import AdminClient, AdminServer
from reconciler.emulator.fleet import Fleet, build_fleet
from reconciler.model.ownership import is_owned
from tests.helpers import PASSWORD, USER

EXAMPLE = Path(__file__).resolve().parents[2] / "intent"
COMMAND = [sys.executable, "-m", "reconciler"]


@dataclass
class Lab:
    fleet: Fleet
    admin: AdminClient
    root: Path
    repo: git.Repo
    state: Path

    def run(self, *args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
        """Run a command in this process, as `reconciler ARGS` would (the entry point itself is
        tested as a subprocess elsewhere); the result looks like a finished subprocess."""
        repo = [] if args[0] in ("history", "status") else ["--repo", str(self.root)]
        argv = [*args, *repo, "--state-dir", str(self.state)]
        result = CliRunner().invoke(app, argv, env={"JET_USER": USER, "JET_PASSWORD": PASSWORD},
                                    catch_exceptions=False)  # fmt: skip
        return subprocess.CompletedProcess(argv, result.exit_code, result.stdout, result.stderr)

    def commit(self, message: str) -> str:
        self.repo.git.add(A=True)
        self.repo.index.commit(message)
        return self.repo.head.commit.hexsha

    def owned_routes(self, router: str) -> set[tuple[str, str]]:
        routes = self.admin.routes(router, "inet.0") + self.admin.routes(router, "inet6.0")
        routes += self.admin.routes(router, "inet.0", "bgp")
        return {(r["table"], r["prefix"]) for r in routes if r["owner"] and is_owned(r["cookie"])}


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[Lab]:
    fleet = build_fleet(3, base_port=0, username=USER, password=PASSWORD, tls=None, routing_instances=("blue",))
    fleet.poll_interval = 0.05
    with fleet:
        root = tmp_path / "repo"
        shutil.copytree(EXAMPLE, root / "intent")
        devices_file = root / "intent/devices.yaml"
        inventory = yaml.safe_load(devices_file.read_text())
        for router in fleet.routers:
            inventory["devices"][router.name]["port"] = router.port
        devices_file.write_text(yaml.safe_dump(inventory))
        repo = git.Repo.init(root, initial_branch="main")
        with repo.config_writer() as config:
            config.set_value("user", "name", "Test")
            config.set_value("user", "email", "test@example.invalid")
        admin = AdminServer(fleet)
        admin.start()
        lab = Lab(fleet, AdminClient(admin.url), root, repo, tmp_path / "state")
        lab.commit("example intent")
        try:
            yield lab
        finally:
            admin.stop()
