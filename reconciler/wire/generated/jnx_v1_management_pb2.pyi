from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class JunosRpcResponseTypes(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SUCCESS: _ClassVar[JunosRpcResponseTypes]
    NOK: _ClassVar[JunosRpcResponseTypes]
    UNSUPPORTED_PATH: _ClassVar[JunosRpcResponseTypes]
    INVALID_PATH: _ClassVar[JunosRpcResponseTypes]
    INVALID_CONFIGURATION: _ClassVar[JunosRpcResponseTypes]
    UNSUPPORTED_ENCODING: _ClassVar[JunosRpcResponseTypes]

class OperationFormatType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OPERATION_FORMAT_JSON: _ClassVar[OperationFormatType]
    OPERATION_FORMAT_XML: _ClassVar[OperationFormatType]
    OPERATION_FORMAT_CLI: _ClassVar[OperationFormatType]
SUCCESS: JunosRpcResponseTypes
NOK: JunosRpcResponseTypes
UNSUPPORTED_PATH: JunosRpcResponseTypes
INVALID_PATH: JunosRpcResponseTypes
INVALID_CONFIGURATION: JunosRpcResponseTypes
UNSUPPORTED_ENCODING: JunosRpcResponseTypes
OPERATION_FORMAT_JSON: OperationFormatType
OPERATION_FORMAT_XML: OperationFormatType
OPERATION_FORMAT_CLI: OperationFormatType

class ExecuteOpCommandRequest(_message.Message):
    __slots__ = ("request_id", "cli_command", "xml_command", "json_command", "out_format")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    CLI_COMMAND_FIELD_NUMBER: _ClassVar[int]
    XML_COMMAND_FIELD_NUMBER: _ClassVar[int]
    JSON_COMMAND_FIELD_NUMBER: _ClassVar[int]
    OUT_FORMAT_FIELD_NUMBER: _ClassVar[int]
    request_id: int
    cli_command: str
    xml_command: str
    json_command: str
    out_format: OperationFormatType
    def __init__(self, request_id: _Optional[int] = ..., cli_command: _Optional[str] = ..., xml_command: _Optional[str] = ..., json_command: _Optional[str] = ..., out_format: _Optional[_Union[OperationFormatType, str]] = ...) -> None: ...

class ExecuteOpCommandResponse(_message.Message):
    __slots__ = ("request_id", "data", "status", "message")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    request_id: int
    data: str
    status: JunosRpcResponseTypes
    message: str
    def __init__(self, request_id: _Optional[int] = ..., data: _Optional[str] = ..., status: _Optional[_Union[JunosRpcResponseTypes, str]] = ..., message: _Optional[str] = ...) -> None: ...
