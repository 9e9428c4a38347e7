"""The one place that translates filters, terms and bindings into firewall protobuf.

There is no decoding: a router never returns filter definitions
(docs/jet-router-behaviour.md).
"""

from __future__ import annotations

from typing import Any

from reconciler.model.filters import (
    AddressMatch,
    Binding,
    Direction,
    FirewallFilter,
    Fragment,
    Range,
    Term,
    TermAction,
    TermEdit,
    Terminating,
    TermMatch,
    TermOperation,
)
from reconciler.model.prefixes import Family
from reconciler.wire.pb import firewall_pb

FAMILY_TO_PB = {Family.INET: firewall_pb.FAMILY_INET, Family.INET6: firewall_pb.FAMILY_INET6}
DIRECTION_TO_PB = {
    Direction.INPUT: firewall_pb.BIND_DIRECTION_INPUT,
    Direction.OUTPUT: firewall_pb.BIND_DIRECTION_OUTPUT,
}
_FRAGMENT_TO_PB = {
    Fragment.DONT_FRAGMENT: firewall_pb.DONT_FRAGMENT,
    Fragment.IS_FRAGMENT: firewall_pb.IS_FRAGMENT,
    Fragment.FIRST_FRAGMENT: firewall_pb.FIRST_FRAGMENT,
    Fragment.LAST_FRAGMENT: firewall_pb.LAST_FRAGMENT,
}


_OPERATION_TO_PB = {
    TermOperation.ADD: firewall_pb.TERM_OPERATION_ADD,
    TermOperation.DELETE: firewall_pb.TERM_OPERATION_DELETE,
    TermOperation.REPLACE: firewall_pb.TERM_OPERATION_REPLACE,
}


def reject_reason_to_pb(reason: str | None, family: Family) -> int:
    """'port-unreachable' -> ICMP_PORT_UNREACHABLE (or the ICMP6_ value for inet6)."""
    prefix = "ICMP6_" if family is Family.INET6 else "ICMP_"
    enum = firewall_pb.ActionIcmp6RejectReason if family is Family.INET6 else firewall_pb.ActionIcmpRejectReason
    name = prefix + (reason or "administratively-prohibited").upper().replace("-", "_")
    try:
        return int(enum.Value(name))
    except ValueError:
        known = ", ".join(n[len(prefix) :].lower().replace("_", "-") for n in enum.keys())  # noqa: SIM118 (protobuf enum wrapper)
        raise ValueError(f"unknown {family.value} reject reason {reason!r}; known: {known}") from None


def _addresses(target: Any, matches: tuple[AddressMatch, ...]) -> None:
    for match in matches:
        address, _, length = match.prefix.partition("/")
        entry = target.add()
        entry.addr.addr_string = address
        entry.prefix_length = int(length)
        entry.operation = firewall_pb.OP_NOT_EQUAL if match.negate else firewall_pb.OP_EQUAL


def _ranges(target: Any, ranges: tuple[Range, ...]) -> None:
    for r in ranges:
        target.add(
            min=r.low,
            max=r.high,
            operation=firewall_pb.OP_NOT_EQUAL if r.negate else firewall_pb.OP_EQUAL,
        )


def _fill_match(target: Any, match: TermMatch, family: Family) -> None:
    v4 = family is Family.INET
    _addresses(target.ipv4_src_addrs if v4 else target.ipv6_src_addrs, match.source)
    _addresses(target.ipv4_dst_addrs if v4 else target.ipv6_dst_addrs, match.destination)
    _ranges(target.protocols if v4 else target.payload_protocols, match.protocols)
    _ranges(target.src_ports, match.source_ports)
    _ranges(target.dst_ports, match.destination_ports)
    _ranges(target.icmp_types, match.icmp_types)
    _ranges(target.icmp_codes, match.icmp_codes)
    _ranges(target.dscp_codes, match.dscp)
    _ranges(target.packet_lengths, match.packet_length)
    if match.ttl:
        if not v4:
            raise ValueError("ttl can only be matched in family inet")
        _ranges(target.ttls, match.ttl)
    if match.fragment is not None:
        if not v4:
            raise ValueError("fragment flags can only be matched in family inet")
        target.fragment_flag = _FRAGMENT_TO_PB[match.fragment]


