"""`reconciler adopt`: a router's drift committed as an intent change on a new branch, which
validates and plans to zero changes against the drifted router; `--open-pr` pushes the branch
and opens a pull request on a loopback server answering like GitHub."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar

import git
import pytest

from reconciler.model.ownership import is_owned
from tests.helpers import PASSWORD, USER
from tests.integration.apply_lab import Lab
from tests.integration.apply_lab import lab as lab  # the fixture
from tests.integration.test_events import mosquitto as mosquitto  # the broker fixture
from tests.integration.test_watch import WatchLab, _make_lab, wait_for

ROUTER3_FILE = """\
# Routes of router3 only.
apply_to: {devices: [router3]}

static_routes:
  # the transit block
  - {prefix: 10.30.0.0/16, next_hops: [192.0.2.1], preference: 7}   # keep this comment
  - {prefix: 10.31.0.0/16, next_hops: [192.0.2.1, 192.0.2.2]}
  - prefix: 10.32.0.0/16
    next_hops: [192.0.2.3]
"""


def _with_router3_file(lab: Lab) -> None:
    (lab.root / "intent/routes/router3.yaml").write_text(ROUTER3_FILE)
    lab.commit("router3 routes")
    applied = lab.run("apply", "--ref", "HEAD", "--devices", "router3", "--auto-approve")
    assert applied.returncode == 0, applied.stdout + applied.stderr


def _show(lab: Lab, branch: str, path: str) -> str:
    blob = lab.repo.commit(branch).tree / path
    return bytes(blob.data_stream.read()).decode()


def test_hand_changes_become_an_intent_branch_that_plans_to_zero(lab: Lab) -> None:
    _with_router3_file(lab)
    lab.admin.act("router3", "change-route", table="inet.0", prefix="10.30.0.0/16", preference=9)
    lab.admin.act("router3", "change-route", table="inet.0", prefix="10.32.0.0/16", next_hops=["192.0.2.7"])
    lab.admin.act("router3", "delete-route", table="inet.0", prefix="10.31.0.0/16")
    assert lab.run("plan", "--ref", "main", "--devices", "router3").returncode == 2  # drift: changes to revert

    done = lab.run("adopt", "router3", "--branch", "adopt/router3")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "router3: 3 changes adopted on branch adopt/router3" in done.stdout
    assert "static_route inet.0 10.30.0.0/16: preference 7 -> 9" in done.stdout
    assert "static_route inet.0 10.31.0.0/16: deleted on the router, removed" in done.stdout
    assert "warning" not in done.stderr

    # The working tree and its branch are untouched.
    assert lab.repo.active_branch.name == "main"
    assert not lab.repo.is_dirty(untracked_files=True)
    assert (lab.root / "intent/routes/router3.yaml").read_text() == ROUTER3_FILE
    edited = _show(lab, "adopt/router3", "intent/routes/router3.yaml")
    assert edited == (
        "# Routes of router3 only.\n"
        "apply_to: {devices: [router3]}\n"
        "\n"
        "static_routes:\n"
        "  # the transit block\n"
        "  - {prefix: 10.30.0.0/16, next_hops: [192.0.2.1], preference: 9}   # keep this comment\n"
        "  - prefix: 10.32.0.0/16\n"
        "    next_hops: [192.0.2.7]\n"
    )
    message = lab.repo.commit("adopt/router3").message
    assert str(message).startswith("Adopt drift of router3 into the intent")
    assert "- static_route inet.0 10.32.0.0/16: next_hops [192.0.2.3] -> [192.0.2.7]" in str(message)

    planned = lab.run("plan", "--ref", "adopt/router3", "--devices", "router3")
    assert planned.returncode == 0, planned.stdout + planned.stderr

    again = lab.run("adopt", "router3", "--branch", "adopt/router3")
    assert again.returncode == 1
    assert again.stderr.strip() == "error: branch adopt/router3 exists already in " + str(lab.root) + \
        ": name another with --branch"  # fmt: skip


def test_a_shared_file_is_edited_only_when_asked(lab: Lab) -> None:
    assert lab.run("apply", "--ref", "HEAD", "--devices", "router3", "--auto-approve").returncode == 0
    lab.admin.act("router3", "change-route", table="inet.0", prefix="10.123.0.0/24", kind="bgp", preference=300)

    refused = lab.run("adopt", "router3", "--kinds", "bgp_routes")
    assert refused.returncode == 0, refused.stderr
    assert "router3: no drift to adopt; no branch made" in refused.stdout
    assert ("not adopted: bgp_path inet.0 10.123.0.0/24 via 10.0.0.1: intent/routes/bgp-multipath.yaml also "
            "applies to router1, router2 (edit it by hand, or adopt with --shared") in refused.stdout  # fmt: skip
    assert [h.name for h in lab.repo.heads] == ["main"]

    done = lab.run("adopt", "router3", "--kinds", "bgp_routes", "--shared", "--branch", "adopt/bgp")
    assert done.returncode == 0, done.stdout + done.stderr
    edited = _show(lab, "adopt/bgp", "intent/routes/bgp-multipath.yaml")
    assert "      - {next_hop: 10.0.0.1, local_preference: 300}\n" in edited
    assert edited.startswith("# One prefix, several paths")
    assert lab.run("plan", "--ref", "adopt/bgp", "--devices", "router3").returncode == 0


class _GitHub(BaseHTTPRequestHandler):
    requests: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.requests.append({"path": self.path, "auth": self.headers["Authorization"], "body": body})
        answer = json.dumps({"number": 7, "html_url": "https://github.example/acme/intent/pull/7"}).encode()
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def github() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    requests: ClassVar[list[dict[str, Any]]] = []
    handler = type("Handler", (_GitHub,), {"requests": requests})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/api/v3", requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_a_foreign_route_adopted_and_a_pull_request_opened(
    lab: Lab, github: tuple[str, list[dict[str, Any]]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    api, requests = github
    origin = tmp_path / "acme" / "intent.git"
    git.Repo.init(origin, bare=True)
    lab.repo.create_remote("origin", str(origin))
    lab.repo.git.push("origin", "main")
    _with_router3_file(lab)
    lab.repo.git.push("origin", "main")
    lab.admin.act("router3", "add-config-route", table="inet.0", prefix="10.99.0.0/16", next_hop="192.0.2.50")
    monkeypatch.setenv("GITHUB_TOKEN", "secret-token-value")
    monkeypatch.setenv("GITHUB_API_URL", api)

    done = lab.run("adopt", "router3", "--include-foreign", "10.99.0.0/16,10.98.0.0/16", "--open-pr")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "secret-token-value" not in done.stdout + done.stderr
    assert "pull request: https://github.example/acme/intent/pull/7" in done.stdout
    assert "not adopted: 10.98.0.0/16: no foreign route with this prefix on router3" in done.stdout
    (branch,) = [h.name for h in lab.repo.heads if h.name != "main"]
    assert branch.startswith("adopt/router3-")
    assert git.Repo(origin).commit(branch).hexsha == lab.repo.commit(branch).hexsha  # pushed
    (request,) = requests
    assert request["path"] == "/api/v3/repos/acme/intent/pulls"
    assert request["auth"] == "Bearer secret-token-value"
    assert request["body"]["head"] == branch and request["body"]["base"] == "main"
    assert request["body"]["title"] == "Adopt drift of router3 into the intent"
    assert "static_route inet.0 10.99.0.0/16: foreign route adopted" in request["body"]["body"]
    adopted = _show(lab, branch, "intent/routes/adopted-router3.yaml")
    assert "apply_to: {devices: [router3]}\n" in adopted
    assert "- prefix: 10.99.0.0/16\n  next_hops: [192.0.2.50]\n" in adopted
    # Validates; the one change planned is our own copy of the adopted route (the take-over).
    planned = lab.run("plan", "--ref", branch, "--devices", "router3", "--format", "json")
    assert planned.returncode == 2, planned.stderr
    changes = json.loads(planned.stdout)["routers"][0]["changes"]
    assert [(c["action"], c["key"]) for c in changes] == [("create", "inet.0 10.99.0.0/16")]
    assert (lab.root / "intent/routes/adopted-router3.yaml").exists() is False


def test_a_refused_pull_request_names_the_status_not_the_token(lab: Lab, monkeypatch: pytest.MonkeyPatch) -> None:
    _with_router3_file(lab)
    lab.admin.act("router3", "change-route", table="inet.0", prefix="10.30.0.0/16", preference=9)
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    done = lab.run("adopt", "router3", "--branch", "adopt/x", "--push")
    assert done.returncode == 1
    assert "error: branch adopt/x committed (" in done.stderr
    assert "but cannot push adopt/x to origin" in done.stderr


@pytest.fixture
def adopt_lab(tmp_path: Path, mosquitto: int, monkeypatch: pytest.MonkeyPatch) -> Iterator[WatchLab]:
    monkeypatch.setenv("JET_USER", USER)
    monkeypatch.setenv("JET_PASSWORD", PASSWORD)

    def adopt(inventory: dict[str, Any]) -> None:
        inventory["devices"]["router3"]["drift"] = {"static_routes": "adopt"}

    yield from _make_lab(tmp_path, mosquitto, adopt)


def _preference(lab: WatchLab, prefix: str) -> int:
    (route,) = [r for r in lab.admin.routes("router3") if r["prefix"] == prefix and is_owned(r["cookie"])]
    return int(route["preference"])


def test_the_adopt_policy_keeps_the_drift_and_proposes_one_branch(
    adopt_lab: WatchLab, caplog: pytest.LogCaptureFixture
) -> None:
    lab = adopt_lab
    caplog.set_level(logging.INFO, logger="reconciler.watch.controller")
    (lab.root / "intent/routes/router3.yaml").write_text(ROUTER3_FILE)
    lab.commit("router3 routes")
    assert wait_for(lambda: "10.32.0.0/16" in lab.owned("router3") and lab.settled(), 30)
    lab.admin.act("router3", "change-route", table="inet.0", prefix="10.30.0.0/16", preference=9)
    assert wait_for(lambda: "adopt/router3" in [h.name for h in lab.repo.heads], 20), lab.journal.drifts("router3")
    first = lab.repo.commit("adopt/router3").hexsha
    edited = bytes((lab.repo.commit("adopt/router3").tree / "intent/routes/router3.yaml").data_stream.read()).decode()
    assert "  - {prefix: 10.30.0.0/16, next_hops: [192.0.2.1], preference: 9}   # keep this comment\n" in edited
    assert _preference(lab, "10.30.0.0/16") == 9  # reported, not written back
    assert lab.repo.active_branch.name == "main"

    # A branch still open: more drift is reported, and no second proposal is made.
    lab.admin.act("router3", "change-route", table="inet.0", prefix="10.32.0.0/16", preference=11)
    still_open = "router3: drift to adopt; branch adopt/router3 is still open, not proposing another"
    assert wait_for(lambda: still_open in caplog.text, 10), caplog.text
    assert lab.repo.commit("adopt/router3").hexsha == first
    assert _preference(lab, "10.32.0.0/16") == 11
