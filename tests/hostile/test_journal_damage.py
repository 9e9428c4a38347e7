"""Journal damage through the real commands, each in its own process (`python -m reconciler`):
a damaged, foreign or truncated file, a state path that is a file, a schema from a newer
version, a lock held by another process, no write access, no read access, a full disk,
stray WAL files, and a killed run. Each ends in one line `error: journal PATH: WHAT; WHAT
TO DO` with exit 1 and no traceback, nothing written to any router, the journal file
unchanged; read-only commands work where the file can be read.

Running as root (CI does): root ignores permission bits, so the "no access" cases run the
command with the capabilities that let root ignore them (DAC override, DAC read-search,
owner) dropped from its bounding set, which is what any other user gets. A full disk is a
file-size limit (RLIMIT_FSIZE): every write past it fails with EFBIG, SQLite's "disk I/O
error", as on a full disk; the in-process case of SQLite's own "database or disk is full"
uses `PRAGMA max_page_count`."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reconciler.model.outcome import Outcome
from reconciler.store import journal as journal_module
from reconciler.store.errors import BUSY_TIMEOUT_SECONDS
from reconciler.store.journal import SCHEMA_VERSION, Journal, ReconcileRecord
from tests.helpers import PASSWORD, USER
from tests.integration.apply_lab import Lab
from tests.integration.apply_lab import lab as lab  # the fixture
from tests.unit.test_journal import v4_journal

PYTHON = sys.executable
ENV = {**os.environ, "JET_USER": USER, "JET_PASSWORD": PASSWORD}
# Launchers: set a limit in a fresh process, then exec the command (no preexec_fn in a test
# process that runs gRPC threads).
_EXEC = "os.execv(sys.executable, [sys.executable, *sys.argv[1:]])\n"
NO_FILE_PERMISSIONS = (
    "import ctypes, os, sys\n"
    "if os.geteuid() == 0:\n"
    "    libc = ctypes.CDLL(None, use_errno=True)\n"
    "    for cap in (1, 2, 3):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER\n"
    "        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP\n"
    "            raise OSError(ctypes.get_errno(), 'cannot drop the capabilities that ignore permissions')\n"
) + _EXEC
DISK_FULL = "import os, resource, sys\nresource.setrlimit(resource.RLIMIT_FSIZE, (1, 1))\n" + _EXEC


def _cli(*args: str, launcher: str | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    prefix = [PYTHON] if launcher is None else [PYTHON, "-c", launcher]
    return subprocess.run([*prefix, "-m", "reconciler", *args], capture_output=True, text=True, env=ENV,
                          timeout=timeout, check=False)  # fmt: skip


def _read(state: Path, command: str, launcher: str | None = None) -> subprocess.CompletedProcess[str]:
    return _cli(command, "--state-dir", str(state), launcher=launcher)


def _apply(lab: Lab, state: Path, launcher: str | None = None) -> subprocess.CompletedProcess[str]:
    args = ("apply", "--auto-approve", "--repo", str(lab.root), "--state-dir", str(state))
    return _cli(*args, launcher=launcher, timeout=120)


def _one_line_error(result: subprocess.CompletedProcess[str], path: Path, what: str) -> str:
    """Exit 1 and exactly one line on stderr: `error: journal PATH: WHAT...; WHAT TO DO`."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert result.returncode == 1 and len(lines) == 1, (result.returncode, result.stderr)
    assert lines[0].startswith(f"error: journal {path}: {what}"), lines[0]
    assert "; " in lines[0].removeprefix(f"error: journal {path}: "), lines[0]  # and what to do
    return lines[0]


def _routers(lab: Lab) -> dict[str, Any]:
    return {r.name: (lab.owned_routes(r.name), lab.admin.filters(r.name)) for r in lab.fleet.routers}


@pytest.fixture
def untouched(lab: Lab) -> Iterator[None]:
    """Every router ends as it began: nothing the reconciler owns, no filters written."""
    before = _routers(lab)
    assert all(not routes for routes, _ in before.values())
    yield
    assert _routers(lab) == before


