"""The journal: what this product programmed on each router, and every run.

JET cannot read filter definitions or bindings back, so the journal is their
record. Filter and binding changes are written ahead (`pending`) and marked
`done` after the router confirmed them, so a crash between the two is visible
and resolvable. Runs and their operations are the source of `reconciler history`.
One writer per router at a time: a lock with a lease and a generation number.

SQLite in the state directory; one connection per call, so threads and
processes can share the file. Every failure of the file or of SQLite leaves as one
JournalError (what, where, what to do), translated in one place: `Journal._db`. A journal
that cannot be written is read through a read-only connection, so that `status` and
`history` work wherever the file can be read.
"""

from __future__ import annotations

import hashlib
import os
import socket
import sqlite3
import time
import uuid
import zlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import msgspec

from reconciler.model.filters import Binding, FirewallFilter
from reconciler.model.outcome import VERIFIED, Outcome
from reconciler.model.ownership import BGP_KIND, STATIC_KIND, OwnedKeys
from reconciler.store import errors
from reconciler.store.errors import BUSY_TIMEOUT_SECONDS, JournalError
from reconciler.store.process import Holder, this_holder

SCHEMA = """
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
CREATE TABLE IF NOT EXISTS client_ids (
    router TEXT PRIMARY KEY, client_id TEXT NOT NULL, commit_sha TEXT, updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS owned_keys (
    router TEXT NOT NULL, route_table TEXT NOT NULL, kind TEXT NOT NULL, count INTEGER NOT NULL,
    digest TEXT NOT NULL, keys BLOB NOT NULL, updated_at REAL NOT NULL, PRIMARY KEY (router, route_table, kind)
);
CREATE TABLE IF NOT EXISTS zero_cookies (
    router TEXT NOT NULL, kind TEXT NOT NULL, seen_at REAL NOT NULL, PRIMARY KEY (router, kind)
);
CREATE TABLE IF NOT EXISTS unknown_event_names (
    name TEXT PRIMARY KEY, routers TEXT NOT NULL, events INTEGER NOT NULL, first_seen REAL NOT NULL,
    last_seen REAL NOT NULL
);
"""
# Journals of the first release call routers "device" (and their table "devices").
_RENAMED_COLUMNS = ("filters", "bindings", "operations", "routers", "drifts", "reconciles", "locks", "applied_digests")
# Columns added after the first release; a journal made by it gets them on open.
_ADDED_COLUMNS = (
    ("reconciles", "detail", "TEXT"),
    ("reconciles", "reported", "INTEGER NOT NULL DEFAULT 0"),
    # schema 5: the process that holds a run, so that `history` can tell a killed run
    ("runs", "host", "TEXT"),
    ("runs", "pid", "INTEGER"),
    ("runs", "process_start", "INTEGER"),  # the pid's start time (Linux), against pid reuse
)
_RUN_COLUMNS = "run_id, started_at, finished_at, commit_sha, trigger, actor, result, summary, host, pid, process_start"
# Reconcile results of the first release ("ok"/"failed") in the outcome vocabulary, and the
# detail a migrated failure gets (that release recorded none).
_OLD_RESULTS = (("ok", Outcome.IN_SYNC.value, None), ("failed", Outcome.ERROR.value, "recorded by an earlier version"))
# 6: client_ids (which client id programmed each router); 7: owned_keys (the keys of the routes
# this product wrote and verified, per router and table) and zero_cookies (routers that read
# back cookie 0 for them, per route kind). Both start empty: a migrated journal has no record yet.
SCHEMA_VERSION = 7
_RELEASED = 0.0  # expires_at of a released lock (the row stays: generations never restart)
PENDING, DONE, DELETING = "pending", "done", "deleting"


