"""Where a file named by the inventory (a password file, a TLS file) may live.

Intent content alone must never make the reconciler read an arbitrary file: a
pull request could otherwise point `password_file` at another secret of the CI
runner. A reference is either a relative path that stays inside the intent
repository, or an absolute path under one of the directories an operator named
explicitly (RECONCILER_CREDENTIAL_DIRS, `os.pathsep`-separated).

This module is lexical only (no file system); the driver checks the resolved
path again, after symbolic links, before it reads anything.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import PurePath, PurePosixPath

CREDENTIAL_DIRS_ENV = "RECONCILER_CREDENTIAL_DIRS"


def credential_dirs(environ: Mapping[str, str]) -> tuple[PurePath, ...]:
    """The directories outside the repository that an operator allowed file references into."""
    raw = environ.get(CREDENTIAL_DIRS_ENV, "")
    return tuple(PurePath(os.path.normpath(part)) for part in raw.split(os.pathsep) if part.strip())


def _inside(path: PurePath, directory: PurePath) -> bool:
    return path == directory or directory in path.parents


def reference_problem(name: str, allowed: Sequence[PurePath]) -> str | None:
    """Why `name` may not be read, or None when it may."""
    if not name or "\x00" in name:
        return "is not a usable file name"
    path = PurePosixPath(name)
    if ".git" in path.parts:
        return "is inside .git (git's own files, such as credentials a CI checkout keeps there, are never read)"
    if path.is_absolute():
        normal = PurePath(os.path.normpath(name))
        if any(_inside(normal, directory) for directory in allowed):
            return None
        return f"is outside the repository; an absolute path must be under a directory named in {CREDENTIAL_DIRS_ENV}"
    depth = 0
    for part in path.parts:
        depth += -1 if part == ".." else (0 if part == "." else 1)
        if depth < 0:
            return "points outside the repository (a relative path may not climb above it with '..')"
    return None