def _fill_action(target: Any, action: TermAction, family: Family) -> None:
    nt = target.actions_nt
    if action.count:
        nt.count.counter_name = action.count
    nt.log = action.log
    nt.syslog = action.syslog
    nt.next_term = action.next_term
    if action.policer:
        nt.policer.policer.name = action.policer
    t = target.action_t
    if action.terminating is Terminating.ACCEPT:
        t.accept = True
    elif action.terminating is Terminating.DISCARD:
        t.discard = True
    elif action.terminating is Terminating.REJECT:
        t.reject = reject_reason_to_pb(action.reject_reason, family)
    elif action.terminating is Terminating.ROUTING_INSTANCE:
        t.routing_instance_name = action.routing_instance or ""


def term_to_pb(
    term: Term,
    family: Family,
    operation: TermOperation = TermOperation.ADD,
    *,
    after: str | None = None,
    before: str | None = None,
) -> firewall_pb.FilterTerm:
    wrapper = firewall_pb.FilterTerm()
    body: Any = wrapper.inet_term if family is Family.INET else wrapper.inet6_term
    body.term_name = term.name
    body.term_op = _OPERATION_TO_PB[operation]
    if after is not None or before is not None:
        body.adjacency.type = firewall_pb.TERM_BEFORE if before is not None else firewall_pb.TERM_AFTER
        body.adjacency.term_name = before if before is not None else after
    _fill_match(body.matches, term.match, family)
    _fill_action(body.actions, term.action, family)
    return wrapper


def filter_add_request(filter_: FirewallFilter) -> firewall_pb.FilterAddRequest:
    return firewall_pb.FilterAddRequest(
        name=filter_.name,
        type=firewall_pb.TYPE_CLASSIC,
        family=FAMILY_TO_PB[filter_.family],
        terms_list=[term_to_pb(t, filter_.family) for t in filter_.terms],
    )


def filter_modify_request(name: str, family: Family, edits: list[TermEdit]) -> firewall_pb.FilterModifyRequest:
    request = firewall_pb.FilterModifyRequest(name=name, type=firewall_pb.TYPE_CLASSIC, family=FAMILY_TO_PB[family])
    for edit in edits:
        if edit.operation is TermOperation.DELETE:
            wrapper = request.terms_list.add()
            body: Any = wrapper.inet_term if family is Family.INET else wrapper.inet6_term
            body.term_name = edit.term_name
            body.term_op = firewall_pb.TERM_OPERATION_DELETE
            continue
        if edit.term is None:
            raise ValueError(f"term {edit.term_name!r}: {edit.operation.value} needs the term")
        request.terms_list.append(term_to_pb(edit.term, family, edit.operation, after=edit.after, before=edit.before))
    return request


def filter_delete_request(name: str, family: Family) -> firewall_pb.FilterDeleteRequest:
    return firewall_pb.FilterDeleteRequest(name=name, family=FAMILY_TO_PB[family])


def bind_fields(binding: Binding) -> dict[str, Any]:
    """Fields shared by FilterObjBindAddRequest and FilterObjBindDeleteRequest."""
    family = FAMILY_TO_PB[binding.family]
    return {
        "filter": firewall_pb.Filter(name=binding.filter, family=family),
        "obj_type": firewall_pb.BIND_OBJ_TYPE_INTERFACE,
        "bind_object": firewall_pb.FilterBindObjPoint(interface_name=binding.interface),
        "bind_direction": DIRECTION_TO_PB[binding.direction],
        "bind_family": family,
    }
