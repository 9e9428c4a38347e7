"""The `reconciler watch` and `reconciler status` commands as a user runs them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import urllib.request

from reconciler.emulator.mqtt import free_port
from tests.helpers import PASSWORD, USER
from tests.integration.apply_lab import COMMAND, Lab
from tests.integration.apply_lab import lab as lab  # the fixture


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
    assert "router1: in sync; commit " in status.stdout and "(start, ok)" in status.stdout
    assert PASSWORD not in status.stdout
