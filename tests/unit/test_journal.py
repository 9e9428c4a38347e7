"""The journal: writer-lock generations that never restart (so a stale writer can neither
renew nor release a newer holder's lock), journals of the previous release opened
and read back in full, their old reconcile results in today's vocabulary, and runs that
name their process, so that `history` tells a killed run (interrupted) from a running one."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
import types
from pathlib import Path

import msgspec
import pytest

from reconciler.commands.history import history
from reconciler.commands.status import status
from reconciler.model.outcome import Outcome
from reconciler.model.ownership import STATIC_KIND, OwnedKeys
from reconciler.store import journal as journal_module
from reconciler.store import process as process_module
from reconciler.store.journal import (
    SCHEMA_VERSION,
    DriftRecord,
    Journal,
    LockHeld,
    OperationRecord,
    ReconcileRecord,
    RunRecord,
    this_process,
)
from reconciler.store.process import Holder, start_time, this_holder
from tests.unit.test_plan_diff import BIND, T1, T2, fw

LEASE = 60.0
A, B, C, D = "host-a:101", "host-b:102", "host-c:103", "host-d:104"  # other hosts: always taken as alive


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The journal's clock, moved by the test (leases expire without sleeping)."""
    now = [1_000_000.0]
    monkeypatch.setattr(journal_module, "time", types.SimpleNamespace(time=lambda: now[0]))
    return now


def _lock_row(journal: Journal, router: str) -> tuple[str, int, float] | None:
    with sqlite3.connect(journal.path) as db:
        row = db.execute("SELECT holder, generation, expires_at FROM locks WHERE router = ?", (router,)).fetchone()
    return None if row is None else (row[0], row[1], row[2])


