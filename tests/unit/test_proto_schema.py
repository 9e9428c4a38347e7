"""Every field, enum value and RPC this project declares matches the JET wire schema.

A wrong field number or type would make the product unable to talk to a router,
so this runs in CI against the committed wire tables in tests/data/: the JET v2
API (wire-schema-v2.md; the project declares the subset it uses) and the classic
v1 API (wire-schema-v1.md; declared in full, so the check runs both ways).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from google.protobuf import descriptor_pb2, descriptor_pool
from google.protobuf.descriptor import (
    Descriptor,
    EnumDescriptor,
    FieldDescriptor,
    FileDescriptor,
    ServiceDescriptor,
)

from reconciler.wire import pb, pb_v1
from tests.unit import wire_schema

GENERATED = Path(pb.__file__).resolve().parent / "generated"


@dataclass(frozen=True)
class Generation:
    name: str
    files: list[FileDescriptor]
    schema: wire_schema.Schema
    # True when every message, field, enum, service and method of the table is declared.
    complete: bool


V2 = Generation(
    "v2",
    [
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
    ],
    wire_schema.parse(wire_schema.SNAPSHOT_V2.read_text()),
    complete=False,
)
V1 = Generation(
    "v1",
    [m.DESCRIPTOR for m in (pb_v1.jnx_base_pb, pb_v1.auth_pb, pb_v1.routing_pb, pb_v1.management_pb)],
    wire_schema.parse(wire_schema.SNAPSHOT_V1.read_text()),
    complete=True,
)
GENERATIONS = [V2, V1]
SCHEMA = V2.schema  # the name older tests use

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


def _messages(descriptors: list[Descriptor]) -> Iterator[Descriptor]:
    for message in descriptors:
        if message.GetOptions().map_entry:
            continue
        yield message
        yield from _messages(list(message.nested_types))


def _all_messages(files: list[FileDescriptor]) -> list[Descriptor]:
    return [m for f in files for m in _messages(list(f.message_types_by_name.values()))]


def _enums(files: list[FileDescriptor]) -> Iterator[EnumDescriptor]:
    for file in files:
        yield from file.enum_types_by_name.values()
        for message in _all_messages([file]):
            yield from message.enum_types


def _services(files: list[FileDescriptor]) -> list[ServiceDescriptor]:
    return [s for f in files for s in f.services_by_name.values()]


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


def field_mismatches(message: Descriptor, schema: wire_schema.Schema = SCHEMA) -> list[str]:
    """How a declared message differs from the schema (empty when it matches)."""
    if message.full_name not in schema.messages:
        return [f"{message.full_name} is not in the wire schema"]
    expected = schema.messages[message.full_name]
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


def method_mismatches(service: ServiceDescriptor, schema: wire_schema.Schema) -> list[str]:
    """How a declared service's methods differ from the schema (empty when they match)."""
    if service.full_name not in schema.services:
        return [f"{service.full_name} is not in the wire schema"]
    expected = schema.services[service.full_name]
    paths = schema.paths.get(service.full_name, {})
    problems = []
    for method in service.methods:
        where = f"{service.full_name}/{method.name}"
        if method.name not in expected:
            problems.append(f"{where} is not in the schema")
            continue
        request, response, streaming = expected[method.name]
        path = f"/{service.full_name}/{method.name}"
        if method.name in paths and paths[method.name] != path:
            problems.append(f"{where}: gRPC path {path} != {paths[method.name]}")
        if method.input_type.full_name != request:
            problems.append(f"{where}: request {method.input_type.full_name} != {request}")
        if method.output_type.full_name != response:
            problems.append(f"{where}: response {method.output_type.full_name} != {response}")
        if method.server_streaming != (streaming == "server"):
            problems.append(f"{where}: server_streaming={method.server_streaming} but schema says {streaming}")
        if method.client_streaming:
            problems.append(f"{where}: client streaming is not in the schema")
    return problems


def missing_from(files: list[FileDescriptor], schema: wire_schema.Schema) -> list[str]:
    """What the schema has that the files do not declare (messages, fields, enums, methods)."""
    messages = {m.full_name: m for m in _all_messages(files)}
    enums = {e.full_name for e in _enums(files)}
    methods = {s.full_name: {m.name for m in s.methods} for s in _services(files)}
    missing = []
    for name, fields in schema.messages.items():
        if name not in messages:
            missing.append(f"message {name}")
            continue
        declared = {f.number for f in messages[name].fields}
        missing += [f"field {name}.{f.name} = {n}" for n, f in fields.items() if n not in declared]
    missing += [f"enum {name}" for name in schema.enums if name not in enums]
    for service, wanted in schema.services.items():
        missing += [f"rpc {service}/{m}" for m in wanted if m not in methods.get(service, set())]
    return missing


def _cases(kind: str) -> list[tuple[Generation, object]]:
    if kind == "message":
        return [(g, m) for g in GENERATIONS for m in _all_messages(g.files)]
    if kind == "enum":
        return [(g, e) for g in GENERATIONS for e in _enums(g.files)]
    return [(g, s) for g in GENERATIONS for s in _services(g.files)]


def _case_id(case: object) -> str:
    return getattr(case, "full_name", getattr(case, "name", str(case)))


@pytest.mark.parametrize(("generation", "message"), _cases("message"), ids=_case_id)
def test_message_fields_match_schema(generation: Generation, message: Descriptor) -> None:
    assert field_mismatches(message, generation.schema) == []


@pytest.mark.parametrize(("generation", "enum"), _cases("enum"), ids=_case_id)
def test_enum_values_match_schema(generation: Generation, enum: EnumDescriptor) -> None:
    assert enum.full_name in generation.schema.enums, f"{enum.full_name} is not in the wire schema"
    declared = {v.name: v.number for v in enum.values}
    assert declared == generation.schema.enums[enum.full_name]


