"""Sending fields of the published IDL that our protos leave out, as a client
compiled from the complete IDL would: the bytes are appended to a message of our
generated type (protobuf keeps them as unknown fields and sends them on)."""

from __future__ import annotations

import struct
from typing import TypeVar

from google.protobuf.message import Message

M = TypeVar("M", bound=Message)


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def varint_field(number: int, value: int) -> bytes:
    return _varint(number << 3) + _varint(value)


def message_field(number: int, payload: bytes | Message) -> bytes:
    data = payload.SerializeToString() if isinstance(payload, Message) else payload
    return _varint((number << 3) | 2) + _varint(len(data)) + data


def float_field(number: int, value: float) -> bytes:
    return _varint((number << 3) | 5) + struct.pack("<f", value)


def with_fields(message: M, *fields: bytes) -> M:
    """`message` with the encoded fields appended (in place, and returned)."""
    message.MergeFromString(b"".join(fields))
    return message
