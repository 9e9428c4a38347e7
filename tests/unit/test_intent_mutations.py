"""Mutated valid intent through the loader: errors or a value, never an exception.

Byte flips, truncation, inserted hostile tokens and values swapped for other types,
in any file of a copy of the example intent (YAML and a JSON rendering of it), read
from a folder in a temp directory the way `validate` reads it. Bounded: a fixed
number of examples (no per-example deadline: load must not make it flaky), a few seconds in all."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reconciler.intent.errors import MAX_ERRORS, IntentInvalid
from reconciler.intent.load import Intent, load_intent
from reconciler.intent.sources import FolderSource

EXAMPLE = Path(__file__).resolve().parents[2] / "intent"
TOKENS = [
    b"\xff", b"\xc3", b"\x00", b"\xef\xbb\xbf", b"\t", b"\r", b"\n", b'"', b"'", b"{", b"[", b"]", b"}", b",",
    b": ", b"- ", b"&a ", b"*a", b"<<: *a\n", b"!!python/object/apply:os.system [x]", b"!!binary", b"---\n",
    b"9" * 5000, b"-" + b"9" * 4400, b"1e999999", b"[" * 200, b"{a: " * 70, b"\\ud800", b'"\\u0000"', b"~", b"null",
    b"{a: 1}", b"[[6]]", b"0x1F", b"1:20:30", b"2024-01-01", b".inf", b"true", b"?", b"%YAML 1.1\n", b"#",
]  # fmt: skip
# What a value may be swapped for (each valid in YAML flow style and in JSON): other
# types, structures where a scalar belongs, numbers past every limit, bad UTF-8.
SWAPS = [
    b"null", b"true", b"0", b"-1", b"18446744073709551616", b"1.5", b'""', b'"' + b"x" * 300 + b'"', b"[]", b"{}",
    b"[[6]]", b'[{"a": 1}]', b'{"a": [1]}', b"9" * 5000, b'"10.0.0.0/8\xff"', b'"\\u0000"', b"[" * 100 + b"]" * 100,
]  # fmt: skip
MARK = "MUTATION-MARK"


def _files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "intent").rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def originals() -> Iterator[dict[str, bytes]]:
    """The example intent, plus a JSON rendering of one route file."""
    files = {p.relative_to(EXAMPLE).as_posix(): p.read_bytes() for p in EXAMPLE.rglob("*") if p.is_file()}
    document = yaml.safe_load(files["routes/ams-edge.yaml"])
    document["static_routes"] = [r for r in document["static_routes"] if "routing_instance" not in r]
    files["routes/generated.json"] = json.dumps({**document, "apply_to": {"devices": ["router3"]}}).encode()
    with tempfile.TemporaryDirectory() as folder:  # the unmutated intent is valid
        for path, raw in files.items():
            (Path(folder) / "intent" / path).parent.mkdir(parents=True, exist_ok=True)
            (Path(folder) / "intent" / path).write_bytes(raw)
        assert not isinstance(_check(Path(folder)), IntentInvalid)
    yield files


def _leaves(value: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*at, index))
    else:
        yield at


def _swap(raw: bytes, name: str, choice: int, replacement: bytes) -> bytes:
    """The document with the value at one leaf replaced by `replacement`, written as is."""
    is_json = name.endswith(".json")
    data = json.loads(raw) if is_json else yaml.safe_load(raw)
    leaves = list(_leaves(data))
    *parent, last = leaves[choice % len(leaves)]
    holder = data
    for part in parent:
        holder = holder[part]
    holder[last] = MARK
    text = json.dumps(data) if is_json else yaml.safe_dump(data, default_flow_style=True, width=10**6)
    return text.encode().replace(f'"{MARK}"'.encode() if is_json else MARK.encode(), replacement)


@st.composite
def mutations(draw: st.DrawFn, names: list[str]) -> tuple[str, str, int, Any]:
    name = draw(st.sampled_from(names))
    kind = draw(st.sampled_from(["flip", "truncate", "insert", "swap", "insert", "swap"]))
    where = draw(st.integers(min_value=0, max_value=10_000))
    what: Any = {
        "flip": draw(st.integers(min_value=1, max_value=255)),
        "truncate": None,
        "insert": draw(st.sampled_from(TOKENS)),
        "swap": draw(st.sampled_from(SWAPS)),
    }[kind]
    return name, kind, where, what


def _mutate(raw: bytes, name: str, kind: str, where: int, what: Any) -> bytes:
    at = where % (len(raw) + 1)
    if kind == "flip" and raw:
        at = where % len(raw)
        return raw[:at] + bytes([raw[at] ^ what]) + raw[at + 1 :]
    if kind == "truncate":
        return raw[:at]
    if kind == "insert":
        return raw[:at] + what + raw[at:]
    return _swap(raw, name, where, what)


def _check(root: Path) -> Intent | IntentInvalid:
    try:
        return load_intent(FolderSource(root), cache=None, environ={})
    except IntentInvalid as error:
        return error


def test_mutated_intent_gives_errors_or_a_value_never_an_exception(originals: dict[str, bytes]) -> None:
    outcomes = {"value": 0, "errors": 0}
    with tempfile.TemporaryDirectory(prefix="intent-mutations-") as folder:
        root = Path(folder)

        @settings(max_examples=250, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
        @given(mutations(sorted(originals)))
        def one(mutation: tuple[str, str, int, Any]) -> None:
            name, kind, where, what = mutation
            shutil.rmtree(root / "intent", ignore_errors=True)
            for path, raw in originals.items():
                (root / "intent" / path).parent.mkdir(parents=True, exist_ok=True)
                (root / "intent" / path).write_bytes(raw)
            (root / "intent" / name).write_bytes(_mutate(originals[name], name, kind, where, what))
            result = _check(root)  # anything but IntentInvalid propagates and fails the test
            if isinstance(result, IntentInvalid):
                outcomes["errors"] += 1
                assert 1 <= len(result.errors) <= MAX_ERRORS
                for line in result.lines():  # one line each, naming a file of the intent
                    assert "\n" not in line and line.startswith("intent/"), line
            else:
                outcomes["value"] += 1
                assert set(result.routers) == {"router1", "router2", "router3"}

        one()
    # The mutations reached both outcomes (a generator that only breaks files, or only
    # leaves them valid, would prove little).
    assert outcomes["errors"] > 50 and outcomes["value"] > 5, outcomes
