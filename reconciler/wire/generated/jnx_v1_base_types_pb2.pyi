from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AddressFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ADDRESS_STRING: _ClassVar[AddressFormat]
    ADDRESS_BYTES: _ClassVar[AddressFormat]

class TcpFlags(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TCP_FLG_INVALID: _ClassVar[TcpFlags]
    TCP_FLG_FIN: _ClassVar[TcpFlags]
    TCP_FLG_SYN: _ClassVar[TcpFlags]
    TCP_FLG_RST: _ClassVar[TcpFlags]
    TCP_FLG_PUSH: _ClassVar[TcpFlags]
    TCP_FLG_ACK: _ClassVar[TcpFlags]
    TCP_FLG_URGENT: _ClassVar[TcpFlags]
ADDRESS_STRING: AddressFormat
ADDRESS_BYTES: AddressFormat
TCP_FLG_INVALID: TcpFlags
TCP_FLG_FIN: TcpFlags
TCP_FLG_SYN: TcpFlags
TCP_FLG_RST: TcpFlags
TCP_FLG_PUSH: TcpFlags
TCP_FLG_ACK: TcpFlags
TCP_FLG_URGENT: TcpFlags

class IpAddress(_message.Message):
    __slots__ = ("addr_string", "addr_bytes")
    ADDR_STRING_FIELD_NUMBER: _ClassVar[int]
    ADDR_BYTES_FIELD_NUMBER: _ClassVar[int]
    addr_string: str
    addr_bytes: bytes
    def __init__(self, addr_string: _Optional[str] = ..., addr_bytes: _Optional[bytes] = ...) -> None: ...

class IpFragementFlags(_message.Message):
    __slots__ = ("not_match", "match", "dont_fragement", "is_a_fragement", "first_fragement", "last_fragement")
    NOT_MATCH_FIELD_NUMBER: _ClassVar[int]
    MATCH_FIELD_NUMBER: _ClassVar[int]
    DONT_FRAGEMENT_FIELD_NUMBER: _ClassVar[int]
    IS_A_FRAGEMENT_FIELD_NUMBER: _ClassVar[int]
    FIRST_FRAGEMENT_FIELD_NUMBER: _ClassVar[int]
    LAST_FRAGEMENT_FIELD_NUMBER: _ClassVar[int]
    not_match: bool
    match: bool
    dont_fragement: bool
    is_a_fragement: bool
    first_fragement: bool
    last_fragement: bool
    def __init__(self, not_match: _Optional[bool] = ..., match: _Optional[bool] = ..., dont_fragement: _Optional[bool] = ..., is_a_fragement: _Optional[bool] = ..., first_fragement: _Optional[bool] = ..., last_fragement: _Optional[bool] = ...) -> None: ...

class MacAddress(_message.Message):
    __slots__ = ("addr_string", "addr_bytes")
    ADDR_STRING_FIELD_NUMBER: _ClassVar[int]
    ADDR_BYTES_FIELD_NUMBER: _ClassVar[int]
    addr_string: str
    addr_bytes: bytes
    def __init__(self, addr_string: _Optional[str] = ..., addr_bytes: _Optional[bytes] = ...) -> None: ...

class NumericRange(_message.Message):
    __slots__ = ("min", "max")
    MIN_FIELD_NUMBER: _ClassVar[int]
    MAX_FIELD_NUMBER: _ClassVar[int]
    min: int
    max: int
    def __init__(self, min: _Optional[int] = ..., max: _Optional[int] = ...) -> None: ...

class NumericRangeList(_message.Message):
    __slots__ = ("range_list",)
    RANGE_LIST_FIELD_NUMBER: _ClassVar[int]
    range_list: _containers.RepeatedCompositeFieldContainer[NumericRange]
    def __init__(self, range_list: _Optional[_Iterable[_Union[NumericRange, _Mapping]]] = ...) -> None: ...
