"""Building JET replies: application errors travel inside a gRPC OK."""

from __future__ import annotations

from typing import Any, TypeVar

from google.protobuf.message import Message

from reconciler.wire.pb import common_pb

_OK = common_pb.RpcStatus(code=common_pb.SUCCESS)
M = TypeVar("M", bound=Message)


def reply(message_type: type[M], sub_code: int, success_codes: tuple[int, ...] = (0,), **fields: Any) -> M:
    """A reply whose `status` is SUCCESS when sub_code is a success code, else FAILURE."""
    if sub_code in success_codes:
        status = _OK
    else:
        status = common_pb.RpcStatus(code=common_pb.FAILURE, message=_name(message_type, sub_code))
    return message_type(status=status, sub_code=sub_code, **fields)


def _name(message_type: type[Message], sub_code: int) -> str:
    enum = message_type.DESCRIPTOR.fields_by_name["sub_code"].enum_type
    value = enum.values_by_number.get(sub_code) if enum is not None else None
    return value.name if value is not None else str(sub_code)
