"""Intent read from real git repositories and folders made in temp directories."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import git
import psutil
import pytest
import yaml

from reconciler.intent.errors import IntentInvalid
from reconciler.intent.load import ParseCache, load_intent
from reconciler.intent.sources import FolderSource, GitSource

EXAMPLE = Path(__file__).resolve().parents[2] / "intent"
COMMAND = [sys.executable, "-m", "reconciler"]


def _commit(repo: git.Repo, message: str) -> str:
    repo.git.add(A=True)
    repo.index.commit(message)
    return repo.head.commit.hexsha


@pytest.fixture
def repo(tmp_path: Path) -> git.Repo:
    shutil.copytree(EXAMPLE, tmp_path / "intent")
    repository = git.Repo.init(tmp_path, initial_branch="main")
    with repository.config_writer() as config:
        config.set_value("user", "name", "Test")
        config.set_value("user", "email", "test@example.invalid")
    _commit(repository, "example intent")
    return repository


def _root(repo: git.Repo) -> Path:
    return Path(repo.working_tree_dir or ".")


def _add_route(repo: git.Repo, prefix: str) -> None:
    path = _root(repo) / "intent/routes/ams-edge.yaml"
    document = yaml.safe_load(path.read_text())
    document["static_routes"].append({"prefix": prefix, "next_hops": ["192.0.2.7"]})
    path.write_text(yaml.safe_dump(document))


def test_older_revision_differs_from_head_and_work_tree_is_untouched(repo: git.Repo) -> None:
    first = repo.head.commit.hexsha
    _add_route(repo, "10.77.0.0/16")
    second = _commit(repo, "add a route")
    before_files = {p: p.read_bytes() for p in (_root(repo) / "intent").rglob("*") if p.is_file()}
    old = load_intent(GitSource(_root(repo), first))
    new = load_intent(GitSource(_root(repo), "main"))
    assert (old.commit, new.commit) == (first, second)
    assert len(new.routers["router1"].static_routes) == len(old.routers["router1"].static_routes) + 1
    assert new.routers["router3"].fingerprint() == old.routers["router3"].fingerprint()
    after_files = {p: p.read_bytes() for p in (_root(repo) / "intent").rglob("*") if p.is_file()}
    assert after_files == before_files and not repo.is_dirty(untracked_files=True)


def test_intent_diff_names_exactly_the_affected_routers(repo: git.Repo) -> None:
    _add_route(repo, "10.77.0.0/16")
    _commit(repo, "add a route")
    done = subprocess.run(
        [*COMMAND, "intent", "diff", "--repo", str(_root(repo)), "--base", "HEAD~1", "--head", "HEAD",
         "--format", "json"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    routers = json.loads(done.stdout)["routers"]
    assert [r["router"] for r in routers] == ["router1", "router2"]
    assert routers[0]["changes"] == {"static_routes": {"added": 1, "removed": 0, "changed": 0}}
    text = subprocess.run(
        [*COMMAND, "intent", "diff", "--repo", str(_root(repo)), "--base", "HEAD~1"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert "router1 (changed): static routes +1 -0 ~0" in text.stdout and "router3" not in text.stdout


def test_pull_request_merge_refs_and_tags_resolve(repo: git.Repo) -> None:
    repo.create_tag("v1")
    repo.create_head("refs/pull/7/merge")
    for ref in ("v1", "HEAD", "refs/pull/7/merge", repo.head.commit.hexsha[:10]):
        assert load_intent(GitSource(_root(repo), ref)).commit == repo.head.commit.hexsha
    with pytest.raises(IntentInvalid, match="no such revision"):
        load_intent(GitSource(_root(repo), "no-such-branch"))


@pytest.mark.slow
def test_no_git_process_or_file_handle_outlives_a_load(repo: git.Repo) -> None:
    me = psutil.Process()
    load_intent(GitSource(_root(repo), "HEAD"), cache=None)  # warm up imports
    # Compare process ids, not counts: git processes the fixture's own Repo object started may
    # end during the test (when it is collected), which must not hide one a load left behind.
    fds, before = me.num_fds(), {child.pid for child in me.children(recursive=True)}
    for _ in range(1000):
        load_intent(GitSource(_root(repo), "HEAD"))
    for _ in range(20):
        load_intent(GitSource(_root(repo), "HEAD"), cache=None)  # and reading every blob again
    left = [child for child in me.children(recursive=True) if child.pid not in before]
    assert left == []
    assert me.num_fds() <= fds


def test_reloading_after_one_change_reparses_one_file(repo: git.Repo) -> None:
    cache = ParseCache()
    load_intent(GitSource(_root(repo), "HEAD"), cache)
    assert (cache.misses, cache.hits) == (5, 0)
    _add_route(repo, "10.78.0.0/16")
    _commit(repo, "one more")
    load_intent(GitSource(_root(repo), "HEAD"), cache)
    assert (cache.misses, cache.hits) == (6, 4)
    load_intent(FolderSource(_root(repo)), cache)  # the work tree: keyed by mtime and size
    load_intent(FolderSource(_root(repo)), cache)
    assert cache.hits == 4 + 5


def test_symlinks_are_refused_in_folder_and_in_git(repo: git.Repo) -> None:
    link = _root(repo) / "intent/routes/evil.yaml"
    link.symlink_to("/etc/passwd")
    with pytest.raises(IntentInvalid) as folder_failure:
        load_intent(FolderSource(_root(repo)))
    assert "intent/routes/evil.yaml: symlinks are not allowed in the intent folder" in str(folder_failure.value)
    _commit(repo, "a symlink")
    with pytest.raises(IntentInvalid, match="symlinks are not allowed"):
        load_intent(GitSource(_root(repo), "HEAD"))


def test_paths_leaving_the_repository_and_oversized_files_are_refused(repo: git.Repo) -> None:
    with pytest.raises(IntentInvalid, match="must stay inside the repository"):
        load_intent(FolderSource(_root(repo), "../outside"))
    with pytest.raises(IntentInvalid, match=r"intent/routes/ams-edge.yaml: file is \d+ bytes, over the limit of 100"):
        load_intent(FolderSource(_root(repo), max_file_bytes=100))


def test_same_key_declared_differently_names_both_places(repo: git.Repo) -> None:
    (_root(repo) / "intent/routes/other.yaml").write_text(
        "apply_to: {devices: [router1]}\nstatic_routes:\n  - {prefix: 10.10.0.0/16, next_hops: [192.0.2.9]}\n"
    )
    with pytest.raises(IntentInvalid) as failure:
        load_intent(FolderSource(_root(repo)))
    assert [str(e) for e in failure.value.errors] == [
        "intent/routes/other.yaml:3:5: static_routes[0]: static route inet.0 10.10.0.0/16 for router1 is declared "
        "differently in intent/routes/ams-edge.yaml:5"
    ]
    # The same route declared identically twice is fine.
    (_root(repo) / "intent/routes/other.yaml").write_text(
        "apply_to: {devices: [router1]}\nstatic_routes:\n"
        "  - {prefix: 10.10.0.0/16, next_hops: [192.0.2.2, 192.0.2.1], tag: 100}\n"
    )
    assert load_intent(FolderSource(_root(repo))).routers["router1"].static_routes


def test_unknown_routers_and_routing_instances_are_errors(repo: git.Repo) -> None:
    (_root(repo) / "intent/routes/other.yaml").write_text(
        "apply_to: {devices: [router9, router3]}\nstatic_routes:\n"
        "  - {prefix: 10.90.0.0/16, routing_instance: blue, next_hops: [192.0.2.9]}\n"
    )
    with pytest.raises(IntentInvalid) as failure:
        load_intent(FolderSource(_root(repo)))
    assert [str(e) for e in failure.value.errors] == [
        "intent/routes/other.yaml:1:22: apply_to.devices[0]: unknown router 'router9' (not in devices.yaml)",
        "intent/routes/other.yaml:3:5: static_routes[0]: router router3 has no routing instance 'blue' (list it "
        "under routing_instances in devices.yaml)",
    ]


def test_json_is_the_same_intent_as_yaml_and_its_errors_have_lines(repo: git.Repo) -> None:
    root = _root(repo)
    source = root / "intent/routes/ams-edge.yaml"
    document = yaml.safe_load(source.read_text())
    as_yaml = load_intent(FolderSource(root), cache=None)
    source.unlink()
    (root / "intent/routes/ams-edge.json").write_text(json.dumps(document, indent=1))
    as_json = load_intent(FolderSource(root), cache=None)
    assert {n: d.fingerprint() for n, d in as_json.routers.items()} == {
        n: d.fingerprint() for n, d in as_yaml.routers.items()
    }
    document["static_routes"][1]["prefix"] = "10.20.0.1/16"
    (root / "intent/routes/ams-edge.json").write_text(json.dumps(document, indent=1))
    with pytest.raises(IntentInvalid) as failure:
        load_intent(FolderSource(root), cache=None)
    [error] = failure.value.errors
    assert (error.path, error.field) == ("intent/routes/ams-edge.json", "static_routes[1].prefix")
    assert error.line > 1


def test_validate_command_text_and_json(repo: git.Repo) -> None:
    root = str(_root(repo))
    ok = subprocess.run([*COMMAND, "validate", "--repo", root], capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0 and ok.stdout.strip().endswith("ok")
    assert "router1: 5 static routes, 8 bgp paths, 2 filters, 2 bindings" in ok.stdout
    ok_json = subprocess.run(
        [*COMMAND, "validate", "--repo", root, "--format", "json"], capture_output=True, text=True, timeout=60
    )
    assert ok_json.returncode == 0, ok_json.stderr
    router1 = json.loads(ok_json.stdout)["routers"]["router1"]
    assert router1 == {"static_routes": 5, "bgp_paths": 8, "filters": 2, "bindings": 2}
    devices = _root(repo) / "intent/devices.yaml"
    devices.write_text(devices.read_text().replace("password_env: JET_PASSWORD", "password: s3cr3t-value"))
    (_root(repo) / "intent/routes/ams-edge.yaml").write_text("apply_to: {all: true}\nstatic_routes: [{prefix: x}]\n")
    bad = subprocess.run([*COMMAND, "validate", "--repo", root], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1
    assert "s3cr3t-value" not in bad.stdout + bad.stderr
    assert "intent/devices.yaml:5:51: defaults.credentials.password: an inline password is not allowed" in bad.stderr
    assert bad.stderr.count("inline password") == 1  # reported once, where it is written
    assert "errors; nothing was changed" in bad.stderr
    as_json = subprocess.run(
        [*COMMAND, "validate", "--repo", root, "--format", "json"], capture_output=True, text=True, timeout=60
    )
    report = json.loads(as_json.stdout)
    assert as_json.returncode == 1 and report["ok"] is False
    assert {e["path"] for e in report["errors"]} >= {"intent/devices.yaml"}
    assert all({"path", "line", "column", "field", "message"} == set(e) for e in report["errors"])
    assert os.environ.get("JET_PASSWORD") is None or os.environ["JET_PASSWORD"] not in as_json.stdout