def _journal(state: Path) -> Path:
    """A valid journal with one reconcile and one finished run."""
    journal = Journal(state)
    journal.record_reconcile(ReconcileRecord("r1", "resync", 1.0, 2.0, Outcome.IN_SYNC.value, "a" * 40))
    journal.finish_run(journal.start_run("a" * 40, "cli", "alice"), "ok", "1 of 1 routers verified")
    return journal.path


@pytest.fixture
def locked_down(tmp_path: Path) -> Iterator[Path]:
    """A folder whose permission bits a command launched with NO_FILE_PERMISSIONS obeys (checked)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    probe = folder / "probe"
    folder.chmod(0o555)
    try:
        tried = subprocess.run([PYTHON, "-c", NO_FILE_PERMISSIONS, "-c", f"open({str(probe)!r}, 'w')"],
                               capture_output=True, text=True, check=False)  # fmt: skip
        assert "PermissionError" in tried.stderr, f"permission bits are not enforced here: {tried.stderr}"
        folder.chmod(0o755)
        yield folder
    finally:
        for path in (folder, *folder.rglob("*")):
            path.chmod(0o755 if path.is_dir() else 0o644)


# ------------------------------------------------------------------ the file


def _garbage(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00garbage, not SQLite\xff" * 400)


def _truncated(path: Path) -> None:
    journal = Journal(path.parent)
    for n in range(300):  # some pages
        journal.record_reconcile(ReconcileRecord(f"r{n}", "resync", 1.0, 2.0, Outcome.IN_SYNC.value, "abc"))
    path.write_bytes(path.read_bytes()[:9000])  # cut in the middle of a page


@pytest.mark.parametrize("damage", [_garbage, _truncated], ids=["garbage", "truncated"])
def test_a_damaged_file_stops_every_command_before_any_router(lab: Lab, untouched: None, tmp_path: Path,
                                                              damage: Any) -> None:  # fmt: skip
    state = tmp_path / "state"
    path = state / "journal.sqlite3"
    damage(path)
    content = path.read_bytes()
    what = "not a usable journal database ("
    for command in ("status", "history"):
        line = _one_line_error(_read(state, command), path, what)
        assert line.endswith("restore it from a backup, or move it aside to start a new journal "
                             "(the filters and bindings it recorded are then unknown)")  # fmt: skip
    _one_line_error(_apply(lab, state), path, what)
    assert path.read_bytes() == content


def test_a_state_path_that_is_a_file(lab: Lab, untouched: None, tmp_path: Path) -> None:
    state = tmp_path / "state"
    state.write_text("not a folder\n")
    path = state / "journal.sqlite3"
    for command in ("status", "history"):
        _one_line_error(_read(state, command), path, f"the state path {state} is a file, not a directory; pass")
    _one_line_error(_apply(lab, state), path, f"the state path {state} is a file")
    deeper = state / "sub"
    _one_line_error(_apply(lab, deeper), deeper / "journal.sqlite3",
                    f"the state directory {deeper} cannot be made: {state} is a file, not a directory")  # fmt: skip
    assert state.read_text() == "not a folder\n"


def test_a_journal_of_a_newer_version(lab: Lab, untouched: None, tmp_path: Path) -> None:
    state = tmp_path / "state"
    path = _journal(state)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    what = f"written by a newer reconciler (journal schema 99; this version knows up to {SCHEMA_VERSION})"
    for command in ("status", "history"):
        _one_line_error(_read(state, command), path, what)
    _one_line_error(_apply(lab, state), path, what)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 99


# ------------------------------------------------------------------ other processes


HOLD = (
    "import sqlite3, sys\n"
    "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "db.execute('BEGIN IMMEDIATE')\n"
    "print('holding', flush=True)\n"
    "sys.stdin.read()\n"
)


def test_a_journal_locked_by_another_process(lab: Lab, tmp_path: Path) -> None:
    state = tmp_path / "state"
    path = _journal(state)
    before = _routers(lab)
    holder = subprocess.Popen([PYTHON, "-c", HOLD, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True)  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
        read = _read(state, "status")  # readers do not wait for writers
        assert read.returncode == 0 and read.stdout.startswith("r1: in sync;"), read
        started = time.monotonic()
        result = _apply(lab, state)
        waited = time.monotonic() - started
        line = _one_line_error(result, path, f"locked by another process (waited {BUSY_TIMEOUT_SECONDS:g} s); ")
        assert line.endswith("another reconciler apply or watch is writing it; run again when it is done, or stop it")
        assert BUSY_TIMEOUT_SECONDS <= waited < BUSY_TIMEOUT_SECONDS + 30  # bounded, not 30 s per statement
        assert _routers(lab) == before
    finally:
        holder.communicate(timeout=10)
    done = _apply(lab, state)  # the same apply, once the other process let go
    assert done.returncode == 0, done.stderr
    assert all(routes for routes, _ in _routers(lab).values())


def test_a_killed_run_shows_as_interrupted(tmp_path: Path) -> None:
    state = tmp_path / "state"
    run = (
        "import sys\n"
        "from pathlib import Path\n"
        "from reconciler.store.journal import Journal\n"
        "print(Journal(Path(sys.argv[1])).start_run(None, 'cli', 'alice'), flush=True)\n"
        "sys.stdin.read()\n"
    )
    process = subprocess.Popen([PYTHON, "-c", run, str(state)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True)  # fmt: skip
    try:
        assert process.stdout is not None
        run_id = process.stdout.readline().strip()
        running = _read(state, "history")
        assert running.returncode == 0 and f"running (process {process.pid})" in running.stdout, running
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    killed = _read(state, "history")
    assert killed.returncode == 0
    assert [line.split("  ")[4] for line in killed.stdout.splitlines() if line.startswith(run_id)] == ["interrupted"]


# ------------------------------------------------------------------ access


def test_no_write_access_reads_work_and_apply_writes_nothing(lab: Lab, untouched: None, locked_down: Path) -> None:
    state = locked_down / "state"
    path = _journal(state)
    path.chmod(0o444)
    state.chmod(0o555)
    content = path.read_bytes()
    status = _read(state, "status", NO_FILE_PERMISSIONS)
    assert status.returncode == 0 and status.stdout.startswith("r1: in sync;"), status
    history = _read(state, "history", NO_FILE_PERMISSIONS)
    assert history.returncode == 0 and "cli by alice  ok  1 of 1 routers verified" in history.stdout, history
    line = _one_line_error(_apply(lab, state, NO_FILE_PERMISSIONS), path, "cannot be written (")
    assert line.endswith(f"give this user write access to {state} and the files in it, or pass --state-dir")
    assert path.read_bytes() == content and sorted(p.name for p in state.iterdir()) == ["journal.sqlite3"]


def test_an_older_journal_that_cannot_be_upgraded(locked_down: Path) -> None:
    state = locked_down / "state"
    path = v4_journal(state)
    path.chmod(0o444)
    state.chmod(0o555)
    for command in ("status", "history"):
        line = _one_line_error(_read(state, command, NO_FILE_PERMISSIONS), path,
                               f"written by an older reconciler (journal schema 4); upgrading it to schema "
                               f"{SCHEMA_VERSION} failed: cannot be written (")  # fmt: skip
        assert line.endswith("or pass --state-dir (once: any command upgrades it)")
    state.chmod(0o755)
    path.chmod(0o644)
    history = _read(state, "history", NO_FILE_PERMISSIONS)
    assert history.returncode == 0 and "cli by alice  ok" in history.stdout, history


def test_a_state_directory_that_cannot_be_made(lab: Lab, untouched: None, locked_down: Path) -> None:
    locked_down.chmod(0o555)
    state = locked_down / "state"
    status = _read(state, "status", NO_FILE_PERMISSIONS)  # no journal yet: nothing to read, nothing to say
    assert status.returncode == 0 and status.stdout.startswith("no reconcile recorded yet"), status
    _one_line_error(
        _apply(lab, state, NO_FILE_PERMISSIONS),
        state / "journal.sqlite3",
        f"cannot create the state directory {state} (permission denied); create it, or give this user "
        f"write access to {locked_down}, or pass --state-dir",
    )
    assert not state.exists()


def test_no_read_access(locked_down: Path) -> None:
    state = locked_down / "state"
    path = _journal(state)
    path.chmod(0o000)
    for command in ("status", "history"):
        _one_line_error(_read(state, command, NO_FILE_PERMISSIONS), path, "cannot be read (")
    path.chmod(0o644)
    state.chmod(0o000)  # the directory cannot even be searched
    for command in ("status", "history"):
        _one_line_error(_read(state, command, NO_FILE_PERMISSIONS), path, "cannot be read (permission denied)")


# ------------------------------------------------------------------ the disk


def test_a_full_disk_reads_work_and_apply_writes_nothing(lab: Lab, untouched: None, tmp_path: Path) -> None:
    state = tmp_path / "state"
    path = _journal(state)
    status = _read(state, "status", DISK_FULL)
    assert status.returncode == 0 and status.stdout.startswith("r1: in sync;"), status
    line = _one_line_error(_apply(lab, state, DISK_FULL), path, "disk I/O error (SQLITE_IOERR")
    assert line.endswith(f"free space on (or repair) the file system of {state} and run again")
    assert [r.result for r in Journal(state).runs()] == ["ok"]  # no run recorded: none could be


def test_database_or_disk_is_full(lab: Lab, untouched: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite's own SQLITE_FULL, made by a page limit on every connection (in this process)."""
    connect = journal_module.Journal._connect

    def limited(self: Journal, write: bool) -> sqlite3.Connection:
        connection = connect(self, write)
        connection.execute("PRAGMA max_page_count = 1")  # no page beyond those the file has
        return connection

    monkeypatch.setattr(journal_module.Journal, "_connect", limited)
    result = lab.run("apply", "--auto-approve")
    path = lab.state / "journal.sqlite3"
    assert "Traceback" not in result.stderr and result.returncode == 1, result
    assert result.stderr == (f"error: journal {path}: the disk is full; free space on the file system of "
                             f"{lab.state} and run again\n")  # fmt: skip


