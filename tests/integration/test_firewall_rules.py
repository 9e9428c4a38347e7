"""Firewall filters over real gRPC: exact sub-codes, bindings, counters, interfaces."""

from __future__ import annotations

import time

import pytest

from reconciler.emulator.admin import AdminClient
from reconciler.emulator.fleet import Fleet
from reconciler.jet import filter_codec
from reconciler.jet.errors import PermanentError
from reconciler.jet.filter_codec import TermEdit, TermOperation
from reconciler.model import (
    AddressMatch,
    Binding,
    Direction,
    Family,
    FirewallFilter,
    Range,
    Term,
    TermAction,
    Terminating,
    TermMatch,
)
from reconciler.wire.pb import firewall_grpc, firewall_pb
from tests.conftest import ClientFactory
from tests.integration.idl_wire import message_field, varint_field, with_fields

ICMP = 1
TUTORIAL = FirewallFilter(
    "filter-by-icmp",
    Family.INET,
    (
        Term(
            "t1",
            TermMatch(protocols=(Range(ICMP, ICMP),)),
            TermAction(Terminating.ACCEPT, log=True, count="icmp"),
        ),
        Term("t2", action=TermAction(Terminating.DISCARD, log=True)),
    ),
)
BINDING = Binding("filter-by-icmp", Family.INET, "ge-0/0/0.0", Direction.INPUT)


def _code(failure: pytest.ExceptionInfo[PermanentError]) -> str:
    return failure.value.code


def test_tutorial_filter_bound_input_on_ge_0_0_0(connect: ClientFactory, admin: AdminClient, fleet: Fleet) -> None:
    client = connect()
    client.filter_add(TUTORIAL)
    client.filter_bind(BINDING)
    [shown] = admin.filters(fleet.routers[0].name)
    assert shown["terms"] == ["t1", "t2"]
    assert shown["bindings"] == [{"interface": "ge-0/0/0.0", "direction": "input"}]
    counter = client.filter_counter("filter-by-icmp", "icmp")
    assert counter.name == "icmp" and counter.packets >= 0
    client.filter_bind(BINDING)  # binding again is idempotent
    client.filter_unbind(BINDING)
    client.filter_delete("filter-by-icmp", Family.INET)
    assert admin.filters(fleet.routers[0].name) == []


def test_filter_add_refusals(connect: ClientFactory) -> None:
    client = connect()
    stub = firewall_grpc.FirewallStub(client.channel)
    request = filter_codec.filter_add_request(TUTORIAL)
    request.family = firewall_pb.FAMILY_VPLS
    assert stub.FilterAdd(request, timeout=10).sub_code == firewall_pb.FilterAddResponse.EUNSUPPORTED_OP
    request.family = firewall_pb.FAMILY_INVALID
    assert stub.FilterAdd(request, timeout=10).sub_code == firewall_pb.FilterAddResponse.EINVALID_MESSAGE
    duplicate = FirewallFilter("dup", Family.INET, (Term("a"), Term("a")))
    with pytest.raises(PermanentError) as failure:
        client.filter_add(duplicate)
    assert _code(failure) == "EINVALID_MESSAGE" and "duplicate term names" in str(failure.value)
    client.filter_add(TUTORIAL)
    with pytest.raises(PermanentError) as failure:
        client.filter_add(TUTORIAL)
    assert "already exists" in str(failure.value)
    bad_prefix = FirewallFilter("p", Family.INET, (Term("a", TermMatch(source=(AddressMatch("10.0.0.1/8"),))),))
    with pytest.raises(PermanentError, match="invalid inet prefix"):
        client.filter_add(bad_prefix)
    bad_port = FirewallFilter("q", Family.INET, (Term("a", TermMatch(destination_ports=(Range(1, 70000),))),))
    with pytest.raises(PermanentError, match="outside 0-65535"):
        client.filter_add(bad_port)
    v6_term_in_v4 = filter_codec.filter_add_request(FirewallFilter("r", Family.INET6, (Term("a"),)))
    v6_term_in_v4.family = firewall_pb.FAMILY_INET
    reply = stub.FilterAdd(v6_term_in_v4, timeout=10)
    assert reply.sub_code == firewall_pb.FilterAddResponse.EINVALID_MESSAGE
    assert "inet_term" in reply.status.message
    unknown_instance = FirewallFilter(
        "s",
        Family.INET,
        (Term("a", action=TermAction(Terminating.ROUTING_INSTANCE, routing_instance="red")),),
    )
    with pytest.raises(PermanentError) as failure:
        client.filter_add(unknown_instance)
    assert _code(failure) == "NO_RESOURCE"
    to_blue = FirewallFilter(
        "t",
        Family.INET,
        (Term("a", action=TermAction(Terminating.ROUTING_INSTANCE, routing_instance="blue")),),
    )
    client.filter_add(to_blue)  # the fleet fixture configures instance "blue"


