"""`reconciler demo`, the README's first command: the whole story, unattended, and a clean Ctrl-C."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

STAGES = ("validate", "plan", "apply", "status", "watch", "repair a deleted route", "repair a removed binding",
          "apply a merged change", "final status")  # fmt: skip


def _demo(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "reconciler", "demo", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)  # fmt: skip


def _ports(output: str) -> list[int]:
    return [int(p) for p in re.findall(r"router\d 127\.0\.0\.1:(\d+)", output.splitlines()[0])]


def _refused(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def test_the_demo_tells_the_whole_story_unattended() -> None:
    demo = _demo("--non-interactive")
    output, _ = demo.communicate(timeout=90)
    assert demo.returncode == 0, output
    summary = output[output.index("== Summary") :]
    assert "9 of 9 stages succeeded" in summary
    for stage in STAGES:
        assert re.search(rf"^  ok     {re.escape(stage)}: ", summary, re.MULTILINE), (stage, summary)
    # the story's own evidence: routes created, drift repaired in milliseconds, the merged change applied
    assert "Summary: 44 to create, 0 to change, 0 to delete on 3 routers" in output
    repaired = r"^  ok     repair a (deleted route|removed binding): .* repaired by the watcher in \d+\.\d ms"
    repairs = re.findall(repaired, output, re.MULTILINE)
    assert repairs == ["deleted route", "removed binding"]
    assert "+ static_route inet.0 10.30.0.0/16" in output
    assert "Traceback" not in output and "WARNING" not in output
    repo = Path(re.search(r"intent repository at (\S+)\.", output).group(1))  # type: ignore[union-attr]
    assert not repo.parent.exists(), "the throwaway repository is removed"
    assert all(_refused(port) for port in _ports(output)), "the routers are down"


@pytest.mark.slow
def test_keep_running_stops_cleanly_on_ctrl_c() -> None:
    demo = _demo("--non-interactive", "--keep-running")
    assert demo.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        line = demo.stdout.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith("Press Ctrl-C"):
            break
    output = "".join(lines)
    assert lines and lines[-1].startswith("Press Ctrl-C"), output
    ports = _ports(output)
    assert not any(_refused(port) for port in ports), "routers stay up for exploring"
    children = psutil.Process(demo.pid).children(recursive=True)
    demo.send_signal(signal.SIGINT)
    rest, _ = demo.communicate(timeout=30)
    assert demo.returncode == 0, output + rest
    assert "demo stopped" in rest
    assert all(_refused(port) for port in ports)
    assert not [c for c in children if c.is_running() and c.status() != psutil.STATUS_ZOMBIE]