def default_state_dir() -> Path:
    """$RECONCILER_STATE_DIR, else $XDG_STATE_HOME/jet-reconciler, else ~/.local/state/jet-reconciler."""
    explicit = os.environ.get("RECONCILER_STATE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "jet-reconciler"


def _migrate(connection: sqlite3.Connection) -> None:
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "devices" in tables and "routers" not in tables:
        connection.execute("ALTER TABLE devices RENAME TO routers")
        tables.add("routers")
    for table in _RENAMED_COLUMNS:
        if table in tables:
            columns = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
            if "device" in columns:
                connection.execute(f"ALTER TABLE {table} RENAME COLUMN device TO router")
    for statement in filter(str.strip, SCHEMA.split(";")):
        connection.execute(statement)
    for table, column, declaration in _ADDED_COLUMNS:
        present = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
        if column not in present:
            connection.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")
    for old, new, detail in _OLD_RESULTS:
        connection.execute(
            "UPDATE reconciles SET result = ?, detail = COALESCE(detail, ?) WHERE result = ?", (new, detail, old)
        )
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def this_process() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _alive(holder: str) -> bool:
    """False only when the holder is a process on this host that no longer exists."""
    host, _, pid = holder.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class LockHeld(Exception):
    pass


@dataclass(frozen=True)
class RunRecord:
    run_id: str
    started_at: float
    finished_at: float | None
    commit: str | None
    trigger: str
    actor: str
    result: str | None
    summary: str | None
    host: str | None = None  # the process that ran it (None: recorded before schema 5)
    pid: int | None = None
    process_start: int | None = None

    @property
    def holder(self) -> Holder | None:
        if self.host is None or self.pid is None:
            return None
        return Holder(self.host, self.pid, self.process_start)


@dataclass(frozen=True)
class DriftRecord:
    router: str
    kind: str
    subject: str
    change: str  # create (was missing), update (was different) or delete (was extra)
    policy: str  # revert or report
    trigger: str  # the event or schedule that made the watcher look
    detected_at: float
    repaired: bool


@dataclass(frozen=True)
class ReconcileRecord:
    router: str
    trigger: str
    started_at: float
    finished_at: float
    result: str  # an Outcome of reconciler.engine.reconcile ("in sync", "refused", ...)
    commit: str | None
    detail: str | None = None
    reported: int = 0  # drift seen under a `report` policy and left alone

    @property
    def verified(self) -> bool:
        """The reconcile ended with a read that matched the intent."""
        return self.result in VERIFIED


@dataclass(frozen=True)
class TipRecord:
    """The newest commit of a tracked branch, as the watcher last loaded it."""

    branch: str
    commit: str | None
    valid: bool
    error: str | None
    seen_at: float


@dataclass(frozen=True)
class UnknownEventName:
    """A router name seen in events that is not in the inventory."""

    name: str
    routers: tuple[str, ...]  # the inventory routers whose broker delivered it
    events: int
    first_seen: float
    last_seen: float


@dataclass(frozen=True)
class OperationRecord:
    run_id: str
    router: str
    at: float
    operation: str
    subject: str
    entries: int
    result: str
    detail: str | None


def _open_for_reading(path: Path) -> sqlite3.Connection:
    """A connection that never creates the file. Where the directory cannot be written (or the
    disk is full), SQLite cannot make the WAL index (-shm) it reads through: then, if no
    write-ahead log (-wal) holds commits the file lacks, the file alone is read (`immutable`).
    Only another user's writer could change it meanwhile; at worst that read fails as damaged
    and the command is run again."""
    uri = path.absolute().as_uri()
    connection = sqlite3.connect(f"{uri}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    try:
        connection.execute("PRAGMA user_version").fetchone()  # reads the header (and the WAL index)
        return connection
    except sqlite3.OperationalError as error:
        connection.close()
        code = (error.sqlite_errorcode or 0) & 0xFF
        if code not in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR):
            raise
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:  # (a failed open may leave an empty one)
            if code == sqlite3.SQLITE_IOERR:
                raise
            raise errors.unreadable_log(path, wal) from None
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None)


