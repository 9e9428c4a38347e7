"""The operational commands an emulated router answers, as CLI text or as an XML RPC.

Served: `show version` (<get-software-information/>) and `show interfaces terse`
(<get-interface-information><terse/></get-interface-information>), optionally for
one interface, in JSON, XML or text. CLI keywords may be abbreviated to any
unique prefix, as on a router (`sh int terse`). Anything else is refused with a
one-line message like a router's ("syntax error, expecting <command>: route").
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from reconciler.emulator.junos_output import Node, leaf, to_json, to_xml
from reconciler.emulator.state import RouterState
from reconciler.wire.pb import management_pb

JUNOS_VERSION = "24.4R1.9"
MODEL = "vmx"
_BUILD = "20241122.4f1b3e2_builder_stable_13"
_PACKAGES = (
    ("os-kernel", f"JUNOS OS Kernel 64-bit  [{_BUILD}]"),
    ("os-libs", f"JUNOS OS libs [{_BUILD}]"),
    ("os-runtime", f"JUNOS OS runtime [{_BUILD}]"),
    ("junos-routing", f"JUNOS Routing Software Suite [{JUNOS_VERSION}]"),
    ("jet", f"JUNOS Extension Toolkit [{JUNOS_VERSION}]"),
)
VERSION, INTERFACES_TERSE = "version", "interfaces-terse"


class CommandError(Exception):
    """The command is refused; the message is what the router says."""


@dataclass(frozen=True)
class Command:
    kind: str  # VERSION or INTERFACES_TERSE
    interface: str | None = None


def run(state: RouterState, request: management_pb.OpCommandGetRequest) -> str:
    """The output of an OpCommandGet request, or CommandError."""
    arm = request.WhichOneof("command")
    if arm == "cli_command":
        command = parse_cli(request.cli_command)
    elif arm == "xml_command":
        command = parse_xml(request.xml_command)
    else:
        raise CommandError("no command given: set cli_command or xml_command")
    out_format = request.out_format
    if out_format not in management_pb.OpCommandOutputFormat.values():
        raise CommandError(f"out_format {out_format} is not an output format (JSON, XML or CLI)")
    with state.lock:
        if command.interface is not None and not state.interfaces.known(command.interface):
            raise CommandError(f"device {command.interface} not found")
        if out_format == management_pb.OP_COMMAND_OUTPUT_CLI:
            return _text(state, command)
        tree = _tree(state, command)
    return to_json(tree) if out_format == management_pb.OP_COMMAND_OUTPUT_JSON else to_xml(tree)


# ------------------------------------------------------------------ parsing


def _keyword(token: str, choices: tuple[str, ...], expecting: str) -> str:
    """The keyword a (possibly abbreviated) token stands for."""
    if token in choices:
        return token
    found = [choice for choice in choices if choice.startswith(token)]
    if len(found) == 1:
        return found[0]
    if found:
        raise CommandError(f"syntax error, '{token}' is ambiguous: {', '.join(found)}")
    raise CommandError(f"syntax error, expecting {expecting}: {token}")


def parse_cli(text: str) -> Command:
    tokens = text.split()
    if not tokens:
        raise CommandError("syntax error, expecting <command>")
    _keyword(tokens[0], ("show",), "<command>")
    if len(tokens) == 1:
        raise CommandError("syntax error, expecting <command> after show")
    what = _keyword(tokens[1], ("interfaces", "version"), "<command>")
    rest = tokens[2:]
    if what == "version":
        for token in rest:
            _keyword(token, ("brief",), "<command>")
        return Command(VERSION)
    terse = False
    interface = None
    for token in rest:
        if "terse".startswith(token) and len(token) >= 2:
            terse = True
        elif interface is None and any(c.isdigit() for c in token):
            interface = token
        else:
            raise CommandError(f"syntax error, expecting <command>: {token}")
    if not terse:
        raise CommandError("only the terse form of show interfaces is served by this emulated router")
    return Command(INTERFACES_TERSE, interface)


def parse_xml(text: str) -> Command:
    if "<!" in text:  # no DOCTYPE or entity definitions: nothing to expand
        raise CommandError("xml_command must be a plain RPC element (no DOCTYPE or entities)")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise CommandError(f"xml_command is not well-formed XML: {exc}") from None
    if _tag(root) == "rpc":
        inner = list(root)
        if len(inner) != 1:
            raise CommandError("an <rpc> must hold exactly one RPC")
        root = inner[0]
    name = _tag(root)
    options = {_tag(child): (child.text or "").strip() for child in root}
    if name == "get-software-information":
        _only(name, options, ("brief",))
        return Command(VERSION)
    if name == "get-interface-information":
        _only(name, options, ("terse", "interface-name"))
        if "terse" not in options:
            raise CommandError("only <get-interface-information> with <terse/> is served by this emulated router")
        return Command(INTERFACES_TERSE, options.get("interface-name") or None)
    raise CommandError(f"syntax error: <{name}> is not a known RPC")


def _tag(element: ET.Element) -> str:
    return element.tag.rpartition("}")[2]  # without a namespace


def _only(rpc: str, options: dict[str, str], allowed: tuple[str, ...]) -> None:
    for option in options:
        if option not in allowed:
            raise CommandError(f"syntax error: <{option}> is not an option of <{rpc}>")


# ------------------------------------------------------------------ output


def _tree(state: RouterState, command: Command) -> Node:
    if command.kind == INTERFACES_TERSE:
        return state.interfaces.terse_tree(command.interface)
    packages = tuple(
        Node("package-information", children=(leaf("name", name), leaf("comment", comment)))
        for name, comment in _PACKAGES
    )
    return Node(
        "software-information",
        children=(
            leaf("host-name", state.name),
            leaf("product-model", MODEL),
            leaf("product-name", MODEL),
            leaf("junos-version", JUNOS_VERSION),
            *packages,
        ),
    )


def _text(state: RouterState, command: Command) -> str:
    if command.kind == INTERFACES_TERSE:
        return state.interfaces.terse_text(command.interface)
    lines = [f"Hostname: {state.name}", f"Model: {MODEL}", f"Junos: {JUNOS_VERSION}"]
    lines += [comment for _, comment in _PACKAGES]
    return "\n".join(lines) + "\n"
