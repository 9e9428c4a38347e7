"""Typed calls of the Firewall service and of Management/OpCommandGet."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import grpc

from reconciler.jet import filter_codec
from reconciler.jet.errors import PermanentError
from reconciler.jet.session import JetTransport
from reconciler.model.filters import Binding, FirewallFilter, TermEdit
from reconciler.model.prefixes import Family
from reconciler.wire.pb import firewall_grpc, firewall_pb, management_grpc, management_pb

_OUTPUT_FORMATS = {
    "json": management_pb.OP_COMMAND_OUTPUT_JSON,
    "xml": management_pb.OP_COMMAND_OUTPUT_XML,
    "text": management_pb.OP_COMMAND_OUTPUT_CLI,
}


@dataclass(frozen=True)
class Counter:
    name: str
    packets: int
    bytes: int


@dataclass(frozen=True)
class Interface:
    """One line of `show interfaces terse`: a physical interface or a unit of one."""

    name: str
    admin_up: bool
    oper_up: bool
    families: tuple[str, ...] = ()

    @property
    def is_unit(self) -> bool:
        return "." in self.name


class FirewallCalls(JetTransport):
    def __init__(self, router: str, channel: grpc.Channel, **options: Any) -> None:
        super().__init__(router, channel, **options)
        self._firewall = firewall_grpc.FirewallStub(channel)
        self._management = management_grpc.ManagementStub(channel)

    def _firewall_call(self, operation: str, method: Any, request: Any, *, write: bool = True) -> Any:
        reply = self._call(operation, method, request, write=write)
        code = type(reply).StatusCode.Name(reply.sub_code)
        self._checked(operation, reply, code, frozenset())
        return reply

    def filter_add(self, filter_: FirewallFilter) -> None:
        op = f"Firewall/FilterAdd {filter_.family.value} {filter_.name}"
        self._firewall_call(op, self._firewall.FilterAdd, filter_codec.filter_add_request(filter_))

    def filter_modify(self, name: str, family: Family, edits: list[TermEdit]) -> None:
        op = f"Firewall/FilterModify {family.value} {name}"
        request = filter_codec.filter_modify_request(name, family, edits)
        self._firewall_call(op, self._firewall.FilterModify, request)

    def filter_delete(self, name: str, family: Family) -> None:
        op = f"Firewall/FilterDelete {family.value} {name}"
        request = filter_codec.filter_delete_request(name, family)
        self._firewall_call(op, self._firewall.FilterDelete, request)

    def filter_bind(self, binding: Binding) -> None:
        op = f"Firewall/FilterBindAdd {binding.filter} {binding.direction.value} {binding.interface}"
        request = firewall_pb.FilterObjBindAddRequest(**filter_codec.bind_fields(binding))
        self._firewall_call(op, self._firewall.FilterBindAdd, request)

    def filter_unbind(self, binding: Binding) -> None:
        op = f"Firewall/FilterBindDelete {binding.filter} {binding.direction.value} {binding.interface}"
        request = firewall_pb.FilterObjBindDeleteRequest(**filter_codec.bind_fields(binding))
        self._firewall_call(op, self._firewall.FilterBindDelete, request)

    def filter_counter(self, filter_name: str, counter_name: str) -> Counter:
        """Read one counter. A failure here is the only hint that a filter is gone."""
        op = f"Firewall/FilterCounterGet {filter_name} {counter_name}"
        request = firewall_pb.FilterCounterGetRequest(filter_name=filter_name, counter_name=counter_name)
        reply = self._firewall_call(op, self._firewall.FilterCounterGet, request, write=False)
        return Counter(reply.counter_name or counter_name, int(reply.packets), int(reply.bytes))

    def set_filter_purge_timer(self, seconds: int) -> None:
        request = firewall_pb.FiltersPurgeTimerAddRequest(time=seconds)
        self._firewall_call("Firewall/FiltersPurgeTimerAdd", self._firewall.FiltersPurgeTimerAdd, request)

    def get_filter_purge_timer(self) -> int:
        request = firewall_pb.FiltersPurgeTimerGetRequest()
        reply = self._firewall_call(
            "Firewall/FiltersPurgeTimerGet",
            self._firewall.FiltersPurgeTimerGet,
            request,
            write=False,
        )
        return int(reply.time)

    # ------------------------------------------------------------ management

    def op_command(self, command: str, output: str = "json") -> str:
        """Run an operational command (`show ...`) and return its whole output."""
        op = f"Management/OpCommandGet {command!r}"
        request = management_pb.OpCommandGetRequest(cli_command=command, out_format=_OUTPUT_FORMATS[output])
        chunks = []
        for reply in self._stream(op, self._management.OpCommandGet, request):
            self._checked(op, reply, "EOK" if reply.status.code == 0 else "FAILURE", frozenset())
            chunks.append(reply.data)
        return "".join(chunks)

    def interfaces(self) -> list[Interface]:
        """Interfaces and units from `show interfaces terse` (JSON)."""
        text = self.op_command("show interfaces terse", "json")
        try:
            return parse_interfaces_terse(json.loads(text))
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            raise PermanentError(
                self.router,
                "Management/OpCommandGet 'show interfaces terse'",
                "BAD_OUTPUT",
                str(exc),
            ) from None


def _data(node: dict[str, Any], key: str, default: str = "") -> str:
    """Junos JSON wraps every leaf as [{"data": value}]."""
    values = node.get(key)
    return str(values[0].get("data", default)) if values else default


def parse_interfaces_terse(document: dict[str, Any]) -> list[Interface]:
    result: list[Interface] = []
    for info in document["interface-information"]:
        for physical in info.get("physical-interface", []):
            result.append(
                Interface(
                    _data(physical, "name"),
                    _data(physical, "admin-status") == "up",
                    _data(physical, "oper-status") == "up",
                )
            )
            for logical in physical.get("logical-interface", []):
                families = tuple(_data(f, "address-family-name") for f in logical.get("address-family", []))
                result.append(
                    Interface(
                        _data(logical, "name"),
                        _data(logical, "admin-status") == "up",
                        _data(logical, "oper-status") == "up",
                        families,
                    )
                )
    return result
