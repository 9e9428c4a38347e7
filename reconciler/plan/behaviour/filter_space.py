"""The header space a filter sees: a box is one interval set per packet field.

An interval set is a sorted tuple of disjoint, non-adjacent inclusive (low, high)
pairs. A box is the product of one interval set per dimension; sets of packets are
lists of disjoint boxes. Fields some packets lack (ports, ICMP type and code) get the
value NONE (-1): a TCP first fragment has ports, an ICMP packet or a later fragment has
none. Which combinations exist is `universe(family)`, a few boxes. Boxes may also hold
combinations no packet has (an ICMP packet with a port): evaluation treats them like
any other point and they drop out when packets are counted.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from functools import cache

from reconciler.model.prefixes import Family

Intervals = tuple[tuple[int, int], ...]
Box = tuple[Intervals, ...]

NONE = -1  # the field is absent from the packet (no ports in ICMP, none in a later fragment)

# Dimensions, in the order boxes hold them.
PROTOCOL, SOURCE, DESTINATION, SOURCE_PORT, DESTINATION_PORT = 0, 1, 2, 3, 4
ICMP_TYPE, ICMP_CODE, DSCP, TTL, LENGTH, FRAGMENT, DONT_FRAGMENT = 5, 6, 7, 8, 9, 10, 11
DIMENSIONS = 12
OPTIONAL = (SOURCE_PORT, DESTINATION_PORT, ICMP_TYPE, ICMP_CODE, FRAGMENT, DONT_FRAGMENT)

# FRAGMENT values: offset 0 without/with "more fragments", offset > 0 with/without it.
UNFRAGMENTED, FIRST_FRAGMENT, MIDDLE_FRAGMENT, LAST_FRAGMENT = 0, 1, 2, 3

PORT_PROTOCOLS = (6, 17, 132)  # tcp, udp, sctp
ICMP_PROTOCOL = {Family.INET: 1, Family.INET6: 58}


def interval(low: int, high: int) -> Intervals:
    return ((low, high),) if low <= high else ()


def union(a: Intervals, b: Intervals) -> Intervals:
    if not a or a == b:
        return b
    if not b:
        return a
    merged: list[tuple[int, int]] = []
    for low, high in sorted(a + b):
        if merged and low <= merged[-1][1] + 1:
            if high > merged[-1][1]:
                merged[-1] = (merged[-1][0], high)
        else:
            merged.append((low, high))
    return tuple(merged)


def intersect(a: Intervals, b: Intervals) -> Intervals:
    if a == b:
        return a
    out: list[tuple[int, int]] = []
    i = j = 0
    while i < len(a) and j < len(b):
        low = max(a[i][0], b[j][0])
        high = min(a[i][1], b[j][1])
        if low <= high:
            out.append((low, high))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return tuple(out)


def subtract(a: Intervals, b: Intervals) -> Intervals:
    if not b or not a:
        return a
    out: list[tuple[int, int]] = []
    j = 0
    for low, high in a:
        while j < len(b) and b[j][1] < low:
            j += 1
        k = j
        while k < len(b) and b[k][0] <= high:
            if b[k][0] > low:
                out.append((low, b[k][0] - 1))
            low = max(low, b[k][1] + 1)
            k += 1
        if low <= high:
            out.append((low, high))
    return tuple(out)


def size(a: Intervals) -> int:
    return sum(high - low + 1 for low, high in a)


def contains(a: Intervals, value: int) -> bool:
    return any(low <= value <= high for low, high in a)


@cache
def domains(family: Family) -> Box:
    """The full range of every dimension (absent values included)."""
    address = interval(0, (1 << family.bits) - 1)
    return (
        interval(0, 255),
        address,
        address,
        interval(NONE, 65535),
        interval(NONE, 65535),
        interval(NONE, 255),
        interval(NONE, 255),
        interval(0, 63),
        interval(0, 255),
        interval(0, 65535),
        interval(UNFRAGMENTED, LAST_FRAGMENT),
        interval(0, 1),
    )


def _points(values: tuple[int, ...]) -> Intervals:
    out: Intervals = ()
    for value in values:
        out = union(out, interval(value, value))
    return out


@cache
def universe(family: Family) -> tuple[Box, ...]:
    """The packets that exist, as disjoint boxes: ports only in TCP/UDP/SCTP, ICMP type
    and code only in ICMP, both only where the transport header is there (not in a
    later fragment). IPv6 fragments are not modelled (a v6 term cannot match them)."""
    full = domains(family)
    ports = _points(PORT_PROTOCOLS)
    icmp = _points((ICMP_PROTOCOL[family],))
    others = subtract(full[PROTOCOL], union(ports, icmp))
    none = interval(NONE, NONE)
    if family is Family.INET:
        heads, tails = interval(UNFRAGMENTED, FIRST_FRAGMENT), interval(MIDDLE_FRAGMENT, LAST_FRAGMENT)
    else:
        heads, tails = interval(UNFRAGMENTED, UNFRAGMENTED), ()
    flags = full[DONT_FRAGMENT] if family is Family.INET else interval(0, 0)
    real_port, real_icmp = interval(0, 65535), interval(0, 255)

    def box(protocols: Intervals, fragments: Intervals, port: Intervals, icmp_field: Intervals) -> Box:
        b = list(full)
        b[PROTOCOL], b[FRAGMENT], b[DONT_FRAGMENT] = protocols, fragments, flags
        b[SOURCE_PORT] = b[DESTINATION_PORT] = port
        b[ICMP_TYPE] = b[ICMP_CODE] = icmp_field
        return tuple(b)

    boxes = [
        box(ports, heads, real_port, none),
        box(icmp, heads, none, real_icmp),
        box(others, union(heads, tails), none, none),
    ]
    if tails:
        boxes.append(box(union(ports, icmp), tails, none, none))
    return tuple(boxes)


def box_intersect(a: Box, b: Box) -> Box | None:
    out = []
    for x, y in zip(a, b, strict=True):
        both = intersect(x, y)
        if not both:
            return None
        out.append(both)
    return tuple(out)


def box_size(box: Box, family: Family) -> int:
    """How many packets (that exist) the box holds."""
    total = 0
    for piece in universe(family):
        count = 1
        for x, y in zip(box, piece, strict=True):
            count *= size(intersect(x, y))
            if not count:
                break
        total += count
    return total


def box_contains(box: Box, point: tuple[int, ...]) -> bool:
    return all(contains(values, v) for values, v in zip(box, point, strict=True))


@dataclass(frozen=True, slots=True)
class Packet:
    """One packet's header fields; None where the packet has no such field."""

    protocol: int
    source: str
    destination: str
    source_port: int | None = None
    destination_port: int | None = None
    icmp_type: int | None = None
    icmp_code: int | None = None
    dscp: int = 0
    ttl: int = 64
    length: int = 64
    fragment: int = UNFRAGMENTED  # UNFRAGMENTED, FIRST_FRAGMENT, MIDDLE_FRAGMENT or LAST_FRAGMENT
    dont_fragment: bool = False