def _status(state_dir: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    status(router=None, state_dir=state_dir)
    return capsys.readouterr().out


# ------------------------------------------------------------------ locks


def test_a_stale_writer_cannot_renew_or_release_a_later_holders_lock(tmp_path: Path, clock: list[float]) -> None:
    journal = Journal(tmp_path)
    assert journal.acquire("r1", LEASE, holder=A) == 1
    clock[0] += LEASE + 1  # A stalls; its lease expires
    assert journal.acquire("r1", LEASE, holder=B) == 2
    journal.release("r1", 2, holder=B)
    assert journal.acquire("r1", LEASE, holder=C) == 3  # not 1 again: generations never restart
    assert journal.renew("r1", 1, LEASE, holder=A) is False  # A must stop writing: not two writers
    journal.release("r1", 1, holder=A)  # A's late release leaves C's lock alone
    assert _lock_row(journal, "r1") == (C, 3, clock[0] + LEASE)
    with pytest.raises(LockHeld, match=f"another apply \\({C}\\) holds the lock"):
        journal.acquire("r1", LEASE, holder=D)
    assert journal.renew("r1", 3, LEASE, holder=C) is True


def test_acquire_renew_release(tmp_path: Path, clock: list[float]) -> None:
    journal = Journal(tmp_path)
    assert journal.acquire("r1", LEASE, holder=A) == 1
    assert journal.acquire("r2", LEASE, holder=B) == 1  # per router
    with pytest.raises(LockHeld):
        journal.acquire("r1", LEASE, holder=B)
    clock[0] += LEASE / 2
    assert journal.renew("r1", 1, LEASE, holder=A) is True
    clock[0] += LEASE * 0.9  # past the first lease, within the renewed one
    with pytest.raises(LockHeld):
        journal.acquire("r1", LEASE, holder=B)
    assert journal.renew("r1", 1, LEASE, holder=B) is False  # right generation, wrong holder
    assert journal.renew("r1", 2, LEASE, holder=A) is False  # right holder, wrong generation
    journal.release("r1", 1, holder=B)  # not B's to release
    with pytest.raises(LockHeld):
        journal.acquire("r1", LEASE, holder=C)
    journal.release("r1", 1, holder=A)
    assert _lock_row(journal, "r1") == (A, 1, 0.0)  # the row stays, with its generation
    assert journal.renew("r1", 1, LEASE, holder=A) is False  # released: not renewed back to life
    assert journal.acquire("r1", LEASE, holder=B) == 2  # free at once, no lease to wait out
    assert journal.acquire("r1", LEASE, holder=B) == 3  # the holder itself may take it again
    assert journal.renew("r1", 2, LEASE, holder=B) is False


def test_the_default_holder_is_this_process(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    generation = journal.acquire("r1", LEASE)
    row = _lock_row(journal, "r1")
    assert row is not None and row[:2] == (this_process(), generation)
    assert journal.renew("r1", generation, LEASE) is True
    journal.release("r1", generation)
    assert journal.acquire("r1", LEASE, holder=A) == generation + 1


def test_a_dead_local_holders_lock_is_taken_over(tmp_path: Path, clock: list[float]) -> None:
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = f"{socket.gethostname()}:{ended.stdout.strip()}"
    journal = Journal(tmp_path)
    assert journal.acquire("r1", 600, holder=dead) == 1
    assert journal.acquire("r1", LEASE, holder=A) == 2  # the lease has 600 s left, but its process is gone
    assert journal.renew("r1", 1, LEASE, holder=dead) is False
    alive = f"{socket.gethostname()}:{os.getpid()}"
    clock[0] += LEASE + 1
    assert journal.acquire("r1", 600, holder=alive) == 3
    with pytest.raises(LockHeld):  # a live local holder keeps it
        journal.acquire("r1", LEASE, holder=A)


def test_readers_do_not_see_locks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    journal = Journal(tmp_path)
    generation = journal.acquire("r1", LEASE, holder=A)
    assert _status(tmp_path, capsys) == "no reconcile recorded yet (run reconciler apply or reconciler watch)\n"
    journal.record_reconcile(ReconcileRecord("r1", "resync", 1.0, 2.0, Outcome.IN_SYNC.value, "abc"))
    journal.release("r1", generation, holder=A)
    assert journal.acquire("r1", LEASE, holder=B) == generation + 1
    journal.release("r1", generation + 1, holder=B)
    assert _status(tmp_path, capsys).startswith("r1: in sync; last reconcile")
    assert [r.router for r in journal.reconciles()] == ["r1"] and journal.runs() == [] and journal.drifts() == []


# ------------------------------------------------------- older journals

# The SCHEMA of the previous release (git show 191afbe:reconciler/store/journal.py), verbatim:
# routers were "device" and their table "devices"; reconciles had no detail or reported.
PREVIOUS_RELEASE_SCHEMA = """
CREATE TABLE IF NOT EXISTS filters (
    device TEXT NOT NULL, family TEXT NOT NULL, name TEXT NOT NULL, state TEXT NOT NULL,
    definition BLOB NOT NULL, commit_sha TEXT, updated_at REAL NOT NULL,
    PRIMARY KEY (device, family, name)
);
CREATE TABLE IF NOT EXISTS bindings (
    device TEXT NOT NULL, interface TEXT NOT NULL, direction TEXT NOT NULL, family TEXT NOT NULL,
    filter TEXT NOT NULL, state TEXT NOT NULL, commit_sha TEXT, updated_at REAL NOT NULL,
    PRIMARY KEY (device, interface, direction, family)
);
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY, started_at REAL NOT NULL, finished_at REAL, commit_sha TEXT,
    trigger TEXT NOT NULL, actor TEXT NOT NULL, result TEXT, summary TEXT
);
CREATE TABLE IF NOT EXISTS operations (
    run_id TEXT NOT NULL, device TEXT NOT NULL, at REAL NOT NULL, operation TEXT NOT NULL,
    subject TEXT NOT NULL, entries INTEGER NOT NULL, result TEXT NOT NULL, detail TEXT
);
CREATE TABLE IF NOT EXISTS devices (
    device TEXT PRIMARY KEY, owned_routes INTEGER NOT NULL, last_commit TEXT, updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS drifts (
    device TEXT NOT NULL, kind TEXT NOT NULL, subject TEXT NOT NULL, change TEXT NOT NULL, policy TEXT NOT NULL,
    trigger TEXT NOT NULL, detected_at REAL NOT NULL, repaired INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS reconciles (
    device TEXT NOT NULL, trigger TEXT NOT NULL, started_at REAL NOT NULL, finished_at REAL NOT NULL,
    result TEXT NOT NULL, commit_sha TEXT
);
CREATE TABLE IF NOT EXISTS locks (
    device TEXT PRIMARY KEY, holder TEXT NOT NULL, generation INTEGER NOT NULL, expires_at REAL NOT NULL
);
"""
FILTER = fw("protect-re", T1, T2)
RUN = "20240101T000000Z-0123abcd"
COMMIT = "a" * 40


def _previous_release_journal(state_dir: Path, at: float) -> Path:
    """A journal as the previous release left it: one row in every table."""
    state_dir.mkdir(parents=True, exist_ok=True)
    path = state_dir / "journal.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(PREVIOUS_RELEASE_SCHEMA)
        db.execute("INSERT INTO filters VALUES ('r1', 'inet', 'protect-re', 'done', ?, ?, ?)",
                   (msgspec.json.encode(FILTER), COMMIT, at))  # fmt: skip
        db.execute("INSERT INTO bindings VALUES ('r1', 'lo0.0', 'input', 'inet', 'f', 'done', ?, ?)", (COMMIT, at))
        db.execute("INSERT INTO runs VALUES (?, ?, ?, ?, 'manual', 'alice', 'ok', '1 router ok')",
                   (RUN, at, at + 1, COMMIT))  # fmt: skip
        db.execute("INSERT INTO operations VALUES (?, 'r1', ?, 'add filter', 'filter inet protect-re', 1, 'ok', NULL)",
                   (RUN, at))  # fmt: skip
        db.execute("INSERT INTO devices VALUES ('r1', 12, ?, ?)", (COMMIT, at))
        db.execute("INSERT INTO drifts VALUES ('r1', 'static_route', 'inet.0 10.1.0.0/16', 'create', 'revert', "
                   "'event', ?, 1)", (at,))  # fmt: skip
        db.execute("INSERT INTO reconciles VALUES ('r1', 'apply (manual)', ?, ?, 'ok', ?)", (at, at + 1, COMMIT))
        db.execute("INSERT INTO reconciles VALUES ('r2', 'commit', ?, ?, 'failed', ?)", (at, at + 1, COMMIT))
        db.execute("INSERT INTO locks VALUES ('r1', 'host-old:1', 5, ?)", (at + 1,))
        assert db.execute("PRAGMA user_version").fetchone()[0] == 0  # that release did not version its journal
    return path


def test_a_previous_release_journal_is_read_back_in_full(tmp_path: Path) -> None:
    at = 1_700_000_000.0
    path = _previous_release_journal(tmp_path, at)
    journal = Journal(tmp_path)
    assert journal.programmed_filters("r1") == {("inet", "protect-re"): FILTER}
    assert journal.pending_filters("r1") == {}
    assert journal.programmed_bindings("r1") == [BIND]
    run = RunRecord(RUN, at, at + 1, COMMIT, "manual", "alice", "ok", "1 router ok")  # runs keep their words
    assert journal.runs() == [run] and journal.runs(router="r1") == [run] and journal.runs(router="r2") == []
    assert (
        journal.operations(RUN)
        == journal.operations(RUN, "r1")
        == [OperationRecord(RUN, "r1", at, "add filter", "filter inet protect-re", 1, "ok", None)]
    )
    assert journal.owned_routes("r1") == 12
    assert (
        journal.drifts("r1")
        == journal.drifts()
        == [DriftRecord("r1", "static_route", "inet.0 10.1.0.0/16", "create", "revert", "event", at, True)]
    )
    assert journal.reconciles() == [
        ReconcileRecord("r1", "apply (manual)", at, at + 1, Outcome.IN_SYNC.value, COMMIT, None, 0),
        ReconcileRecord("r2", "commit", at, at + 1, Outcome.ERROR.value, COMMIT, "recorded by an earlier version", 0),
    ]
    assert journal.reconciles("r1")[0].verified and not journal.reconciles("r2")[0].verified
    assert journal.acquire("r1", LEASE, holder=A) == 6  # the old lock's generation goes on
    assert journal.renew("r1", 5, LEASE, holder="host-old:1") is False
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "devices" not in tables and "routers" in tables
    assert Journal(tmp_path).reconciles()[1].result == Outcome.ERROR.value  # opening again changes nothing


def test_status_of_a_previous_release_journal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _previous_release_journal(tmp_path, 1_700_000_000.0)
    out = _status(tmp_path, capsys)
    assert "NOT in sync: ok" not in out and "NOT in sync: failed" not in out
    lines = out.splitlines()
    assert lines[0].startswith("r1: in sync; last reconcile ")
    assert f"(apply (manual), in sync, commit {COMMIT[:12]}); last drift " in lines[0]
    assert lines[0].endswith(": create static_route inet.0 10.1.0.0/16 repaired")
    assert lines[1].startswith("r2: NOT in sync: error (recorded by an earlier version); last reconcile ")


def test_old_results_are_renamed_in_a_journal_an_earlier_version_already_migrated(tmp_path: Path) -> None:
    """Journals opened by the release before this one were migrated without renaming results."""
    path = _previous_release_journal(tmp_path, 1_700_000_000.0)
    Journal(tmp_path).reconciles()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE reconciles SET result = 'failed', detail = 'timed out' WHERE router = 'r2'")
        db.execute("UPDATE reconciles SET result = 'ok' WHERE router = 'r1'")
        db.execute("PRAGMA user_version = 3")
    results = [(r.result, r.detail) for r in Journal(tmp_path).reconciles()]
    assert results == [(Outcome.IN_SYNC.value, None), (Outcome.ERROR.value, "timed out")]  # a detail is kept


# ------------------------------------------------------ schema 4 -> 5, runs

# The SCHEMA of schema 4 (git show 3ec3cad~1:reconciler/store/journal.py), verbatim, with the
# columns that version added to reconciles.
V4_SCHEMA = """
CREATE TABLE IF NOT EXISTS filters (
    router TEXT NOT NULL, family TEXT NOT NULL, name TEXT NOT NULL, state TEXT NOT NULL,
    definition BLOB NOT NULL, commit_sha TEXT, updated_at REAL NOT NULL,
    PRIMARY KEY (router, family, name)
);
CREATE TABLE IF NOT EXISTS bindings (
    router TEXT NOT NULL, interface TEXT NOT NULL, direction TEXT NOT NULL, family TEXT NOT NULL,
    filter TEXT NOT NULL, state TEXT NOT NULL, commit_sha TEXT, updated_at REAL NOT NULL,
    PRIMARY KEY (router, interface, direction, family)
);
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY, started_at REAL NOT NULL, finished_at REAL, commit_sha TEXT,
    trigger TEXT NOT NULL, actor TEXT NOT NULL, result TEXT, summary TEXT
);
CREATE TABLE IF NOT EXISTS operations (
    run_id TEXT NOT NULL, router TEXT NOT NULL, at REAL NOT NULL, operation TEXT NOT NULL,
    subject TEXT NOT NULL, entries INTEGER NOT NULL, result TEXT NOT NULL, detail TEXT
);
CREATE TABLE IF NOT EXISTS routers (
    router TEXT PRIMARY KEY, owned_routes INTEGER NOT NULL, last_commit TEXT, updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS drifts (
    router TEXT NOT NULL, kind TEXT NOT NULL, subject TEXT NOT NULL, change TEXT NOT NULL, policy TEXT NOT NULL,
    trigger TEXT NOT NULL, detected_at REAL NOT NULL, repaired INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS reconciles (
    router TEXT NOT NULL, trigger TEXT NOT NULL, started_at REAL NOT NULL, finished_at REAL NOT NULL,
    result TEXT NOT NULL, commit_sha TEXT
);
CREATE TABLE IF NOT EXISTS locks (
    router TEXT PRIMARY KEY, holder TEXT NOT NULL, generation INTEGER NOT NULL, expires_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS applied_digests (
    router TEXT NOT NULL, kind TEXT NOT NULL, digests BLOB NOT NULL, PRIMARY KEY (router, kind)
);
CREATE TABLE IF NOT EXISTS tip (
    branch TEXT PRIMARY KEY, commit_sha TEXT, valid INTEGER NOT NULL, error TEXT, seen_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS unknown_event_names (
    name TEXT PRIMARY KEY, routers TEXT NOT NULL, events INTEGER NOT NULL, first_seen REAL NOT NULL,
    last_seen REAL NOT NULL
);
ALTER TABLE reconciles ADD COLUMN detail TEXT;
ALTER TABLE reconciles ADD COLUMN reported INTEGER NOT NULL DEFAULT 0;
PRAGMA user_version = 4;
"""
UNFINISHED = "20240101T000000Z-00000004"


def v4_journal(state_dir: Path, at: float = 1_700_000_000.0) -> Path:
    """A schema 4 journal: a finished run, an unfinished one (whose process is unknown), a reconcile."""
    state_dir.mkdir(parents=True, exist_ok=True)
    path = state_dir / "journal.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(V4_SCHEMA)
        db.execute("INSERT INTO runs VALUES (?, ?, ?, ?, 'cli', 'alice', 'ok', '1 of 1 routers verified')",
                   (RUN, at, at + 1, COMMIT))  # fmt: skip
        db.execute("INSERT INTO runs VALUES (?, ?, NULL, ?, 'cli', 'bob', NULL, NULL)", (UNFINISHED, at + 2, COMMIT))
        db.execute("INSERT INTO reconciles VALUES ('r1', 'resync', ?, ?, 'in sync', ?, NULL, 0)", (at, at + 1, COMMIT))
    return path


def _history(state_dir: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """run id -> the result column of `reconciler history`."""
    capsys.readouterr()
    history(router=None, limit=20, operations=False, state_dir=state_dir)
    return {line.split("  ")[0]: line.split("  ")[4] for line in capsys.readouterr().out.splitlines()}


def test_a_v4_journal_is_migrated_and_its_runs_read_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    at = 1_700_000_000.0
    path = v4_journal(tmp_path, at)
    journal = Journal(tmp_path)
    assert journal.runs() == [
        RunRecord(UNFINISHED, at + 2, None, COMMIT, "cli", "bob", None, None, None, None, None),
        RunRecord(RUN, at, at + 1, COMMIT, "cli", "alice", "ok", "1 of 1 routers verified"),
    ]
    assert journal.reconciles() == [ReconcileRecord("r1", "resync", at, at + 1, Outcome.IN_SYNC.value, COMMIT)]
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 7
        columns = [row[1] for row in db.execute("PRAGMA table_info(runs)")]
        assert columns[-3:] == ["host", "pid", "process_start"]
    new = journal.start_run(None, "cli", "carol")
    assert journal.runs()[0].holder == this_holder()
    # a run of schema 4 never named its process: it stays unfinished, it is not guessed interrupted
    assert _history(tmp_path, capsys) == {new: f"running (process {os.getpid()})", UNFINISHED: "unfinished", RUN: "ok"}


def _run_held_by(journal: Journal, run_id: str, holder: Holder) -> None:
    with sqlite3.connect(journal.path) as db:
        db.execute("INSERT INTO runs VALUES (?, 1.0, NULL, NULL, 'cli', 'alice', NULL, NULL, ?, ?, ?)",
                   (run_id, holder.host, holder.pid, holder.started))  # fmt: skip


def test_history_tells_running_interrupted_and_other_hosts_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = Journal(tmp_path)
    journal.finish_run("no such run", "ok", "")  # a first write creates the journal
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    me = this_holder()
    assert me.started is not None  # Linux: the start time is read from /proc
    _run_held_by(journal, "running", me)
    _run_held_by(journal, "ended", Holder(me.host, int(ended.stdout), None))  # no start time: the pid alone
    _run_held_by(journal, "reused pid", Holder(me.host, me.pid, me.started - 1))  # our pid, another process
    _run_held_by(journal, "elsewhere", Holder("host-far", 7, 1))
    assert _history(tmp_path, capsys) == {
        "running": f"running (process {me.pid})",
        "ended": "interrupted",
        "reused pid": "interrupted",
        "elsewhere": "unfinished (process 7 on host-far)",  # cannot be checked from here
    }


def test_the_start_time_is_field_22_whatever_the_command_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "42").mkdir()
    fields = " ".join(str(n) for n in range(3, 53))  # fields 3.. of a stat line: field 22 reads "22"
    (tmp_path / "42" / "stat").write_text(f"42 (a) (b c) {fields}\n")
    monkeypatch.setattr(process_module, "_PROC", tmp_path)
    assert start_time(42) == 22
    assert start_time(43) is None  # no such process


def test_a_bug_in_a_statement_is_not_disguised_as_journal_damage(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    with pytest.raises(sqlite3.ProgrammingError), journal._db() as db:
        db.execute("SELECT ?", ())  # a missing parameter: the code's fault, not the file's


def test_lock_holder_names_another_live_writer_only(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    assert journal.lock_holder("r1") is None
    other = f"{socket.gethostname()}:1"  # pid 1 lives as long as the machine
    journal.acquire("r1", 60, holder=other)
    holder = journal.lock_holder("r1")
    assert holder is not None and holder[0] == other and holder[1] > time.time() + 50
    journal.acquire("r2", 60)  # ours: not another writer
    assert journal.lock_holder("r2") is None
    journal.acquire("r3", -1, holder=other)  # expired
    assert journal.lock_holder("r3") is None


# ------------------------------------------- schema 6 -> 7, keys of the routes we own

# What schema 6 added to schema 4 (runs' process columns, client ids), on top of V4_SCHEMA.
V6_ADDITIONS = """
ALTER TABLE runs ADD COLUMN host TEXT;
ALTER TABLE runs ADD COLUMN pid INTEGER;
ALTER TABLE runs ADD COLUMN process_start INTEGER;
CREATE TABLE IF NOT EXISTS client_ids (
    router TEXT PRIMARY KEY, client_id TEXT NOT NULL, commit_sha TEXT, updated_at REAL NOT NULL
);
PRAGMA user_version = 6;
"""


def test_a_v6_journal_is_migrated_with_no_record_of_owned_keys(tmp_path: Path) -> None:
    path = v4_journal(tmp_path)
    with sqlite3.connect(path) as db:
        db.executescript(V6_ADDITIONS)
        db.execute("INSERT INTO client_ids VALUES ('r1', 'jet-reconciler', NULL, 1.0)")
        db.execute("INSERT INTO routers VALUES ('r1', 12, NULL, 1.0)")
    journal = Journal(tmp_path)
    assert (journal.programmed_by("r1"), journal.owned_routes("r1")) == ("jet-reconciler", 12)  # kept
    assert journal.owned_keys("r1") == OwnedKeys() and journal.zero_cookie_kinds("r1") == frozenset()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 7
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"owned_keys", "zero_cookies"} <= tables
    journal.set_zero_cookies("r1", STATIC_KIND, True)
    assert journal.zero_cookie_kinds("r1") == {STATIC_KIND}
    journal.set_zero_cookies("r1", STATIC_KIND, False)
    assert journal.zero_cookie_kinds("r1") == frozenset()


def _keys(count: int, table: str = "inet.0") -> OwnedKeys:
    return OwnedKeys(
        {table: {f"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}/32" for i in range(count)}},
        {table: {("10.123.0.0/24", f"10.0.0.{n}") for n in range(1, 5)}},
    )


def test_owned_keys_are_rewritten_only_where_they_change(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    keys = _keys(100_000)
    assert journal.record_owned_keys("r1", keys) == 2  # one row per table and kind
    assert journal.owned_keys("r1") == keys
    assert journal.owned_keys("r1", [STATIC_KIND]) == OwnedKeys(keys.static, {})
    assert journal.record_owned_keys("r1", _keys(100_000)) == 0  # unchanged: nothing written
    keys.static["inet.0"].discard("10.0.0.0/32")
    keys.static["blue.inet.0"] = {"10.9.0.0/16"}
    assert journal.record_owned_keys("r1", keys) == 2  # inet.0 static rewritten, blue.inet.0 added
    keys.bgp = {}
    assert journal.record_owned_keys("r1", keys) == 1  # the BGP row removed
    assert journal.owned_keys("r1") == keys and journal.owned_keys("r2") == OwnedKeys()
    with sqlite3.connect(journal.path) as db:
        size = db.execute("SELECT length(keys) FROM owned_keys WHERE route_table = 'inet.0'").fetchone()[0]
    assert size < 100_000 * 4  # compressed: a /32 as text is 11-15 bytes
