from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class LoginReply(_message.Message):
    __slots__ = ("result",)
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: bool
    def __init__(self, result: _Optional[bool] = ...) -> None: ...

class LoginRequest(_message.Message):
    __slots__ = ("user_name", "password", "client_id", "group_id")
    USER_NAME_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    user_name: str
    password: str
    client_id: str
    group_id: str
    def __init__(self, user_name: _Optional[str] = ..., password: _Optional[str] = ..., client_id: _Optional[str] = ..., group_id: _Optional[str] = ...) -> None: ...