def test_filter_modify_terms_with_adjacency(connect: ClientFactory, admin: AdminClient, fleet: Fleet) -> None:
    client = connect()
    client.filter_add(TUTORIAL)
    ssh = Term(
        "ssh",
        TermMatch(protocols=(Range(6, 6),), destination_ports=(Range(22, 22),)),
        TermAction(Terminating.ACCEPT),
    )
    client.filter_modify("filter-by-icmp", Family.INET, [TermEdit(TermOperation.ADD, "ssh", ssh, before="t2")])
    client.filter_modify(
        "filter-by-icmp", Family.INET, [TermEdit(TermOperation.ADD, "first", Term("first"), before="t1")]
    )
    client.filter_modify("filter-by-icmp", Family.INET, [TermEdit(TermOperation.ADD, "last", Term("last"))])
    client.filter_modify("filter-by-icmp", Family.INET, [TermEdit(TermOperation.DELETE, "first")])
    client.filter_modify(
        "filter-by-icmp",
        Family.INET,
        [TermEdit(TermOperation.REPLACE, "t2", Term("t2", action=TermAction(Terminating.REJECT)))],
    )
    [shown] = admin.filters(fleet.routers[0].name)
    assert shown["terms"] == ["t1", "ssh", "t2", "last"]


@pytest.mark.parametrize(
    ("edit", "code", "text"),
    [
        (TermEdit(TermOperation.DELETE, "nope"), "NO_RESOURCE", "term 'nope' does not exist"),
        (TermEdit(TermOperation.REPLACE, "nope", Term("nope")), "NO_RESOURCE", "does not exist"),
        (TermEdit(TermOperation.ADD, "t1", Term("t1")), "EINVALID_MESSAGE", "already exists"),
        (TermEdit(TermOperation.ADD, "x", Term("x"), after="nope"), "NO_RESOURCE", "adjacent term"),
    ],
)
def test_filter_modify_refusals_change_nothing(
    connect: ClientFactory, admin: AdminClient, fleet: Fleet, edit: TermEdit, code: str, text: str
) -> None:
    client = connect()
    client.filter_add(TUTORIAL)
    good = TermEdit(TermOperation.ADD, "extra", Term("extra"))
    with pytest.raises(PermanentError) as failure:
        client.filter_modify("filter-by-icmp", Family.INET, [good, edit])
    assert _code(failure) == code and text in str(failure.value)
    [shown] = admin.filters(fleet.routers[0].name)
    assert shown["terms"] == ["t1", "t2"]  # the good first edit was not applied either


def test_missing_filters_interfaces_and_bindings(connect: ClientFactory) -> None:
    client = connect()
    with pytest.raises(PermanentError) as failure:
        client.filter_modify("ghost", Family.INET, [TermEdit(TermOperation.DELETE, "t1")])
    assert _code(failure) == "NO_RESOURCE"
    with pytest.raises(PermanentError) as failure:
        client.filter_delete("ghost", Family.INET)
    assert _code(failure) == "NO_RESOURCE"
    with pytest.raises(PermanentError) as failure:
        client.filter_bind(Binding("ghost", Family.INET, "ge-0/0/0.0", Direction.INPUT))
    assert _code(failure) == "NO_RESOURCE"
    client.filter_add(TUTORIAL)
    with pytest.raises(PermanentError, match=r"interface 'ge-9/9/9\.0' does not exist") as failure:
        client.filter_bind(Binding("filter-by-icmp", Family.INET, "ge-9/9/9.0", Direction.INPUT))
    assert _code(failure) == "NO_RESOURCE"
    with pytest.raises(PermanentError) as failure:
        client.filter_unbind(BINDING)
    assert _code(failure) == "NO_RESOURCE"
    with pytest.raises(PermanentError) as failure:
        client.filter_counter("filter-by-icmp", "no-such-counter")
    assert _code(failure) == "NO_RESOURCE"


def test_bound_filter_cannot_be_deleted_and_point_is_exclusive(connect: ClientFactory) -> None:
    client = connect()
    client.filter_add(TUTORIAL)
    client.filter_bind(BINDING)
    with pytest.raises(PermanentError, match="unbind it first") as failure:
        client.filter_delete("filter-by-icmp", Family.INET)
    assert _code(failure) == "EINVALID_MESSAGE"
    other = FirewallFilter("other", Family.INET, (Term("all", action=TermAction(Terminating.ACCEPT)),))
    client.filter_add(other)
    with pytest.raises(PermanentError, match="already has filter"):
        client.filter_bind(Binding("other", Family.INET, "ge-0/0/0.0", Direction.INPUT))
    client.filter_bind(Binding("other", Family.INET, "ge-0/0/0.0", Direction.OUTPUT))


