"""Management/OpCommandGet over real gRPC: show version, show interfaces terse, XML RPCs, refusals."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from reconciler.emulator.fleet import Fleet
from reconciler.wire.pb import common_pb, management_grpc, management_pb
from tests.conftest import ClientFactory

JSON, XML, TEXT = (
    management_pb.OP_COMMAND_OUTPUT_JSON,
    management_pb.OP_COMMAND_OUTPUT_XML,
    management_pb.OP_COMMAND_OUTPUT_CLI,
)
TERSE_RPC = "<get-interface-information><terse/></get-interface-information>"


def _run(client: object, out_format: int = JSON, *, cli: str | None = None, xml: str | None = None) -> tuple[bool, str]:
    """(succeeded, data or the refusal's message) of one OpCommandGet."""
    request = management_pb.OpCommandGetRequest(out_format=out_format)  # type: ignore[arg-type]
    if cli is not None:
        request.cli_command = cli
    if xml is not None:
        request.xml_command = xml
    stub = management_grpc.ManagementStub(client.channel)  # type: ignore[attr-defined]
    replies = list(stub.OpCommandGet(request, timeout=10))
    ok = all(r.status.code == common_pb.SUCCESS for r in replies)
    return ok, "".join(r.data for r in replies) if ok else replies[-1].status.message


def test_show_version_in_every_format(connect: ClientFactory, fleet: Fleet) -> None:
    client, name = connect(), fleet.routers[0].name
    ok, text = _run(client, TEXT, cli="show version")
    assert ok and text.splitlines()[:3] == [f"Hostname: {name}", "Model: vmx", "Junos: 24.4R1.9"]
    ok, data = _run(client, JSON, cli="show version")
    info = json.loads(data)["software-information"][0]
    assert ok and info["host-name"] == [{"data": name}] and info["junos-version"] == [{"data": "24.4R1.9"}]
    assert {p["name"][0]["data"] for p in info["package-information"]} >= {"os-kernel", "jet"}
    ok, data = _run(client, XML, cli="show version")
    root = ET.fromstring(data)
    assert ok and root.tag == "software-information" and root.findtext("host-name") == name
    assert root.findtext("product-model") == "vmx"


@pytest.mark.parametrize("out_format", [JSON, XML, TEXT])
def test_xml_commands_answer_like_their_cli_commands(connect: ClientFactory, out_format: int) -> None:
    client = connect()
    assert _run(client, out_format, xml="<get-software-information/>") == _run(client, out_format, cli="show version")
    by_rpc = _run(client, out_format, xml=TERSE_RPC)
    assert by_rpc == _run(client, out_format, cli="show interfaces terse")
    assert by_rpc[0] and "ge-0/0/7.0" in by_rpc[1]
    wrapped = _run(client, out_format, xml=f"<rpc>{TERSE_RPC}</rpc>")
    assert wrapped == by_rpc


def test_interfaces_terse_xml_and_one_interface(connect: ClientFactory) -> None:
    client = connect()
    ok, data = _run(client, XML, cli="show interfaces terse")
    root = ET.fromstring(data)
    assert ok and root.tag == "interface-information"
    names = [p.findtext("name") for p in root.iter("physical-interface")]
    assert names[:2] == ["ge-0/0/0", "ge-0/0/1"] and "lo0" in names
    units = [u.findtext("name") for u in root.iter("logical-interface")]
    assert "ge-0/0/3.0" in units
    one = "<get-interface-information><terse/><interface-name>ge-0/0/3</interface-name></get-interface-information>"
    ok, data = _run(client, JSON, xml=one)
    [physical] = json.loads(data)["interface-information"][0]["physical-interface"]
    assert ok and physical["name"] == [{"data": "ge-0/0/3"}]
    assert [u["name"] for u in physical["logical-interface"]] == [[{"data": "ge-0/0/3.0"}]]
    assert _run(client, TEXT, cli="sh int ge-0/0/3.0 te") == _run(client, TEXT, cli="show interfaces ge-0/0/3 terse")


@pytest.mark.parametrize(
    ("cli", "xml", "out_format", "message"),
    [
        ("show route", None, JSON, "syntax error, expecting <command>: route"),
        ("request system reboot", None, TEXT, "syntax error, expecting <command>: request"),
        ("show version extensive", None, TEXT, "syntax error, expecting <command>: extensive"),
        ("show", None, TEXT, "syntax error, expecting <command> after show"),
        ("", None, TEXT, "syntax error, expecting <command>"),
        ("show interfaces", None, JSON, "only the terse form"),
        ("show interfaces ge-0/0/99 terse", None, JSON, "device ge-0/0/99 not found"),
        (None, "<get-route-information/>", JSON, "<get-route-information> is not a known RPC"),
        (None, "<get-interface-information/>", JSON, "only <get-interface-information> with <terse/>"),
        (None, "<get-software-information><detail/></get-software-information>", XML, "<detail> is not an option"),
        (None, "<get-software-information>", XML, "not well-formed XML"),
        (None, '<!DOCTYPE x [<!ENTITY a "b">]><get-software-information/>', XML, "no DOCTYPE or entities"),
        (None, None, JSON, "no command given"),
        ("show version", None, 9, "out_format 9 is not an output format"),
    ],
)
def test_commands_a_router_would_refuse(
    connect: ClientFactory, cli: str | None, xml: str | None, out_format: int, message: str
) -> None:
    ok, answer = _run(connect(), out_format, cli=cli, xml=xml)
    assert not ok
    assert message in answer
