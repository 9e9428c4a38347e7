from . import jnx_common_types_pb2 as _jnx_common_types_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class OpCommandOutputFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OP_COMMAND_OUTPUT_JSON: _ClassVar[OpCommandOutputFormat]
    OP_COMMAND_OUTPUT_XML: _ClassVar[OpCommandOutputFormat]
    OP_COMMAND_OUTPUT_CLI: _ClassVar[OpCommandOutputFormat]
OP_COMMAND_OUTPUT_JSON: OpCommandOutputFormat
OP_COMMAND_OUTPUT_XML: OpCommandOutputFormat
OP_COMMAND_OUTPUT_CLI: OpCommandOutputFormat

class OpCommandGetRequest(_message.Message):
    __slots__ = ("cli_command", "xml_command", "out_format")
    CLI_COMMAND_FIELD_NUMBER: _ClassVar[int]
    XML_COMMAND_FIELD_NUMBER: _ClassVar[int]
    OUT_FORMAT_FIELD_NUMBER: _ClassVar[int]
    cli_command: str
    xml_command: str
    out_format: OpCommandOutputFormat
    def __init__(self, cli_command: _Optional[str] = ..., xml_command: _Optional[str] = ..., out_format: _Optional[_Union[OpCommandOutputFormat, str]] = ...) -> None: ...

class OpCommandGetResponse(_message.Message):
    __slots__ = ("status", "data")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    status: _jnx_common_types_pb2.RpcStatus
    data: str
    def __init__(self, status: _Optional[_Union[_jnx_common_types_pb2.RpcStatus, _Mapping]] = ..., data: _Optional[str] = ...) -> None: ...