def test_another_clients_filter_is_not_yours(connect: ClientFactory) -> None:
    mine = connect(client_id="mine")
    theirs = connect(client_id="theirs")
    theirs.filter_add(TUTORIAL)
    with pytest.raises(PermanentError) as failure:
        mine.filter_delete("filter-by-icmp", Family.INET)
    assert _code(failure) == "NO_RESOURCE"


def test_deleted_interface_takes_its_bindings(connect: ClientFactory, admin: AdminClient, fleet: Fleet) -> None:
    client = connect()
    name = fleet.routers[0].name
    client.filter_add(TUTORIAL)
    client.filter_bind(BINDING)
    assert admin.act(name, "delete-interface", name="ge-0/0/0") == 2
    assert admin.filters(name)[0]["bindings"] == []
    assert "ge-0/0/0.0" not in {i.name for i in client.interfaces()}
    admin.act(name, "add-interface", name="ge-0/0/0")
    assert {"ge-0/0/0", "ge-0/0/0.0"} <= {i.name for i in client.interfaces()}
    client.filter_bind(BINDING)
    assert admin.act(name, "restart-firewall") == 1
    assert admin.filters(name) == []


def test_interfaces_from_show_interfaces_terse(connect: ClientFactory) -> None:
    client = connect()
    interfaces = {i.name: i for i in client.interfaces()}
    assert {f"ge-0/0/{n}" for n in range(8)} | {"lo0", "lo0.0"} <= set(interfaces)
    assert interfaces["ge-0/0/3.0"].families == ("inet", "inet6")
    assert interfaces["ge-0/0/3"].oper_up
    assert "ge-0/0/0.0" in client.op_command("show interfaces terse", "text")
    with pytest.raises(PermanentError, match="syntax error, expecting <command>: request"):
        client.op_command("request system reboot")


def test_filter_purge_timer(connect: ClientFactory, fleet: Fleet) -> None:
    client = connect(client_id="fw")
    assert client.get_filter_purge_timer() == 120
    client.set_filter_purge_timer(1)
    assert client.get_filter_purge_timer() == 1
    with pytest.raises(PermanentError) as failure:
        client.set_filter_purge_timer(0)
    assert _code(failure) == "EINVALID_MESSAGE"
    client.filter_add(TUTORIAL)
    client.filter_bind(BINDING)
    client.close()
    state = fleet.routers[0].state
    deadline = time.monotonic() + 5
    while state.firewall.filters and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not state.firewall.filters and not state.firewall.bindings


TCP, UDP, ICMP6 = 6, 17, 58
EQ, NE = firewall_pb.OP_EQUAL, firewall_pb.OP_NOT_EQUAL
OK, BAD, UNSUPPORTED = (
    firewall_pb.FilterAddResponse.EOK,
    firewall_pb.FilterAddResponse.EINVALID_MESSAGE,
    firewall_pb.FilterAddResponse.EUNSUPPORTED_OP,
)


def _prefix(number: int, address: str, length: int, operation: int = EQ) -> bytes:
    """An undeclared MatchIpAddress list entry (e.g. ipv4_addrs = 15)."""
    value = firewall_pb.MatchIpAddress(prefix_length=length, operation=operation)  # type: ignore[arg-type]
    value.addr.addr_string = address
    return message_field(number, value)


def _range(number: int, low: int, high: int = 0, operation: int = EQ) -> bytes:
    """An undeclared range list entry (ports, next headers, fragment offsets: min, max, operation)."""
    return message_field(number, firewall_pb.MatchPort(min=low, max=high, operation=operation))  # type: ignore[arg-type]


def _term(family: Family, match: TermMatch, *extra: bytes) -> firewall_pb.FilterAddRequest:
    request = filter_codec.filter_add_request(
        FirewallFilter("checked", family, (Term("a", match, TermAction(Terminating.ACCEPT)),))
    )
    wrapper = request.terms_list[0]
    with_fields((wrapper.inet_term if family is Family.INET else wrapper.inet6_term).matches, *extra)
    return request


INET, INET6 = Family.INET, Family.INET6
_TCP, _ICMP = (Range(TCP, TCP),), (Range(ICMP, ICMP),)


