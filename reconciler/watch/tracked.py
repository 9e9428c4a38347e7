"""The repository the watcher tracks: a local clone used in place, or a URL cloned
into the state directory and fetched before every look at the branch."""

from __future__ import annotations

import hashlib
from pathlib import Path

import git


class TrackedRepo:
    def __init__(self, repo: Path | str, branch: str, clones: Path) -> None:
        text = str(repo)
        self.remote = "://" in text or text.startswith("git@")
        self.url = text
        if self.remote:
            self.path = clones / hashlib.sha256(text.encode()).hexdigest()[:16]
            self.ref = f"refs/remotes/origin/{branch}"
        else:
            self.path = Path(repo)
            self.ref = branch
        self.branch = branch

    def fetch(self) -> None:
        """Bring the tracked branch up to date (a no-op for a local repository)."""
        if not self.remote:
            return
        if not (self.path / "HEAD").exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            git.Repo.clone_from(self.url, self.path, bare=True).close()
        repo = git.Repo(self.path)
        try:
            repo.git.fetch("origin", f"+refs/heads/{self.branch}:refs/remotes/origin/{self.branch}", "--prune")
        finally:
            repo.close()
