"""One adoption: read the router, choose the edits, write them on a branch, push and open
a pull request if asked. Shared by `reconciler adopt` and the watcher's `adopt` policy."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import git

from reconciler.adopt import branch as branches
from reconciler.adopt.edits import KINDS, Adoption, Edit, Inputs, choose
from reconciler.adopt.files import EditError, edit_text, new_file
from reconciler.adopt.github import PullRequestError, open_pull_request, owner_repo
from reconciler.adopt.places import declarations
from reconciler.engine.reconcile import plan_router
from reconciler.intent.errors import IntentInvalid
from reconciler.intent.files import ParsedFile, parse_intent_file
from reconciler.intent.load import DEVICES_FILE_NAMES, Intent, load_intent
from reconciler.intent.sources import FolderSource, SourceError
from reconciler.model.prefixes import parse_prefix
from reconciler.plan.model import Change, Kind, Observed, RouterPlan
from reconciler.port.errors import RouterError
from reconciler.port.session import Connector, Role
from reconciler.store.journal import DriftRecord, Journal

ALL_KINDS = tuple(KINDS)


class AdoptError(Exception):
    """The adoption cannot go on; one line saying why and what to do."""


@dataclass(frozen=True)
class Request:
    repo: Path
    router: str
    base: str = "main"
    path: str = "intent"
    kinds: tuple[str, ...] = ALL_KINDS
    branch: str | None = None  # default: adopt/ROUTER-<UTC time>
    foreign: tuple[str, ...] = ()  # prefixes of foreign routes to adopt
    shared: bool = False  # edit entries of files that apply to other routers too
    replace: bool = False  # point an existing branch at the new commit (the watcher's one branch per router)
    push: bool = False
    open_pr: bool = False
    remote: str = "origin"
    github_repo: str | None = None  # owner/name; default: from the remote's URL


@dataclass
class Result:
    router: str
    adoption: Adoption
    branch: str | None = None  # None: nothing to adopt, no branch
    commit: str | None = None
    message: str = ""
    remaining: list[str] = field(default_factory=list)  # drift the adopted intent still plans (checked by a read)
    pull_request: str | None = None


def default_branch(router: str, now: float | None = None) -> str:
    return f"adopt/{router}-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime(now))}"


def adopted_file(path: str, router: str) -> str:
    return str(PurePosixPath(path) / "routes" / f"adopted-{router}.yaml")


def kinds_of(names: tuple[str, ...]) -> frozenset[Kind]:
    unknown = [n for n in names if n not in KINDS]
    if unknown:
        raise AdoptError(f"unknown kind {unknown[0]!r}: adopt takes {', '.join(KINDS)}")
    return frozenset(KINDS[n] for n in names)


def canonical_prefixes(prefixes: tuple[str, ...]) -> tuple[str, ...]:
    result = []
    for text in prefixes:
        try:
            result.append(parse_prefix(text)[0])
        except ValueError as error:
            raise AdoptError(f"--include-foreign {text}: {error}") from None
    return tuple(result)


def _load(tree: Path, path: str, what: str) -> Intent:
    try:
        return load_intent(FolderSource(tree, path), cache=None)
    except IntentInvalid as error:
        first = error.lines()[0] if error.lines() else "invalid"
        raise AdoptError(f"{what} does not validate ({error.total} errors; first: {first})") from None


def _parsed_files(tree: Path, path: str) -> list[ParsedFile]:
    source = FolderSource(tree, path)
    try:
        files = source.files()
    except SourceError as error:
        raise AdoptError(str(error).splitlines()[0]) from None
    parsed = []
    with source.reader() as read:
        for file in files:
            if PurePosixPath(file.path).name not in DEVICES_FILE_NAMES:
                parsed.append(parse_intent_file(file.path, read(file)))
    return parsed


def _read(intent: Intent, router: str, tree: Path, journal: Journal, connect: Connector) -> tuple[RouterPlan, Observed]:
    desired = intent.routers[router]
    try:
        session = connect(router, desired.entry, tree, Role.READER)
    except RouterError as error:
        raise AdoptError(f"{router}: cannot open a session: {error}") from None
    try:
        return plan_router(desired, session, journal)
    except RouterError as error:
        raise AdoptError(f"{router}: read failed, nothing adopted: {error}") from None
    finally:
        session.close()


def _drift(plan: RouterPlan, kinds: frozenset[Kind]) -> list[Change]:
    return [c for c in [*plan.changes, *plan.reported] if c.kind in kinds]


def _write(tree: Path, router: str, edits: list[Edit]) -> list[str]:
    by_file: dict[str, list[Edit]] = defaultdict(list)
    for edit in edits:
        by_file[edit.path].append(edit)
    for path, file_edits in by_file.items():
        target = tree / path
        text = target.read_text(encoding="utf-8") if target.exists() else new_file(router, path)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(edit_text(path, text, file_edits), encoding="utf-8")
        except EditError as error:
            raise AdoptError(str(error)) from None
    return sorted(by_file)


def _when(at: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(at))


def commit_message(router: str, result: Adoption, records: list[DriftRecord], base: str, read_at: float) -> str:
    """What drifted, when and by which event (the journal's drift records), and what is adopted."""
    lines = [
        f"Adopt drift of {router} into the intent",
        "",
        f"{router} was changed outside the intent; this makes the intent say what the router holds.",
        f"Read from {router} at {_when(read_at)}; based on {base}.",
        "",
    ]
    if records:
        lines.append("Drift the watcher recorded (latest first):")
        lines += [
            f"- {_when(r.detected_at)}: {r.change} {r.kind} {r.subject} (seen on {r.trigger}; policy {r.policy})"
            for r in records[:20]
        ]
        if len(records) > 20:
            lines.append(f"- ... and {len(records) - 20} more")
    else:
        lines.append("No drift record in the journal: found by this read (the watcher did not see it happen).")
    lines += ["", "Changes:", *(f"- {line}" for line in result.lines())]
    return "\n".join(lines) + "\n"


def _records(journal: Journal, router: str, changes: list[Change]) -> list[DriftRecord]:
    keys = {c.key for c in changes}
    return [r for r in journal.drifts(router, limit=1000) if r.subject in keys]


def adopt(request: Request, journal: Journal, connect: Connector, environ: Mapping[str, str]) -> Result:
    kinds = kinds_of(request.kinds)
    foreign = canonical_prefixes(request.foreign)
    branch = request.branch or default_branch(request.router)
    if request.branch is not None and not request.replace and branches.branch_exists(request.repo, branch):
        raise AdoptError(f"branch {branch} exists already in {request.repo}: name another with --branch")
    with branches.worktree(request.repo, request.base) as tree:
        intent = _load(tree, request.path, f"the intent at {request.base}")
        if request.router not in intent.routers:
            raise AdoptError(f"unknown router {request.router} (not in the inventory at {request.base})")
        read_at = time.time()
        plan, observed = _read(intent, request.router, tree, journal, connect)
        changes = _drift(plan, kinds)
        routers = {name: r.entry for name, r in intent.routers.items()}
        places = declarations(_parsed_files(tree, request.path), request.router, routers)
        drifted = frozenset(r.subject for r in journal.drifts(request.router, limit=1000) if r.change == "create")
        adoption = choose(
            Inputs(
                request.router,
                changes,
                observed,
                places,
                kinds,
                journal.owned_keys(request.router),
                drifted,
                foreign,
                adopted_file(request.path, request.router),
                request.shared,
            )
        )
        result = Result(request.router, adoption)
        if not adoption.edits:
            return result
        files = _write(tree, request.router, adoption.edits)
        adopted = _load(tree, request.path, "the adopted intent")
        after, _ = _read(adopted, request.router, tree, journal, connect)
        result.remaining = [f"{c.action.value} {c.kind.value} {c.key}" for c in _drift(after, kinds)]
        base_sha = git.Repo(request.repo).commit(request.base).hexsha
        result.message = commit_message(
            request.router,
            adoption,
            _records(journal, request.router, changes),
            f"{request.base} ({base_sha[:12]})",
            read_at,
        )
        try:
            result.commit = branches.commit_on_branch(
                request.repo, tree, files, result.message, branch, replace=request.replace
            )
        except branches.BranchError as error:
            raise AdoptError(str(error)) from None
        result.branch = branch
    try:
        if request.push or request.open_pr:
            branches.push(request.repo, branch, request.remote, force=request.replace)
        if request.open_pr:
            result.pull_request = _open(request, result, environ)
    except (branches.BranchError, PullRequestError) as error:
        raise AdoptError(f"branch {branch} committed ({(result.commit or '')[:12]}), but {error}") from None
    return result


def _open(request: Request, result: Result, environ: Mapping[str, str]) -> str:
    names = request.github_repo
    if names is None:
        url = branches.remote_url(request.repo, request.remote)
        found = owner_repo(url) if url else None
        if found is None:
            raise PullRequestError(
                f"cannot tell the GitHub repository from remote {request.remote}: give --github-repo"
            )
        owner, name = found
    else:
        owner, _, name = names.partition("/")
    assert result.branch is not None
    title, _, body = result.message.partition("\n")
    return open_pull_request(
        environ, owner, name, head=result.branch, base=request.base, title=title, body=body.strip()
    ).url
