"""A router marked `api: v1` in the inventory: routes as for any router, no filters or
bindings (JET v1 has no firewall service), refused at validation with the place and router."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from reconciler.intent.errors import IntentInvalid
from reconciler.intent.load import load_intent
from reconciler.intent.sources import FolderSource

EXAMPLE = Path(__file__).resolve().parents[2] / "intent"


def _example(tmp_path: Path, api: dict[str, str]) -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "intent")
    devices = tmp_path / "intent/devices.yaml"
    inventory = yaml.safe_load(devices.read_text())
    for name, generation in api.items():
        inventory["devices"][name]["api"] = generation
    devices.write_text(yaml.safe_dump(inventory))
    return tmp_path


def test_the_api_generation_defaults_to_v2(tmp_path: Path) -> None:
    intent = load_intent(FolderSource(_example(tmp_path, {"router2": "v2"})), cache=None)
    assert {name: r.entry.api for name, r in intent.routers.items()} == {"router1": "v2", "router2": "v2",
                                                                         "router3": "v2"}  # fmt: skip
    assert intent.routers["router1"].entry.session_settings() != intent.routers["router1"].entry.model_copy(
        update={"api": "v1"}).session_settings()  # another generation needs another session  # fmt: skip


def test_filters_and_bindings_for_a_v1_router_are_refused_with_place_and_router(tmp_path: Path) -> None:
    root = _example(tmp_path, {"router3": "v1"})
    with pytest.raises(IntentInvalid) as failure:
        load_intent(FolderSource(root), cache=None)
    why = (
        "applies to router router3, which is api: v1 in devices.yaml: JET v1 has no firewall service, so router3 "
        "cannot have filters or bindings (leave router3 out of this file's apply_to, or set api: v2 if the router "
        "offers v2)"
    )
    # icmp.yaml applies to role: edge (router1, router2 only): no error there.
    assert [str(e) for e in failure.value.errors] == [
        f"intent/filters/protect-re.yaml:5:5: filters[0]: filter 'protect-re' {why}",
        f"intent/filters/protect-re.yaml:21:5: bindings[0]: binding of filter 'protect-re' {why}",
    ]


def test_the_example_minus_filters_is_valid_for_v1_routers(tmp_path: Path) -> None:
    root = _example(tmp_path, {"router1": "v1", "router3": "v1"})
    shutil.rmtree(root / "intent/filters")
    intent = load_intent(FolderSource(root), cache=None)
    router1 = intent.routers["router1"]
    assert (router1.entry.api, len(router1.static_routes), len(router1.bgp_paths)) == ("v1", 5, 8)
    assert not router1.filters and not router1.bindings


def test_an_unknown_generation_is_an_inventory_error(tmp_path: Path) -> None:
    with pytest.raises(IntentInvalid) as failure:
        load_intent(FolderSource(_example(tmp_path, {"router1": "v3"})), cache=None)
    [error] = failure.value.errors
    assert (error.path, error.field) == ("intent/devices.yaml", "devices.router1.api")
    assert "'v1' or 'v2'" in error.message