# ------------------------------------------------------------------ the WAL files


def test_garbage_beside_the_journal_is_ignored(tmp_path: Path) -> None:
    state = tmp_path / "state"
    path = _journal(state)
    Path(f"{path}-wal").write_bytes(b"\xde\xad" * 5000)
    Path(f"{path}-shm").write_bytes(b"\xbe\xef" * 16384)
    status = _read(state, "status")
    assert status.returncode == 0 and status.stdout.startswith("r1: in sync;"), status
    assert [r.result for r in Journal(state).runs()] == ["ok"]


KEEP_LOG = (
    "import os, sqlite3, sys\n"
    "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "db.execute('PRAGMA wal_autocheckpoint = 0')\n"
    "db.execute(\"UPDATE reconciles SET result = 'refused'\")\n"
    "os._exit(0)  # no close: the commit stays in the -wal only\n"
)


def test_a_log_that_cannot_be_read_without_write_access(locked_down: Path) -> None:
    state = locked_down / "state"
    path = _journal(state)
    subprocess.run([PYTHON, "-c", KEEP_LOG, str(path)], check=True)
    assert Path(f"{path}-wal").stat().st_size > 0
    Path(f"{path}-shm").unlink()
    state.chmod(0o555)
    log = f"its write-ahead log journal.sqlite3-wal cannot be read without write access to {state}; "
    line = _one_line_error(_read(state, "status", NO_FILE_PERMISSIONS), path, log)
    assert "run a reconciler command once with write access there" in line
    state.chmod(0o755)
    status = _read(state, "status", NO_FILE_PERMISSIONS)  # with access the log's commit is there
    assert status.returncode == 0 and status.stdout.startswith("r1: NOT in sync: refused"), status
