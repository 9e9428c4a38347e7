"""Short text for a box of header space, naming only the fields it constrains.

Addresses are written as Junos writes them: the fewest prefixes, longest-match wins,
`except` for holes ("10.0.0.0/8 except 10.66.0.0/16"), found by a small dynamic
programme over the prefix tree. Number sets are ranges, or "not ..." when shorter.
"""

from __future__ import annotations

from dataclasses import dataclass

from reconciler.model.names import DSCP, ICMP_TYPES, PROTOCOLS
from reconciler.model.prefixes import Family
from reconciler.plan.behaviour import filter_space as hs
from reconciler.plan.behaviour.filter_space import Box, Intervals

MAX_ITEMS = 4  # per field; a longer list is cut with "+N more"

_PROTOCOL_NAMES = {number: name for name, number in PROTOCOLS.items()}
_ICMP_NAMES = {number: name for name, number in ICMP_TYPES.items()}
_DSCP_NAMES = {number: name for name, number in reversed(DSCP.items())}  # first name wins ("be")
_FRAGMENT_NAMES: dict[Intervals, str] = {
    ((hs.MIDDLE_FRAGMENT, hs.LAST_FRAGMENT),): "is-fragment",
    ((hs.UNFRAGMENTED, hs.FIRST_FRAGMENT),): "not is-fragment",
    ((hs.FIRST_FRAGMENT, hs.FIRST_FRAGMENT),): "first-fragment",
    ((hs.LAST_FRAGMENT, hs.LAST_FRAGMENT),): "last-fragment",
    ((hs.UNFRAGMENTED, hs.UNFRAGMENTED),): "unfragmented",
}
_FRAGMENT_WORDS = ("unfragmented", "first-fragment", "middle-fragment", "last-fragment")

Entry = tuple[int, int, bool]  # prefix start, length, except


def _cut(items: list[str], separator: str = ",") -> str:
    if len(items) > MAX_ITEMS:
        items = [*items[: MAX_ITEMS - 1], f"+{len(items) - MAX_ITEMS + 1} more"]
    return separator.join(items)


def _best(values: Intervals, start: int, length: int, bits: int) -> tuple[list[Entry], list[Entry]]:
    """Fewest entries describing `values` inside prefix (start, length), for a parent
    state of "not matched" and of "matched" respectively."""
    end = start + (1 << (bits - length)) - 1
    inside = hs.intersect(values, hs.interval(start, end))
    if not inside:
        return [], [(start, length, True)]
    if inside == ((start, end),):
        return [(start, length, False)], []
    half = 1 << (bits - length - 1)
    left_out, left_in = _best(inside, start, length + 1, bits)
    right_out, right_in = _best(inside, start + half, length + 1, bits)
    plain_out, plain_in = left_out + right_out, left_in + right_in
    as_out = plain_out if len(plain_out) <= len(plain_in) + 1 else [(start, length, False), *plain_in]
    as_in = plain_in if len(plain_in) <= len(plain_out) + 1 else [(start, length, True), *plain_out]
    return as_out, as_in


def addresses(values: Intervals, family: Family) -> str:
    """E.g. "10.0.0.0/8 except 10.66.0.0/16", "any except (10.0.0.0/8 except 10.66.0.0/16)"."""
    entries, _ = _best(values, 0, 0, family.bits)
    # The entries come parent first; nest each under the innermost earlier prefix holding it.
    roots: list[_Node] = []
    stack: list[_Node] = []
    for start, length, _negate in entries:
        node = _Node(start, start + (1 << (family.bits - length)) - 1, length, [])
        while stack and not (stack[-1].start <= start and node.end <= stack[-1].end):
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return _cut([_node_text(n, family) for n in roots], ", ")


@dataclass
class _Node:
    start: int
    end: int
    length: int
    children: list[_Node]


def _node_text(node: _Node, family: Family) -> str:
    text = "any" if node.length == 0 else f"{hs.address_text(node.start, family)}/{node.length}"
    if not node.children:
        return text
    inner = _cut([_node_text(c, family) for c in node.children], ", ")
    nested = len(node.children) > 1 or bool(node.children[0].children)
    return f"{text} except ({inner})" if nested else f"{text} except {inner}"


def _ranges(values: Intervals, names: dict[int, str]) -> list[str]:
    items = []
    for low, high in values:
        if low == high:
            items.append("none" if low == hs.NONE else names.get(low, str(low)))
        else:
            items.append(f"{low}-{high}" if low != hs.NONE else f"none,0-{high}" if high > 0 else "none,0")
    return items


def numbers(values: Intervals, low: int, high: int, names: dict[int, str] | None = None) -> str:
    """Ranges of a field of domain low..high, or "not ..." of its complement when shorter."""
    names = names or {}
    complement = hs.subtract(hs.interval(low, high), values)
    if complement and len(complement) < len(values):
        return "not " + _cut(_ranges(complement, names))
    return _cut(_ranges(values, names))


def box_text(box: Box, family: Family) -> str:
    """E.g. "tcp from 198.51.100.0/24 to 192.0.2.0/24 port 22"; "any packet" if unconstrained."""
    full = hs.domains(family)

    def shown(dim: int) -> bool:
        return box[dim] != full[dim]

    parts = []
    if shown(hs.PROTOCOL):
        parts.append(numbers(box[hs.PROTOCOL], 0, 255, _PROTOCOL_NAMES))
    for word, address, port in (
        ("from", hs.SOURCE, hs.SOURCE_PORT),
        ("to", hs.DESTINATION, hs.DESTINATION_PORT),
    ):
        if shown(address) or shown(port):
            text = f"{word} {addresses(box[address], family)}"
            if shown(port):
                text += f" port {numbers(box[port], hs.NONE, 65535)}"
            parts.append(text)
    icmp_names = _ICMP_NAMES if family is Family.INET else {}
    for word, dim, low, high, names in (
        ("icmp-type", hs.ICMP_TYPE, hs.NONE, 255, icmp_names),
        ("icmp-code", hs.ICMP_CODE, hs.NONE, 255, {}),
        ("dscp", hs.DSCP, 0, 63, _DSCP_NAMES),
        ("ttl" if family is Family.INET else "hop-limit", hs.TTL, 0, 255, {}),
        ("length", hs.LENGTH, 0, 65535, {}),
    ):
        if shown(dim):
            parts.append(f"{word} {numbers(box[dim], low, high, names)}")
    if shown(hs.FRAGMENT):
        fragments = box[hs.FRAGMENT]
        named = _FRAGMENT_NAMES.get(fragments)
        parts.append(named or ",".join(_FRAGMENT_WORDS[v] for low, high in fragments for v in range(low, high + 1)))
    if shown(hs.DONT_FRAGMENT):
        parts.append("dont-fragment" if box[hs.DONT_FRAGMENT] == ((1, 1),) else "not dont-fragment")
    return " ".join(parts) or "any packet"
