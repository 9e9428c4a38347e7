"""The files a trusted revision's inventory names, as that revision has them.

A plan of a pull request contacts routers with the base revision's connection
settings; the files those settings name (a password file, TLS files) must come
from the base revision too, not from the checkout of the pull request, which
could replace a CA file with its own. They are copied out of the git object
database into a private folder, which then serves as the root the driver
resolves relative references against. Absolute references (under the
directories an operator allowed) are left to the driver.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

import git

from reconciler.model.intent import RouterEntry

_REGULAR_MODES = (0o100644, 0o100755)
MAX_REFERENCED_BYTES = 1024 * 1024  # a PEM bundle or a password file is small


def references(entry: RouterEntry) -> list[str]:
    """The relative file names an inventory entry makes the driver read."""
    names = [entry.credentials.password_file]
    if entry.tls is not None:
        names += [entry.tls.ca, entry.tls.cert, entry.tls.key_file]
    return [name for name in names if name and not PurePosixPath(name).is_absolute()]


def export_references(repo: Path, commit: str, entries: Iterable[RouterEntry], into: Path) -> None:
    """Write each referenced file of `commit` to `into`, at the same relative path, readable by
    this user only. A name the revision does not have as a regular file is not written: the
    driver then reports it missing, naming it."""
    names = sorted({PurePosixPath(os.path.normpath(name)) for entry in entries for name in references(entry)})
    if not names:
        return
    with git.Repo(repo) as repository:
        tree = repository.commit(commit).tree
        for relative in names:
            if relative.parts[:1] == ("..",):
                continue  # never leaves the folder; validation already refused it
            try:
                blob = tree / relative.as_posix()
            except KeyError:
                continue
            if blob.type != "blob" or blob.mode not in _REGULAR_MODES or blob.size > MAX_REFERENCED_BYTES:
                continue  # a symlink, a submodule or an oversized file is never followed
            target = into / relative
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as out:
                out.write(blob.data_stream.read())
