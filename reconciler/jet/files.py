"""Reading a file the inventory names (a password file, a TLS file), confined.

The inventory comes from git, possibly from a pull request, so a name in it must
not make the reconciler read any file of the machine it runs on: a CI runner's
other secrets, /etc/shadow, a FIFO that blocks forever, /dev/zero. A name is read
only when
- the lexical rule of `reconciler.model.references` allows it (relative and
  inside the repository, or absolute under RECONCILER_CREDENTIAL_DIRS), and
- its real path, after symbolic links, is inside the real repository root or
  under a real allowed directory (a symlink committed to the repository may
  not point outside), and
- it is a regular file of at most MAX_BYTES.
Errors name the field and the reference, never the content.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path

from reconciler.model.references import CREDENTIAL_DIRS_ENV, credential_dirs, reference_problem
from reconciler.port.errors import ConfigError

MAX_BYTES = 1024 * 1024  # a PEM bundle or a password file is a few KiB
_OPEN_FLAGS = os.O_RDONLY | os.O_CLOEXEC | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)


def _inside(path: Path, directory: Path) -> bool:
    return path == directory or directory in path.parents


def read_reference(root: Path, name: str, what: str, router: str, environ: Mapping[str, str]) -> bytes:
    """The content of the file `name` (field `what` of `router`'s inventory entry)."""

    def refuse(problem: str) -> ConfigError:
        return ConfigError(router, "connect", f"{what}: {name} {problem} (not read)")

    allowed = credential_dirs(environ)
    problem = reference_problem(name, allowed)
    if problem is not None:
        raise refuse(problem)
    path = Path(name) if Path(name).is_absolute() else root / name
    real = Path(os.path.realpath(path))
    bases = [Path(os.path.realpath(root)), *(Path(os.path.realpath(directory)) for directory in allowed)]
    if not any(_inside(real, base) for base in bases):
        raise refuse(f"resolves to {real}, outside the repository and the directories in {CREDENTIAL_DIRS_ENV}")
    try:
        if not stat.S_ISREG(os.stat(real).st_mode):
            raise refuse("is not a regular file")
        # The resolved path, without following links or blocking, and the type checked
        # again on what was opened: the file may have been swapped since.
        with os.fdopen(os.open(real, _OPEN_FLAGS), "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise refuse("is not a regular file")
            data = file.read(MAX_BYTES + 1)
    except OSError as error:
        raise ConfigError(router, "connect", f"{what}: cannot read {name} ({error.strerror})") from None
    if len(data) > MAX_BYTES:
        raise refuse(f"is larger than {MAX_BYTES // 1024} KiB")
    return data
