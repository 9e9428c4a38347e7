"""One error for every way the journal can be unusable: a damaged or foreign file, a lock
held by another process, no write (or read) access, a full disk, a state path that is a
file, a schema newer than this code. It names the file, what is wrong and what to do, so
that a command prints it as one line (`error: journal PATH: WHAT; WHAT TO DO`)."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

# How long a writer waits for another process's write transaction before giving up. Journal
# transactions last milliseconds; a longer wait means a stuck (or stopped) process, and a CLI
# must say so rather than hang. sqlite3's default is 5 s; the first release waited 30 s.
BUSY_TIMEOUT_SECONDS = 5.0

_DAMAGED = (
    "restore it from a backup, or move it aside to start a new journal "
    "(the filters and bindings it recorded are then unknown)"
)


class JournalError(Exception):
    """The journal cannot be used; nothing was written through it."""

    def __init__(self, path: Path, what: str, todo: str) -> None:
        super().__init__(f"journal {path}: {what}; {todo}")
        self.path = path
        self.what = what
        self.todo = todo


def _access(state_dir: Path, write: bool) -> str:
    if write:
        return f"give this user write access to {state_dir} and the files in it, or pass --state-dir"
    return f"give this user read access to {state_dir} and the files in it, or pass --state-dir"


def from_sqlite(error: sqlite3.Error, path: Path, *, write: bool) -> JournalError:
    """The journal error for what SQLite reported while opening or using `path`."""
    name = getattr(error, "sqlite_errorname", "") or ""
    code = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF  # the primary result code
    state_dir = path.parent
    if code in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT):
        return JournalError(path, f"not a usable journal database ({error})", _DAMAGED)
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return JournalError(
            path,
            f"locked by another process (waited {BUSY_TIMEOUT_SECONDS:g} s)",
            "another reconciler apply or watch is writing it; run again when it is done, or stop it",
        )
    if code == sqlite3.SQLITE_FULL:
        return JournalError(path, "the disk is full", f"free space on the file system of {state_dir} and run again")
    if code == sqlite3.SQLITE_IOERR:
        return JournalError(
            path,
            f"disk I/O error ({name}; a full disk or a failing one)",
            f"free space on (or repair) the file system of {state_dir} and run again",
        )
    if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_AUTH):
        if write:
            return JournalError(path, f"cannot be written ({error})", _access(state_dir, write))
        return JournalError(path, f"cannot be read ({error})", _access(state_dir, write))
    return JournalError(path, f"cannot be used ({error})", f"check the file; if it is damaged, {_DAMAGED}")


def from_os(error: OSError, path: Path, *, write: bool) -> JournalError:
    """The journal error for an OSError around the file (creating the state directory)."""
    state_dir = path.parent
    if isinstance(error, (FileExistsError, NotADirectoryError)) or error.errno in (errno.EEXIST, errno.ENOTDIR):
        return not_a_directory(path)
    if isinstance(error, PermissionError) or error.errno == errno.EROFS:
        problem = "a read-only file system" if error.errno == errno.EROFS else "permission denied"
        if write:
            todo = f"create it, or give this user write access to {state_dir.parent}, or pass --state-dir"
            return JournalError(path, f"cannot create the state directory {state_dir} ({problem})", todo)
        return JournalError(path, f"cannot be read ({problem})", _access(state_dir, write))
    if error.errno == errno.ENOSPC:
        return JournalError(path, "the disk is full", f"free space on the file system of {state_dir} and run again")
    return JournalError(path, f"cannot be used ({error.strerror or error})", _access(state_dir, write))


def not_a_directory(path: Path) -> JournalError:
    state_dir = path.parent
    blocker = next((p for p in (state_dir, *state_dir.parents) if p.exists() and not p.is_dir()), state_dir)
    if blocker == state_dir:
        what = f"the state path {state_dir} is a file, not a directory"
    else:
        what = f"the state directory {state_dir} cannot be made: {blocker} is a file, not a directory"
    return JournalError(
        path,
        what,
        "pass --state-dir (or set RECONCILER_STATE_DIR) to a directory, or move that file away",
    )


def newer_schema(path: Path, found: int, known: int) -> JournalError:
    return JournalError(
        path,
        f"written by a newer reconciler (journal schema {found}; this version knows up to {known})",
        "use that newer version of the reconciler with this state directory, or pass --state-dir",
    )


def needs_upgrade(path: Path, found: int, known: int, cause: JournalError) -> JournalError:
    """An older journal is upgraded on first use, which needs write access even to read it."""
    return JournalError(
        path,
        f"written by an older reconciler (journal schema {found}); upgrading it to schema {known} failed: {cause.what}",
        cause.todo + " (once: any command upgrades it)",
    )


def unreadable_log(path: Path, wal: Path) -> JournalError:
    """Commits still in the write-ahead log are read through the WAL index, which SQLite must
    be able to create."""
    return JournalError(
        path,
        f"its write-ahead log {wal.name} cannot be read without write access to {path.parent}",
        "run a reconciler command once with write access there (it folds the log into the journal), "
        "or give this user write access",
    )
