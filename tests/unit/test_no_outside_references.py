"""No tracked file points outside the repository (to a `shared` folder beside it).

Users never see folders beside the repository, so the facts the code relies on
live in docs/jet-router-behaviour.md and the wire table in
tests/data/wire-schema-v2.md.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Spelled in two pieces so that this file does not match itself.
FORBIDDEN = ("../" + "shared", "shared" + "/jet")
# Not checked: the wire-table snapshot and other test data, and protoc's output.
SKIPPED_PREFIXES = ("tests/data/", "reconciler/wire/generated/")


def _tracked_files() -> list[str]:
    listing = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True).stdout.decode()
    return [name for name in listing.split("\0") if name]


def _violations(path: str) -> list[str]:
    try:
        text = (ROOT / path).read_text(encoding="utf-8")
    except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
        return []  # binary, or deleted in the working tree but not yet in git
    return [
        f"{path}:{number}: {line.strip()}"
        for number, line in enumerate(text.splitlines(), start=1)
        if any(needle in line for needle in FORBIDDEN)
    ]


def test_no_tracked_file_points_outside_the_repository() -> None:
    found: list[str] = []
    for path in _tracked_files():
        if path.startswith(SKIPPED_PREFIXES):
            continue
        found.extend(_violations(path))
    for line in found:
        print(line)
    assert not found, "files point outside the repository:\n" + "\n".join(found)
