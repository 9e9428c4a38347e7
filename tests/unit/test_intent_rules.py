"""Every intent validation rule, with the exact message and line (pure parsing, no I/O)."""

from __future__ import annotations

import json
import textwrap

import pytest

from reconciler.intent.files import parse_devices_file, parse_intent_file


def errors_of(text: str, path: str = "intent/x.yaml") -> list[str]:
    return [str(e) for e in parse_intent_file(path, textwrap.dedent(text).encode()).errors]


def device_errors(text: str) -> list[str]:
    return [str(e) for e in parse_devices_file("intent/devices.yaml", textwrap.dedent(text).encode()).errors]


ROUTE_HEAD = "apply_to: {all: true}\nstatic_routes:\n"


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        ("{prefix: 10.1.2.3/16, next_hops: [192.0.2.1]}",
         "3:14: static_routes[0].prefix: '10.1.2.3/16' has host bits set (did you mean a network address?)"),
        ("{prefix: 10.1.0.0/33, next_hops: [192.0.2.1]}",
         "3:14: static_routes[0].prefix: prefix length 33 is longer than 32"),
        ("{prefix: 10.1.0.0, next_hops: [192.0.2.1]}",
         "3:14: static_routes[0].prefix: '10.1.0.0' is not a prefix (expected ADDRESS/LENGTH)"),
        ("{prefix: 10.1.0.0/16, next_hops: []}",
         "3:38: static_routes[0].next_hops: a route needs 1 to 64 next hops, not 0"),
        ("{prefix: 10.1.0.0/16, next_hops: [2001:db8::1]}",
         "3:39: static_routes[0].next_hops[0]: next hop 2001:db8::1 is not inet like the prefix"),
        ("{prefix: 10.1.0.0/16, next_hops: [192.0.2.1, 192.0.2.1]}",
         "3:38: static_routes[0].next_hops: next hop 192.0.2.1 is listed twice"),
        ("{prefix: 10.1.0.0/16, next_hops: [banana]}",
         "3:39: static_routes[0].next_hops[0]: 'banana' is neither an IP address nor an interface unit"),
        ("{prefix: 10.1.0.0/16, next_hops: [192.0.2.1], table: inet6.0}",
         "3:58: static_routes[0].table: a inet prefix cannot go in table inet6.0"),
        ("{prefix: 10.1.0.0/16, next_hops: [192.0.2.1], table: inet.0, routing_instance: blue}",
         "3:58: static_routes[0].table: give table or routing_instance, not both"),
        ("{prefix: 10.1.0.0/16, next_hops: [192.0.2.1], preference: -1}",
         "3:63: static_routes[0].preference: preference must be at least 5 (a router raises lower values to 5)"),
        ("{prefix: 10.1.0.0/16, next_hops: [192.0.2.1], preferense: 5}",
         "3:63: static_routes[0].preferense: unknown field (check the spelling)"),
        ("{prefix: 10.1.0.0/16, next_hops: [192.0.2.1], tag: ten}",
         "3:56: static_routes[0].tag: Expected int | null, got str"),
        ("{next_hops: [192.0.2.1]}",
         "3:5: static_routes[0]: missing required field prefix"),
        ("{prefix: 10.1.0.0/16, next_hops: [{address: 192.0.2.1, weight: 70000}]}",
         "3:68: static_routes[0].next_hops[0].weight: weight must be within 0-65535"),
    ],
)  # fmt: skip
def test_static_route_rules(route: str, expected: str) -> None:
    assert errors_of(ROUTE_HEAD + f"  - {route}\n") == [f"intent/x.yaml:{expected}"]


def test_bgp_route_rules() -> None:
    text = """\
    apply_to: {all: true}
    bgp_routes:
      - prefix: 10.123.0.0/24
        paths: [{next_hop: 10.0.0.1}, {next_hop: 10.0.0.1}]
      - prefix: 10.124.0.0/24
        paths: [{next_hop: 10.0.0.1, communities: ["65000:1", "big"]}]
      - prefix: 10.125.0.0/24
        as_path: "65001 x"
        paths: [{next_hop: 10.0.0.1}]
      - prefix: 10.126.0.0/24
        paths: []
    """
    assert errors_of(text) == [
        "intent/x.yaml:4:12: bgp_routes[0].paths: two paths use next hop 10.0.0.1",
        "intent/x.yaml:6:59: bgp_routes[1].paths[0].communities[1]: 'big' is not a community like 65000:100 or "
        "no-export",
        "intent/x.yaml:8:14: bgp_routes[2].as_path: as_path is AS numbers separated by spaces, e.g. '65001 65002'",
        "intent/x.yaml:11:12: bgp_routes[3].paths: a BGP route needs at least one path",
    ]


