"""The journal: what this product programmed on each router.

JET cannot read filter definitions or bindings back, so the journal is their
record: the planner compares intent with it. SQLite in the state directory; one
connection per call so threads and processes can share the file.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import msgspec

from reconciler.model.filters import Binding, FirewallFilter

SCHEMA = """
CREATE TABLE IF NOT EXISTS filters (
    device TEXT NOT NULL, family TEXT NOT NULL, name TEXT NOT NULL,
    definition BLOB NOT NULL, commit_sha TEXT, updated_at REAL NOT NULL,
    PRIMARY KEY (device, family, name)
);
CREATE TABLE IF NOT EXISTS bindings (
    device TEXT NOT NULL, interface TEXT NOT NULL, direction TEXT NOT NULL, family TEXT NOT NULL,
    filter TEXT NOT NULL, commit_sha TEXT, updated_at REAL NOT NULL,
    PRIMARY KEY (device, interface, direction, family)
);
"""


def default_state_dir() -> Path:
    """$RECONCILER_STATE_DIR, else $XDG_STATE_HOME/jet-reconciler, else ~/.local/state/jet-reconciler."""
    explicit = os.environ.get("RECONCILER_STATE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "jet-reconciler"


class Journal:
    def __init__(self, state_dir: Path) -> None:
        self.state_dir = state_dir
        self.path = state_dir / "journal.sqlite3"

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        self.state_dir.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=30)
        try:
            connection.executescript(SCHEMA)
            with connection:  # one transaction
                yield connection
        finally:
            connection.close()

    def programmed_filters(self, device: str) -> dict[tuple[str, str], FirewallFilter]:
        """(family, name) -> the filter as last programmed on `device`."""
        if not self.path.exists():
            return {}
        with self._db() as db:
            rows = db.execute("SELECT definition FROM filters WHERE device = ?", (device,)).fetchall()
        filters = [msgspec.json.decode(row[0], type=FirewallFilter) for row in rows]
        return {(f.family.value, f.name): f for f in filters}

    def programmed_bindings(self, device: str) -> list[Binding]:
        if not self.path.exists():
            return []
        with self._db() as db:
            rows = db.execute(
                "SELECT filter, family, interface, direction FROM bindings WHERE device = ? ORDER BY 3, 4, 2",
                (device,),
            ).fetchall()
        return [
            msgspec.convert(dict(zip(("filter", "family", "interface", "direction"), r, strict=True)), Binding)
            for r in rows
        ]

    def record_filter(self, device: str, filter_: FirewallFilter, commit: str | None, at: float) -> None:
        with self._db() as db:
            db.execute(
                "INSERT OR REPLACE INTO filters VALUES (?, ?, ?, ?, ?, ?)",
                (device, filter_.family.value, filter_.name, msgspec.json.encode(filter_), commit, at),
            )

    def forget_filter(self, device: str, family: str, name: str) -> None:
        with self._db() as db:
            db.execute("DELETE FROM filters WHERE device = ? AND family = ? AND name = ?", (device, family, name))

    def record_binding(self, device: str, binding: Binding, commit: str | None, at: float) -> None:
        with self._db() as db:
            db.execute(
                "INSERT OR REPLACE INTO bindings VALUES (?, ?, ?, ?, ?, ?, ?)",
                (device, binding.interface, binding.direction.value, binding.family.value, binding.filter, commit, at),
            )

    def forget_binding(self, device: str, binding: Binding) -> None:
        with self._db() as db:
            db.execute(
                "DELETE FROM bindings WHERE device = ? AND interface = ? AND direction = ? AND family = ?",
                (device, binding.interface, binding.direction.value, binding.family.value),
            )