def address_value(text: str, family: Family) -> int:
    return int.from_bytes(socket.inet_pton(family.socket_family, text), "big")


def address_text(value: int, family: Family) -> str:
    return socket.inet_ntop(family.socket_family, value.to_bytes(family.bits // 8, "big"))


def packet_point(packet: Packet, family: Family) -> tuple[int, ...]:
    def opt(value: int | None) -> int:
        return NONE if value is None else value

    return (
        packet.protocol,
        address_value(packet.source, family),
        address_value(packet.destination, family),
        opt(packet.source_port),
        opt(packet.destination_port),
        opt(packet.icmp_type),
        opt(packet.icmp_code),
        packet.dscp,
        packet.ttl,
        packet.length,
        packet.fragment,
        int(packet.dont_fragment),
    )


def point_packet(point: tuple[int, ...], family: Family) -> Packet:
    def opt(value: int) -> int | None:
        return None if value == NONE else value

    return Packet(
        protocol=point[PROTOCOL],
        source=address_text(point[SOURCE], family),
        destination=address_text(point[DESTINATION], family),
        source_port=opt(point[SOURCE_PORT]),
        destination_port=opt(point[DESTINATION_PORT]),
        icmp_type=opt(point[ICMP_TYPE]),
        icmp_code=opt(point[ICMP_CODE]),
        dscp=point[DSCP],
        ttl=point[TTL],
        length=point[LENGTH],
        fragment=point[FRAGMENT],
        dont_fragment=bool(point[DONT_FRAGMENT]),
    )