def test_all_errors_of_a_file_are_collected() -> None:
    text = ROUTE_HEAD + "".join(f"  - {{prefix: 10.{i}.0.1/16, next_hops: [192.0.2.1]}}\n" for i in range(5))
    assert len(errors_of(text)) == 5


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("static_routes: []\nbananas: 1\n", "intent/x.yaml:2:10: bananas: unknown top-level key; expected one of "
         "apply_to, static_routes, bgp_routes, filters, bindings"),
        ("static_routes: [{prefix: 10.0.0.0/8, next_hops: [192.0.2.1]}]\n",
         "intent/x.yaml:1:1: apply_to: missing: say which routers this file applies to"),
        ("apply_to: {}\n",
         "intent/x.yaml:1:11: apply_to: say which routers: all: true, devices: [...] and/or labels: {...}"),
        ("apply_to: {device: [a]}\n", "intent/x.yaml:1:20: apply_to.device: unknown field (check the spelling)"),
        ("- a\n- b\n", "intent/x.yaml:1:1: the file must be a mapping with keys apply_to, static_routes, bgp_routes, "
         "filters, bindings"),
    ],
)  # fmt: skip
def test_file_structure_rules(body: str, expected: str) -> None:
    assert errors_of(body) == [expected]


FILTER_HEAD = "apply_to: {all: true}\nfilters:\n  - name: f\n    terms:\n"


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("      - {name: t, from: {protocol: [bogus]}, then: {action: accept}}",
         "5:37: filters[0].terms[0].from.protocol[0]: 'bogus' is not a protocol number, range or name (names: ah, "
         "egp, esp, gre, icmp, icmp6, igmp, ipip, ospf, pim, rsvp, sctp, tcp, udp, vrrp)"),
        ("      - {name: t, from: {destination_port: [70000]}, then: {action: accept}}",
         "5:45: filters[0].terms[0].from.destination_port[0]: port 70000 must be within 0-65535 (and low <= high)"),
        ("      - {name: t, from: {source: [10.0.0.1/8]}, then: {action: accept}}",
         "5:35: filters[0].terms[0].from.source[0]: '10.0.0.1/8' has host bits set (did you mean a network "
         "address?)"),
        ("      - {name: t, then: {}}",
         "5:25: filters[0].terms[0].then: a term needs an action (accept, discard, reject, routing-instance) or "
         "next_term"),
        ("      - {name: t, then: {action: accept, next_term: true}}",
         "5:25: filters[0].terms[0].then: next_term cannot be combined with a terminating action"),
        ("      - {name: t, then: {action: discard, reject_reason: port-unreachable}}",
         "5:25: filters[0].terms[0].then: reject_reason goes with action: reject"),
        ("      - {name: t, then: {action: routing-instance}}",
         "5:25: filters[0].terms[0].then: action: routing-instance needs routing_instance (and only it)"),
        ("      - {name: t, then: {action: accept}}\n      - {name: t, then: {action: discard}}",
         "5:7: filters[0].terms: duplicate term names: t"),
        ("      - {name: t, form: {}, then: {action: accept}}",
         "5:25: filters[0].terms[0].form: unknown field (check the spelling)"),
    ],
)  # fmt: skip
def test_filter_rules(term: str, expected: str) -> None:
    assert errors_of(FILTER_HEAD + term + "\n") == [f"intent/x.yaml:{expected}"]


def test_inet6_filter_cannot_match_ttl_or_v4_prefixes() -> None:
    text = FILTER_HEAD.replace("name: f", "name: f\n    family: inet6") + (
        "      - {name: t, from: {source: [10.0.0.0/8]}, then: {action: accept}}\n"
    )
    assert errors_of(text) == ["intent/x.yaml:3:5: filters[0]: term t: 10.0.0.0/8 is not a inet6 prefix"]


@pytest.mark.parametrize(
    ("binding", "expected"),
    [
        ("{filter: f, interface: eth0, direction: input}",
         "3:28: bindings[0].interface: 'eth0' is not an interface unit like ge-0/0/0.0 or lo0.0"),
        ("{filter: f, interface: lo0.0, direction: sideways}",
         "3:46: bindings[0].direction: Input should be 'input' or 'output'"),
    ],
)  # fmt: skip
def test_binding_rules(binding: str, expected: str) -> None:
    assert errors_of(f"apply_to: {{all: true}}\nbindings:\n  - {binding}\n") == [f"intent/x.yaml:{expected}"]


# One rule for a Junos interface unit (INTERFACE.UNIT), whether a next hop or a binding names it.
VALID_UNITS = [
    "ge-0/0/0.0", "ge-1/0/10.16385", "xe-1/2/3:1.100", "et-0/0/1.0", "gr-0/0/0.0", "ae0.0", "ae12.4094",
    "lo0.0", "irb.100", "fxp0.0", "em0.0", "reth1.0", "st0.0",
]  # fmt: skip
INVALID_UNITS = [
    "ge-0/0.0",  # two slot levels are not a Junos interface
    "ge-0/0/0/0.0", "ge-0/0/0",  # a bare interface: intent names the unit, ge-0/0/0.0
    "lo0", "eth0", "ge-0/0/0.16386", "ge-0/0/0.01", "ge-00/0/0.0", "GE-0/0/0.0", "xe-1/2/3:.0", "ge-/0/0.0",
    "ge-0/0/0.", ".0", "ae0.0.0", "ge 0/0/0.0", "lo0.0\n", "lo0.1" + "0" * 5000,
]  # fmt: skip