@pytest.mark.parametrize(
    ("request_", "code", "message"),
    [
        (_term(INET, TermMatch(), _prefix(15, "10.0.0.0", 8)), OK, ""),
        (_term(INET, TermMatch(), _prefix(15, "10.0.0.1", 8)), BAD, "ipv4_addrs has an invalid inet prefix"),
        (_term(INET, TermMatch(), _prefix(15, "2001:db8::", 32)), BAD, "ipv4_addrs has an invalid inet prefix"),
        (_term(INET, TermMatch(), _prefix(15, "10.0.0.0", 33)), BAD, "invalid inet prefix"),
        (_term(INET, TermMatch(), _prefix(15, "10.0.0.0", 8, 0)), BAD, "needs an operation"),
        (_term(INET, TermMatch(protocols=_TCP), _range(16, 80, 443)), OK, ""),
        (_term(INET, TermMatch(), _range(16, 70000)), BAD, "ports range 70000-0 is outside 0-65535"),
        (_term(INET, TermMatch(), _range(16, 500, 100)), BAD, "ports range 500-100"),
        (_term(INET, TermMatch(), _range(16, 22, 0, 7)), BAD, "ports needs an operation"),
        (_term(INET, TermMatch(), _range(12, 9000)), BAD, "frag_offsets range 9000-0 is outside 0-8191"),
        (_term(INET, TermMatch(destination_ports=(Range(22, 22),))), OK, ""),  # no protocol named: allowed
        (_term(INET, TermMatch(protocols=_ICMP, destination_ports=(Range(22, 22),))), BAD, "need protocol tcp"),
        (_term(INET, TermMatch(protocols=(Range(UDP, UDP),), source_ports=(Range(53, 53),))), OK, ""),
        (_term(INET, TermMatch(protocols=(Range(ICMP, ICMP, True),), source_ports=(Range(53, 53),))), OK, ""),
        (_term(INET, TermMatch(protocols=_TCP, icmp_types=(Range(8, 8),))), BAD, "need protocol 1"),
        (_term(INET, TermMatch(protocols=_ICMP, icmp_types=(Range(8, 8),))), OK, ""),
        (_term(INET, TermMatch(), message_field(20, b"")), UNSUPPORTED, "five_tuple_exact is not supported"),
        (_term(INET6, TermMatch(), _prefix(13, "2001:db8::", 32)), OK, ""),
        (_term(INET6, TermMatch(), _prefix(13, "10.0.0.0", 8)), BAD, "ipv6_addrs has an invalid inet6 prefix"),
        (_term(INET6, TermMatch(), _range(16, 300)), BAD, "ipv6_next_headers range 300-0 is outside 0-255"),
        (_term(INET6, TermMatch(), _range(19, 1, 70000)), BAD, "ports range 1-70000"),
        (_term(INET6, TermMatch(protocols=_ICMP, icmp_types=(Range(128, 128),))), BAD, "need protocol 58"),
        (_term(INET6, TermMatch(protocols=(Range(ICMP6, ICMP6),), icmp_types=(Range(128, 128),))), OK, ""),
        (_term(INET6, TermMatch(), varint_field(10, 9)), BAD, "fragment_flag is not a fragment flag"),
        (_term(INET6, TermMatch(), message_field(17, varint_field(1, 9) + varint_field(2, EQ))), BAD, "1-4"),
        (_term(INET6, TermMatch(), message_field(17, varint_field(1, 2) + varint_field(2, NE))), OK, ""),
    ],
)
def test_every_match_field_of_the_idl_is_checked(
    connect: ClientFactory,
    admin: AdminClient,
    fleet: Fleet,
    request_: firewall_pb.FilterAddRequest,
    code: int,
    message: str,
) -> None:
    client = connect()
    reply = firewall_grpc.FirewallStub(client.channel).FilterAdd(request_, timeout=10)
    assert (firewall_pb.FilterAddResponse.StatusCode.Name(reply.sub_code), message in reply.status.message) == (
        firewall_pb.FilterAddResponse.StatusCode.Name(code),
        True,
    ), reply.status.message
    assert len(admin.filters(fleet.routers[0].name)) == (1 if code == OK else 0)


def test_filter_modify_checks_the_new_terms_matches(connect: ClientFactory, admin: AdminClient, fleet: Fleet) -> None:
    client = connect()
    client.filter_add(TUTORIAL)
    request = filter_codec.filter_modify_request(
        TUTORIAL.name,
        Family.INET,
        [TermEdit(TermOperation.REPLACE, "t1", Term("t1", TermMatch(protocols=_ICMP), TermAction(Terminating.ACCEPT)))],
    )
    with_fields(request.terms_list[0].inet_term.matches, _range(16, 22))  # ports with protocol icmp
    reply = firewall_grpc.FirewallStub(client.channel).FilterModify(request, timeout=10)
    assert reply.sub_code == firewall_pb.FilterModifyResponse.EINVALID_MESSAGE
    assert "port matches need protocol tcp, udp or sctp" in reply.status.message
    [shown] = admin.filters(fleet.routers[0].name)
    assert shown["terms"] == ["t1", "t2"]
