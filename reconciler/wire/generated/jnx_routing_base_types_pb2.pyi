from . import jnx_common_types_pb2 as _jnx_common_types_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class StatusCode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SUCCESS: _ClassVar[StatusCode]
    INVALID_PARAMS: _ClassVar[StatusCode]
    INVALID_ADDRESS_FAMILY: _ClassVar[StatusCode]
    INVALID_INSTANCE: _ClassVar[StatusCode]

class RouteTableFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TABLE_STRING: _ClassVar[RouteTableFormat]
    TABLE_ID: _ClassVar[RouteTableFormat]

class RouteProtoType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PROTO_ANY: _ClassVar[RouteProtoType]
    PROTO_DIRECT: _ClassVar[RouteProtoType]
    PROTO_LOCAL: _ClassVar[RouteProtoType]
    PROTO_KERNEL: _ClassVar[RouteProtoType]
    PROTO_REDIRECT: _ClassVar[RouteProtoType]
    PROTO_OSPF: _ClassVar[RouteProtoType]
    PROTO_OSPF3: _ClassVar[RouteProtoType]
    PROTO_OSPF_ANY: _ClassVar[RouteProtoType]
    PROTO_RIP: _ClassVar[RouteProtoType]
    PROTO_RIPNG: _ClassVar[RouteProtoType]
    PROTO_BGP: _ClassVar[RouteProtoType]
    PROTO_STATIC: _ClassVar[RouteProtoType]
    PROTO_ISIS: _ClassVar[RouteProtoType]
    PROTO_IGMP: _ClassVar[RouteProtoType]
    PROTO_AGGREGATE: _ClassVar[RouteProtoType]
    PROTO_DVMRP: _ClassVar[RouteProtoType]
    PROTO_PIM: _ClassVar[RouteProtoType]
    PROTO_MSDP: _ClassVar[RouteProtoType]
    PROTO_MPLS: _ClassVar[RouteProtoType]
    PROTO_RSVP: _ClassVar[RouteProtoType]
    PROTO_CCC: _ClassVar[RouteProtoType]
    PROTO_LDP: _ClassVar[RouteProtoType]
    PROTO_VPN: _ClassVar[RouteProtoType]
    PROTO_MVPN: _ClassVar[RouteProtoType]
    PROTO_MCAST: _ClassVar[RouteProtoType]
    PROTO_L2VPN: _ClassVar[RouteProtoType]
    PROTO_L2CKT: _ClassVar[RouteProtoType]
    PROTO_BGP_STATIC: _ClassVar[RouteProtoType]
    PROTO_RIFT: _ClassVar[RouteProtoType]
    PROTO_OTHER: _ClassVar[RouteProtoType]
SUCCESS: StatusCode
INVALID_PARAMS: StatusCode
INVALID_ADDRESS_FAMILY: StatusCode
INVALID_INSTANCE: StatusCode
TABLE_STRING: RouteTableFormat
TABLE_ID: RouteTableFormat
PROTO_ANY: RouteProtoType
PROTO_DIRECT: RouteProtoType
PROTO_LOCAL: RouteProtoType
PROTO_KERNEL: RouteProtoType
PROTO_REDIRECT: RouteProtoType
PROTO_OSPF: RouteProtoType
PROTO_OSPF3: RouteProtoType
PROTO_OSPF_ANY: RouteProtoType
PROTO_RIP: RouteProtoType
PROTO_RIPNG: RouteProtoType
PROTO_BGP: RouteProtoType
PROTO_STATIC: RouteProtoType
PROTO_ISIS: RouteProtoType
PROTO_IGMP: RouteProtoType
PROTO_AGGREGATE: RouteProtoType
PROTO_DVMRP: RouteProtoType
PROTO_PIM: RouteProtoType
PROTO_MSDP: RouteProtoType
PROTO_MPLS: RouteProtoType
PROTO_RSVP: RouteProtoType
PROTO_CCC: RouteProtoType
PROTO_LDP: RouteProtoType
PROTO_VPN: RouteProtoType
PROTO_MVPN: RouteProtoType
PROTO_MCAST: RouteProtoType
PROTO_L2VPN: RouteProtoType
PROTO_L2CKT: RouteProtoType
PROTO_BGP_STATIC: RouteProtoType
PROTO_RIFT: RouteProtoType
PROTO_OTHER: RouteProtoType

class MplsAddress(_message.Message):
    __slots__ = ("label",)
    LABEL_FIELD_NUMBER: _ClassVar[int]
    label: int
    def __init__(self, label: _Optional[int] = ...) -> None: ...

class NetworkAddress(_message.Message):
    __slots__ = ("inet", "inet6", "mpls")
    INET_FIELD_NUMBER: _ClassVar[int]
    INET6_FIELD_NUMBER: _ClassVar[int]
    MPLS_FIELD_NUMBER: _ClassVar[int]
    inet: _jnx_common_types_pb2.IpAddress
    inet6: _jnx_common_types_pb2.IpAddress
    mpls: MplsAddress
    def __init__(self, inet: _Optional[_Union[_jnx_common_types_pb2.IpAddress, _Mapping]] = ..., inet6: _Optional[_Union[_jnx_common_types_pb2.IpAddress, _Mapping]] = ..., mpls: _Optional[_Union[MplsAddress, _Mapping]] = ...) -> None: ...

class RoutePrefix(_message.Message):
    __slots__ = ("inet", "inet6")
    INET_FIELD_NUMBER: _ClassVar[int]
    INET6_FIELD_NUMBER: _ClassVar[int]
    inet: _jnx_common_types_pb2.IpAddress
    inet6: _jnx_common_types_pb2.IpAddress
    def __init__(self, inet: _Optional[_Union[_jnx_common_types_pb2.IpAddress, _Mapping]] = ..., inet6: _Optional[_Union[_jnx_common_types_pb2.IpAddress, _Mapping]] = ...) -> None: ...

class RouteTableId(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: int
    def __init__(self, id: _Optional[int] = ...) -> None: ...

class RouteTableName(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class RouteTable(_message.Message):
    __slots__ = ("id", "name")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    id: RouteTableId
    name: RouteTableName
    def __init__(self, id: _Optional[_Union[RouteTableId, _Mapping]] = ..., name: _Optional[_Union[RouteTableName, _Mapping]] = ...) -> None: ...

class AsPath(_message.Message):
    __slots__ = ("aspath",)
    ASPATH_FIELD_NUMBER: _ClassVar[int]
    aspath: str
    def __init__(self, aspath: _Optional[str] = ...) -> None: ...

class Community(_message.Message):
    __slots__ = ("community",)
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    community: str
    def __init__(self, community: _Optional[str] = ...) -> None: ...

class Communities(_message.Message):
    __slots__ = ("communities",)
    COMMUNITIES_FIELD_NUMBER: _ClassVar[int]
    communities: _containers.RepeatedCompositeFieldContainer[Community]
    def __init__(self, communities: _Optional[_Iterable[_Union[Community, _Mapping]]] = ...) -> None: ...
