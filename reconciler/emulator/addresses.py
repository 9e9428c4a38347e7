"""Fast parsing of wire addresses into (bits, integer) for validation and matching.

Returns None for anything a router would refuse; callers map that to the sub-code
of the service at hand.
"""

from __future__ import annotations

import socket
from typing import Any

_AF = {"inet": (socket.AF_INET, 32), "inet6": (socket.AF_INET6, 128)}


def parse_ip(ip: Any, arm: str) -> int | None:
    """The integer value of a jnx.jet.common.IpAddress expected to be in family `arm`."""
    family, bits = _AF[arm]
    fmt = ip.WhichOneof("addr_format")
    if fmt == "addr_string":
        try:
            packed = socket.inet_pton(family, ip.addr_string)
        except OSError:
            return None
    elif fmt == "addr_bytes":
        packed = ip.addr_bytes
        if len(packed) != bits // 8:
            return None
    else:
        return None
    return int.from_bytes(packed, "big")


def parse_any_ip(ip: Any) -> tuple[str, int] | None:
    """(family arm, value) of an IpAddress whose family is not known in advance."""
    fmt = ip.WhichOneof("addr_format")
    if fmt == "addr_string":
        arm = "inet6" if ":" in ip.addr_string else "inet"
    elif fmt == "addr_bytes":
        arm = "inet6" if len(ip.addr_bytes) == 16 else "inet"
    else:
        return None
    value = parse_ip(ip, arm)
    return None if value is None else (arm, value)


def host_bits_set(value: int, length: int, bits: int) -> bool:
    return bool(value & ((1 << (bits - length)) - 1))


def contains(outer_value: int, outer_len: int, value: int, length: int, bits: int) -> bool:
    """Whether prefix value/length lies inside outer_value/outer_len."""
    if length < outer_len:
        return False
    shift = bits - outer_len
    return (value >> shift) == (outer_value >> shift)


def to_text(value: int, bits: int) -> str:
    family = socket.AF_INET if bits == 32 else socket.AF_INET6
    return socket.inet_ntop(family, value.to_bytes(bits // 8, "big"))
