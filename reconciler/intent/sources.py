"""Where intent files come from: a folder in the working tree, or a git revision read
straight from the object database (nothing checked out, the work tree untouched).

Both refuse symlinks and paths that leave the intent folder, and files over the
size limit. GitPython reads objects through `git cat-file` helper processes; the
repository is closed (ending them and its file handles) before every call
returns, so nothing outlives a call.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import git

from reconciler.intent.errors import IntentError

INTENT_SUFFIXES = (".yaml", ".yml", ".json")
_MIB = 1024 * 1024
# Per-format size limits, so that loading a file at the limit stays within the loader's
# memory budget (see bench/intent_memory.py): parsed YAML costs several times more
# memory per byte than JSON, which is decoded into typed values in one pass.
MAX_FILE_BYTES_BY_SUFFIX = {".yaml": 32 * _MIB, ".yml": 32 * _MIB, ".json": 64 * _MIB}
DEFAULT_MAX_FILE_BYTES = MAX_FILE_BYTES_BY_SUFFIX[".json"]
_SYMLINK_MODE = 0o120000
_SUBMODULE_MODE = 0o160000


@dataclass(frozen=True)
class SourceFile:
    path: str  # relative to the repository root, with /
    cache_key: str  # same key, same bytes: a parsed result may be reused
    size: int


_Reader = Callable[[SourceFile], bytes]


class SourceError(Exception):
    def __init__(self, errors: list[IntentError]) -> None:
        super().__init__("\n".join(map(str, errors)))
        self.errors = errors


def limit_of(path: str, limit: int | None) -> int:
    """The size limit of one file: the explicit one, or its format's."""
    return limit if limit is not None else MAX_FILE_BYTES_BY_SUFFIX[PurePosixPath(path).suffix]


def _intent_files(names: Iterator[tuple[str, int, str]], errors: list[IntentError], limit: int | None) -> list[str]:
    """Filter (path, size, kind) entries: intent files kept, bad entries reported."""
    kept = []
    for path, size, kind in names:
        if any(part.startswith(".") for part in PurePosixPath(path).parts):
            continue  # hidden files and folders are not intent
        if kind == "symlink":
            errors.append(IntentError(path, 0, 0, "", "symlinks are not allowed in the intent folder"))
        elif kind == "submodule":
            errors.append(IntentError(path, 0, 0, "", "submodules are not allowed in the intent folder"))
        elif path.endswith(INTENT_SUFFIXES):
            if kind == "special":
                errors.append(IntentError(path, 0, 0, "", "not a regular file (a pipe or device?)"))
            elif size > limit_of(path, limit):
                most = limit_of(path, limit)
                message = f"file is {size} bytes, over the limit of {most}: split it into several files"
                errors.append(IntentError(path, 0, 0, "", message))
            else:
                kept.append(path)
    return kept


def _check_subdir(subdir: str) -> PurePosixPath:
    relative = PurePosixPath(subdir)
    if relative.is_absolute() or ".." in relative.parts:
        raise SourceError([IntentError(subdir, 0, 0, "", "the intent path must stay inside the repository")])
    return relative


