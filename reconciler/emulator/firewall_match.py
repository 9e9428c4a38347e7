"""Validation of a firewall term's match conditions, every field of the IDL's match message.

Fields our protos declare are read directly; the others (e.g. `ipv4_addrs`,
`ports`, `ipv6_next_headers`) arrive as unknown fields from a client compiled
from the complete IDL and are read with `idl_extras`. What the emulator checks:
- addresses: a valid prefix of the filter's family, no host bits set;
- ranges (ports, protocols, ICMP, DSCP, lengths, TTL, ...): min <= max within
  the field's span (a max of 0 means "just min");
- every match's operation is EQUAL or NOT_EQUAL;
- enums (fragment flags, loss priority, forwarding class, precedence) in range;
- protocol-specific fields agree with the term's protocol match: ports need a
  TCP, UDP or SCTP protocol, ICMP type/code need ICMP (1) in inet and ICMPv6
  (58) in inet6, when the term matches protocols at all (with EQUAL);
- flexible offset, GTP and exact five-tuple matches are refused as unsupported
  by an emulated router.
Everything raises MatchRefused(code, message) with a firewall sub-code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from google.protobuf import empty_pb2

from reconciler.emulator.addresses import host_bits_set, parse_ip
from reconciler.emulator.idl_extras import VARINT, as_message, extras
from reconciler.wire.pb import firewall_pb

INVALID, UNSUPPORTED = 1, 3  # the shared firewall StatusCode values
PORT_PROTOCOLS = frozenset({6, 17, 132})  # TCP, UDP, SCTP
ICMP, ICMP6 = 1, 58
_OPERATIONS = (firewall_pb.OP_EQUAL, firewall_pb.OP_NOT_EQUAL)


class MatchRefused(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class _Layout:
    """Where each kind of match lives in one family's match message."""

    name: str
    bits: int
    address_fields: tuple[str, ...]  # declared MatchIpAddress lists
    range_fields: dict[str, int]  # declared range lists -> their maximum
    protocol_field: str
    extra_addresses: dict[int, str]  # undeclared MatchIpAddress lists: number -> IDL name
    extra_ranges: dict[int, tuple[str, int]]  # undeclared range lists: number -> (name, maximum)
    extra_enums: dict[int, tuple[str, int, int]]  # undeclared {value = 1, operation = 2}: (name, low, high)
    extra_fragment_flag: int | None  # number of an undeclared FilterFragmentFlags field
    interface_units: int
    unsupported: dict[int, str]


_PORTS = {"dst_ports": 65535, "src_ports": 65535}
_COMMON_RANGES = {**_PORTS, "icmp_types": 255, "icmp_codes": 255, "dscp_codes": 63, "packet_lengths": 65535}
_PRECEDENCE_HIGH, _LOSS = 7, (1, 4)

INET = _Layout(
    "inet",
    32,
    ("ipv4_dst_addrs", "ipv4_src_addrs"),
    {**_COMMON_RANGES, "protocols": 255, "ttls": 255},
    "protocols",
    {15: "ipv4_addrs"},
    {12: ("frag_offsets", 8191), 16: ("ports", 65535)},
    # The IDL gives MatchIpPrecedence's `max` and `operation` the same number (2); read
    # either way, both values must be a precedence (0-7), which covers an operation too.
    {14: ("ip_precedences", 0, _PRECEDENCE_HIGH)},
    None,
    13,
    {17: "flex_range", 18: "flex_mask", 19: "gtp_header", 20: "five_tuple_exact"},
)
INET6 = _Layout(
    "inet6",
    128,
    ("ipv6_dst_addrs", "ipv6_src_addrs"),
    {**_COMMON_RANGES, "payload_protocols": 255, "traffic_classes": 255},
    "payload_protocols",
    {13: "ipv6_addrs"},
    {16: ("ipv6_next_headers", 255), 19: ("ports", 65535)},
    {17: ("loss_priorities", *_LOSS), 18: ("forwarding_class", *_LOSS)},
    10,
    11,
    {14: "flex_range", 15: "flex_mask", 20: "gtp_header"},
)
LAYOUTS = {"inet": INET, "inet6": INET6}


@dataclass(frozen=True)
class _Range:
    name: str
    low: int
    high: int
    operation: int


def check_matches(matches: Any, family_name: str, where: str) -> None:
    """Refuse (MatchRefused) anything in a term's match message a router would refuse."""
    layout = LAYOUTS[family_name]
    found = extras(matches)
    for number, name in layout.unsupported.items():
        if number in found:
            raise MatchRefused(UNSUPPORTED, f"{where}: matching on {name} is not supported by this router")
    for name, address in _addresses(matches, found, layout, where):
        _check_address(address, name, layout, where)
    ranges = list(_ranges(matches, found, layout, where))
    for r in ranges:
        if r.operation not in _OPERATIONS:
            raise MatchRefused(INVALID, f"{where}: {r.name} needs an operation, equal or not-equal")
    limits = {**layout.range_fields, **dict(layout.extra_ranges.values())}
    for r in ranges:
        high = r.high or r.low
        if r.low > high or high > limits[r.name]:
            raise MatchRefused(INVALID, f"{where}: {r.name} range {r.low}-{r.high} is outside 0-{limits[r.name]}")
    _check_other_fields(found, layout, where)
    _check_protocol_specific(ranges, layout, where)


