"""Firewall filter values: filters with ordered terms, and their bindings.

Like route values, these are frozen and hashable so the planner can pair and
compare them; intent files compile to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from reconciler.model.prefixes import Family


class Direction(StrEnum):
    INPUT = "input"
    OUTPUT = "output"


class Terminating(StrEnum):
    ACCEPT = "accept"
    DISCARD = "discard"
    REJECT = "reject"
    ROUTING_INSTANCE = "routing-instance"


class Fragment(StrEnum):
    DONT_FRAGMENT = "dont-fragment"
    IS_FRAGMENT = "is-fragment"
    FIRST_FRAGMENT = "first-fragment"
    LAST_FRAGMENT = "last-fragment"


@dataclass(frozen=True, slots=True, order=True)
class AddressMatch:
    """A prefix to match; `negate` is Junos `except` (match when NOT in the prefix)."""

    prefix: str
    negate: bool = False


@dataclass(frozen=True, slots=True, order=True)
class Range:
    """An inclusive numeric range (a port, protocol number, ICMP type, ...)."""

    low: int
    high: int
    negate: bool = False


@dataclass(frozen=True, slots=True)
class TermMatch:
    """`from` of a term; an empty match matches every packet."""

    source: tuple[AddressMatch, ...] = ()
    destination: tuple[AddressMatch, ...] = ()
    protocols: tuple[Range, ...] = ()
    source_ports: tuple[Range, ...] = ()
    destination_ports: tuple[Range, ...] = ()
    icmp_types: tuple[Range, ...] = ()
    icmp_codes: tuple[Range, ...] = ()
    dscp: tuple[Range, ...] = ()
    ttl: tuple[Range, ...] = ()
    packet_length: tuple[Range, ...] = ()
    fragment: Fragment | None = None


@dataclass(frozen=True, slots=True)
class TermAction:
    """`then` of a term: at most one terminating action plus non-terminating ones."""

    terminating: Terminating | None = None
    reject_reason: str | None = None  # ICMP reason name, e.g. "administratively-prohibited"
    routing_instance: str | None = None
    count: str | None = None
    log: bool = False
    syslog: bool = False
    policer: str | None = None
    next_term: bool = False


@dataclass(frozen=True, slots=True)
class Term:
    name: str
    match: TermMatch = TermMatch()
    action: TermAction = TermAction()


@dataclass(frozen=True, slots=True)
class FirewallFilter:
    """A client filter; its key is (family, name)."""

    name: str
    family: Family
    terms: tuple[Term, ...]

    @property
    def key(self) -> tuple[Family, str]:
        return (self.family, self.name)


@dataclass(frozen=True, slots=True, order=True)
class Binding:
    """A filter attached to an interface unit in one direction; key is the whole value."""

    filter: str
    family: Family
    interface: str
    direction: Direction


class TermOperation(StrEnum):
    ADD = "add"
    DELETE = "delete"
    REPLACE = "replace"


@dataclass(frozen=True, slots=True)
class TermEdit:
    """One step of modifying a filter in place: add a term (after or before another,
    or at the end), replace a term, or delete one by name. A plan computes these
    once; apply sends exactly them."""

    operation: TermOperation
    term_name: str
    term: Term | None = None  # the new body, for add and replace
    after: str | None = None
    before: str | None = None

    def __str__(self) -> str:
        text = f"{self.operation.value} term {self.term_name}"
        if self.after:
            text += f" after {self.after}"
        elif self.before:
            text += f" before {self.before}"
        return text
