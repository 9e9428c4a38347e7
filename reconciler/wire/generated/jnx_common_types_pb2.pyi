from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class StatusCode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SUCCESS: _ClassVar[StatusCode]
    FAILURE: _ClassVar[StatusCode]

class AddressFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ADDRESS_STRING: _ClassVar[AddressFormat]
    ADDRESS_BYTES: _ClassVar[AddressFormat]
SUCCESS: StatusCode
FAILURE: StatusCode
ADDRESS_STRING: AddressFormat
ADDRESS_BYTES: AddressFormat

class RpcStatus(_message.Message):
    __slots__ = ("code", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: StatusCode
    message: str
    def __init__(self, code: _Optional[_Union[StatusCode, str]] = ..., message: _Optional[str] = ...) -> None: ...

class IpAddress(_message.Message):
    __slots__ = ("addr_string", "addr_bytes")
    ADDR_STRING_FIELD_NUMBER: _ClassVar[int]
    ADDR_BYTES_FIELD_NUMBER: _ClassVar[int]
    addr_string: str
    addr_bytes: bytes
    def __init__(self, addr_string: _Optional[str] = ..., addr_bytes: _Optional[bytes] = ...) -> None: ...