class Journal:
    def __init__(self, state_dir: Path) -> None:
        self.state_dir = state_dir
        self.path = state_dir / "journal.sqlite3"
        self._checked = False  # the schema was checked (and migrated) by this object

    def check(self) -> None:
        """Raise JournalError now if the journal cannot be read: the state path is not a
        directory, the file is not a journal, its schema is newer than this code knows (an
        older one is upgraded here, which needs write access). A missing journal is fine."""
        if self._exists():
            with self._db(write=False):
                pass

    def _exists(self) -> bool:
        """The journal file exists; a state path blocked by a file is an error, not "no journal"."""
        try:
            if self.path.exists():
                return True
            blocked = any(p.exists() and not p.is_dir() for p in (self.state_dir, *self.state_dir.parents))
        except OSError as error:  # e.g. no search permission on the state directory
            raise errors.from_os(error, self.path, write=False) from None
        if blocked:
            raise errors.not_a_directory(self.path)
        return False

    @contextmanager
    def _db(self, *, write: bool = True) -> Iterator[sqlite3.Connection]:
        """One transaction. Writes take the write lock at once (one writer at a time across
        processes); reads do not, so that they never queue behind writers (WAL). The one place
        where SQLite's and the file system's errors, here or in the caller's statements,
        become a JournalError."""
        with self._translated(write):
            if not self._checked:
                self._check_schema(write)
            connection = self._connect(write)
            try:
                connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                try:
                    yield connection
                except BaseException:
                    if connection.in_transaction:  # SQLite may have rolled back already (disk full)
                        with suppress(sqlite3.Error):
                            connection.execute("ROLLBACK")
                    raise
                connection.execute("COMMIT")
            finally:
                connection.close()

    @contextmanager
    def _translated(self, write: bool) -> Iterator[None]:
        try:
            yield
        except sqlite3.ProgrammingError:
            raise  # a bug in a statement, not a state of the file
        except sqlite3.DatabaseError as error:
            raise errors.from_sqlite(error, self.path, write=write) from None
        except OSError as error:
            raise errors.from_os(error, self.path, write=write) from None

    def _connect(self, write: bool) -> sqlite3.Connection:
        if write:
            self.state_dir.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
            # WAL + synchronous=NORMAL: a commit survives the process crashing (what apply must
            # survive) without an fsync per transaction; an OS crash may lose the last commit.
            connection.execute("PRAGMA journal_mode=WAL")
        else:
            connection = _open_for_reading(self.path)
        connection.execute("PRAGMA synchronous=NORMAL")
        return connection

    def _check_schema(self, write: bool) -> None:
        """Once per object: the schema is one this code knows; an older one is upgraded
        (under the write lock: two processes never both migrate)."""
        if not write:
            connection = self._connect(False)
            try:
                version = connection.execute("PRAGMA user_version").fetchone()[0]
            finally:
                connection.close()
            if version > SCHEMA_VERSION:
                raise errors.newer_schema(self.path, version, SCHEMA_VERSION)
            if version == SCHEMA_VERSION:
                self._checked = True
                return
            try:
                with self._translated(write=True):
                    self._upgrade()
            except JournalError as error:
                raise errors.needs_upgrade(self.path, version, SCHEMA_VERSION, error) from None
            return
        self._upgrade()

    def _upgrade(self) -> None:
        connection = self._connect(True)
        try:
            connection.execute("BEGIN IMMEDIATE")
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                connection.execute("ROLLBACK")
                raise errors.newer_schema(self.path, version, SCHEMA_VERSION)
            if version < SCHEMA_VERSION:
                try:
                    _migrate(connection)
                except BaseException:
                    with suppress(sqlite3.Error):
                        connection.execute("ROLLBACK")
                    raise
            connection.execute("COMMIT")
        finally:
            connection.close()
        self._checked = True

    # ------------------------------------------------------------ filters

    def _filters(self, router: str, states: tuple[str, ...]) -> dict[tuple[str, str], FirewallFilter]:
        if not self._exists():
            return {}
        marks = ",".join("?" * len(states))
        with self._db(write=False) as db:
            rows = db.execute(
                f"SELECT definition FROM filters WHERE router = ? AND state IN ({marks})", (router, *states)
            ).fetchall()
        filters = [msgspec.json.decode(row[0], type=FirewallFilter) for row in rows]
        return {(f.family.value, f.name): f for f in filters}

    def programmed_filters(self, router: str) -> dict[tuple[str, str], FirewallFilter]:
        """(family, name) -> the filter as the router confirmed it (done, or being deleted)."""
        return self._filters(router, (DONE, DELETING))

    def pending_filters(self, router: str) -> dict[tuple[str, str], FirewallFilter]:
        """Filters sent but not confirmed (a run stopped in between)."""
        return self._filters(router, (PENDING,))

    def filter_pending(self, router: str, filter_: FirewallFilter, commit: str | None) -> None:
        self._put_filter(router, filter_, PENDING, commit)

    def filter_done(self, router: str, filter_: FirewallFilter, commit: str | None) -> None:
        self._put_filter(router, filter_, DONE, commit)

    def filter_deleting(self, router: str, family: str, name: str) -> None:
        with self._db() as db:
            db.execute(
                "UPDATE filters SET state = ?, updated_at = ? WHERE router = ? AND family = ? AND name = ?",
                (DELETING, time.time(), router, family, name),
            )

    def _put_filter(self, router: str, filter_: FirewallFilter, state: str, commit: str | None) -> None:
        with self._db() as db:
            db.execute(
                "INSERT OR REPLACE INTO filters VALUES (?, ?, ?, ?, ?, ?, ?)",
                (router, filter_.family.value, filter_.name, state, msgspec.json.encode(filter_), commit, time.time()),
            )

    def forget_filter(self, router: str, family: str, name: str) -> None:
        with self._db() as db:
            db.execute("DELETE FROM filters WHERE router = ? AND family = ? AND name = ?", (router, family, name))

    # ----------------------------------------------------------- bindings

    def programmed_bindings(self, router: str) -> list[Binding]:
        if not self._exists():
            return []
        with self._db(write=False) as db:
            rows = db.execute(
                "SELECT filter, family, interface, direction FROM bindings WHERE router = ? AND state = ? "
                "ORDER BY 3, 4, 2",
                (router, DONE),
            ).fetchall()
        fields = ("filter", "family", "interface", "direction")
        return [msgspec.convert(dict(zip(fields, row, strict=True)), Binding) for row in rows]

    def binding_state(self, router: str, binding: Binding, state: str, commit: str | None) -> None:
        with self._db() as db:
            db.execute(
                "INSERT OR REPLACE INTO bindings VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (router, binding.interface, binding.direction.value, binding.family.value, binding.filter, state,
                 commit, time.time()),
            )  # fmt: skip

    def record_binding(self, router: str, binding: Binding, commit: str | None) -> None:
        self.binding_state(router, binding, DONE, commit)

    def forget_binding(self, router: str, binding: Binding) -> None:
        with self._db() as db:
            db.execute(
                "DELETE FROM bindings WHERE router = ? AND interface = ? AND direction = ? AND family = ?",
                (router, binding.interface, binding.direction.value, binding.family.value),
            )

    # ---------------------------------------------------------- routes seen

    def owned_routes(self, router: str) -> int | None:
        if not self._exists():
            return None
        with self._db(write=False) as db:
            row = db.execute("SELECT owned_routes FROM routers WHERE router = ?", (router,)).fetchone()
        return int(row[0]) if row else None

    def set_owned_routes(self, router: str, count: int, commit: str | None) -> None:
        with self._db() as db:
            db.execute("INSERT OR REPLACE INTO routers VALUES (?, ?, ?, ?)", (router, count, commit, time.time()))

    def programmed_by(self, router: str) -> str | None:
        """The client id this product last wrote to the router as: the router keeps routes and
        filters under it, and purges them a purge time after its last session."""
        if not self._exists():
            return None
        with self._db(write=False) as db:
            row = db.execute("SELECT client_id FROM client_ids WHERE router = ?", (router,)).fetchone()
        return str(row[0]) if row else None

    def set_programmed_by(self, router: str, client_id: str, commit: str | None) -> None:
        with self._db() as db:
            db.execute(
                "INSERT INTO client_ids VALUES (?, ?, ?, ?) ON CONFLICT (router) DO UPDATE SET "
                "client_id = excluded.client_id, commit_sha = excluded.commit_sha, updated_at = excluded.updated_at",
                (router, client_id, commit, time.time()),
            )

    # ------------------------------------------------- keys of the routes we own

    def owned_keys(self, router: str, kinds: Iterable[str] = (STATIC_KIND, BGP_KIND)) -> OwnedKeys:
        """The keys of the routes this product wrote and verified on `router` (see record_owned_keys)."""
        keys = OwnedKeys()
        wanted = set(kinds)
        if not wanted or not self._exists():
            return keys
        with self._db(write=False) as db:
            rows = db.execute("SELECT route_table, kind, keys FROM owned_keys WHERE router = ?", (router,)).fetchall()
        for table, kind, blob in rows:
            if kind not in wanted:
                continue
            raw = zlib.decompress(blob)
            if kind == STATIC_KIND:
                keys.static[table] = set(msgspec.msgpack.decode(raw, type=list[str]))
            elif kind == BGP_KIND:
                keys.bgp[table] = set(msgspec.msgpack.decode(raw, type=list[tuple[str, str]]))
        return keys

    def record_owned_keys(self, router: str, keys: OwnedKeys) -> int:
        """Make the record of `router` exactly `keys`: one compressed blob per table and kind,
        written only where its digest changed (a million-route table is rewritten only when
        its keys change). Returns how many rows were written or removed."""
        encoded: dict[tuple[str, str], tuple[str, int, bytes]] = {}  # (table, kind) -> digest, count, keys
        for kind, tables in ((STATIC_KIND, keys.static), (BGP_KIND, keys.bgp)):
            for table, members in tables.items():
                if members:
                    raw = msgspec.msgpack.encode(sorted(members))
                    encoded[(table, kind)] = (hashlib.blake2b(raw, digest_size=16).hexdigest(), len(members), raw)
        with self._db() as db:
            rows = db.execute("SELECT route_table, kind, digest FROM owned_keys WHERE router = ?", (router,))
            stored = {(row[0], row[1]): row[2] for row in rows}
            changed = [key for key, (digest, _, _) in encoded.items() if stored.get(key) != digest]
            gone = [key for key in stored if key not in encoded]
            now = time.time()
            db.executemany(
                "INSERT OR REPLACE INTO owned_keys VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(router, table, kind, encoded[(table, kind)][1], encoded[(table, kind)][0],
                  zlib.compress(encoded[(table, kind)][2], 1), now) for table, kind in changed],
            )  # fmt: skip
            db.executemany("DELETE FROM owned_keys WHERE router = ? AND route_table = ? AND kind = ?",
                           [(router, table, kind) for table, kind in gone])  # fmt: skip
        return len(changed) + len(gone)

    def zero_cookie_kinds(self, router: str) -> frozenset[str]:
        """Route kinds `router` was seen to read back with cookie 0 although this product wrote
        them with its own (see reconciler.model.ownership)."""
        if not self._exists():
            return frozenset()
        with self._db(write=False) as db:
            rows = db.execute("SELECT kind FROM zero_cookies WHERE router = ?", (router,)).fetchall()
        return frozenset(str(row[0]) for row in rows)

    def set_zero_cookies(self, router: str, kind: str, seen: bool) -> None:
        with self._db() as db:
            if seen:
                db.execute("INSERT OR REPLACE INTO zero_cookies VALUES (?, ?, ?)", (router, kind, time.time()))
            else:
                db.execute("DELETE FROM zero_cookies WHERE router = ? AND kind = ?", (router, kind))

    # --------------------------------------------------------------- runs

    def start_run(self, commit: str | None, trigger: str, actor: str) -> str:
        run_id = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()) + "-" + uuid.uuid4().hex[:8]
        holder = this_holder()
        with self._db() as db:
            db.execute(
                f"INSERT INTO runs ({_RUN_COLUMNS}) VALUES (?, ?, NULL, ?, ?, ?, NULL, NULL, ?, ?, ?)",
                (run_id, time.time(), commit, trigger, actor, holder.host, holder.pid, holder.started),
            )
        return run_id

    def finish_run(self, run_id: str, result: str, summary: str) -> None:
        with self._db() as db:
            db.execute(
                "UPDATE runs SET finished_at = ?, result = ?, summary = ? WHERE run_id = ?",
                (time.time(), result, summary, run_id),
            )

    def record_operation(
        self, run_id: str, router: str, operation: str, subject: str, entries: int, result: str, detail: str = ""
    ) -> None:
        with self._db() as db:
            db.execute(
                "INSERT INTO operations VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (run_id, router, time.time(), operation, subject, entries, result, detail or None),
            )

    def runs(self, limit: int = 20, router: str | None = None) -> list[RunRecord]:
        if not self._exists():
            return []
        with self._db(write=False) as db:
            if router is None:
                rows = db.execute(
                    f"SELECT {_RUN_COLUMNS} FROM runs ORDER BY started_at DESC LIMIT ?", (limit,)
                ).fetchall()
            else:
                rows = db.execute(
                    f"SELECT {_RUN_COLUMNS} FROM runs WHERE run_id IN (SELECT run_id FROM operations WHERE router = ?) "
                    "ORDER BY started_at DESC LIMIT ?",
                    (router, limit),
                ).fetchall()
        return [RunRecord(*row) for row in rows]

    def operations(self, run_id: str, router: str | None = None) -> list[OperationRecord]:
        if not self._exists():
            return []
        with self._db(write=False) as db:
            rows = db.execute(
                "SELECT * FROM operations WHERE run_id = ? AND (? IS NULL OR router = ?) ORDER BY at",
                (run_id, router, router),
            ).fetchall()
        return [OperationRecord(*row) for row in rows]

    # ------------------------------------------------------- drift, reconciles

    def record_drifts(self, records: list[DriftRecord]) -> None:
        if not records:
            return
        with self._db() as db:
            db.executemany(
                "INSERT INTO drifts VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(r.router, r.kind, r.subject, r.change, r.policy, r.trigger, r.detected_at, int(r.repaired))
                 for r in records],
            )  # fmt: skip

    def drifts(self, router: str | None = None, limit: int = 100) -> list[DriftRecord]:
        if not self._exists():
            return []
        with self._db(write=False) as db:
            rows = db.execute(
                "SELECT * FROM drifts WHERE (? IS NULL OR router = ?) ORDER BY detected_at DESC LIMIT ?",
                (router, router, limit),
            ).fetchall()
        return [DriftRecord(row[0], row[1], row[2], row[3], row[4], row[5], row[6], bool(row[7])) for row in rows]

    def record_reconcile(self, record: ReconcileRecord) -> None:
        with self._db() as db:
            db.execute(
                "INSERT INTO reconciles (router, trigger, started_at, finished_at, result, commit_sha, detail, "
                "reported) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (record.router, record.trigger, record.started_at, record.finished_at, record.result, record.commit,
                 record.detail, record.reported),
            )  # fmt: skip

    def reconciles(self, router: str | None = None) -> list[ReconcileRecord]:
        if not self._exists():
            return []
        with self._db(write=False) as db:
            rows = db.execute(
                "SELECT router, trigger, started_at, finished_at, result, commit_sha, detail, reported "
                "FROM reconciles WHERE (? IS NULL OR router = ?) ORDER BY finished_at",
                (router, router),
            ).fetchall()
        return [ReconcileRecord(*row) for row in rows]

    # ------------------------------------------------ what was last applied

    def applied_digests(self, router: str) -> dict[str, dict[str, str]]:
        """kind -> change key -> digest of the desired object the last verified apply wrote."""
        if not self._exists():
            return {}
        with self._db(write=False) as db:
            rows = db.execute("SELECT kind, digests FROM applied_digests WHERE router = ?", (router,)).fetchall()
        return {row[0]: msgspec.msgpack.decode(row[1], type=dict[str, str]) for row in rows}

    def set_applied_digests(self, router: str, digests: Mapping[str, Mapping[str, str]]) -> None:
        with self._db() as db:
            db.executemany(
                "INSERT OR REPLACE INTO applied_digests VALUES (?, ?, ?)",
                [(router, str(kind), msgspec.msgpack.encode(dict(values))) for kind, values in digests.items()],
            )

    def forget_applied_digests(self, router: str, kinds: Iterable[str]) -> None:
        """Kinds no longer under `report`: their record would be stale if they come back to it."""
        with self._db() as db:
            db.executemany("DELETE FROM applied_digests WHERE router = ? AND kind = ?", [(router, k) for k in kinds])

    # ------------------------------------------- the tracked branch, events

    def record_tip(self, record: TipRecord) -> None:
        with self._db() as db:
            db.execute(
                "INSERT OR REPLACE INTO tip VALUES (?, ?, ?, ?, ?)",
                (record.branch, record.commit, int(record.valid), record.error, record.seen_at),
            )

    def tips(self) -> list[TipRecord]:
        if not self._exists():
            return []
        with self._db(write=False) as db:
            rows = db.execute("SELECT * FROM tip ORDER BY seen_at DESC").fetchall()
        return [TipRecord(row[0], row[1], bool(row[2]), row[3], row[4]) for row in rows]

    def record_unknown_event_name(self, name: str, routers: tuple[str, ...], at: float) -> None:
        with self._db() as db:
            db.execute(
                "INSERT INTO unknown_event_names VALUES (?, ?, 1, ?, ?) ON CONFLICT (name) DO UPDATE SET "
                "events = events + 1, last_seen = excluded.last_seen, routers = excluded.routers",
                (name, ",".join(routers), at, at),
            )

    def unknown_event_names(self) -> list[UnknownEventName]:
        if not self._exists():
            return []
        with self._db(write=False) as db:
            rows = db.execute("SELECT * FROM unknown_event_names ORDER BY name").fetchall()
        return [UnknownEventName(row[0], tuple(filter(None, row[1].split(","))), row[2], row[3], row[4])
                for row in rows]  # fmt: skip

    def forget_unknown_event_names(self) -> None:
        """A watcher starting with a new inventory: names seen before may be mapped now."""
        if not self._exists():
            return
        with self._db() as db:
            db.execute("DELETE FROM unknown_event_names")

    # -------------------------------------------------------------- locks

    def acquire(self, router: str, lease: float, holder: str | None = None) -> int:
        """Take the router's writer lock; returns its generation. LockHeld if another
        live writer holds an unexpired lease. The row is never deleted, so generations
        only grow: a generation names one holding, never two."""
        holder = holder or this_process()
        now = time.time()
        with self._db() as db:
            row = db.execute("SELECT holder, generation, expires_at FROM locks WHERE router = ?", (router,)).fetchone()
            if row is not None and row[0] != holder and row[2] > now and _alive(row[0]):
                raise LockHeld(f"{router}: another apply ({row[0]}) holds the lock for {row[2] - now:.0f} s more")
            generation = (row[1] if row else 0) + 1
            db.execute(
                "INSERT INTO locks VALUES (?, ?, ?, ?) ON CONFLICT (router) DO UPDATE SET "
                "holder = excluded.holder, generation = excluded.generation, expires_at = excluded.expires_at",
                (router, holder, generation, now + lease),
            )
        return generation

    def lock_holder(self, router: str) -> tuple[str, float] | None:
        """(holder, expires_at) of another live writer holding `router`'s lock now, by the rules
        `acquire` applies; None when the lock is free, expired, held by a dead process, or ours."""
        if not self._exists():
            return None
        with self._db(write=False) as db:
            row = db.execute("SELECT holder, expires_at FROM locks WHERE router = ?", (router,)).fetchone()
        if row is None:
            return None
        holder, expires_at = str(row[0]), float(row[1])
        if holder == this_process() or expires_at <= time.time() or not _alive(holder):
            return None
        return holder, expires_at

    def renew(self, router: str, generation: int, lease: float, holder: str | None = None) -> bool:
        """Extend our lease; False if someone else took the lock since, or it was released
        (stop writing)."""
        with self._db() as db:
            cursor = db.execute(
                "UPDATE locks SET expires_at = ? WHERE router = ? AND generation = ? AND holder = ? AND expires_at > ?",
                (time.time() + lease, router, generation, holder or this_process(), _RELEASED),
            )
            return cursor.rowcount == 1

    def release(self, router: str, generation: int, holder: str | None = None) -> None:
        """Give the lock up, if it is still ours; the row stays, with its generation."""
        with self._db() as db:
            db.execute(
                "UPDATE locks SET expires_at = ? WHERE router = ? AND generation = ? AND holder = ?",
                (_RELEASED, router, generation, holder or this_process()),
            )
