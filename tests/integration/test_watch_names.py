"""Routers whose events name them differently from the inventory: mapped with
mqtt.event_name they are repaired on events; unmapped, status says so instead of
`in sync`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reconciler.commands.status import status
from tests.helpers import PASSWORD, USER
from tests.integration.test_events import mosquitto as mosquitto  # the broker fixture
from tests.integration.test_watch import WatchLab, _make_lab, wait_for


def _bound(lab: WatchLab, emulated: str) -> set[str]:
    return {b["interface"] for f in lab.admin.filters(emulated) if f["name"] == "protect-re" for b in f["bindings"]}


def _status(lab: WatchLab, capsys: pytest.CaptureFixture[str]) -> str:
    status(router=None, state_dir=lab.journal.state_dir)
    return capsys.readouterr().out


@pytest.fixture
def credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JET_USER", USER)
    monkeypatch.setenv("JET_PASSWORD", PASSWORD)


@pytest.fixture
def mapped_lab(tmp_path: Path, mosquitto: int, credentials: None) -> Iterator[WatchLab]:
    def map_names(inventory: dict[str, Any]) -> None:
        for index in (1, 2, 3):
            inventory["devices"][f"router{index}"]["mqtt"]["event_name"] = f"edge{index}"

    yield from _make_lab(tmp_path, mosquitto, map_names, name_prefix="edge")


@pytest.fixture
def unmapped_lab(tmp_path: Path, mosquitto: int, credentials: None) -> Iterator[WatchLab]:
    yield from _make_lab(tmp_path, mosquitto, name_prefix="edge")


def test_mapped_event_names_bring_repairs(mapped_lab: WatchLab, capsys: pytest.CaptureFixture[str]) -> None:
    assert _bound(mapped_lab, "edge1") == {"lo0.0"}
    mapped_lab.admin.act("edge1", "unbind-filter", name="protect-re", interface="lo0.0")
    assert wait_for(lambda: _bound(mapped_lab, "edge1") == {"lo0.0"}, 5)  # only the event tells: JET cannot read it
    assert wait_for(mapped_lab.settled, 5)
    out = _status(mapped_lab, capsys)
    assert "router1: in sync;" in out and "not in the inventory" not in out


def test_unmapped_event_names_are_not_called_in_sync(
    unmapped_lab: WatchLab, capsys: pytest.CaptureFixture[str]
) -> None:
    unmapped_lab.admin.act("edge1", "unbind-filter", name="protect-re", interface="lo0.0")
    assert wait_for(lambda: bool(unmapped_lab.journal.unknown_event_names()), 5)
    out = _status(unmapped_lab, capsys)
    assert "events for 'edge1', which is not in the inventory" in out
    assert "router1: in sync at the last read, but events unmatched" in out
    assert "router1: in sync;" not in out
    assert _bound(unmapped_lab, "edge1") == set()  # nothing told the watcher: not repaired (yet)


@pytest.fixture
def watch_lab(tmp_path: Path, mosquitto: int, credentials: None) -> Iterator[WatchLab]:
    yield from _make_lab(tmp_path, mosquitto)


def test_status_names_an_invalid_tip_and_forgets_it_once_fixed(
    watch_lab: WatchLab, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "router1: in sync;" in _status(watch_lab, capsys)
    bad = watch_lab.root / "intent/routes/bad.yaml"
    bad.write_text("static_routes:\n  - {prefix: 10.0.0.0/33, next_hops: [192.0.2.1]}\n")
    watch_lab.commit("a bad prefix")
    assert wait_for(lambda: not watch_lab.journal.tips()[0].valid, 5)
    out = _status(watch_lab, capsys)
    assert "is invalid intent" in out and "bad.yaml" in out
    assert "router1: intent invalid at the tip" in out and "router1: in sync" not in out
    bad.unlink()
    watch_lab.commit("fixed")
    assert wait_for(lambda: watch_lab.journal.tips()[0].valid, 5)
    assert wait_for(lambda: "router1: in sync;" in _status(watch_lab, capsys), 5)
