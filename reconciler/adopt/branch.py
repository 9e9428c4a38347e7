"""Committing edited intent files on a branch of the intent repository, in a temporary
worktree: the repository's checked-out branch and working tree are never touched."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import git

AUTHOR = ("jet-reconciler adopt", "reconciler@localhost")  # when the repository names no committer


class BranchError(Exception):
    """Git refused something; one line naming the repository and what to do."""


def _reason(error: git.GitCommandError) -> str:
    text = str(error.stderr or "").strip().replace("\n", " ")
    return text.removeprefix("stderr: ").strip("' ") or f"git exited {error.status}"


@contextmanager
def worktree(repo_path: Path, base: str) -> Iterator[Path]:
    """A detached worktree of `base`, removed afterwards."""
    repo = git.Repo(repo_path)
    try:
        try:
            repo.commit(base)
        except (git.BadName, ValueError):
            raise BranchError(f"{repo_path}: no revision {base!r} (check --base)") from None
        with tempfile.TemporaryDirectory(prefix="reconciler-adopt-") as folder:
            tree = Path(folder) / "tree"
            try:
                repo.git.worktree("add", "--detach", str(tree), base)
            except git.GitCommandError as error:
                raise BranchError(f"{repo_path}: cannot make a worktree of {base}: {_reason(error)}") from None
            try:
                yield tree
            finally:
                repo.git.worktree("remove", "--force", str(tree))
    finally:
        repo.close()


def branch_exists(repo_path: Path, branch: str) -> bool:
    with git.Repo(repo_path) as repo:
        return f"refs/heads/{branch}" in {ref.path for ref in repo.heads}


def merged(repo_path: Path, branch: str, base: str) -> bool:
    """The branch's tip is contained in `base` (merged, or never moved past it)."""
    with git.Repo(repo_path) as repo:
        try:
            return bool(repo.is_ancestor(repo.commit(branch), repo.commit(base)))
        except (git.BadName, ValueError, git.GitCommandError):
            return False


def commit_on_branch(
    repo_path: Path, tree: Path, files: list[str], message: str, branch: str, *, replace: bool = False
) -> str:
    """Commit `files` (paths relative to the repository, written in `tree`) and point `branch`
    at the commit; an existing branch is refused unless `replace`. Returns the commit id."""
    with git.Repo(tree) as work:
        try:
            work.git.add("--", *files)
            env = {}
            reader = work.config_reader()
            if not reader.has_option("user", "name") or not reader.has_option("user", "email"):
                env = {
                    "GIT_AUTHOR_NAME": AUTHOR[0],
                    "GIT_AUTHOR_EMAIL": AUTHOR[1],
                    "GIT_COMMITTER_NAME": AUTHOR[0],
                    "GIT_COMMITTER_EMAIL": AUTHOR[1],
                }
            work.git.commit("-m", message, "--no-verify", env=env)
            sha = work.head.commit.hexsha
            work.git.branch(*(["-f"] if replace else []), branch, sha)
        except git.GitCommandError as error:
            raise BranchError(f"{repo_path}: cannot commit on branch {branch}: {_reason(error)}") from None
    return str(sha)


def push(repo_path: Path, branch: str, remote: str = "origin", *, force: bool = False) -> None:
    with git.Repo(repo_path) as repo:
        try:
            repo.git.push(*(["--force"] if force else []), remote, f"refs/heads/{branch}:refs/heads/{branch}")
        except git.GitCommandError as error:
            raise BranchError(f"cannot push {branch} to {remote}: {_reason(error)}") from None


def remote_url(repo_path: Path, remote: str = "origin") -> str | None:
    with git.Repo(repo_path) as repo:
        try:
            return str(repo.remote(remote).url)
        except ValueError:
            return None