def _units_file(name: str) -> str:
    quoted = json.dumps(name)  # a YAML double-quoted scalar
    return (
        "apply_to: {all: true}\n"
        "static_routes:\n"
        f"  - {{prefix: 10.1.0.0/16, next_hops: [{quoted}]}}\n"
        f"  - {{prefix: 10.2.0.0/16, next_hops: [{{interface: {quoted}}}]}}\n"
        "bindings:\n"
        f"  - {{filter: f, interface: {quoted}, direction: input}}\n"
    )


@pytest.mark.parametrize("name", VALID_UNITS)
def test_next_hops_and_bindings_accept_the_same_interface_units(name: str) -> None:
    assert errors_of(_units_file(name)) == []


@pytest.mark.parametrize("name", INVALID_UNITS, ids=lambda name: name[:20].encode("unicode_escape").decode())
def test_next_hops_and_bindings_refuse_the_same_interface_units(name: str) -> None:
    assert errors_of(_units_file(name)) == [
        f"intent/x.yaml:3:39: static_routes[0].next_hops[0]: {name!r} is neither an IP address nor an interface unit",
        f"intent/x.yaml:4:51: static_routes[1].next_hops[0].interface: {name!r} is not an interface unit",
        f"intent/x.yaml:6:28: bindings[0].interface: {name!r} is not an interface unit like ge-0/0/0.0 or lo0.0",
    ]


DEVICE = "devices:\n  r1:\n    address: 192.0.2.10\n"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("    credentials: {username: lab, password: hunter2}\n",
         "4:44: devices.r1.credentials.password: an inline password is not allowed here: use password_env or "
         "password_file (the value is not shown)"),
        ("    credentials: {username: lab}\n",
         "4:18: devices.r1.credentials: give exactly one of password_env and password_file"),
        ("    credentials: {username: lab, password_env: P}\n    tls: {cert: c.pem, key: SECRETKEY}\n",
         "5:29: devices.r1.tls.key: an inline private key is not allowed here: use key_file or key_env (the value is "
         "not shown)"),
        ("    credentials: {username: lab, password_env: P}\n    insecure: true\n    tls: {ca: ca.pem}\n",
         "3:5: devices.r1: insecure: true cannot be combined with tls"),
        ("    credentials: {username: lab, password_env: P}\n    port: 70000\n",
         "5:11: devices.r1.port: Input should be less than or equal to 65535"),
        ("    credentials: {username: lab, password_env: P}\n    purge_timer: 0\n",
         "5:18: devices.r1.purge_timer: Input should be greater than or equal to 1"),
    ],
)  # fmt: skip
def test_device_rules(extra: str, expected: str) -> None:
    errors = device_errors(DEVICE + extra)
    assert errors == [f"intent/devices.yaml:{expected}"]
    assert not any("hunter2" in e or "SECRETKEY" in e for e in errors)


def test_bad_address_and_unknown_device_field() -> None:
    errors = device_errors(
        "devices:\n  r1:\n    address: 'not an address!'\n    adress: 1\n"
        "    credentials: {username: a, password_env: P}\n"
    )
    assert errors == [
        "intent/devices.yaml:3:14: devices.r1.address: must be an IP address or a host name",
        "intent/devices.yaml:4:13: devices.r1.adress: unknown field (check the spelling)",
    ]


def test_a_static_preference_below_5_is_refused_as_a_router_would_raise_it() -> None:
    text = "apply_to: {all: true}\nstatic_routes:\n  - {prefix: 10.0.0.0/8, next_hops: [192.0.2.1], preference: 2}\n"
    [error] = errors_of(text)
    assert "static_routes[0].preference: preference must be at least 5 (a router raises lower values to 5)" in error


@pytest.mark.parametrize(
    ("match", "expected"),
    [
        ("{protocol: [icmp], destination_port: [22]}", "ports can only be matched with protocol tcp, udp or sctp"),
        ("{protocol: [tcp], icmp_type: [echo-request]}", "ICMP type and code can only be matched with protocol icmp"),
    ],
)
def test_protocol_fields_need_their_protocol(match: str, expected: str) -> None:
    text = (f"apply_to: {{all: true}}\nfilters:\n  - name: f\n    terms:\n"
            f"      - {{name: t, from: {match}, then: {{action: accept}}}}\n")  # fmt: skip
    [error] = errors_of(text)
    assert expected in error


def test_ports_without_a_protocol_are_allowed() -> None:
    term = "{name: t, from: {destination_port: [22]}, then: {action: accept}}"
    text = f"apply_to: {{all: true}}\nfilters:\n  - {{name: f, terms: [{term}]}}\n"
    assert errors_of(text) == []
