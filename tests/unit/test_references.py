"""Which files the inventory may make the reconciler read (the lexical rule; no file system)."""

from __future__ import annotations

from pathlib import PurePath

import pytest

from reconciler.model.references import credential_dirs, reference_problem

ALLOWED = credential_dirs({"RECONCILER_CREDENTIAL_DIRS": "/run/secrets:/etc/jet-reconciler/"})


@pytest.mark.parametrize("name", ["secrets/pw", "./tls/ca.pem", "a/../b", "/run/secrets/jet", "/etc/jet-reconciler/x"])
def test_inside_the_repository_or_an_allowed_directory_may_be_read(name: str) -> None:
    assert reference_problem(name, ALLOWED) is None


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("../outside-secret.txt", "points outside the repository"),
        ("a/../../x", "points outside the repository"),
        ("/etc/shadow", "an absolute path must be under a directory named in RECONCILER_CREDENTIAL_DIRS"),
        ("/run/secrets/../../etc/shadow", "an absolute path must be under a directory named"),
        ("/run/secretsX/pw", "an absolute path must be under a directory named"),
        (".git/config", "is inside .git"),
        ("sub/.git/config", "is inside .git"),
        ("", "not a usable file name"),
        ("pw\x00", "not a usable file name"),
    ],
)
def test_anything_else_is_refused_with_the_reason(name: str, why: str) -> None:
    problem = reference_problem(name, ALLOWED)
    assert problem is not None and why in problem


def test_the_allowed_directories_come_from_the_operator_only() -> None:
    assert credential_dirs({}) == ()
    assert credential_dirs({"RECONCILER_CREDENTIAL_DIRS": " :/a/b/"}) == (PurePath("/a/b"),)
