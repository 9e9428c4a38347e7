"""Building JET replies: application errors travel inside a gRPC OK."""

from __future__ import annotations

from typing import Any

from reconciler.jet.pb import common_pb

_OK = common_pb.RpcStatus(code=common_pb.SUCCESS)


def reply(message_type: Any, sub_code: int, success_codes: tuple[int, ...] = (0,), **fields: Any) -> Any:
    """A reply whose `status` is SUCCESS when sub_code is a success code, else FAILURE."""
    if sub_code in success_codes:
        status = _OK
    else:
        status = common_pb.RpcStatus(code=common_pb.FAILURE, message=_name(message_type, sub_code))
    return message_type(status=status, sub_code=sub_code, **fields)


def _name(message_type: Any, sub_code: int) -> str:
    field = message_type.DESCRIPTOR.fields_by_name["sub_code"]
    value = field.enum_type.values_by_number.get(sub_code)
    return value.name if value is not None else str(sub_code)
