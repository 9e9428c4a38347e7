"""parse_event: documented shapes, leniency, strictness, and a fuzz test."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reconciler.watch.events import MAX_PAYLOAD, Event, EventKind, Rejected, parse_event


def accepted(topic: str, payload: bytes | str, router: str | None = None) -> Event:
    event = parse_event(topic, payload, router=router)
    assert isinstance(event, Event), event
    return event


def _payload(event_id: str = "KERNEL_EVENT_ROUTE_ADD", hostname: str = "edge1", **attributes: object) -> bytes:
    body = {"event-id": event_id, "hostname": hostname, "time": "t", "severity": "info", "facility": "kernel"}
    return json.dumps({"jet-event": {**body, "attributes": attributes}}).encode()


@pytest.mark.parametrize(
    ("topic", "kind", "operation", "key"),
    [
        ("/junos/events/kernel/route/add/inet/10.1.0.0/16", EventKind.ROUTE, "add", "10.1.0.0/16"),
        ("/junos/events/kernel/route/delete/inet6/2001:DB8::/32", EventKind.ROUTE, "delete", "2001:db8::/32"),
        ("/junos/events/kernel/route-table/change/inet.0/default", EventKind.ROUTE_TABLE, "change", "inet.0"),
        ("/junos/events/kernel/firewall/filter/add/protect-re", EventKind.FILTER, "add", "protect-re"),
        ("/junos/events/kernel/interfaces/ifd/delete/ge-0/0/1", EventKind.INTERFACE, "delete", "ge-0/0/1"),
        ("/junos/events/kernel/interfaces/ifl/add/ge-0/0/1.0", EventKind.INTERFACE, "add", "ge-0/0/1.0"),
        ("/junos/events/kernel/interfaces/iff/add/ge-0/0/1.0/inet", EventKind.INTERFACE, "add", "ge-0/0/1.0"),
        (
            "/junos/events/kernel/interfaces/ifa/add/ge-0/0/1.0/inet/192.0.2.1/24",
            EventKind.INTERFACE,
            "add",
            "ge-0/0/1.0",
        ),
        ("/junos/events/syslog/UI_COMMIT_COMPLETED", EventKind.SYSLOG, "log", "UI_COMMIT_COMPLETED"),
        ("/junos/events/genpub/config-update", EventKind.CONFIG, "update", "config-update"),
        ("/JUNOS/Events/Kernel/Route/ADD/INET/10.1.0.0/16", EventKind.ROUTE, "add", "10.1.0.0/16"),
    ],
)
def test_documented_topics(topic: str, kind: EventKind, operation: str, key: str) -> None:
    event = accepted(topic, _payload(table="inet.0"))
    assert (event.router, event.kind, event.operation, event.key) == ("edge1", kind, operation, key)


def test_router_comes_from_prefix_then_configuration_then_hostname() -> None:
    topic = "devices/edge7/junos/events/kernel/firewall/filter/delete/f1"
    assert accepted(topic, _payload(), router="other").router == "edge7"
    plain = "/junos/events/kernel/firewall/filter/delete/f1"
    assert accepted(plain, _payload(), router="edge9").router == "edge9"
    assert accepted(plain, _payload()).router == "edge1"


def test_unknown_attributes_and_key_case_are_tolerated() -> None:
    payload = json.dumps(
        {
            "JET-EVENT": {
                "Event-ID": "X",
                "HostName": "r1",
                "Attributes": {"Table_Name": "blue.inet.0", "new": 1},
            }
        }
    )
    event = accepted("/junos/events/kernel/route/change/inet/10.0.0.0/8", payload)
    assert event.table == "blue.inet.0" and event.router == "r1" and event.attributes["new"] == 1


@pytest.mark.parametrize(
    ("topic", "payload", "reason"),
    [
        ("/junos/events/kernel/route/add/inet/10.0.0.0/8", b"{", "not-json"),
        ("/junos/events/kernel/route/add/inet/10.0.0.0/8", b"[]", "no-jet-event"),
        ("/junos/events/kernel/route/add/inet/10.0.0.0/8", b'{"jet-event": 3}', "no-jet-event"),
        ("/junos/events/kernel/route/add/inet/10.0.0.1/8", _payload(), "bad-topic"),
        ("/junos/events/kernel/route/add/ipx/10.0.0.0/8", _payload(), "bad-topic"),
        ("/junos/events/kernel/route/explode/inet/10.0.0.0/8", _payload(), "bad-topic"),
        ("/junos/events/kernel//route", _payload(), "bad-topic"),
        ("/junos/events/weather/rain", _payload(), "unknown-topic"),
        ("/other/thing", _payload(), "unknown-topic"),
        ("/junos/events/kernel/firewall/filter/add/f", b"x" * (MAX_PAYLOAD + 1), "oversized"),
        ("/junos/events/" + "a/" * 600, _payload(), "oversized"),
        ("/junos/events/kernel/firewall/filter/add/f", _payload(hostname=""), "no-router"),
        ("/junos/events/kernel/firewall/filter/add/bad name", _payload(), "bad-topic"),
    ],
)
def test_malformed_input_is_refused_with_a_reason(topic: str, payload: bytes, reason: str) -> None:
    rejected = parse_event(topic, payload)
    assert isinstance(rejected, Rejected)
    assert rejected.reason == reason


_LEVEL = st.sampled_from(
    [
        "junos",
        "events",
        "kernel",
        "route",
        "route-table",
        "firewall",
        "filter",
        "interfaces",
        "ifd",
        "ifl",
        "syslog",
        "add",
        "change",
        "delete",
        "inet",
        "inet6",
        "10.0.0.0",
        "24",
        "ge-0",
        "0",
        "",
        "devices",
        "x",
    ]
)
_TOPICS = st.one_of(
    st.text(max_size=300),
    st.lists(_LEVEL | st.text(max_size=12), max_size=10).map("/".join),
)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
_PAYLOADS = st.one_of(
    st.binary(max_size=300),
    _JSON.map(lambda v: json.dumps(v).encode()),
    _JSON.map(lambda v: json.dumps({"jet-event": {"hostname": "r1", "attributes": v}}).encode()),
)


@settings(max_examples=400, deadline=None)
@given(topic=_TOPICS, payload=_PAYLOADS, router=st.none() | st.text(max_size=10))
def test_fuzz_parse_event_never_raises(topic: str, payload: bytes, router: str | None) -> None:
    event = parse_event(topic, payload, router=router)  # an exception fails the test
    if isinstance(event, Rejected):
        assert event.reason and event.reason != "internal-error", event
        return
    assert isinstance(event, Event)
    assert event.key and event.router
