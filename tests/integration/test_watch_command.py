"""The `reconciler watch` and `reconciler status` commands as a user runs them."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from reconciler.emulator.mqtt import free_port
from tests.helpers import PASSWORD, USER
from tests.integration.apply_lab import COMMAND, Lab
from tests.integration.apply_lab import lab as lab  # the fixture


def _watch(lab: Lab, metrics_port: int) -> list[str]:
    return [*COMMAND, "watch", "--repo", str(lab.root), "--branch", "main", "--state-dir", str(lab.state),
            "--metrics-port", str(metrics_port), "--poll-interval", "0.5"]  # fmt: skip


def _env() -> dict[str, str]:
    return {**os.environ, "JET_USER": USER, "JET_PASSWORD": PASSWORD}


def test_watch_serves_metrics_and_stops_on_sigterm(lab: Lab) -> None:
    port = free_port()
    env = {**os.environ, "JET_USER": USER, "JET_PASSWORD": PASSWORD}
    process = subprocess.Popen(
        [*COMMAND, "--log-format", "json", "watch", "--repo", str(lab.root), "--branch", "main",
         "--state-dir", str(lab.state), "--metrics-port", str(port), "--poll-interval", "0.5"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        assert process.stdout.readline().startswith("watching main (")
        deadline = time.monotonic() + 20
        body = ""
        while time.monotonic() < deadline:
            body = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
            if 'reconciler_reconciles_total{result="ok"} 3.0' in body:
                break
            time.sleep(0.2)
        assert 'reconciler_reconciles_total{result="ok"} 3.0' in body
        assert 'reconciler_session_up{router="router1"} 1.0' in body
        assert "reconciler_event_to_repair_seconds_bucket" in body
        health = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)
        assert health.status == 200
        assert lab.owned_routes("router1")  # the watcher applied the intent
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "watcher stopped" in out
    logs = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert logs and all({"time", "level", "logger", "message"} <= set(entry) for entry in logs)
    status = lab.run("status")
    assert status.returncode == 0
    assert "router1: in sync; last reconcile " in status.stdout  # status's format since the device-port commit
    assert "(start, changed and verified, commit " in status.stdout
    assert PASSWORD not in status.stdout


def test_a_busy_metrics_port_fails_in_one_line_before_any_run(lab: Lab) -> None:
    """A second watcher on the same machine: one clear line, exit 1, and no run left unfinished."""
    with socket.socket() as other_watcher:
        other_watcher.bind(("127.0.0.1", 0))
        other_watcher.listen()
        port = other_watcher.getsockname()[1]
        done = subprocess.run(_watch(lab, port), capture_output=True, text=True, timeout=120, env=_env())
    assert done.returncode == 1, done.stderr
    assert (
        f"error: the metrics port 127.0.0.1:{port} is in use (another reconciler watch?); "
        "pass --metrics-port N or 0 for any free port\n"
    ) in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1, done.stderr  # one line, nothing else
    assert done.stdout == ""
    history = lab.run("history")
    assert history.returncode == 0, history.stderr
    assert "unfinished" not in history.stdout
    assert "no runs recorded" in history.stdout  # it failed before the controller started
    for router in ("router1", "router2", "router3"):
        assert lab.owned_routes(router) == set(), f"{router} was written before the port was checked"
        assert not lab.admin.stats(router)["clients"], f"{router} was logged in to"


def test_a_repository_that_cannot_be_fetched_fails_in_one_line(lab: Lab, tmp_path: Path) -> None:
    """Cloning the tracked repository fails: one line naming it (credentials in the URL hidden), exit 1."""
    url = f"file://user:hunter2@{tmp_path}/nothing-here.git"
    argv = [*COMMAND, "watch", "--repo", url, "--branch", "main", "--state-dir", str(lab.state),
            "--metrics-port", "0"]  # fmt: skip
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120, env=_env())
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith(f"error: cannot fetch main from file://***@{tmp_path}/nothing-here.git: ")
    assert "hunter2" not in done.stderr
    assert "Traceback" not in done.stderr


def test_a_failure_after_start_still_finishes_the_run(lab: Lab) -> None:
    """Whatever fails once the controller has started (here: stdout gone, as with `| head -0`), the
    controller is stopped, so the run it recorded is finished rather than left unfinished forever."""
    process = subprocess.Popen(_watch(lab, 0), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
    assert process.stdout is not None
    process.stdout.close()  # the "watching ..." line will meet a broken pipe
    try:
        _, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
    assert process.returncode == 1, err
    history = lab.run("history")
    assert history.returncode == 0, history.stderr
    assert "watch main by watcher" in history.stdout
    assert "unfinished" not in history.stdout
    assert "stopped  watcher stopped" in history.stdout