@pytest.mark.parametrize(("generation", "service"), _cases("service"), ids=_case_id)
def test_service_methods_match_schema(generation: Generation, service: ServiceDescriptor) -> None:
    assert method_mismatches(service, generation.schema) == []


@pytest.mark.parametrize("generation", GENERATIONS, ids=lambda g: g.name)
def test_generated_stubs_call_the_schema_paths(generation: Generation) -> None:
    """The path a stub really sends is written into the _pb2_grpc module."""
    for service in _services(generation.files):
        stub_module = (GENERATED / service.file.name.replace(".proto", "_pb2_grpc.py")).read_text()
        for method in service.methods:
            path = generation.schema.paths.get(service.full_name, {}).get(method.name)
            assert f"'{path or f'/{service.full_name}/{method.name}'}'" in stub_module


def test_v1_declares_the_whole_schema() -> None:
    assert missing_from(V1.files, V1.schema) == []


def test_no_file_declares_an_extension() -> None:
    """v1 and v2 would both claim options extension 50000 and could not share a pool."""
    for generation in GENERATIONS:
        for file in generation.files:
            assert not file.extensions_by_name, f"{file.name} declares {list(file.extensions_by_name)}"
            assert file.pool is descriptor_pool.Default()


def _private_pool(proto: descriptor_pb2.FileDescriptorProto) -> descriptor_pool.DescriptorPool:
    pool = descriptor_pool.DescriptorPool()
    pool.Add(proto)
    return pool


def test_the_check_catches_wrong_numbers_types_and_labels() -> None:
    """The comparison must be able to fail: a typo'd RpcStatus in a private pool."""
    proto = descriptor_pb2.FileDescriptorProto(name="typo.proto", package="jnx.jet.common", syntax="proto3")
    status = proto.message_type.add(name="RpcStatus")
    status.field.add(name="code", number=1, type=FieldDescriptor.TYPE_UINT64, label=1)
    status.field.add(name="message", number=3, type=FieldDescriptor.TYPE_STRING, label=1)
    status.field.add(name="extra", number=2, type=FieldDescriptor.TYPE_STRING, label=3)
    problems = field_mismatches(_private_pool(proto).FindMessageTypeByName("jnx.jet.common.RpcStatus"))
    assert any("number 3 is not in the schema" in p for p in problems)
    assert any("type uint64 != jnx.jet.common.StatusCode" in p for p in problems)
    assert any("number 2 is 'message'" in p for p in problems)
    assert any("repeated=True" in p for p in problems)


def test_the_v1_check_catches_wrong_fields_oneofs_methods_and_gaps() -> None:
    """The same for v1: a typo'd routing package in a private pool."""
    proto = descriptor_pb2.FileDescriptorProto(name="typo_v1.proto", package="routing", syntax="proto3")
    match = proto.message_type.add(name="BgpRouteMatch")
    match.field.add(name="path_cookie", number=6, type=FieldDescriptor.TYPE_UINT64, label=1)
    match.field.add(name="dest_prefix_len", number=2, type=FieldDescriptor.TYPE_UINT64, label=1)
    table = proto.message_type.add(name="RouteTable")
    table.oneof_decl.add(name="table_format")
    table.field.add(name="rtt_id", number=1, type=FieldDescriptor.TYPE_UINT32, label=1, oneof_index=0)
    service = proto.service.add(name="BgpRoute")
    service.method.add(name="BgpRouteGet", input_type=".routing.BgpRouteMatch", output_type=".routing.RouteTable")
    pool = _private_pool(proto)

    problems = field_mismatches(pool.FindMessageTypeByName("routing.BgpRouteMatch"), V1.schema)
    assert any("BgpRouteMatch.path_cookie: number 6 is 'communities'" in p for p in problems)
    assert any("dest_prefix_len: type uint64 != uint32" in p for p in problems)
    problems = field_mismatches(pool.FindMessageTypeByName("routing.RouteTable"), V1.schema)
    assert any("oneof 'table_format' != 'RtTableFormat'" in p for p in problems)
    assert any("type uint32 != routing.RouteTableId" in p for p in problems)

    problems = method_mismatches(pool.FindServiceByName("routing.BgpRoute"), V1.schema)
    assert any("request routing.BgpRouteMatch != routing.BgpRouteGetRequest" in p for p in problems)
    assert any("server_streaming=False but schema says server" in p for p in problems)

    gaps = missing_from([pool.FindFileByName("typo_v1.proto")], V1.schema)
    assert "field routing.BgpRouteMatch.path_cookie = 5" in gaps
    assert "message routing.BgpRouteEntry" in gaps
    assert "enum routing.RouteOperStatus" in gaps
    assert "rpc routing.BgpRoute/BgpRouteAdd" in gaps
    assert "rpc authentication.Login/LoginCheck" in gaps


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


def test_every_required_v2_method_is_declared() -> None:
    declared = {s.full_name: {m.name for m in s.methods} for s in _services(V2.files)}
    for service, methods in REQUIRED.items():
        assert methods <= declared.get(service, set()), service


@pytest.mark.parametrize("generation", GENERATIONS, ids=lambda g: g.name)
def test_snapshot_parses_to_a_non_empty_schema(generation: Generation) -> None:
    """A snapshot the parser cannot read would leave nothing to compare against."""
    schema = generation.schema
    assert schema.messages and schema.enums and schema.services
    assert all(schema.enums.values()), "an enum table parsed to no values"


def test_v1_snapshot_lists_a_path_for_every_method() -> None:
    assert {s: set(m) for s, m in V1.schema.services.items()} == {s: set(p) for s, p in V1.schema.paths.items()}
