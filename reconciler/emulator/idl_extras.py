"""Fields of the published IDL that the project's own protos leave out.

A client compiled from Juniper's complete IDL may send fields this project never
declares (a BGP path's MPLS label, a gateway's label stack or bandwidth, firewall
match lists such as `ipv4_addrs` or `ports`). Our generated classes keep them as
unknown fields; a router would act on them, so the emulator reads them here to
validate them instead of silently accepting and ignoring them.
"""

from __future__ import annotations

import struct
from typing import TypeVar

from google.protobuf import unknown_fields
from google.protobuf.message import DecodeError, Message

VARINT, FIXED64, LENGTH_DELIMITED, FIXED32 = 0, 1, 2, 5
ExtraValue = int | bytes
M = TypeVar("M", bound=Message)


def extras(message: Message) -> dict[int, list[tuple[int, ExtraValue]]]:
    """Undeclared fields of `message`: field number -> [(wire type, value)] in wire order."""
    found: dict[int, list[tuple[int, ExtraValue]]] = {}
    field_set = unknown_fields.UnknownFieldSet(message)
    for index in range(len(field_set)):
        item = field_set[index]
        data = item.data
        if isinstance(data, int | bytes):  # groups (wire type 3) are not used by the IDL
            found.setdefault(item.field_number, []).append((item.wire_type, data))
    return found


def as_float(wire_type: int, value: ExtraValue) -> float | None:
    """A `float` field's value (wire type fixed32), or None when sent with another type."""
    if wire_type != FIXED32 or not isinstance(value, int):
        return None
    result: float = struct.unpack("<f", value.to_bytes(4, "little"))[0]
    return result


def as_message(wire_type: int, value: ExtraValue, message_type: type[M]) -> M | None:
    """A sub-message field parsed with one of our generated types, or None when malformed."""
    if wire_type != LENGTH_DELIMITED or not isinstance(value, bytes):
        return None
    try:
        return message_type.FromString(value)
    except DecodeError:
        return None
