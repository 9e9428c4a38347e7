"""Hostile MQTT notifications: the broker is unauthenticated, so anyone who can publish can send
these. parse_event must never raise, must be quick, and must say why in a reason from a fixed set
(the reason labels a metric). The same payloads go through a running watcher in
tests/hostile/test_watcher_survives.py."""

from __future__ import annotations

import json
import time

import pytest

from reconciler.watch.events import MAX_DEPTH, REASONS, Event, Rejected, parse_event

ROUTE = "/junos/events/kernel/route/add/inet/10.0.0.0/24"


def _event(**fields: object) -> bytes:
    return json.dumps({"jet-event": {"event-id": "KERNEL_EVENT_ROUTE_ADD", "hostname": "r1", **fields}}).encode()


def _nested(depth: int, opener: str = "[", closer: str = "]") -> bytes:
    return (opener * depth + closer * depth).encode()


ACCEPTED = "accepted"

# (name, topic, payload, the reason, or ACCEPTED for payloads that are odd but usable)
HOSTILE: list[tuple[str, str, bytes, str]] = [
    ("30,000 nested arrays (60 KB)", ROUTE, _nested(30_000), "too-deep"),
    ("30,000 unclosed arrays", ROUTE, b"[" * 30_000, "too-deep"),
    ("nested objects", ROUTE, ('{"a":' * 5_000 + "1" + "}" * 5_000).encode(), "too-deep"),
    ("deep attributes", ROUTE, _event(attributes=json.loads(_nested(MAX_DEPTH + 5))), "too-deep"),
    ("1 MB payload", ROUTE, b'{"jet-event": {"hostname": "' + b"x" * 1_000_000 + b'"}}', "oversized"),
    ("invalid UTF-8", ROUTE, b'{"jet-event": {"hostname": "r\xff\xfe1"}}', "not-utf8"),
    ("UTF-16 JSON", ROUTE, _event().decode().encode("utf-16"), "not-utf8"),
    ("a lone surrogate escape", ROUTE, b'{"jet-event": {"hostname": "r\\ud800"}}', "bad-router"),
    ("empty payload", ROUTE, b"", "not-json"),
    ("not JSON", ROUTE, b"hello", "not-json"),
    ("truncated JSON", ROUTE, _event()[:-3], "not-json"),
    ("a list", ROUTE, b"[1, 2, 3]", "no-jet-event"),
    ("a number", ROUTE, b"42", "no-jet-event"),
    ("null", ROUTE, b"null", "no-jet-event"),
    ("a string", ROUTE, b'"jet-event"', "no-jet-event"),
    ("jet-event is a list", ROUTE, b'{"jet-event": [1]}', "no-jet-event"),
    ("jet-event is null", ROUTE, b'{"jet-event": null}', "no-jet-event"),
    ("a 5000-digit integer", ROUTE, b'{"jet-event": {"hostname": "r1", "n": ' + b"9" * 5000 + b"}}", "not-json"),
    ("a huge float", ROUTE, b'{"jet-event": {"hostname": "r1", "n": 1e999999}}', ACCEPTED),
    ("NaN and Infinity", ROUTE, b'{"jet-event": {"hostname": "r1", "a": NaN, "b": -Infinity}}', ACCEPTED),
    ("a raw NUL byte", ROUTE, b'{"jet-event": {"hostname": "r1"}}\x00', "not-json"),
    ("a NUL in the hostname", ROUTE, b'{"jet-event": {"hostname": "r1\\u0000"}}', "bad-router"),
    ("a NUL in the topic", ROUTE + "\x00", _event(), "bad-topic"),
    ("a newline after the hostname", ROUTE, b'{"jet-event": {"hostname": "r1\\n"}}', "bad-router"),
    ("hostname is a number", ROUTE, _event(hostname=7), "no-router"),
    ("hostname is a list", ROUTE, _event(hostname=["r1"]), "no-router"),
    ("hostname is an object", ROUTE, _event(hostname={"r": 1}), "no-router"),
    ("a 300-character hostname", ROUTE, _event(hostname="r" * 300), "bad-router"),
    ("attributes is a list", ROUTE, _event(attributes=[1, 2]), ACCEPTED),
    ("attributes is a string", ROUTE, _event(attributes="x"), ACCEPTED),
    ("table is an object", ROUTE, _event(attributes={"table": {"a": 1}}), ACCEPTED),
    ("event-id is a number", ROUTE, _event(**{"event-id": 12}), ACCEPTED),
    ("duplicate keys", ROUTE, b'{"jet-event": {"hostname": "r2", "hostname": "r1"}}', ACCEPTED),
    ("keys differing in case", ROUTE, b'{"JET-EVENT": 1, "jet_event": {"hostname": "r1"}}', ACCEPTED),
    ("many keys", ROUTE, _event(**{f"k{i}": i for i in range(4000)}), ACCEPTED),
    ("brackets inside strings", ROUTE, _event(note="[" * 1000), "too-deep"),  # over-counted: refused, still safe
    ("a topic of 600 levels", "/junos/events/" + "x/" * 600, _event(), "oversized"),
    ("a 2000-character filter name", "/junos/events/kernel/firewall/filter/add/" + "f" * 2000, _event(), "oversized"),
    ("a bad prefix length", "/junos/events/kernel/route/add/inet/10.0.0.0/" + "9" * 5000, _event(), "oversized"),
    ("a 40-digit prefix length", "/junos/events/kernel/route/add/inet/10.0.0.0/" + "9" * 40, _event(), "bad-topic"),
    ("an unknown family", "/junos/events/kernel/route/add/ipx/10.0.0.0/24", _event(), "bad-topic"),
    ("a router prefix with spaces", "devices/a b" + ROUTE, _event(), "bad-router"),
]


@pytest.mark.parametrize(("name", "topic", "payload", "expected"), HOSTILE, ids=[row[0] for row in HOSTILE])
def test_a_hostile_notification_is_a_reason_never_an_exception(
    name: str, topic: str, payload: bytes, expected: str
) -> None:
    started = time.monotonic()
    result = parse_event(topic, payload)  # an exception fails the test
    assert time.monotonic() - started < 5.0, "parsing one notification must not hang"  # a guard, not a target
    if expected == ACCEPTED:
        assert isinstance(result, Event), result
        assert result.router == "r1"
    else:
        assert isinstance(result, Rejected), result
        assert result.reason == expected, result
        assert len(str(result)) < 400  # the log line stays short whatever was sent


def test_every_reason_comes_from_the_fixed_set() -> None:
    reasons = {r.reason for _, t, p, _ in HOSTILE if isinstance(r := parse_event(t, p), Rejected)}
    assert reasons <= REASONS
    assert {"too-deep", "oversized", "not-utf8", "not-json", "no-jet-event"} <= reasons


def test_a_string_payload_is_read_like_bytes() -> None:
    assert isinstance(parse_event(ROUTE, _event().decode()), Event)
    deep = parse_event(ROUTE, _nested(30_000).decode())
    assert isinstance(deep, Rejected) and deep.reason == "too-deep"


def test_an_unexpected_failure_inside_is_a_rejection(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the checks miss (a bug, a library surprise) is still only a rejected hint."""

    def broken(text: str) -> object:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("reconciler.watch.events.json.loads", broken)
    result = parse_event(ROUTE, _event())
    assert isinstance(result, Rejected)
    assert result.reason == "internal-error"
    assert "RecursionError" in result.detail
