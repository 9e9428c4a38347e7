"""Longest-prefix match over a laminar set of prefixes, as integer intervals.

Prefixes either nest or are disjoint, so one sorted sweep with a stack of the open
prefixes yields, for every address, the innermost prefix that covers it.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import compress, repeat
from operator import add, itemgetter, methodcaller
from typing import Any, TypeVar

V = TypeVar("V")
K = TypeVar("K")
Pair = tuple[V | None, V | None]  # a value per side (before, after); None: the prefix has no route there

BITS = {False: 32, True: 128}  # keyed by "is IPv6"


@dataclass(frozen=True, slots=True)
class Net:
    """A parsed prefix: family bits, first address, length."""

    bits: int
    start: int
    length: int

    @property
    def end(self) -> int:
        return self.start + (1 << (self.bits - self.length)) - 1

    def text(self) -> str:
        return prefix_text(self.bits, self.start, self.length)


def parse(prefix: str) -> Net:
    """Parse a canonical "addr/len" (the router's and the intent's form: no host bits)."""
    address, _, length = prefix.partition("/")
    v6 = ":" in address
    af = socket.AF_INET6 if v6 else socket.AF_INET
    bits = BITS[v6]
    size = int(length)
    return Net(bits, int.from_bytes(socket.inet_pton(af, address), "big"), size)


_from_bytes: Callable[[bytes, str], int] = int.from_bytes  # type: ignore[assignment]  # byteorder is a literal
_LAST = {bits: [(1 << (bits - length)) - 1 for length in range(bits + 1)] for bits in (32, 128)}


def parse_many(prefixes: Iterable[str], bits: int) -> tuple[list[int], list[int], list[int]]:
    """First addresses, lengths and last addresses of canonical prefixes of one family, by
    C-level maps only (a change of a default route makes a million of them relevant)."""
    af = socket.AF_INET6 if bits == 128 else socket.AF_INET
    parts = list(map(methodcaller("partition", "/"), prefixes))
    lengths = list(map(int, map(itemgetter(2), parts)))
    packed = map(socket.inet_pton, repeat(af), map(itemgetter(0), parts))
    starts: list[int] = list(map(_from_bytes, packed, repeat("big")))
    return starts, lengths, list(map(add, starts, map(_LAST[bits].__getitem__, lengths)))


def prefix_text(bits: int, start: int, length: int) -> str:
    af = socket.AF_INET6 if bits == 128 else socket.AF_INET
    return f"{socket.inet_ntop(af, start.to_bytes(bits // 8, 'big'))}/{length}"


# Cheap string keys shared by every prefix inside one block, read off the canonical text
# without parsing it: IPv4 "a" (/8), "a.b" (/16), "a.b.c" (/24); IPv6 "h" (/16), "h:h" (/32).
# They let a million-route table be filtered down to the prefixes near a change.
_V4_LEVELS = (24, 16, 8)
_V6_LEVELS = (32, 16)


def _key(prefix: str, level: int) -> str:
    colon = prefix.find(":")
    if colon < 0:
        if level == 24:
            return prefix[: prefix.rfind(".")]
        if level == 16:
            return prefix[: prefix.find(".", prefix.find(".") + 1)]
        return prefix[: prefix.find(".")]
    if colon == 0:  # leading "::": which hextets are zero depends on the run length
        return _key_of(parse(prefix), level)
    if level == 16:
        return prefix[:colon]
    second = prefix.find(":", colon + 1)
    return f"{prefix[:colon]}:{prefix[colon + 1 : second] or '0'}"  # "h::" : the second hextet is zero


def _key_of(net: Net, level: int) -> str:
    value = net.start >> (net.bits - level)
    if net.bits == 32:
        return ".".join(str(value >> shift & 255) for shift in range(level - 8, -1, -8))
    return ":".join(format(value >> shift & 0xFFFF, "x") for shift in range(level - 16, -1, -16))


class Nearby:
    """Which prefix texts may nest with one of some prefixes (cover or lie inside one).

    A superset, decided on text alone; the caller's interval sweep is exact.
    """

    def __init__(self, nets: Iterable[Net]) -> None:
        self.covering: set[str] = set()
        self.keys: dict[tuple[int, int], set[str]] = {}  # (family bits, level) -> keys
        for net in nets:
            self.covering.update(ancestors(net))
            levels = _V4_LEVELS if net.bits == 32 else _V6_LEVELS
            level = next((level for level in levels if net.length >= level), levels[-1])
            first = net.start >> (net.bits - level)
            last = net.end >> (net.bits - level)
            found = self.keys.setdefault((net.bits, level), set())
            for value in range(first, last + 1):  # a prefix shorter than the coarsest level: every block
                found.add(_key_of(Net(net.bits, value << (net.bits - level), level), level))

    def __call__(self, prefix: str) -> bool:
        if prefix in self.covering:
            return True
        bits = 128 if ":" in prefix else 32
        return any(family == bits and _key(prefix, level) in keys for (family, level), keys in self.keys.items())


# The same keys read by C-level string operations, so that a pass over a million routes
# runs no Python code per route. They see "h::" as "h:" and a leading "::" as "" or ":"
# (canonical text compresses runs of two or more zero hextets), hence the aliases.
_SPLITS: dict[tuple[int, int], tuple[Callable[[str], Any], Callable[[Any], str]]] = {
    (32, 24): (methodcaller("rpartition", "."), itemgetter(0)),
    (32, 16): (re.compile(r"[^.]*\.[^.]*|").match, methodcaller("group")),
    (32, 8): (methodcaller("partition", "."), itemgetter(0)),
    (128, 16): (methodcaller("partition", ":"), itemgetter(0)),
    (128, 32): (re.compile(r"[^:]*:[^:]*|").match, methodcaller("group")),
}


def _aliases(bits: int, keys: set[str]) -> set[str]:
    if bits == 32:
        return keys
    extra = {key[:-1] for key in keys if key.endswith(":0")}  # "h:0" is written "h::"
    if "0" in keys or "0:0" in keys:
        extra |= {"", ":"}  # written "::..."
    return keys | extra


def select(routes: Mapping[K, V], nearby: Mapping[str, Nearby], prefix_of: Callable[[K], str],
           table_of: Callable[[K], str]) -> dict[K, V]:  # fmt: skip
    """The routes whose prefix may nest with a changed prefix of their table."""
    if not nearby or not routes:
        return {}
    covering = set().union(*(n.covering for n in nearby.values()))
    found: dict[K, V] = dict(compress(routes.items(), map(covering.__contains__, map(prefix_of, routes))))
    merged: dict[tuple[int, int], set[str]] = {}
    for near in nearby.values():
        for where, keys in near.keys.items():
            merged.setdefault(where, set()).update(keys)
    for where, keys in merged.items():
        split, pick = _SPLITS[where]
        wanted = _aliases(where[0], keys)
        selectors = map(wanted.__contains__, map(pick, map(split, map(prefix_of, routes))))
        found.update(compress(routes.items(), selectors))
    # Still a superset (another table's neighbours, other prefixes of a block): harmless, as
    # unchanged routes forward alike before and after; only tables without changes are dropped.
    if set(map(table_of, found)) - nearby.keys():
        found = {key: route for key, route in found.items() if table_of(key) in nearby}
    return found


def ancestors(net: Net) -> Iterator[str]:
    """The texts of every prefix strictly covering `net`."""
    full = (1 << net.bits) - 1
    for length in range(net.length):
        mask = full ^ ((1 << (net.bits - length)) - 1)
        yield prefix_text(net.bits, net.start & mask, length)


Node = tuple[int, int, int, Pair[V]]  # first address, length, last address, a value per side
Segment = tuple[int, int, V | None, V | None]  # first and last address, value before and after


def innermost(nodes: list[Node[V]]) -> list[Segment[V]]:
    """Segments of the address space covered by `nodes`, each with, per side, the value
    of the innermost (longest) prefix that has one there. Uncovered space, and segments
    whose two sides are the same object (nothing changed there), are left out.

    `nodes` must be one family, at most one entry per prefix; they are sorted in place
    (by first address, then length: a covering prefix before the ones inside it).
    """
    nodes.sort()
    result: list[Segment[V]] = []
    emit = result.append
    stack: list[tuple[int, V | None, V | None]] = []  # the open prefixes, innermost last
    cursor = 0  # first address not yet emitted
    for start, _, end, (old, new) in nodes:
        while stack and stack[-1][0] < start:
            top_end, top_old, top_new = stack.pop()
            if cursor <= top_end:
                if top_old is not top_new:
                    emit((cursor, top_end, top_old, top_new))
                cursor = top_end + 1
        if stack:
            _, parent_old, parent_new = stack[-1]
            if cursor < start and parent_old is not parent_new:
                emit((cursor, start - 1, parent_old, parent_new))
            # a side this prefix has no route on falls back to the covering prefix
            if old is None:
                old = parent_old
            if new is None:
                new = parent_new
        cursor = start
        stack.append((end, old, new))
    while stack:
        top_end, top_old, top_new = stack.pop()
        if cursor <= top_end:
            if top_old is not top_new:
                emit((cursor, top_end, top_old, top_new))
            cursor = top_end + 1
    return result


def blocks(bits: int, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The fewest aligned prefixes (start, length) exactly covering [start, end]."""
    while start <= end:
        size = (start & -start).bit_length() - 1 if start else bits
        while start + (1 << size) - 1 > end:
            size -= 1
        yield start, bits - size
        start += 1 << size
