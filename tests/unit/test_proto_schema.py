"""Every field, enum value and RPC this project declares matches the JET wire schema.

A wrong field number or type would make the product unable to talk to a router,
so this runs in CI against tests/data/wire-schema-v2.md, the committed wire table
of the JET v2 API that the protos are checked against.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from google.protobuf import descriptor_pb2, descriptor_pool
from google.protobuf.descriptor import Descriptor, EnumDescriptor, FieldDescriptor, FileDescriptor

from reconciler.wire import pb
from tests.unit import wire_schema

_FILES: list[FileDescriptor] = [
    module.DESCRIPTOR
    for module in (
        pb.common_pb,
        pb.auth_pb,
        pb.base_types_pb,
        pb.base_pb,
        pb.rib_pb,
        pb.bgp_pb,
        pb.firewall_pb,
        pb.management_pb,
    )
]
_SCALARS = {
    FieldDescriptor.TYPE_STRING: "string",
    FieldDescriptor.TYPE_BYTES: "bytes",
    FieldDescriptor.TYPE_BOOL: "bool",
    FieldDescriptor.TYPE_UINT32: "uint32",
    FieldDescriptor.TYPE_UINT64: "uint64",
    FieldDescriptor.TYPE_INT32: "int32",
    FieldDescriptor.TYPE_INT64: "int64",
    FieldDescriptor.TYPE_FLOAT: "float",
    FieldDescriptor.TYPE_DOUBLE: "double",
}
SCHEMA = wire_schema.parse(wire_schema.SNAPSHOT.read_text())


def _messages(descriptors: Iterator[Descriptor] | list[Descriptor]) -> Iterator[Descriptor]:
    for message in descriptors:
        if message.GetOptions().map_entry:
            continue
        yield message
        yield from _messages(list(message.nested_types))


def _enums() -> Iterator[EnumDescriptor]:
    for file in _FILES:
        yield from file.enum_types_by_name.values()
        for message in _messages(list(file.message_types_by_name.values())):
            yield from message.enum_types


def _wire_type(field: FieldDescriptor) -> str:
    if field.type == FieldDescriptor.TYPE_MESSAGE:
        if field.message_type.GetOptions().map_entry:
            key, value = (
                field.message_type.fields_by_name["key"],
                field.message_type.fields_by_name["value"],
            )
            return f"map<{_wire_type(key)}, {_wire_type(value)}>"
        return str(field.message_type.full_name)
    if field.type == FieldDescriptor.TYPE_ENUM:
        return str(field.enum_type.full_name)
    return _SCALARS[field.type]


MESSAGES = [m for f in _FILES for m in _messages(list(f.message_types_by_name.values()))]


def field_mismatches(message: Descriptor) -> list[str]:
    """How a declared message differs from the schema (empty when it matches)."""
    if message.full_name not in SCHEMA.messages:
        return [f"{message.full_name} is not in the wire schema"]
    expected = SCHEMA.messages[message.full_name]
    problems = []
    for field in message.fields:
        where = f"{message.full_name}.{field.name}"
        want = expected.get(field.number)
        if want is None:
            problems.append(f"{where}: field number {field.number} is not in the schema")
            continue
        if field.name != want.name:
            problems.append(f"{where}: number {field.number} is {want.name!r} in the schema")
        if _wire_type(field) != want.type:
            problems.append(f"{where}: type {_wire_type(field)} != {want.type}")
        repeated = field.is_repeated and not want.type.startswith("map<")
        if repeated != (want.label == "repeated"):
            problems.append(f"{where}: repeated={repeated} but schema label is {want.label!r}")
        oneof = field.containing_oneof.name if field.containing_oneof else ""
        if oneof != want.oneof:
            problems.append(f"{where}: oneof {oneof!r} != {want.oneof!r}")
    return problems


@pytest.mark.parametrize("message", MESSAGES, ids=lambda m: m.full_name)
def test_message_fields_match_schema(message: Descriptor) -> None:
    assert field_mismatches(message) == []


def test_the_check_catches_wrong_numbers_types_and_labels() -> None:
    """The comparison must be able to fail: a typo'd RpcStatus in a private pool."""
    proto = descriptor_pb2.FileDescriptorProto(name="typo.proto", package="jnx.jet.common", syntax="proto3")
    status = proto.message_type.add(name="RpcStatus")
    status.field.add(name="code", number=1, type=FieldDescriptor.TYPE_UINT64, label=1)
    status.field.add(name="message", number=3, type=FieldDescriptor.TYPE_STRING, label=1)
    status.field.add(name="extra", number=2, type=FieldDescriptor.TYPE_STRING, label=3)
    pool = descriptor_pool.DescriptorPool()
    pool.Add(proto)
    problems = field_mismatches(pool.FindMessageTypeByName("jnx.jet.common.RpcStatus"))
    assert any("number 3 is not in the schema" in p for p in problems)
    assert any("type uint64 != jnx.jet.common.StatusCode" in p for p in problems)
    assert any("number 2 is 'message'" in p for p in problems)
    assert any("repeated=True" in p for p in problems)


@pytest.mark.parametrize("enum", list(_enums()), ids=lambda e: e.full_name)
def test_enum_values_match_schema(enum: EnumDescriptor) -> None:
    assert enum.full_name in SCHEMA.enums, f"{enum.full_name} is not in the wire schema"
    declared = {v.name: v.number for v in enum.values}
    assert declared == SCHEMA.enums[enum.full_name]


SERVICES = [s for f in _FILES for s in f.services_by_name.values()]


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.full_name)
def test_service_methods_match_schema(service: object) -> None:
    expected = SCHEMA.services[service.full_name]  # type: ignore[attr-defined]
    for method in service.methods:  # type: ignore[attr-defined]
        assert method.name in expected, f"{service.full_name}/{method.name} is not in the schema"  # type: ignore[attr-defined]
        request, response, streaming = expected[method.name]
        assert method.input_type.full_name == request
        assert method.output_type.full_name == response
        assert method.server_streaming == (streaming == "server")
        assert not method.client_streaming


REQUIRED = {
    "jnx.jet.authentication.Authentication": {"Login"},
    "jnx.jet.routing.rib.Rib": {
        "RouteInitialize",
        "RouteCleanup",
        "RouteAdd",
        "RouteModify",
        "RouteUpdate",
        "RouteDelete",
        "RouteGet",
    },
    "jnx.jet.routing.bgp.Bgp": {
        "Initialize",
        "Cleanup",
        "RouteAdd",
        "RouteModify",
        "RouteUpdate",
        "RouteDelete",
        "RouteGet",
    },
    "jnx.jet.firewall.Firewall": {
        "FilterAdd",
        "FilterModify",
        "FilterDelete",
        "FilterBindAdd",
        "FilterBindDelete",
        "FilterCounterGet",
        "FiltersPurgeTimerAdd",
        "FiltersPurgeTimerGet",
    },
    "jnx.jet.management.Management": {"OpCommandGet"},
    "jnx.jet.routing.base.Base": {
        "RoutePurgeTimerAdd",
        "RoutePurgeTimerGet",
        "RoutePurgeTimerDelete",
    },
}


def test_every_required_method_is_declared() -> None:
    declared = {s.full_name: {m.name for m in s.methods} for s in SERVICES}
    for service, methods in REQUIRED.items():
        assert methods <= declared.get(service, set()), service


def test_snapshot_parses_to_a_non_empty_schema() -> None:
    """A snapshot the parser cannot read would leave nothing to compare against."""
    assert SCHEMA.messages and SCHEMA.enums and SCHEMA.services