class FolderSource:
    """Intent files of a folder on disk (the working tree)."""

    def __init__(self, root: Path, subdir: str = "intent", max_file_bytes: int | None = None) -> None:
        self.root = root
        self.subdir = PurePosixPath(subdir)
        self.max_file_bytes = max_file_bytes
        self.label = f"working tree {root / self.subdir}"
        self.commit: str | None = None

    def files(self) -> list[SourceFile]:
        _check_subdir(str(self.subdir))
        base = self.root / self.subdir
        if base.is_symlink():
            raise SourceError([IntentError(str(self.subdir), 0, 0, "", "the intent folder must not be a symlink")])
        if not base.is_dir():
            raise SourceError([IntentError(str(self.subdir), 0, 0, "", "no such folder")])
        errors: list[IntentError] = []
        stats: dict[str, os.stat_result] = {}

        def walk() -> Iterator[tuple[str, int, str]]:
            for folder, dirs, names in os.walk(base, followlinks=False):
                for name in [*dirs, *names]:
                    full = Path(folder) / name
                    relative = full.relative_to(self.root).as_posix()
                    if full.is_symlink():
                        yield relative, 0, "symlink"
                    elif name in names:
                        stats[relative] = full.stat()
                        regular = stat.S_ISREG(stats[relative].st_mode)
                        yield relative, stats[relative].st_size, "file" if regular else "special"

        kept = _intent_files(walk(), errors, self.max_file_bytes)
        if errors:
            raise SourceError(errors)
        return [
            SourceFile(path, f"file:{path}:{stats[path].st_mtime_ns}:{stats[path].st_size}", stats[path].st_size)
            for path in sorted(kept)
        ]

    @contextmanager
    def reader(self) -> Iterator[_Reader]:
        def read(file: SourceFile) -> bytes:
            # Sizes were checked before; a file that grew since is not read past its limit.
            limit = limit_of(file.path, self.max_file_bytes)
            with (self.root / file.path).open("rb") as handle:
                raw = handle.read(limit + 1)
            if len(raw) > limit:
                message = f"file grew over the limit of {limit} bytes while being read"
                raise SourceError([IntentError(file.path, 0, 0, "", message)])
            return raw

        yield read


class GitSource:
    """Intent files of one git revision (branch, tag, SHA, HEAD, refs/pull/N/merge, ...)."""

    def __init__(self, repo: Path, ref: str, subdir: str = "intent", max_file_bytes: int | None = None) -> None:
        self.repo = repo
        self.ref = ref
        self.subdir = PurePosixPath(subdir)
        self.max_file_bytes = max_file_bytes
        self.commit: str | None = None
        self.label = f"{ref}"
        self._blobs: dict[str, str] = {}  # path -> blob id, from the last files() call

    def files(self) -> list[SourceFile]:
        _check_subdir(str(self.subdir))
        with _open(self.repo) as repo:
            try:
                commit = repo.commit(self.ref)
            except (git.BadName, ValueError, git.BadObject) as exc:
                raise SourceError([IntentError(self.ref, 0, 0, "", f"no such revision ({exc})")]) from None
            self.commit = commit.hexsha
            self.label = f"{self.ref} ({commit.hexsha[:12]})"
            try:
                tree = commit.tree / str(self.subdir) if str(self.subdir) != "." else commit.tree
            except KeyError:
                message = f"no folder {self.subdir} at {commit.hexsha[:12]}"
                raise SourceError([IntentError(str(self.subdir), 0, 0, "", message)]) from None
            entries: list[tuple[str, int, str, str]] = []
            item: Any
            for item in tree.traverse():
                if item.type == "tree":
                    continue
                if item.mode == _SYMLINK_MODE:
                    kind = "symlink"
                elif item.mode == _SUBMODULE_MODE or item.type == "submodule":
                    kind = "submodule"
                else:
                    kind = "file"
                size = item.size if kind == "file" else 0
                entries.append((str(item.path), int(size), kind, str(item.hexsha)))
        errors: list[IntentError] = []
        kept = set(_intent_files(((p, s, k) for p, s, k, _ in entries), errors, self.max_file_bytes))
        if errors:
            raise SourceError(errors)
        self._blobs = {p: sha for p, _, _, sha in entries if p in kept}
        sizes = {p: s for p, s, _, _ in entries}
        return [SourceFile(path, f"blob:{path}:{sha}", sizes[path]) for path, sha in sorted(self._blobs.items())]

    @contextmanager
    def reader(self) -> Iterator[_Reader]:
        with _open(self.repo) as repo:
            odb = repo.odb

            def read(file: SourceFile) -> bytes:
                return bytes(odb.stream(bytes.fromhex(self._blobs[file.path])).read())

            yield read


@contextmanager
def _open(path: Path) -> Iterator[git.Repo]:
    try:
        repo = git.Repo(path)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise SourceError([IntentError(str(path), 0, 0, "", "not a git repository")]) from None
    try:
        yield repo
    finally:
        repo.close()