def _addresses(matches: Any, found: dict[int, Any], layout: _Layout, where: str) -> Iterator[tuple[str, Any]]:
    for name in layout.address_fields:
        for address in getattr(matches, name):
            yield name, address
    for number, name in layout.extra_addresses.items():
        for wire_type, value in found.get(number, ()):
            address = as_message(wire_type, value, firewall_pb.MatchIpAddress)
            if address is None:
                raise MatchRefused(INVALID, f"{where}: {name} is malformed")
            yield name, address


def _check_address(address: Any, name: str, layout: _Layout, where: str) -> None:
    value = parse_ip(address.addr, layout.name)
    length = address.prefix_length
    if value is None or length > layout.bits or host_bits_set(value, length, layout.bits):
        raise MatchRefused(INVALID, f"{where}: {name} has an invalid {layout.name} prefix")
    if address.operation not in _OPERATIONS:
        raise MatchRefused(INVALID, f"{where}: {name} needs an operation, equal or not-equal")


def _ranges(matches: Any, found: dict[int, Any], layout: _Layout, where: str) -> Iterator[_Range]:
    for name in layout.range_fields:
        for r in getattr(matches, name):
            yield _Range(name, r.min, r.max, r.operation)
    for number, (name, _) in layout.extra_ranges.items():
        for wire_type, value in found.get(number, ()):
            r = as_message(wire_type, value, firewall_pb.MatchPort)  # every range message: min, max, operation
            if r is None:
                raise MatchRefused(INVALID, f"{where}: {name} is malformed")
            yield _Range(name, r.min, r.max, r.operation)


def _fields_of(wire_type: int, value: Any) -> dict[int, int] | None:
    """The varint fields of a small undeclared message, or None when malformed."""
    shell = as_message(wire_type, value, empty_pb2.Empty)  # no declared fields: all of them are "extra"
    if shell is None:
        return None
    result = {}
    for number, values in extras(shell).items():
        kind, data = values[-1]
        if kind != VARINT or not isinstance(data, int):
            return None
        result[number] = data
    return result


def _check_other_fields(found: dict[int, Any], layout: _Layout, where: str) -> None:
    for number, (name, low, high) in layout.extra_enums.items():
        for wire_type, value in found.get(number, ()):
            fields = _fields_of(wire_type, value)
            if fields is None or not low <= fields.get(1, 0) <= high:
                raise MatchRefused(INVALID, f"{where}: {name} has a value outside {low}-{high}")
            if name != "ip_precedences" and fields.get(2, 0) not in _OPERATIONS:
                raise MatchRefused(INVALID, f"{where}: {name} needs an operation, equal or not-equal")
            if name == "ip_precedences" and fields.get(2, 0) > high:
                raise MatchRefused(INVALID, f"{where}: {name} has a value outside {low}-{high}")
    if layout.extra_fragment_flag is not None:
        for wire_type, value in found.get(layout.extra_fragment_flag, ()):
            if wire_type != VARINT or value not in firewall_pb.FilterFragmentFlags.values():
                raise MatchRefused(INVALID, f"{where}: fragment_flag is not a fragment flag")
    for wire_type, value in found.get(layout.interface_units, ()):
        shell = as_message(wire_type, value, empty_pb2.Empty)
        unit = extras(shell) if shell is not None else {}
        if not unit or set(unit) - {1, 2}:
            raise MatchRefused(INVALID, f"{where}: interface_units needs a unit name or index")


def _check_protocol_specific(ranges: list[_Range], layout: _Layout, where: str) -> None:
    protocols = [r for r in ranges if r.name == layout.protocol_field and r.operation == firewall_pb.OP_EQUAL]
    if not protocols:
        return  # no protocol named: any port or ICMP match stands on its own
    names = {r.name for r in ranges}
    if names & {"dst_ports", "src_ports", "ports"} and not _any_in(protocols, PORT_PROTOCOLS):
        raise MatchRefused(INVALID, f"{where}: port matches need protocol tcp, udp or sctp")
    icmp = ICMP if layout is INET else ICMP6
    if names & {"icmp_types", "icmp_codes"} and not _any_in(protocols, (icmp,)):
        raise MatchRefused(INVALID, f"{where}: icmp-type/icmp-code matches need protocol {icmp}")


def _any_in(protocols: list[_Range], numbers: Iterable[int]) -> bool:
    return any(r.low <= n <= (r.high or r.low) for r in protocols for n in numbers)
