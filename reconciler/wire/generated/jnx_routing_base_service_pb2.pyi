from . import jnx_common_types_pb2 as _jnx_common_types_pb2
from . import jnx_routing_base_types_pb2 as _jnx_routing_base_types_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class RoutePurgeTimerAddRequest(_message.Message):
    __slots__ = ("time",)
    TIME_FIELD_NUMBER: _ClassVar[int]
    time: int
    def __init__(self, time: _Optional[int] = ...) -> None: ...

class RoutePurgeTimerAddResponse(_message.Message):
    __slots__ = ("status", "sub_code")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUB_CODE_FIELD_NUMBER: _ClassVar[int]
    status: _jnx_common_types_pb2.RpcStatus
    sub_code: _jnx_routing_base_types_pb2.StatusCode
    def __init__(self, status: _Optional[_Union[_jnx_common_types_pb2.RpcStatus, _Mapping]] = ..., sub_code: _Optional[_Union[_jnx_routing_base_types_pb2.StatusCode, str]] = ...) -> None: ...

class RoutePurgeTimerDeleteRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class RoutePurgeTimerDeleteResponse(_message.Message):
    __slots__ = ("status", "sub_code")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUB_CODE_FIELD_NUMBER: _ClassVar[int]
    status: _jnx_common_types_pb2.RpcStatus
    sub_code: _jnx_routing_base_types_pb2.StatusCode
    def __init__(self, status: _Optional[_Union[_jnx_common_types_pb2.RpcStatus, _Mapping]] = ..., sub_code: _Optional[_Union[_jnx_routing_base_types_pb2.StatusCode, str]] = ...) -> None: ...

class RoutePurgeTimerGetRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class RoutePurgeTimerGetResponse(_message.Message):
    __slots__ = ("status", "sub_code", "time")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUB_CODE_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    status: _jnx_common_types_pb2.RpcStatus
    sub_code: _jnx_routing_base_types_pb2.StatusCode
    time: int
    def __init__(self, status: _Optional[_Union[_jnx_common_types_pb2.RpcStatus, _Mapping]] = ..., sub_code: _Optional[_Union[_jnx_routing_base_types_pb2.StatusCode, str]] = ..., time: _Optional[int] = ...) -> None: ...
