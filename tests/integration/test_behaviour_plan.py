"""A plan says what its changes do to traffic: the packets a filter change treats differently,
and the destinations a route change forwards differently (longest-prefix match over what the
router holds, its configured default route included)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.integration.apply_lab import Lab
from tests.integration.apply_lab import lab as lab  # the fixture


def _change_intent(lab: Lab) -> None:
    protect = lab.root / "intent/filters/protect-re.yaml"
    text = protect.read_text().replace("10.66.0.0/16 except]", "10.66.0.0/16 except, 198.51.100.0/24]")
    icmp_term = (
        "      - name: icmp\n"
        "        from: {protocol: [icmp], icmp_type: [echo-request, echo-reply, unreachable, time-exceeded]}\n"
        "        then: {action: accept, count: icmp}\n"
    )
    assert icmp_term in text
    protect.write_text(text.replace(icmp_term, ""))
    routes = lab.root / "intent/routes/ams-edge.yaml"
    routes.write_text(routes.read_text() + "  - {prefix: 10.30.0.0/16, next_hops: [192.0.2.5]}\n")


def test_a_pull_request_plan_shows_the_behaviour_of_its_changes(lab: Lab, tmp_path: Path) -> None:
    assert lab.run("apply", "--auto-approve").returncode == 0
    base = lab.repo.head.commit.hexsha
    _change_intent(lab)
    lab.commit("open ssh to a partner, stop answering pings, route 10.30/16 to a new next hop")
    out = tmp_path / "plan.json"

    done = lab.run("plan", "--ref", "HEAD", "--base", base, "--routers", "router1", "--out", str(out))

    assert done.returncode == 2, done.stdout + done.stderr
    assert "traffic through filter inet protect-re:" in done.stdout
    assert "tcp from 198.51.100.0/24 to any port 22: discard [count dropped, log] → accept [count ssh]" in done.stdout
    assert "icmp icmp-type " in done.stdout and ": accept [count icmp] → discard [count dropped, log]" in done.stdout
    assert "inet.0 10.30.0.0/16: via 0.0.0.0/0 → 192.0.2.254 becomes via 192.0.2.5" in done.stdout
    [router1] = json.loads(out.read_text())["routers"]
    assert len(router1["behaviour"]["filters"]["inet protect-re"]) == 2
    assert router1["behaviour"]["routes"] == ["inet.0 10.30.0.0/16: via 0.0.0.0/0 → 192.0.2.254 becomes via 192.0.2.5"]

    markdown = lab.run("plan", "--ref", "HEAD", "--base", base, "--routers", "router1", "--format", "markdown")
    assert "#   tcp from 198.51.100.0/24 to any port 22: discard" in markdown.stdout


def test_a_plan_without_changes_has_no_behaviour(lab: Lab) -> None:
    assert lab.run("apply", "--auto-approve").returncode == 0
    done = lab.run("plan")
    assert done.returncode == 0
    assert "traffic through filter" not in done.stdout and "forwarding:" not in done.stdout


def test_no_behaviour_leaves_it_out(lab: Lab) -> None:
    _change_intent(lab)
    done = lab.run("plan", "--no-behaviour", "--routers", "router1")
    assert done.returncode == 2
    assert "+ static_route inet.0 10.30.0.0/16" in done.stdout
    assert "traffic through filter" not in done.stdout and "forwarding:" not in done.stdout
