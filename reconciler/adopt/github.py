"""Opening a pull request through the GitHub REST API. The token comes from the
environment and is never printed or logged: errors name the status and the variable."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_API = "https://api.github.com"
TOKEN_VARIABLE = "GITHUB_TOKEN"
TIMEOUT = 30.0
_REMOTE = re.compile(r"(?:[:/])([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?/?$")


class PullRequestError(Exception):
    """One line: what GitHub answered (status and message), never the token."""


@dataclass(frozen=True)
class PullRequest:
    url: str
    number: int | None


def owner_repo(remote: str) -> tuple[str, str] | None:
    """('owner', 'repo') from git@github.com:owner/repo.git or https://github.com/owner/repo."""
    found = _REMOTE.search(remote.strip())
    return (found.group(1), found.group(2)) if found else None


def open_pull_request(
    environ: Mapping[str, str], owner: str, repo: str, *, head: str, base: str, title: str, body: str
) -> PullRequest:
    token = environ.get(TOKEN_VARIABLE, "")
    if not token:
        raise PullRequestError(f"{TOKEN_VARIABLE} is not set: it must hold a token allowed to open pull requests")
    api = (environ.get("GITHUB_API_URL") or DEFAULT_API).rstrip("/")
    request = urllib.request.Request(
        f"{api}/repos/{owner}/{repo}/pulls",
        data=json.dumps({"title": title, "head": head, "base": base, "body": body}).encode(),
        method="POST",
        headers={
            "Authorization": f"Bearer {token}",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
            "Content-Type": "application/json",
            "User-Agent": "jet-reconciler",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            answer = json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        raise PullRequestError(
            f"GitHub answered {error.code} opening a pull request on {owner}/{repo}: {_message(error)}"
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise PullRequestError(f"cannot reach {api} to open a pull request: {reason}") from None
    except ValueError:
        raise PullRequestError(f"{api} answered something that is not JSON") from None
    url = answer.get("html_url") if isinstance(answer, dict) else None
    if not isinstance(url, str):
        raise PullRequestError(f"{api} answered without the pull request's html_url")
    number = answer.get("number")
    return PullRequest(url, number if isinstance(number, int) else None)


def _message(error: urllib.error.HTTPError) -> str:
    try:
        body = json.loads(error.read() or b"{}")
    except (ValueError, OSError):
        return error.reason or "no message"
    message = body.get("message") if isinstance(body, dict) else None
    return str(message)[:200] if message else str(error.reason or "no message")
