"""The demo's lab: three emulated routers, an embedded broker, a throwaway intent repository."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import git
import yaml

from reconciler.emulator.admin import AdminServer
from reconciler.emulator.fleet import Fleet, MqttSettings, build_fleet

# The emulator's lab login (also in README and intent/devices.yaml's comment); not a secret.
DEMO_USER, DEMO_PASSWORD = "lab", "lab123"
AUTHOR = git.Actor("jet-reconciler demo", "demo@example.invalid")


def example_intent() -> Path:
    """The `intent/` folder shipped with the project (a source checkout or editable install)."""
    for candidate in (Path(__file__).resolve().parents[2] / "intent", Path.cwd() / "intent"):
        if (candidate / "devices.yaml").is_file():
            return candidate
    raise FileNotFoundError("cannot find the example intent folder (intent/devices.yaml); pass --intent PATH")


@dataclass
class Lab:
    fleet: Fleet
    admin: AdminServer
    root: Path  # the throwaway folder: repo/ (intent repository) and state/ (journal)

    @property
    def repo(self) -> Path:
        return self.root / "repo"

    @property
    def state(self) -> Path:
        return self.root / "state"

    def stop(self) -> None:
        self.admin.stop()
        self.fleet.stop()
        shutil.rmtree(self.root, ignore_errors=True)


def start_lab(intent: Path, *, base_port: int, mqtt_port: int) -> Lab:
    """Routers first (their ports may be picked by the OS), then the repository pointing at them."""
    fleet = build_fleet(3, base_port=base_port, username=DEMO_USER, password=DEMO_PASSWORD, tls=None,
                        routing_instances=("blue",), mqtt=MqttSettings(embedded_port=mqtt_port))  # fmt: skip
    fleet.start()
    try:
        admin = AdminServer(fleet, host="127.0.0.1", port=0)
        admin.start()
    except OSError:
        fleet.stop()
        raise
    lab = Lab(fleet, admin, Path(tempfile.mkdtemp(prefix="jet-reconciler-demo-")))
    try:
        make_repo(lab, intent)
    except Exception:
        lab.stop()
        raise
    return lab


def make_repo(lab: Lab, intent: Path) -> None:
    """Copy the example intent, point its inventory at this lab's ports, commit it on `main`."""
    shutil.copytree(intent, lab.repo / "intent")
    inventory_file = lab.repo / "intent" / "devices.yaml"
    inventory = yaml.safe_load(inventory_file.read_text())
    mqtt_port = lab.fleet.publisher.port if lab.fleet.publisher else 1883
    for router in lab.fleet.routers:
        entry = inventory["devices"][router.name]
        entry.update(address=router.host, port=router.port, mqtt={"host": "127.0.0.1", "port": mqtt_port})
    inventory_file.write_text("# Written by `reconciler demo` for its emulated routers.\n" + yaml.safe_dump(
        inventory, sort_keys=False))  # fmt: skip
    repo = git.Repo.init(lab.repo, initial_branch="main")
    repo.index.add(["intent"])
    repo.index.commit("Intent: three routers, static and BGP routes, two filters", author=AUTHOR, committer=AUTHOR)
    repo.close()


def propose_change(lab: Lab, branch: str, relative: str, text: str, message: str) -> str:
    """A pull request: a branch off main with one commit appending to an intent file."""
    repo = git.Repo(lab.repo)
    try:
        repo.git.checkout("-b", branch, "main")
        with (lab.repo / relative).open("a") as handle:
            handle.write(text)
        repo.index.add([relative])
        return repo.index.commit(message, author=AUTHOR, committer=AUTHOR).hexsha
    finally:
        repo.close()


def merge(lab: Lab, branch: str) -> None:
    """Merge the pull request (fast-forward), leaving main checked out."""
    repo = git.Repo(lab.repo)
    try:
        repo.git.checkout("main")
        repo.git.merge("--ff-only", branch)
    finally:
        repo.close()
