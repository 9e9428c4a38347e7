"""Canonical text forms of IP prefixes and addresses, and the family of a table.

Canonical forms make two spellings of the same prefix compare equal
("2001:DB8::/32" and "2001:db8:0::/32" are one prefix). socket.inet_pton/inet_ntop
do the work because they are an order of magnitude faster than the ipaddress
module on million-route tables.
"""

from __future__ import annotations

import socket
from enum import StrEnum

_FAMILY_BITS = {socket.AF_INET: 32, socket.AF_INET6: 128}


class Family(StrEnum):
    INET = "inet"
    INET6 = "inet6"

    @property
    def bits(self) -> int:
        return 32 if self is Family.INET else 128

    @property
    def socket_family(self) -> int:
        return socket.AF_INET if self is Family.INET else socket.AF_INET6


def family_of_address(text: str) -> Family:
    return Family.INET6 if ":" in text else Family.INET


def canonical_address(text: str) -> str:
    """Return the canonical spelling of an IPv4/IPv6 address; ValueError if invalid."""
    family = family_of_address(text)
    try:
        return socket.inet_ntop(family.socket_family, socket.inet_pton(family.socket_family, text))
    except OSError:
        raise ValueError(f"{text!r} is not a valid {family.value} address") from None


def split_prefix(text: str) -> tuple[str, int]:
    """Split "addr/len" into its parts (no validation of the address)."""
    address, sep, length = text.partition("/")
    if not sep or not length.isdigit():
        raise ValueError(f"{text!r} is not a prefix (expected ADDRESS/LENGTH)")
    return address, int(length)


_INET = (Family.INET, socket.AF_INET, 32)
_INET6 = (Family.INET6, socket.AF_INET6, 128)


def parse_prefix(text: str) -> tuple[str, Family]:
    """(canonical "addr/len", family) of "addr/len" or IPv4 "addr/netmask".

    ValueError with a message fit for a user when it is not a network prefix.
    """
    address, slash, length = text.partition("/")
    if not slash:
        raise ValueError(f"{text!r} is not a prefix (expected ADDRESS/LENGTH)")
    family, af, bits = _INET6 if ":" in address else _INET  # plain tuples: this is the bulk hot path
    try:
        packed = socket.inet_pton(af, address)
    except OSError:
        raise ValueError(f"{address!r} is not a valid {family.value} address") from None
    if length.isdigit():
        size = int(length)
    elif family is Family.INET and "." in length:  # netmask form, 10.1.0.0/255.255.0.0
        try:
            mask = int.from_bytes(socket.inet_pton(af, length), "big")
        except OSError:
            raise ValueError(f"{length!r} is not a prefix length or netmask") from None
        size = bin(mask).count("1")
        if mask != ((1 << 32) - 1) ^ ((1 << (32 - size)) - 1):
            raise ValueError(f"{length!r} is not a contiguous netmask")
    else:
        raise ValueError(f"{length!r} is not a prefix length")
    if size > bits:
        raise ValueError(f"prefix length {size} is longer than {bits}")
    if int.from_bytes(packed, "big") & ((1 << (bits - size)) - 1):
        raise ValueError(f"{text!r} has host bits set (did you mean a network address?)")
    return f"{socket.inet_ntop(af, packed)}/{size}", family


def canonical_prefix(text: str) -> str:
    """Return "addr/len" in canonical form; ValueError on bad syntax or host bits set."""
    return parse_prefix(text)[0]


def family_of_table(table: str) -> Family:
    """`inet.0` / `<instance>.inet.0` hold IPv4, `inet6.0` / `<instance>.inet6.0` IPv6."""
    return Family.INET6 if table.endswith("inet6.0") else Family.INET


def default_prefix(family: Family) -> str:
    return "0.0.0.0/0" if family is Family.INET else "::/0"
