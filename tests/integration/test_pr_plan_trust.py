"""A pull request cannot send the CI credentials anywhere: `plan --base` contacts routers with
the base revision's connection settings and files, and does not contact a router the
pull request adds."""

from __future__ import annotations

import json
import select
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.helpers import PASSWORD
from tests.integration.apply_lab import Lab
from tests.integration.apply_lab import lab as lab  # the fixture


@pytest.fixture
def collector() -> Iterator[socket.socket]:
    """A listening socket standing for a host the pull request would like our credentials sent to."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield listener


def _contacted(listener: socket.socket) -> bool:
    """A connection attempt is waiting in the backlog (no thread needed to notice it)."""
    readable, _, _ = select.select([listener], [], [], 0.2)
    return bool(readable)


def _edit_inventory(lab: Lab, edit: dict[str, dict[str, object]]) -> None:
    path = lab.root / "intent/devices.yaml"
    inventory = yaml.safe_load(path.read_text())
    for name, fields in edit.items():
        inventory["devices"].setdefault(name, {}).update(fields)
    path.write_text(yaml.safe_dump(inventory))


def _add_route(lab: Lab) -> None:
    routes = lab.root / "intent/routes/ams-edge.yaml"
    routes.write_text(routes.read_text() + "  - {prefix: 10.31.0.0/16, next_hops: [192.0.2.5]}\n")


def test_a_pull_request_cannot_redirect_a_router_or_add_one_to_contact(
    lab: Lab, collector: socket.socket, tmp_path: Path
) -> None:
    base = lab.repo.head.commit.hexsha
    port = collector.getsockname()[1]
    _edit_inventory(
        lab,
        {
            "router1": {"port": port},  # where the pull request would like the login to go
            "router4": {"address": "127.0.0.1", "port": port, "insecure": True},
        },
    )
    _add_route(lab)
    lab.commit("a hostile pull request")
    out = tmp_path / "plan.json"

    done = lab.run("plan", "--ref", "HEAD", "--base", base, "--out", str(out))

    assert done.returncode == 2, done.stdout + done.stderr
    assert not _contacted(collector), "the plan logged in where the pull request said"
    assert "+ static_route inet.0 10.31.0.0/16" in done.stdout  # router1 was read at the base's address
    assert "note: connection settings change (port): used after merge" in done.stdout
    assert "router4: not read: new in this revision" in done.stdout
    plan = {router["router"]: router for router in json.loads(out.read_text())["routers"]}
    assert plan["router1"]["error"] is None and plan["router1"]["fingerprint"]
    assert plan["router4"]["not_read"] and plan["router4"]["changes"] == []

    markdown = lab.run("plan", "--ref", "HEAD", "--base", base, "--format", "markdown")
    assert markdown.returncode == 2
    assert "| router4 | | | | not read: new in this revision" in markdown.stdout
    assert "# note: connection settings change (port)" in markdown.stdout
    assert not _contacted(collector)

    # Without a base nothing is trusted more than the revision itself: it goes where it says.
    lab.run("plan", "--ref", "HEAD", "--routers", "router4")
    assert _contacted(collector)


def test_files_the_settings_name_come_from_the_base_revision(lab: Lab) -> None:
    secret = lab.root / "secrets/jet-password"
    secret.parent.mkdir()
    secret.write_text(PASSWORD + "\n")
    _edit_inventory(
        lab,
        {"router1": {"credentials": {"username_env": "JET_USER", "password_file": str(secret.relative_to(lab.root))}}},
    )
    base = lab.commit("router1 reads its password from a file")
    assert lab.run("plan", "--ref", "HEAD", "--routers", "router1").returncode == 2

    # The pull request replaces the file's content (it could as well be a CA file of its own).
    secret.write_text("not-the-password\n")
    _add_route(lab)
    lab.commit("a pull request changing a file the inventory names")

    trusted = lab.run("plan", "--ref", "HEAD", "--base", base)
    assert trusted.returncode == 2, trusted.stdout + trusted.stderr
    assert "router1: error" not in trusted.stdout
    assert "+ static_route inet.0 10.31.0.0/16" in trusted.stdout

    untrusted = lab.run("plan", "--ref", "HEAD", "--routers", "router1")  # the checkout's file: wrong password
    assert untrusted.returncode == 1
    assert "router1" in untrusted.stderr
    assert "not-the-password" not in untrusted.stdout + untrusted.stderr


def test_a_pull_request_cannot_downgrade_to_plain_text_or_swap_the_tls_settings(lab: Lab) -> None:
    # The lab's routers speak plain text; the base says so. A pull request that points router1 at a
    # CA and certificates of its own (and router2 at a port it picked) is read as the base says.
    base = lab.repo.head.commit.hexsha
    (lab.root / "tls").mkdir()
    (lab.root / "tls/ca.pem").write_text("not a certificate\n")
    _edit_inventory(lab, {"router1": {"insecure": False, "tls": {"ca": "tls/ca.pem", "server_name": "evil"}}})
    _add_route(lab)
    lab.commit("a pull request changing TLS settings")

    done = lab.run("plan", "--ref", "HEAD", "--base", base, "--routers", "router1")

    assert done.returncode == 2, done.stdout + done.stderr
    assert "router1: error" not in done.stdout
    assert "note: connection settings change (insecure, tls): used after merge" in done.stdout
    # Read with the pull request's own settings, it fails on the file it named.
    assert lab.run("plan", "--ref", "HEAD", "--routers", "router1").returncode == 1
