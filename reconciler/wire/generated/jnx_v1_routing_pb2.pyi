from . import jnx_v1_base_types_pb2 as _jnx_v1_base_types_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class BgpPeerType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BGP_INTERNAL: _ClassVar[BgpPeerType]
    BGP_EXTERNAL: _ClassVar[BgpPeerType]

class LabelOperation(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    NOOP: _ClassVar[LabelOperation]
    POP: _ClassVar[LabelOperation]
    PUSH: _ClassVar[LabelOperation]
    SWAP: _ClassVar[LabelOperation]

class ReturnCode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RET_SUCCESS: _ClassVar[ReturnCode]
    RET_FAILURE: _ClassVar[ReturnCode]
    RET_NOT_FOUND: _ClassVar[ReturnCode]
    RET_INVALID_PARAMS: _ClassVar[ReturnCode]
    RET_INVALID_ADDRESS_FAMILY: _ClassVar[ReturnCode]
    RET_INVALID_INSTANCE: _ClassVar[ReturnCode]

class RouteMatchType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BEST: _ClassVar[RouteMatchType]
    EXACT: _ClassVar[RouteMatchType]
    EXACT_OR_LONGER: _ClassVar[RouteMatchType]

class RouteOperStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SUCCESS: _ClassVar[RouteOperStatus]
    INTERNAL_ERROR: _ClassVar[RouteOperStatus]
    NOT_INITIALIZED: _ClassVar[RouteOperStatus]
    NO_OP: _ClassVar[RouteOperStatus]
    TOO_MANY_OPS: _ClassVar[RouteOperStatus]
    TABLE_INVALID: _ClassVar[RouteOperStatus]
    TABLE_NOT_READY: _ClassVar[RouteOperStatus]
    PREFIX_INVALID: _ClassVar[RouteOperStatus]
    PREFIX_LEN_TOO_SHORT: _ClassVar[RouteOperStatus]
    PREFIX_LEN_TOO_LONG: _ClassVar[RouteOperStatus]
    GATEWAY_INVALID: _ClassVar[RouteOperStatus]
    NEXTHOP_INVALID: _ClassVar[RouteOperStatus]
    NEXTHOP_ADDRESS_INVALID: _ClassVar[RouteOperStatus]
    NEXTHOP_LIMIT_EXCEED: _ClassVar[RouteOperStatus]
    ROUTE_EXISTS: _ClassVar[RouteOperStatus]
    ROUTE_NOT_FOUND: _ClassVar[RouteOperStatus]
    PROTOCOL_INVALID: _ClassVar[RouteOperStatus]
    ROUTE_ADD_FAILED: _ClassVar[RouteOperStatus]
    NOT_READY: _ClassVar[RouteOperStatus]
    TRY_AGAIN: _ClassVar[RouteOperStatus]
    ROUTE_COUNT_INVALID: _ClassVar[RouteOperStatus]
    REQUEST_UNSUPPORTED: _ClassVar[RouteOperStatus]
    REQUEST_INVALID: _ClassVar[RouteOperStatus]
    INTERFACE_INVALID: _ClassVar[RouteOperStatus]
    ROUTE_MONITOR_REGISTER_OPERATION_INVALID: _ClassVar[RouteOperStatus]
    ROUTE_MONITOR_REGISTER_ENOENT: _ClassVar[RouteOperStatus]
    ROUTE_MONITOR_REGISTER_POLICY_INVALID: _ClassVar[RouteOperStatus]
    ROUTE_MONITOR_REGISTER_REPLY_ROUTE_COUNT_INVALID: _ClassVar[RouteOperStatus]
    ROUTE_MONITOR_REGISTER_EXISTS: _ClassVar[RouteOperStatus]
    MPLS_LABEL_INVALID: _ClassVar[RouteOperStatus]
    MPLS_ACTION_INVALID: _ClassVar[RouteOperStatus]
    FLEXIBLE_TUNNEL_INVALID: _ClassVar[RouteOperStatus]
    BANDWIDTH_USAGE_INVALID: _ClassVar[RouteOperStatus]
    ROUTE_API_VERSION_MISMATCH: _ClassVar[RouteOperStatus]
    ROUTE_WITH_STATS_NOT_FOUND: _ClassVar[RouteOperStatus]

class RouteProtoType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ANY: _ClassVar[RouteProtoType]
    DIRECT: _ClassVar[RouteProtoType]
    LOCAL: _ClassVar[RouteProtoType]
    KERNEL: _ClassVar[RouteProtoType]
    REDIRECT: _ClassVar[RouteProtoType]
    OSPF: _ClassVar[RouteProtoType]
    OSPF3: _ClassVar[RouteProtoType]
    OSPF_ANY: _ClassVar[RouteProtoType]
    RIP: _ClassVar[RouteProtoType]
    RIPNG: _ClassVar[RouteProtoType]
    BGP: _ClassVar[RouteProtoType]
    STATIC: _ClassVar[RouteProtoType]
    ISIS: _ClassVar[RouteProtoType]
    IGMP: _ClassVar[RouteProtoType]
    AGGREGATE: _ClassVar[RouteProtoType]
    DVMRP: _ClassVar[RouteProtoType]
    PIM: _ClassVar[RouteProtoType]
    MSDP: _ClassVar[RouteProtoType]
    MPLS: _ClassVar[RouteProtoType]
    RSVP: _ClassVar[RouteProtoType]
    CCC: _ClassVar[RouteProtoType]
    LDP: _ClassVar[RouteProtoType]
    VPN: _ClassVar[RouteProtoType]
    MVPN: _ClassVar[RouteProtoType]
    MCAST: _ClassVar[RouteProtoType]
    L2VPN: _ClassVar[RouteProtoType]
    L2CKT: _ClassVar[RouteProtoType]
    BGP_STATIC: _ClassVar[RouteProtoType]
    RIFT: _ClassVar[RouteProtoType]
    OTHER: _ClassVar[RouteProtoType]
    L2_LEARNED_HOST_ROUTING: _ClassVar[RouteProtoType]

class RouteProtocol(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PROTO_UNSPECIFIED: _ClassVar[RouteProtocol]
    PROTO_BGP: _ClassVar[RouteProtocol]
    PROTO_BGP_STATIC: _ClassVar[RouteProtocol]

class RouteTableFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TABLE_STRING: _ClassVar[RouteTableFormat]
    TABLE_ID: _ClassVar[RouteTableFormat]

class SRTEEnlpOperations(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SRTE_ENLP_INVALID_VAL: _ClassVar[SRTEEnlpOperations]
    PUSH_IPV4_EXP_NULL_LABEL: _ClassVar[SRTEEnlpOperations]
    PUSH_IPV6_EXP_NULL_LABEL: _ClassVar[SRTEEnlpOperations]
    PUSH_IPV4_OR_IPV6_EXP_NULL_LABEL: _ClassVar[SRTEEnlpOperations]
    DO_NOT_PUSH_EXPLICIT_NULL_LABEL: _ClassVar[SRTEEnlpOperations]

class StatsReportType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TELEMETRY: _ClassVar[StatsReportType]
    CLI: _ClassVar[StatsReportType]

class TunnelActionType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ENCAPSULATE: _ClassVar[TunnelActionType]
    DECAPSULATE: _ClassVar[TunnelActionType]
    TRANSLATE: _ClassVar[TunnelActionType]
BGP_INTERNAL: BgpPeerType
BGP_EXTERNAL: BgpPeerType
NOOP: LabelOperation
POP: LabelOperation
PUSH: LabelOperation
SWAP: LabelOperation
RET_SUCCESS: ReturnCode
RET_FAILURE: ReturnCode
RET_NOT_FOUND: ReturnCode
RET_INVALID_PARAMS: ReturnCode
RET_INVALID_ADDRESS_FAMILY: ReturnCode
RET_INVALID_INSTANCE: ReturnCode
BEST: RouteMatchType
EXACT: RouteMatchType
EXACT_OR_LONGER: RouteMatchType
SUCCESS: RouteOperStatus
INTERNAL_ERROR: RouteOperStatus
NOT_INITIALIZED: RouteOperStatus
NO_OP: RouteOperStatus
TOO_MANY_OPS: RouteOperStatus
TABLE_INVALID: RouteOperStatus
TABLE_NOT_READY: RouteOperStatus
PREFIX_INVALID: RouteOperStatus
PREFIX_LEN_TOO_SHORT: RouteOperStatus
PREFIX_LEN_TOO_LONG: RouteOperStatus
GATEWAY_INVALID: RouteOperStatus
NEXTHOP_INVALID: RouteOperStatus
NEXTHOP_ADDRESS_INVALID: RouteOperStatus
NEXTHOP_LIMIT_EXCEED: RouteOperStatus
ROUTE_EXISTS: RouteOperStatus
ROUTE_NOT_FOUND: RouteOperStatus
PROTOCOL_INVALID: RouteOperStatus
ROUTE_ADD_FAILED: RouteOperStatus
NOT_READY: RouteOperStatus
TRY_AGAIN: RouteOperStatus
ROUTE_COUNT_INVALID: RouteOperStatus
REQUEST_UNSUPPORTED: RouteOperStatus
REQUEST_INVALID: RouteOperStatus
INTERFACE_INVALID: RouteOperStatus
ROUTE_MONITOR_REGISTER_OPERATION_INVALID: RouteOperStatus
ROUTE_MONITOR_REGISTER_ENOENT: RouteOperStatus
ROUTE_MONITOR_REGISTER_POLICY_INVALID: RouteOperStatus
ROUTE_MONITOR_REGISTER_REPLY_ROUTE_COUNT_INVALID: RouteOperStatus
ROUTE_MONITOR_REGISTER_EXISTS: RouteOperStatus
MPLS_LABEL_INVALID: RouteOperStatus
MPLS_ACTION_INVALID: RouteOperStatus
FLEXIBLE_TUNNEL_INVALID: RouteOperStatus
BANDWIDTH_USAGE_INVALID: RouteOperStatus
ROUTE_API_VERSION_MISMATCH: RouteOperStatus
ROUTE_WITH_STATS_NOT_FOUND: RouteOperStatus
ANY: RouteProtoType
DIRECT: RouteProtoType
LOCAL: RouteProtoType
KERNEL: RouteProtoType
REDIRECT: RouteProtoType
OSPF: RouteProtoType
OSPF3: RouteProtoType
OSPF_ANY: RouteProtoType
RIP: RouteProtoType
RIPNG: RouteProtoType
BGP: RouteProtoType
STATIC: RouteProtoType
ISIS: RouteProtoType
IGMP: RouteProtoType
AGGREGATE: RouteProtoType
DVMRP: RouteProtoType
PIM: RouteProtoType
MSDP: RouteProtoType
MPLS: RouteProtoType
RSVP: RouteProtoType
CCC: RouteProtoType
LDP: RouteProtoType
VPN: RouteProtoType
MVPN: RouteProtoType
MCAST: RouteProtoType
L2VPN: RouteProtoType
L2CKT: RouteProtoType
BGP_STATIC: RouteProtoType
RIFT: RouteProtoType
OTHER: RouteProtoType
L2_LEARNED_HOST_ROUTING: RouteProtoType
PROTO_UNSPECIFIED: RouteProtocol
PROTO_BGP: RouteProtocol
PROTO_BGP_STATIC: RouteProtocol
TABLE_STRING: RouteTableFormat
TABLE_ID: RouteTableFormat
SRTE_ENLP_INVALID_VAL: SRTEEnlpOperations
PUSH_IPV4_EXP_NULL_LABEL: SRTEEnlpOperations
PUSH_IPV6_EXP_NULL_LABEL: SRTEEnlpOperations
PUSH_IPV4_OR_IPV6_EXP_NULL_LABEL: SRTEEnlpOperations
DO_NOT_PUSH_EXPLICIT_NULL_LABEL: SRTEEnlpOperations
TELEMETRY: StatsReportType
CLI: StatsReportType
ENCAPSULATE: TunnelActionType
DECAPSULATE: TunnelActionType
TRANSLATE: TunnelActionType

class AddressFamilySpecificData(_message.Message):
    __slots__ = ("srte_policy_data", "flowspec_data")
    SRTE_POLICY_DATA_FIELD_NUMBER: _ClassVar[int]
    FLOWSPEC_DATA_FIELD_NUMBER: _ClassVar[int]
    srte_policy_data: SRTERouteData
    flowspec_data: FlowspecRouteData
    def __init__(self, srte_policy_data: _Optional[_Union[SRTERouteData, _Mapping]] = ..., flowspec_data: _Optional[_Union[FlowspecRouteData, _Mapping]] = ...) -> None: ...

class AsPath(_message.Message):
    __slots__ = ("aspath_string",)
    ASPATH_STRING_FIELD_NUMBER: _ClassVar[int]
    aspath_string: str
    def __init__(self, aspath_string: _Optional[str] = ...) -> None: ...

class BgpAttrib32(_message.Message):
    __slots__ = ("value",)
    VALUE_FIELD_NUMBER: _ClassVar[int]
    value: int
    def __init__(self, value: _Optional[int] = ...) -> None: ...

class BgpAttrib64(_message.Message):
    __slots__ = ("value",)
    VALUE_FIELD_NUMBER: _ClassVar[int]
    value: int
    def __init__(self, value: _Optional[int] = ...) -> None: ...

class BgpRouteCleanupReply(_message.Message):
    __slots__ = ("status",)
    class BgpRouteCleanupStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        SUCCESS: _ClassVar[BgpRouteCleanupReply.BgpRouteCleanupStatus]
        INTERNAL_ERROR: _ClassVar[BgpRouteCleanupReply.BgpRouteCleanupStatus]
        NOT_INITIALIZED: _ClassVar[BgpRouteCleanupReply.BgpRouteCleanupStatus]
    SUCCESS: BgpRouteCleanupReply.BgpRouteCleanupStatus
    INTERNAL_ERROR: BgpRouteCleanupReply.BgpRouteCleanupStatus
    NOT_INITIALIZED: BgpRouteCleanupReply.BgpRouteCleanupStatus
    STATUS_FIELD_NUMBER: _ClassVar[int]
    status: BgpRouteCleanupReply.BgpRouteCleanupStatus
    def __init__(self, status: _Optional[_Union[BgpRouteCleanupReply.BgpRouteCleanupStatus, str]] = ...) -> None: ...

class BgpRouteCleanupRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class BgpRouteEntry(_message.Message):
    __slots__ = ("dest_prefix", "dest_prefix_len", "table", "protocol", "path_cookie", "route_preference", "local_preference", "med", "aigp_distance", "vpn_label", "labels", "communities", "aspath", "originator_id", "cluster_list", "cluster_id", "route_oper_flag", "protocol_nexthops", "route_type", "route_flags", "route_data", "tunnel_attributes", "peer_address")
    DEST_PREFIX_FIELD_NUMBER: _ClassVar[int]
    DEST_PREFIX_LEN_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    PROTOCOL_FIELD_NUMBER: _ClassVar[int]
    PATH_COOKIE_FIELD_NUMBER: _ClassVar[int]
    ROUTE_PREFERENCE_FIELD_NUMBER: _ClassVar[int]
    LOCAL_PREFERENCE_FIELD_NUMBER: _ClassVar[int]
    MED_FIELD_NUMBER: _ClassVar[int]
    AIGP_DISTANCE_FIELD_NUMBER: _ClassVar[int]
    VPN_LABEL_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    COMMUNITIES_FIELD_NUMBER: _ClassVar[int]
    ASPATH_FIELD_NUMBER: _ClassVar[int]
    ORIGINATOR_ID_FIELD_NUMBER: _ClassVar[int]
    CLUSTER_LIST_FIELD_NUMBER: _ClassVar[int]
    CLUSTER_ID_FIELD_NUMBER: _ClassVar[int]
    ROUTE_OPER_FLAG_FIELD_NUMBER: _ClassVar[int]
    PROTOCOL_NEXTHOPS_FIELD_NUMBER: _ClassVar[int]
    ROUTE_TYPE_FIELD_NUMBER: _ClassVar[int]
    ROUTE_FLAGS_FIELD_NUMBER: _ClassVar[int]
    ROUTE_DATA_FIELD_NUMBER: _ClassVar[int]
    TUNNEL_ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    PEER_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    dest_prefix: RoutePrefix
    dest_prefix_len: int
    table: RouteTable
    protocol: RouteProtocol
    path_cookie: int
    route_preference: BgpAttrib32
    local_preference: BgpAttrib32
    med: BgpAttrib32
    aigp_distance: BgpAttrib64
    vpn_label: int
    labels: LabelStack
    communities: CommunityList
    aspath: AsPath
    originator_id: BgpAttrib32
    cluster_list: _containers.RepeatedCompositeFieldContainer[BgpAttrib32]
    cluster_id: BgpAttrib32
    route_oper_flag: int
    protocol_nexthops: _containers.RepeatedCompositeFieldContainer[_jnx_v1_base_types_pb2.IpAddress]
    route_type: BgpPeerType
    route_flags: BgpRouteOperationFlags
    route_data: AddressFamilySpecificData
    tunnel_attributes: TunnelEncapAttribute
    peer_address: _jnx_v1_base_types_pb2.IpAddress
    def __init__(self, dest_prefix: _Optional[_Union[RoutePrefix, _Mapping]] = ..., dest_prefix_len: _Optional[int] = ..., table: _Optional[_Union[RouteTable, _Mapping]] = ..., protocol: _Optional[_Union[RouteProtocol, str]] = ..., path_cookie: _Optional[int] = ..., route_preference: _Optional[_Union[BgpAttrib32, _Mapping]] = ..., local_preference: _Optional[_Union[BgpAttrib32, _Mapping]] = ..., med: _Optional[_Union[BgpAttrib32, _Mapping]] = ..., aigp_distance: _Optional[_Union[BgpAttrib64, _Mapping]] = ..., vpn_label: _Optional[int] = ..., labels: _Optional[_Union[LabelStack, _Mapping]] = ..., communities: _Optional[_Union[CommunityList, _Mapping]] = ..., aspath: _Optional[_Union[AsPath, _Mapping]] = ..., originator_id: _Optional[_Union[BgpAttrib32, _Mapping]] = ..., cluster_list: _Optional[_Iterable[_Union[BgpAttrib32, _Mapping]]] = ..., cluster_id: _Optional[_Union[BgpAttrib32, _Mapping]] = ..., route_oper_flag: _Optional[int] = ..., protocol_nexthops: _Optional[_Iterable[_Union[_jnx_v1_base_types_pb2.IpAddress, _Mapping]]] = ..., route_type: _Optional[_Union[BgpPeerType, str]] = ..., route_flags: _Optional[_Union[BgpRouteOperationFlags, _Mapping]] = ..., route_data: _Optional[_Union[AddressFamilySpecificData, _Mapping]] = ..., tunnel_attributes: _Optional[_Union[TunnelEncapAttribute, _Mapping]] = ..., peer_address: _Optional[_Union[_jnx_v1_base_types_pb2.IpAddress, _Mapping]] = ...) -> None: ...

class BgpRouteGetReply(_message.Message):
    __slots__ = ("status", "bgp_routes")
    class BgpRouteGetStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        SUCCESS: _ClassVar[BgpRouteGetReply.BgpRouteGetStatus]
        INTERNAL_ERROR: _ClassVar[BgpRouteGetReply.BgpRouteGetStatus]
        NOT_INITIALIZED: _ClassVar[BgpRouteGetReply.BgpRouteGetStatus]
        TABLE_INVALID: _ClassVar[BgpRouteGetReply.BgpRouteGetStatus]
        TABLE_NOT_READY: _ClassVar[BgpRouteGetReply.BgpRouteGetStatus]
        PREFIX_INVALID: _ClassVar[BgpRouteGetReply.BgpRouteGetStatus]
        PREFIX_LEN_TOO_SHORT: _ClassVar[BgpRouteGetReply.BgpRouteGetStatus]
        PREFIX_LEN_TOO_LONG: _ClassVar[BgpRouteGetReply.BgpRouteGetStatus]
        ROUTE_NOT_FOUND: _ClassVar[BgpRouteGetReply.BgpRouteGetStatus]
        PROTOCOL_INVALID: _ClassVar[BgpRouteGetReply.BgpRouteGetStatus]
        ROUTE_INVALID: _ClassVar[BgpRouteGetReply.BgpRouteGetStatus]
        REQUEST_UNSUPPORTED: _ClassVar[BgpRouteGetReply.BgpRouteGetStatus]
        TRY_AGAIN: _ClassVar[BgpRouteGetReply.BgpRouteGetStatus]
        ROUTE_COUNT_INVALID: _ClassVar[BgpRouteGetReply.BgpRouteGetStatus]
        COMMUNITY_LIST_INVALID: _ClassVar[BgpRouteGetReply.BgpRouteGetStatus]
        FLOWSPEC_ADDR_INVALID: _ClassVar[BgpRouteGetReply.BgpRouteGetStatus]
        FLOWSPEC_MTCH_FLDS_INVALID: _ClassVar[BgpRouteGetReply.BgpRouteGetStatus]
        FLOWSPEC_ACTION_INVALID: _ClassVar[BgpRouteGetReply.BgpRouteGetStatus]
    SUCCESS: BgpRouteGetReply.BgpRouteGetStatus
    INTERNAL_ERROR: BgpRouteGetReply.BgpRouteGetStatus
    NOT_INITIALIZED: BgpRouteGetReply.BgpRouteGetStatus
    TABLE_INVALID: BgpRouteGetReply.BgpRouteGetStatus
    TABLE_NOT_READY: BgpRouteGetReply.BgpRouteGetStatus
    PREFIX_INVALID: BgpRouteGetReply.BgpRouteGetStatus
    PREFIX_LEN_TOO_SHORT: BgpRouteGetReply.BgpRouteGetStatus
    PREFIX_LEN_TOO_LONG: BgpRouteGetReply.BgpRouteGetStatus
    ROUTE_NOT_FOUND: BgpRouteGetReply.BgpRouteGetStatus
    PROTOCOL_INVALID: BgpRouteGetReply.BgpRouteGetStatus
    ROUTE_INVALID: BgpRouteGetReply.BgpRouteGetStatus
    REQUEST_UNSUPPORTED: BgpRouteGetReply.BgpRouteGetStatus
    TRY_AGAIN: BgpRouteGetReply.BgpRouteGetStatus
    ROUTE_COUNT_INVALID: BgpRouteGetReply.BgpRouteGetStatus
    COMMUNITY_LIST_INVALID: BgpRouteGetReply.BgpRouteGetStatus
    FLOWSPEC_ADDR_INVALID: BgpRouteGetReply.BgpRouteGetStatus
    FLOWSPEC_MTCH_FLDS_INVALID: BgpRouteGetReply.BgpRouteGetStatus
    FLOWSPEC_ACTION_INVALID: BgpRouteGetReply.BgpRouteGetStatus
    STATUS_FIELD_NUMBER: _ClassVar[int]
    BGP_ROUTES_FIELD_NUMBER: _ClassVar[int]
    status: BgpRouteGetReply.BgpRouteGetStatus
    bgp_routes: _containers.RepeatedCompositeFieldContainer[BgpRouteEntry]
    def __init__(self, status: _Optional[_Union[BgpRouteGetReply.BgpRouteGetStatus, str]] = ..., bgp_routes: _Optional[_Iterable[_Union[BgpRouteEntry, _Mapping]]] = ...) -> None: ...

class BgpRouteGetRequest(_message.Message):
    __slots__ = ("bgp_route", "or_longer", "active_only", "reply_address_format", "reply_table_format", "route_count")
    BGP_ROUTE_FIELD_NUMBER: _ClassVar[int]
    OR_LONGER_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_ONLY_FIELD_NUMBER: _ClassVar[int]
    REPLY_ADDRESS_FORMAT_FIELD_NUMBER: _ClassVar[int]
    REPLY_TABLE_FORMAT_FIELD_NUMBER: _ClassVar[int]
    ROUTE_COUNT_FIELD_NUMBER: _ClassVar[int]
    bgp_route: BgpRouteMatch
    or_longer: bool
    active_only: bool
    reply_address_format: _jnx_v1_base_types_pb2.AddressFormat
    reply_table_format: RouteTableFormat
    route_count: int
    def __init__(self, bgp_route: _Optional[_Union[BgpRouteMatch, _Mapping]] = ..., or_longer: _Optional[bool] = ..., active_only: _Optional[bool] = ..., reply_address_format: _Optional[_Union[_jnx_v1_base_types_pb2.AddressFormat, str]] = ..., reply_table_format: _Optional[_Union[RouteTableFormat, str]] = ..., route_count: _Optional[int] = ...) -> None: ...

class BgpRouteInitializeReply(_message.Message):
    __slots__ = ("status", "gw_n_routes")
    class BgpRouteInitializeStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        SUCCESS: _ClassVar[BgpRouteInitializeReply.BgpRouteInitializeStatus]
        SUCCESS_STATE_REBOUND: _ClassVar[BgpRouteInitializeReply.BgpRouteInitializeStatus]
        INTERNAL_ERROR: _ClassVar[BgpRouteInitializeReply.BgpRouteInitializeStatus]
        ALREADY_INITIALIZED: _ClassVar[BgpRouteInitializeReply.BgpRouteInitializeStatus]
        GATEWAY_INVALID: _ClassVar[BgpRouteInitializeReply.BgpRouteInitializeStatus]
        CLEANUP_PENDING: _ClassVar[BgpRouteInitializeReply.BgpRouteInitializeStatus]
        BGP_NOT_READY: _ClassVar[BgpRouteInitializeReply.BgpRouteInitializeStatus]
    SUCCESS: BgpRouteInitializeReply.BgpRouteInitializeStatus
    SUCCESS_STATE_REBOUND: BgpRouteInitializeReply.BgpRouteInitializeStatus
    INTERNAL_ERROR: BgpRouteInitializeReply.BgpRouteInitializeStatus
    ALREADY_INITIALIZED: BgpRouteInitializeReply.BgpRouteInitializeStatus
    GATEWAY_INVALID: BgpRouteInitializeReply.BgpRouteInitializeStatus
    CLEANUP_PENDING: BgpRouteInitializeReply.BgpRouteInitializeStatus
    BGP_NOT_READY: BgpRouteInitializeReply.BgpRouteInitializeStatus
    STATUS_FIELD_NUMBER: _ClassVar[int]
    GW_N_ROUTES_FIELD_NUMBER: _ClassVar[int]
    status: BgpRouteInitializeReply.BgpRouteInitializeStatus
    gw_n_routes: int
    def __init__(self, status: _Optional[_Union[BgpRouteInitializeReply.BgpRouteInitializeStatus, str]] = ..., gw_n_routes: _Optional[int] = ...) -> None: ...

class BgpRouteInitializeRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class BgpRouteMatch(_message.Message):
    __slots__ = ("dest_prefix", "dest_prefix_len", "table", "protocol", "path_cookie", "communities")
    DEST_PREFIX_FIELD_NUMBER: _ClassVar[int]
    DEST_PREFIX_LEN_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    PROTOCOL_FIELD_NUMBER: _ClassVar[int]
    PATH_COOKIE_FIELD_NUMBER: _ClassVar[int]
    COMMUNITIES_FIELD_NUMBER: _ClassVar[int]
    dest_prefix: RoutePrefix
    dest_prefix_len: int
    table: RouteTable
    protocol: RouteProtocol
    path_cookie: int
    communities: CommunityList
    def __init__(self, dest_prefix: _Optional[_Union[RoutePrefix, _Mapping]] = ..., dest_prefix_len: _Optional[int] = ..., table: _Optional[_Union[RouteTable, _Mapping]] = ..., protocol: _Optional[_Union[RouteProtocol, str]] = ..., path_cookie: _Optional[int] = ..., communities: _Optional[_Union[CommunityList, _Mapping]] = ...) -> None: ...

class BgpRouteOperReply(_message.Message):
    __slots__ = ("status", "operations_completed")
    class BgpRouteOperStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        SUCCESS: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        INTERNAL_ERROR: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        NOT_INITIALIZED: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        NO_OP: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        TOO_MANY_OPS: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        TABLE_INVALID: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        TABLE_NOT_READY: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        PREFIX_INVALID: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        PREFIX_LEN_TOO_SHORT: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        PREFIX_LEN_TOO_LONG: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        GATEWAY_INVALID: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        NEXTHOP_INVALID: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        NEXTHOP_ADDRESS_INVALID: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        NEXTHOP_ECMP_LIMIT: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        COMMUNITY_LIST_INVALID: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        ASPATH_INVALID: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        LABEL_INFO_INVALID: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        ROUTE_EXISTS: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        ROUTE_NOT_FOUND: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        CLUSTER_LIST_INVALID: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        PROTOCOL_INVALID: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        ROUTE_ADD_FAILED: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        BGP_NOT_READY: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        TRY_AGAIN: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        REQUEST_UNSUPPORTED: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        PEER_TYPE_INVALID: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        SEGMENT_LIST_INVALID: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        SEGMENT_INVALID: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        SEGMENT_LABEL_INVALID: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        SEGMENT_ID_INVALID: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        SEGMENT_LIST_COUNT_INVALID: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        SEGMENT_COUNT_INVALID: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        SRTE_ROUTE_DATA_INVALID: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        FLOWSPEC_ADDR_INVALID: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        FLOWSPEC_MTCH_FLDS_INVALID: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        FLOWSPEC_ACTION_INVALID: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        FLOWSPEC_STATIC_RT_EXISTS: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        SRTE_PRIORITY_INVALID: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        TUNNEL_ATTR_LIST_INVALID: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        TUNNEL_ATTR_EGRESS_ENDPOINT_NOT_IPV4: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        TUNNEL_ATTR_COLOR_COM_COLOR_MISMATCH: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        TUNNEL_ATTR_ENDPOINT_NH_MISMATCH: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        SRTE_ENLP_INVALID: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
        MUTUALLY_EXCLUSIVE_RT_FLAGS_ARE_SET: _ClassVar[BgpRouteOperReply.BgpRouteOperStatus]
    SUCCESS: BgpRouteOperReply.BgpRouteOperStatus
    INTERNAL_ERROR: BgpRouteOperReply.BgpRouteOperStatus
    NOT_INITIALIZED: BgpRouteOperReply.BgpRouteOperStatus
    NO_OP: BgpRouteOperReply.BgpRouteOperStatus
    TOO_MANY_OPS: BgpRouteOperReply.BgpRouteOperStatus
    TABLE_INVALID: BgpRouteOperReply.BgpRouteOperStatus
    TABLE_NOT_READY: BgpRouteOperReply.BgpRouteOperStatus
    PREFIX_INVALID: BgpRouteOperReply.BgpRouteOperStatus
    PREFIX_LEN_TOO_SHORT: BgpRouteOperReply.BgpRouteOperStatus
    PREFIX_LEN_TOO_LONG: BgpRouteOperReply.BgpRouteOperStatus
    GATEWAY_INVALID: BgpRouteOperReply.BgpRouteOperStatus
    NEXTHOP_INVALID: BgpRouteOperReply.BgpRouteOperStatus
    NEXTHOP_ADDRESS_INVALID: BgpRouteOperReply.BgpRouteOperStatus
    NEXTHOP_ECMP_LIMIT: BgpRouteOperReply.BgpRouteOperStatus
    COMMUNITY_LIST_INVALID: BgpRouteOperReply.BgpRouteOperStatus
    ASPATH_INVALID: BgpRouteOperReply.BgpRouteOperStatus
    LABEL_INFO_INVALID: BgpRouteOperReply.BgpRouteOperStatus
    ROUTE_EXISTS: BgpRouteOperReply.BgpRouteOperStatus
    ROUTE_NOT_FOUND: BgpRouteOperReply.BgpRouteOperStatus
    CLUSTER_LIST_INVALID: BgpRouteOperReply.BgpRouteOperStatus
    PROTOCOL_INVALID: BgpRouteOperReply.BgpRouteOperStatus
    ROUTE_ADD_FAILED: BgpRouteOperReply.BgpRouteOperStatus
    BGP_NOT_READY: BgpRouteOperReply.BgpRouteOperStatus
    TRY_AGAIN: BgpRouteOperReply.BgpRouteOperStatus
    REQUEST_UNSUPPORTED: BgpRouteOperReply.BgpRouteOperStatus
    PEER_TYPE_INVALID: BgpRouteOperReply.BgpRouteOperStatus
    SEGMENT_LIST_INVALID: BgpRouteOperReply.BgpRouteOperStatus
    SEGMENT_INVALID: BgpRouteOperReply.BgpRouteOperStatus
    SEGMENT_LABEL_INVALID: BgpRouteOperReply.BgpRouteOperStatus
    SEGMENT_ID_INVALID: BgpRouteOperReply.BgpRouteOperStatus
    SEGMENT_LIST_COUNT_INVALID: BgpRouteOperReply.BgpRouteOperStatus
    SEGMENT_COUNT_INVALID: BgpRouteOperReply.BgpRouteOperStatus
    SRTE_ROUTE_DATA_INVALID: BgpRouteOperReply.BgpRouteOperStatus
    FLOWSPEC_ADDR_INVALID: BgpRouteOperReply.BgpRouteOperStatus
    FLOWSPEC_MTCH_FLDS_INVALID: BgpRouteOperReply.BgpRouteOperStatus
    FLOWSPEC_ACTION_INVALID: BgpRouteOperReply.BgpRouteOperStatus
    FLOWSPEC_STATIC_RT_EXISTS: BgpRouteOperReply.BgpRouteOperStatus
    SRTE_PRIORITY_INVALID: BgpRouteOperReply.BgpRouteOperStatus
    TUNNEL_ATTR_LIST_INVALID: BgpRouteOperReply.BgpRouteOperStatus
    TUNNEL_ATTR_EGRESS_ENDPOINT_NOT_IPV4: BgpRouteOperReply.BgpRouteOperStatus
    TUNNEL_ATTR_COLOR_COM_COLOR_MISMATCH: BgpRouteOperReply.BgpRouteOperStatus
    TUNNEL_ATTR_ENDPOINT_NH_MISMATCH: BgpRouteOperReply.BgpRouteOperStatus
    SRTE_ENLP_INVALID: BgpRouteOperReply.BgpRouteOperStatus
    MUTUALLY_EXCLUSIVE_RT_FLAGS_ARE_SET: BgpRouteOperReply.BgpRouteOperStatus
    STATUS_FIELD_NUMBER: _ClassVar[int]
    OPERATIONS_COMPLETED_FIELD_NUMBER: _ClassVar[int]
    status: BgpRouteOperReply.BgpRouteOperStatus
    operations_completed: int
    def __init__(self, status: _Optional[_Union[BgpRouteOperReply.BgpRouteOperStatus, str]] = ..., operations_completed: _Optional[int] = ...) -> None: ...

class BgpRouteOperationFlags(_message.Message):
    __slots__ = ("no_advertise", "no_export", "use_nexthop_reject", "use_nexthop_fictitious")
    NO_ADVERTISE_FIELD_NUMBER: _ClassVar[int]
    NO_EXPORT_FIELD_NUMBER: _ClassVar[int]
    USE_NEXTHOP_REJECT_FIELD_NUMBER: _ClassVar[int]
    USE_NEXTHOP_FICTITIOUS_FIELD_NUMBER: _ClassVar[int]
    no_advertise: bool
    no_export: bool
    use_nexthop_reject: bool
    use_nexthop_fictitious: bool
    def __init__(self, no_advertise: _Optional[bool] = ..., no_export: _Optional[bool] = ..., use_nexthop_reject: _Optional[bool] = ..., use_nexthop_fictitious: _Optional[bool] = ...) -> None: ...

class BgpRouteRemoveRequest(_message.Message):
    __slots__ = ("or_longer", "bgp_routes")
    OR_LONGER_FIELD_NUMBER: _ClassVar[int]
    BGP_ROUTES_FIELD_NUMBER: _ClassVar[int]
    or_longer: bool
    bgp_routes: _containers.RepeatedCompositeFieldContainer[BgpRouteMatch]
    def __init__(self, or_longer: _Optional[bool] = ..., bgp_routes: _Optional[_Iterable[_Union[BgpRouteMatch, _Mapping]]] = ...) -> None: ...

class BgpRouteUpdateRequest(_message.Message):
    __slots__ = ("bgp_routes",)
    BGP_ROUTES_FIELD_NUMBER: _ClassVar[int]
    bgp_routes: _containers.RepeatedCompositeFieldContainer[BgpRouteEntry]
    def __init__(self, bgp_routes: _Optional[_Iterable[_Union[BgpRouteEntry, _Mapping]]] = ...) -> None: ...

class Community(_message.Message):
    __slots__ = ("community_string",)
    COMMUNITY_STRING_FIELD_NUMBER: _ClassVar[int]
    community_string: str
    def __init__(self, community_string: _Optional[str] = ...) -> None: ...

class CommunityList(_message.Message):
    __slots__ = ("com_list",)
    COM_LIST_FIELD_NUMBER: _ClassVar[int]
    com_list: _containers.RepeatedCompositeFieldContainer[Community]
    def __init__(self, com_list: _Optional[_Iterable[_Union[Community, _Mapping]]] = ...) -> None: ...

class EgressEndpoint(_message.Message):
    __slots__ = ("egress_endpoint_address",)
    EGRESS_ENDPOINT_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    egress_endpoint_address: _jnx_v1_base_types_pb2.IpAddress
    def __init__(self, egress_endpoint_address: _Optional[_Union[_jnx_v1_base_types_pb2.IpAddress, _Mapping]] = ...) -> None: ...

class FlexibleTunnelProfile(_message.Message):
    __slots__ = ("name", "action", "interface_name", "attributes")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    INTERFACE_NAME_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    name: str
    action: TunnelActionType
    interface_name: str
    attributes: TunnelAttributes
    def __init__(self, name: _Optional[str] = ..., action: _Optional[_Union[TunnelActionType, str]] = ..., interface_name: _Optional[str] = ..., attributes: _Optional[_Union[TunnelAttributes, _Mapping]] = ...) -> None: ...

class FlowspecAddress(_message.Message):
    __slots__ = ("destination", "dest_prefix_len", "source", "source_prefix_len", "ip_protocols", "ports", "dest_ports", "src_ports", "icmp_types", "icmp_codes", "tcp_flags", "pkt_lengths", "dscps", "fragment")
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    DEST_PREFIX_LEN_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_PREFIX_LEN_FIELD_NUMBER: _ClassVar[int]
    IP_PROTOCOLS_FIELD_NUMBER: _ClassVar[int]
    PORTS_FIELD_NUMBER: _ClassVar[int]
    DEST_PORTS_FIELD_NUMBER: _ClassVar[int]
    SRC_PORTS_FIELD_NUMBER: _ClassVar[int]
    ICMP_TYPES_FIELD_NUMBER: _ClassVar[int]
    ICMP_CODES_FIELD_NUMBER: _ClassVar[int]
    TCP_FLAGS_FIELD_NUMBER: _ClassVar[int]
    PKT_LENGTHS_FIELD_NUMBER: _ClassVar[int]
    DSCPS_FIELD_NUMBER: _ClassVar[int]
    FRAGMENT_FIELD_NUMBER: _ClassVar[int]
    destination: _jnx_v1_base_types_pb2.IpAddress
    dest_prefix_len: int
    source: _jnx_v1_base_types_pb2.IpAddress
    source_prefix_len: int
    ip_protocols: _jnx_v1_base_types_pb2.NumericRangeList
    ports: _jnx_v1_base_types_pb2.NumericRangeList
    dest_ports: _jnx_v1_base_types_pb2.NumericRangeList
    src_ports: _jnx_v1_base_types_pb2.NumericRangeList
    icmp_types: _jnx_v1_base_types_pb2.NumericRangeList
    icmp_codes: _jnx_v1_base_types_pb2.NumericRangeList
    tcp_flags: _jnx_v1_base_types_pb2.TcpFlags
    pkt_lengths: _jnx_v1_base_types_pb2.NumericRangeList
    dscps: _jnx_v1_base_types_pb2.NumericRangeList
    fragment: _jnx_v1_base_types_pb2.IpFragementFlags
    def __init__(self, destination: _Optional[_Union[_jnx_v1_base_types_pb2.IpAddress, _Mapping]] = ..., dest_prefix_len: _Optional[int] = ..., source: _Optional[_Union[_jnx_v1_base_types_pb2.IpAddress, _Mapping]] = ..., source_prefix_len: _Optional[int] = ..., ip_protocols: _Optional[_Union[_jnx_v1_base_types_pb2.NumericRangeList, _Mapping]] = ..., ports: _Optional[_Union[_jnx_v1_base_types_pb2.NumericRangeList, _Mapping]] = ..., dest_ports: _Optional[_Union[_jnx_v1_base_types_pb2.NumericRangeList, _Mapping]] = ..., src_ports: _Optional[_Union[_jnx_v1_base_types_pb2.NumericRangeList, _Mapping]] = ..., icmp_types: _Optional[_Union[_jnx_v1_base_types_pb2.NumericRangeList, _Mapping]] = ..., icmp_codes: _Optional[_Union[_jnx_v1_base_types_pb2.NumericRangeList, _Mapping]] = ..., tcp_flags: _Optional[_Union[_jnx_v1_base_types_pb2.TcpFlags, str]] = ..., pkt_lengths: _Optional[_Union[_jnx_v1_base_types_pb2.NumericRangeList, _Mapping]] = ..., dscps: _Optional[_Union[_jnx_v1_base_types_pb2.NumericRangeList, _Mapping]] = ..., fragment: _Optional[_Union[_jnx_v1_base_types_pb2.IpFragementFlags, _Mapping]] = ...) -> None: ...

class FlowspecRouteData(_message.Message):
    __slots__ = ("discard", "mark_dscp", "rate_limit_val", "redirect_inst_rt_comm", "sample")
    DISCARD_FIELD_NUMBER: _ClassVar[int]
    MARK_DSCP_FIELD_NUMBER: _ClassVar[int]
    RATE_LIMIT_VAL_FIELD_NUMBER: _ClassVar[int]
    REDIRECT_INST_RT_COMM_FIELD_NUMBER: _ClassVar[int]
    SAMPLE_FIELD_NUMBER: _ClassVar[int]
    discard: bool
    mark_dscp: int
    rate_limit_val: int
    redirect_inst_rt_comm: str
    sample: bool
    def __init__(self, discard: _Optional[bool] = ..., mark_dscp: _Optional[int] = ..., rate_limit_val: _Optional[int] = ..., redirect_inst_rt_comm: _Optional[str] = ..., sample: _Optional[bool] = ...) -> None: ...

class GreTunnelAttributes(_message.Message):
    __slots__ = ("source_prefix", "source_prefix_len", "destination_address", "inner_source_address", "gre_key", "target_vrf_name")
    SOURCE_PREFIX_FIELD_NUMBER: _ClassVar[int]
    SOURCE_PREFIX_LEN_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    INNER_SOURCE_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    GRE_KEY_FIELD_NUMBER: _ClassVar[int]
    TARGET_VRF_NAME_FIELD_NUMBER: _ClassVar[int]
    source_prefix: NetworkAddress
    source_prefix_len: int
    destination_address: NetworkAddress
    inner_source_address: NetworkAddress
    gre_key: int
    target_vrf_name: str
    def __init__(self, source_prefix: _Optional[_Union[NetworkAddress, _Mapping]] = ..., source_prefix_len: _Optional[int] = ..., destination_address: _Optional[_Union[NetworkAddress, _Mapping]] = ..., inner_source_address: _Optional[_Union[NetworkAddress, _Mapping]] = ..., gre_key: _Optional[int] = ..., target_vrf_name: _Optional[str] = ...) -> None: ...

class IpIpTunnelAttributes(_message.Message):
    __slots__ = ("egress_endpoint", "color")
    EGRESS_ENDPOINT_FIELD_NUMBER: _ClassVar[int]
    COLOR_FIELD_NUMBER: _ClassVar[int]
    egress_endpoint: EgressEndpoint
    color: BgpAttrib32
    def __init__(self, egress_endpoint: _Optional[_Union[EgressEndpoint, _Mapping]] = ..., color: _Optional[_Union[BgpAttrib32, _Mapping]] = ...) -> None: ...

class Ipv4Ipv6AddressTranslationParams(_message.Message):
    __slots__ = ("ipv4_ipv6_msb", "ipv4_ipv6_map")
    IPV4_IPV6_MSB_FIELD_NUMBER: _ClassVar[int]
    IPV4_IPV6_MAP_FIELD_NUMBER: _ClassVar[int]
    ipv4_ipv6_msb: Ipv4Ipv6MsbParams
    ipv4_ipv6_map: Ipv4Ipv6MappingParams
    def __init__(self, ipv4_ipv6_msb: _Optional[_Union[Ipv4Ipv6MsbParams, _Mapping]] = ..., ipv4_ipv6_map: _Optional[_Union[Ipv4Ipv6MappingParams, _Mapping]] = ...) -> None: ...

class Ipv4Ipv6MappingParams(_message.Message):
    __slots__ = ("ipv6_prefix",)
    IPV6_PREFIX_FIELD_NUMBER: _ClassVar[int]
    ipv6_prefix: _jnx_v1_base_types_pb2.IpAddress
    def __init__(self, ipv6_prefix: _Optional[_Union[_jnx_v1_base_types_pb2.IpAddress, _Mapping]] = ...) -> None: ...

class Ipv4Ipv6MsbParams(_message.Message):
    __slots__ = ("ipv6_prefix",)
    IPV6_PREFIX_FIELD_NUMBER: _ClassVar[int]
    ipv6_prefix: _jnx_v1_base_types_pb2.IpAddress
    def __init__(self, ipv6_prefix: _Optional[_Union[_jnx_v1_base_types_pb2.IpAddress, _Mapping]] = ...) -> None: ...

class Ipv4Ipv6TranslationParams(_message.Message):
    __slots__ = ("source_params", "dest_params")
    SOURCE_PARAMS_FIELD_NUMBER: _ClassVar[int]
    DEST_PARAMS_FIELD_NUMBER: _ClassVar[int]
    source_params: Ipv4Ipv6AddressTranslationParams
    dest_params: Ipv4Ipv6AddressTranslationParams
    def __init__(self, source_params: _Optional[_Union[Ipv4Ipv6AddressTranslationParams, _Mapping]] = ..., dest_params: _Optional[_Union[Ipv4Ipv6AddressTranslationParams, _Mapping]] = ...) -> None: ...

class Ipv6Ipv4AddressTranslationParams(_message.Message):
    __slots__ = ("ipv6_ipv4_strip_msb",)
    IPV6_IPV4_STRIP_MSB_FIELD_NUMBER: _ClassVar[int]
    ipv6_ipv4_strip_msb: Ipv6Ipv4StripMsb
    def __init__(self, ipv6_ipv4_strip_msb: _Optional[_Union[Ipv6Ipv4StripMsb, _Mapping]] = ...) -> None: ...

class Ipv6Ipv4StripMsb(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class Ipv6Ipv4TranslationParams(_message.Message):
    __slots__ = ("source_params", "dest_params")
    SOURCE_PARAMS_FIELD_NUMBER: _ClassVar[int]
    DEST_PARAMS_FIELD_NUMBER: _ClassVar[int]
    source_params: Ipv6Ipv4AddressTranslationParams
    dest_params: Ipv6Ipv4AddressTranslationParams
    def __init__(self, source_params: _Optional[_Union[Ipv6Ipv4AddressTranslationParams, _Mapping]] = ..., dest_params: _Optional[_Union[Ipv6Ipv4AddressTranslationParams, _Mapping]] = ...) -> None: ...

class L3vpnAddress(_message.Message):
    __slots__ = ("rd", "vpn_addr")
    RD_FIELD_NUMBER: _ClassVar[int]
    VPN_ADDR_FIELD_NUMBER: _ClassVar[int]
    rd: RouteDistinguisher
    vpn_addr: _jnx_v1_base_types_pb2.IpAddress
    def __init__(self, rd: _Optional[_Union[RouteDistinguisher, _Mapping]] = ..., vpn_addr: _Optional[_Union[_jnx_v1_base_types_pb2.IpAddress, _Mapping]] = ...) -> None: ...

class LabelEntry(_message.Message):
    __slots__ = ("label", "traffic_class", "ttl", "bottom_of_stack")
    LABEL_FIELD_NUMBER: _ClassVar[int]
    TRAFFIC_CLASS_FIELD_NUMBER: _ClassVar[int]
    TTL_FIELD_NUMBER: _ClassVar[int]
    BOTTOM_OF_STACK_FIELD_NUMBER: _ClassVar[int]
    label: int
    traffic_class: int
    ttl: int
    bottom_of_stack: bool
    def __init__(self, label: _Optional[int] = ..., traffic_class: _Optional[int] = ..., ttl: _Optional[int] = ..., bottom_of_stack: _Optional[bool] = ...) -> None: ...

class LabelStack(_message.Message):
    __slots__ = ("entries",)
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[LabelStackEntry]
    def __init__(self, entries: _Optional[_Iterable[_Union[LabelStackEntry, _Mapping]]] = ...) -> None: ...

class LabelStackEntry(_message.Message):
    __slots__ = ("opcode", "label_entry")
    OPCODE_FIELD_NUMBER: _ClassVar[int]
    LABEL_ENTRY_FIELD_NUMBER: _ClassVar[int]
    opcode: LabelOperation
    label_entry: LabelEntry
    def __init__(self, opcode: _Optional[_Union[LabelOperation, str]] = ..., label_entry: _Optional[_Union[LabelEntry, _Mapping]] = ...) -> None: ...

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
    inet: _jnx_v1_base_types_pb2.IpAddress
    inet6: _jnx_v1_base_types_pb2.IpAddress
    mpls: MplsAddress
    def __init__(self, inet: _Optional[_Union[_jnx_v1_base_types_pb2.IpAddress, _Mapping]] = ..., inet6: _Optional[_Union[_jnx_v1_base_types_pb2.IpAddress, _Mapping]] = ..., mpls: _Optional[_Union[MplsAddress, _Mapping]] = ...) -> None: ...

class RdType0(_message.Message):
    __slots__ = ("as_number", "assigned_number")
    AS_NUMBER_FIELD_NUMBER: _ClassVar[int]
    ASSIGNED_NUMBER_FIELD_NUMBER: _ClassVar[int]
    as_number: int
    assigned_number: int
    def __init__(self, as_number: _Optional[int] = ..., assigned_number: _Optional[int] = ...) -> None: ...

class RdType1(_message.Message):
    __slots__ = ("ip_address", "assigned_number")
    IP_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    ASSIGNED_NUMBER_FIELD_NUMBER: _ClassVar[int]
    ip_address: _jnx_v1_base_types_pb2.IpAddress
    assigned_number: int
    def __init__(self, ip_address: _Optional[_Union[_jnx_v1_base_types_pb2.IpAddress, _Mapping]] = ..., assigned_number: _Optional[int] = ...) -> None: ...

class RdType2(_message.Message):
    __slots__ = ("as_number", "assigned_number")
    AS_NUMBER_FIELD_NUMBER: _ClassVar[int]
    ASSIGNED_NUMBER_FIELD_NUMBER: _ClassVar[int]
    as_number: int
    assigned_number: int
    def __init__(self, as_number: _Optional[int] = ..., assigned_number: _Optional[int] = ...) -> None: ...

class Rfc7348VxlanReserved(_message.Message):
    __slots__ = ("reserved_bits_8_31", "reserved_bits_55_63")
    RESERVED_BITS_8_31_FIELD_NUMBER: _ClassVar[int]
    RESERVED_BITS_55_63_FIELD_NUMBER: _ClassVar[int]
    reserved_bits_8_31: int
    reserved_bits_55_63: int
    def __init__(self, reserved_bits_8_31: _Optional[int] = ..., reserved_bits_55_63: _Optional[int] = ...) -> None: ...

class RouteAttributeUint32(_message.Message):
    __slots__ = ("value",)
    VALUE_FIELD_NUMBER: _ClassVar[int]
    value: int
    def __init__(self, value: _Optional[int] = ...) -> None: ...

class RouteAttributes(_message.Message):
    __slots__ = ("preferences", "tags", "colors", "no_advertise", "metrics")
    class PreferencesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: RouteAttributeUint32
        def __init__(self, key: _Optional[int] = ..., value: _Optional[_Union[RouteAttributeUint32, _Mapping]] = ...) -> None: ...
    class TagsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: RouteAttributeUint32
        def __init__(self, key: _Optional[int] = ..., value: _Optional[_Union[RouteAttributeUint32, _Mapping]] = ...) -> None: ...
    class ColorsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: RouteAttributeUint32
        def __init__(self, key: _Optional[int] = ..., value: _Optional[_Union[RouteAttributeUint32, _Mapping]] = ...) -> None: ...
    class MetricsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: RouteAttributeUint32
        def __init__(self, key: _Optional[int] = ..., value: _Optional[_Union[RouteAttributeUint32, _Mapping]] = ...) -> None: ...
    PREFERENCES_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    COLORS_FIELD_NUMBER: _ClassVar[int]
    NO_ADVERTISE_FIELD_NUMBER: _ClassVar[int]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    preferences: _containers.MessageMap[int, RouteAttributeUint32]
    tags: _containers.MessageMap[int, RouteAttributeUint32]
    colors: _containers.MessageMap[int, RouteAttributeUint32]
    no_advertise: bool
    metrics: _containers.MessageMap[int, RouteAttributeUint32]
    def __init__(self, preferences: _Optional[_Mapping[int, RouteAttributeUint32]] = ..., tags: _Optional[_Mapping[int, RouteAttributeUint32]] = ..., colors: _Optional[_Mapping[int, RouteAttributeUint32]] = ..., no_advertise: _Optional[bool] = ..., metrics: _Optional[_Mapping[int, RouteAttributeUint32]] = ...) -> None: ...

class RouteDistinguisher(_message.Message):
    __slots__ = ("rd0", "rd1", "rd2")
    RD0_FIELD_NUMBER: _ClassVar[int]
    RD1_FIELD_NUMBER: _ClassVar[int]
    RD2_FIELD_NUMBER: _ClassVar[int]
    rd0: RdType0
    rd1: RdType1
    rd2: RdType2
    def __init__(self, rd0: _Optional[_Union[RdType0, _Mapping]] = ..., rd1: _Optional[_Union[RdType1, _Mapping]] = ..., rd2: _Optional[_Union[RdType2, _Mapping]] = ...) -> None: ...

class RouteEntry(_message.Message):
    __slots__ = ("key", "nexthop", "protocol", "attributes", "enable_stats", "enable_bfd", "stats_type", "persist", "traffic_stats")
    KEY_FIELD_NUMBER: _ClassVar[int]
    NEXTHOP_FIELD_NUMBER: _ClassVar[int]
    PROTOCOL_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    ENABLE_STATS_FIELD_NUMBER: _ClassVar[int]
    ENABLE_BFD_FIELD_NUMBER: _ClassVar[int]
    STATS_TYPE_FIELD_NUMBER: _ClassVar[int]
    PERSIST_FIELD_NUMBER: _ClassVar[int]
    TRAFFIC_STATS_FIELD_NUMBER: _ClassVar[int]
    key: RouteMatchFields
    nexthop: RouteNexthop
    protocol: RouteProtoType
    attributes: RouteAttributes
    enable_stats: bool
    enable_bfd: bool
    stats_type: StatsReportType
    persist: bool
    traffic_stats: TrafficStats
    def __init__(self, key: _Optional[_Union[RouteMatchFields, _Mapping]] = ..., nexthop: _Optional[_Union[RouteNexthop, _Mapping]] = ..., protocol: _Optional[_Union[RouteProtoType, str]] = ..., attributes: _Optional[_Union[RouteAttributes, _Mapping]] = ..., enable_stats: _Optional[bool] = ..., enable_bfd: _Optional[bool] = ..., stats_type: _Optional[_Union[StatsReportType, str]] = ..., persist: _Optional[bool] = ..., traffic_stats: _Optional[_Union[TrafficStats, _Mapping]] = ...) -> None: ...

class RouteExtendedMatchFields(_message.Message):
    __slots__ = ("tags",)
    class TagsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: RouteAttributeUint32
        def __init__(self, key: _Optional[int] = ..., value: _Optional[_Union[RouteAttributeUint32, _Mapping]] = ...) -> None: ...
    TAGS_FIELD_NUMBER: _ClassVar[int]
    tags: _containers.MessageMap[int, RouteAttributeUint32]
    def __init__(self, tags: _Optional[_Mapping[int, RouteAttributeUint32]] = ...) -> None: ...

class RouteGateway(_message.Message):
    __slots__ = ("gateway_address", "interface_name", "local_address", "label_stack", "flexible_tunnel_profile", "bandwidth", "weight", "table", "enable_stats")
    GATEWAY_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    INTERFACE_NAME_FIELD_NUMBER: _ClassVar[int]
    LOCAL_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    LABEL_STACK_FIELD_NUMBER: _ClassVar[int]
    FLEXIBLE_TUNNEL_PROFILE_FIELD_NUMBER: _ClassVar[int]
    BANDWIDTH_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    ENABLE_STATS_FIELD_NUMBER: _ClassVar[int]
    gateway_address: NetworkAddress
    interface_name: str
    local_address: NetworkAddress
    label_stack: LabelStack
    flexible_tunnel_profile: FlexibleTunnelProfile
    bandwidth: float
    weight: int
    table: RouteTable
    enable_stats: bool
    def __init__(self, gateway_address: _Optional[_Union[NetworkAddress, _Mapping]] = ..., interface_name: _Optional[str] = ..., local_address: _Optional[_Union[NetworkAddress, _Mapping]] = ..., label_stack: _Optional[_Union[LabelStack, _Mapping]] = ..., flexible_tunnel_profile: _Optional[_Union[FlexibleTunnelProfile, _Mapping]] = ..., bandwidth: _Optional[float] = ..., weight: _Optional[int] = ..., table: _Optional[_Union[RouteTable, _Mapping]] = ..., enable_stats: _Optional[bool] = ...) -> None: ...

class RouteGetReply(_message.Message):
    __slots__ = ("status", "routes")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ROUTES_FIELD_NUMBER: _ClassVar[int]
    status: RouteOperStatus
    routes: _containers.RepeatedCompositeFieldContainer[RouteEntry]
    def __init__(self, status: _Optional[_Union[RouteOperStatus, str]] = ..., routes: _Optional[_Iterable[_Union[RouteEntry, _Mapping]]] = ...) -> None: ...

class RouteGetRequest(_message.Message):
    __slots__ = ("key", "match_type", "active_only", "reply_address_format", "reply_table_format", "route_count", "extended_match")
    KEY_FIELD_NUMBER: _ClassVar[int]
    MATCH_TYPE_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_ONLY_FIELD_NUMBER: _ClassVar[int]
    REPLY_ADDRESS_FORMAT_FIELD_NUMBER: _ClassVar[int]
    REPLY_TABLE_FORMAT_FIELD_NUMBER: _ClassVar[int]
    ROUTE_COUNT_FIELD_NUMBER: _ClassVar[int]
    EXTENDED_MATCH_FIELD_NUMBER: _ClassVar[int]
    key: RouteMatchFields
    match_type: RouteMatchType
    active_only: bool
    reply_address_format: _jnx_v1_base_types_pb2.AddressFormat
    reply_table_format: RouteTableFormat
    route_count: int
    extended_match: RouteExtendedMatchFields
    def __init__(self, key: _Optional[_Union[RouteMatchFields, _Mapping]] = ..., match_type: _Optional[_Union[RouteMatchType, str]] = ..., active_only: _Optional[bool] = ..., reply_address_format: _Optional[_Union[_jnx_v1_base_types_pb2.AddressFormat, str]] = ..., reply_table_format: _Optional[_Union[RouteTableFormat, str]] = ..., route_count: _Optional[int] = ..., extended_match: _Optional[_Union[RouteExtendedMatchFields, _Mapping]] = ...) -> None: ...

class RouteMatchFields(_message.Message):
    __slots__ = ("dest_prefix", "dest_prefix_len", "table", "cookie")
    DEST_PREFIX_FIELD_NUMBER: _ClassVar[int]
    DEST_PREFIX_LEN_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    COOKIE_FIELD_NUMBER: _ClassVar[int]
    dest_prefix: NetworkAddress
    dest_prefix_len: int
    table: RouteTable
    cookie: int
    def __init__(self, dest_prefix: _Optional[_Union[NetworkAddress, _Mapping]] = ..., dest_prefix_len: _Optional[int] = ..., table: _Optional[_Union[RouteTable, _Mapping]] = ..., cookie: _Optional[int] = ...) -> None: ...

class RouteNexthop(_message.Message):
    __slots__ = ("gateways",)
    GATEWAYS_FIELD_NUMBER: _ClassVar[int]
    gateways: _containers.RepeatedCompositeFieldContainer[RouteGateway]
    def __init__(self, gateways: _Optional[_Iterable[_Union[RouteGateway, _Mapping]]] = ...) -> None: ...

class RouteOperReply(_message.Message):
    __slots__ = ("status", "operations_completed")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    OPERATIONS_COMPLETED_FIELD_NUMBER: _ClassVar[int]
    status: RouteOperStatus
    operations_completed: int
    def __init__(self, status: _Optional[_Union[RouteOperStatus, str]] = ..., operations_completed: _Optional[int] = ...) -> None: ...

class RoutePrefix(_message.Message):
    __slots__ = ("inet", "inet6", "inetvpn", "inet6vpn", "labeled_inet", "labeled_inet6", "inet_srte_policy", "inet6_srte_policy", "inet_flowspec", "inet6_flowspec")
    INET_FIELD_NUMBER: _ClassVar[int]
    INET6_FIELD_NUMBER: _ClassVar[int]
    INETVPN_FIELD_NUMBER: _ClassVar[int]
    INET6VPN_FIELD_NUMBER: _ClassVar[int]
    LABELED_INET_FIELD_NUMBER: _ClassVar[int]
    LABELED_INET6_FIELD_NUMBER: _ClassVar[int]
    INET_SRTE_POLICY_FIELD_NUMBER: _ClassVar[int]
    INET6_SRTE_POLICY_FIELD_NUMBER: _ClassVar[int]
    INET_FLOWSPEC_FIELD_NUMBER: _ClassVar[int]
    INET6_FLOWSPEC_FIELD_NUMBER: _ClassVar[int]
    inet: _jnx_v1_base_types_pb2.IpAddress
    inet6: _jnx_v1_base_types_pb2.IpAddress
    inetvpn: L3vpnAddress
    inet6vpn: L3vpnAddress
    labeled_inet: _jnx_v1_base_types_pb2.IpAddress
    labeled_inet6: _jnx_v1_base_types_pb2.IpAddress
    inet_srte_policy: SRTEAddress
    inet6_srte_policy: SRTEAddress
    inet_flowspec: FlowspecAddress
    inet6_flowspec: FlowspecAddress
    def __init__(self, inet: _Optional[_Union[_jnx_v1_base_types_pb2.IpAddress, _Mapping]] = ..., inet6: _Optional[_Union[_jnx_v1_base_types_pb2.IpAddress, _Mapping]] = ..., inetvpn: _Optional[_Union[L3vpnAddress, _Mapping]] = ..., inet6vpn: _Optional[_Union[L3vpnAddress, _Mapping]] = ..., labeled_inet: _Optional[_Union[_jnx_v1_base_types_pb2.IpAddress, _Mapping]] = ..., labeled_inet6: _Optional[_Union[_jnx_v1_base_types_pb2.IpAddress, _Mapping]] = ..., inet_srte_policy: _Optional[_Union[SRTEAddress, _Mapping]] = ..., inet6_srte_policy: _Optional[_Union[SRTEAddress, _Mapping]] = ..., inet_flowspec: _Optional[_Union[FlowspecAddress, _Mapping]] = ..., inet6_flowspec: _Optional[_Union[FlowspecAddress, _Mapping]] = ...) -> None: ...

class RouteRemoveRequest(_message.Message):
    __slots__ = ("keys",)
    KEYS_FIELD_NUMBER: _ClassVar[int]
    keys: _containers.RepeatedCompositeFieldContainer[RouteMatchFields]
    def __init__(self, keys: _Optional[_Iterable[_Union[RouteMatchFields, _Mapping]]] = ...) -> None: ...

class RouteTable(_message.Message):
    __slots__ = ("rtt_id", "rtt_name")
    RTT_ID_FIELD_NUMBER: _ClassVar[int]
    RTT_NAME_FIELD_NUMBER: _ClassVar[int]
    rtt_id: RouteTableId
    rtt_name: RouteTableName
    def __init__(self, rtt_id: _Optional[_Union[RouteTableId, _Mapping]] = ..., rtt_name: _Optional[_Union[RouteTableName, _Mapping]] = ...) -> None: ...

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

class RouteUpdateRequest(_message.Message):
    __slots__ = ("routes",)
    ROUTES_FIELD_NUMBER: _ClassVar[int]
    routes: _containers.RepeatedCompositeFieldContainer[RouteEntry]
    def __init__(self, routes: _Optional[_Iterable[_Union[RouteEntry, _Mapping]]] = ...) -> None: ...

class RtEmptyRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class RtOperReply(_message.Message):
    __slots__ = ("ret_code",)
    RET_CODE_FIELD_NUMBER: _ClassVar[int]
    ret_code: ReturnCode
    def __init__(self, ret_code: _Optional[_Union[ReturnCode, str]] = ...) -> None: ...

class RtPurgeConfigRequest(_message.Message):
    __slots__ = ("time",)
    TIME_FIELD_NUMBER: _ClassVar[int]
    time: int
    def __init__(self, time: _Optional[int] = ...) -> None: ...

class RtPurgeTimeGetReply(_message.Message):
    __slots__ = ("ret_code", "time")
    RET_CODE_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    ret_code: ReturnCode
    time: int
    def __init__(self, ret_code: _Optional[_Union[ReturnCode, str]] = ..., time: _Optional[int] = ...) -> None: ...

class SRTEAddress(_message.Message):
    __slots__ = ("destination", "sr_color", "sr_distinguisher")
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    SR_COLOR_FIELD_NUMBER: _ClassVar[int]
    SR_DISTINGUISHER_FIELD_NUMBER: _ClassVar[int]
    destination: _jnx_v1_base_types_pb2.IpAddress
    sr_color: SRTEColor
    sr_distinguisher: SRTEDistinguisher
    def __init__(self, destination: _Optional[_Union[_jnx_v1_base_types_pb2.IpAddress, _Mapping]] = ..., sr_color: _Optional[_Union[SRTEColor, _Mapping]] = ..., sr_distinguisher: _Optional[_Union[SRTEDistinguisher, _Mapping]] = ...) -> None: ...

class SRTEBindingSID(_message.Message):
    __slots__ = ("binding_sr_id",)
    BINDING_SR_ID_FIELD_NUMBER: _ClassVar[int]
    binding_sr_id: SidEntry
    def __init__(self, binding_sr_id: _Optional[_Union[SidEntry, _Mapping]] = ...) -> None: ...

class SRTEColor(_message.Message):
    __slots__ = ("color",)
    COLOR_FIELD_NUMBER: _ClassVar[int]
    color: int
    def __init__(self, color: _Optional[int] = ...) -> None: ...

class SRTEDistinguisher(_message.Message):
    __slots__ = ("distinguisher",)
    DISTINGUISHER_FIELD_NUMBER: _ClassVar[int]
    distinguisher: int
    def __init__(self, distinguisher: _Optional[int] = ...) -> None: ...

class SRTEEnlp(_message.Message):
    __slots__ = ("srte_enlp",)
    SRTE_ENLP_FIELD_NUMBER: _ClassVar[int]
    srte_enlp: SRTEEnlpOperations
    def __init__(self, srte_enlp: _Optional[_Union[SRTEEnlpOperations, str]] = ...) -> None: ...

class SRTEName(_message.Message):
    __slots__ = ("tunnel_name",)
    TUNNEL_NAME_FIELD_NUMBER: _ClassVar[int]
    tunnel_name: str
    def __init__(self, tunnel_name: _Optional[str] = ...) -> None: ...

class SRTEPriority(_message.Message):
    __slots__ = ("srte_priority",)
    SRTE_PRIORITY_FIELD_NUMBER: _ClassVar[int]
    srte_priority: int
    def __init__(self, srte_priority: _Optional[int] = ...) -> None: ...

class SRTERouteData(_message.Message):
    __slots__ = ("binding_sid", "preference", "segment_lists", "sr_name", "sr_priority", "sr_enlp")
    BINDING_SID_FIELD_NUMBER: _ClassVar[int]
    PREFERENCE_FIELD_NUMBER: _ClassVar[int]
    SEGMENT_LISTS_FIELD_NUMBER: _ClassVar[int]
    SR_NAME_FIELD_NUMBER: _ClassVar[int]
    SR_PRIORITY_FIELD_NUMBER: _ClassVar[int]
    SR_ENLP_FIELD_NUMBER: _ClassVar[int]
    binding_sid: SRTEBindingSID
    preference: int
    segment_lists: _containers.RepeatedCompositeFieldContainer[SRTESegmentList]
    sr_name: SRTEName
    sr_priority: SRTEPriority
    sr_enlp: SRTEEnlp
    def __init__(self, binding_sid: _Optional[_Union[SRTEBindingSID, _Mapping]] = ..., preference: _Optional[int] = ..., segment_lists: _Optional[_Iterable[_Union[SRTESegmentList, _Mapping]]] = ..., sr_name: _Optional[_Union[SRTEName, _Mapping]] = ..., sr_priority: _Optional[_Union[SRTEPriority, _Mapping]] = ..., sr_enlp: _Optional[_Union[SRTEEnlp, _Mapping]] = ...) -> None: ...

class SRTESegment(_message.Message):
    __slots__ = ("segment_type1",)
    SEGMENT_TYPE1_FIELD_NUMBER: _ClassVar[int]
    segment_type1: SegmentType1
    def __init__(self, segment_type1: _Optional[_Union[SegmentType1, _Mapping]] = ...) -> None: ...

class SRTESegmentList(_message.Message):
    __slots__ = ("weight", "segments")
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    SEGMENTS_FIELD_NUMBER: _ClassVar[int]
    weight: int
    segments: _containers.RepeatedCompositeFieldContainer[SRTESegment]
    def __init__(self, weight: _Optional[int] = ..., segments: _Optional[_Iterable[_Union[SRTESegment, _Mapping]]] = ...) -> None: ...

class SegmentType1(_message.Message):
    __slots__ = ("sid_label_entry",)
    SID_LABEL_ENTRY_FIELD_NUMBER: _ClassVar[int]
    sid_label_entry: LabelEntry
    def __init__(self, sid_label_entry: _Optional[_Union[LabelEntry, _Mapping]] = ...) -> None: ...

class SidEntry(_message.Message):
    __slots__ = ("sid_label_entry",)
    SID_LABEL_ENTRY_FIELD_NUMBER: _ClassVar[int]
    sid_label_entry: LabelEntry
    def __init__(self, sid_label_entry: _Optional[_Union[LabelEntry, _Mapping]] = ...) -> None: ...

class TrafficStats(_message.Message):
    __slots__ = ("packets_count", "bytes_count", "packets_per_second", "bytes_per_second")
    PACKETS_COUNT_FIELD_NUMBER: _ClassVar[int]
    BYTES_COUNT_FIELD_NUMBER: _ClassVar[int]
    PACKETS_PER_SECOND_FIELD_NUMBER: _ClassVar[int]
    BYTES_PER_SECOND_FIELD_NUMBER: _ClassVar[int]
    packets_count: int
    bytes_count: int
    packets_per_second: int
    bytes_per_second: int
    def __init__(self, packets_count: _Optional[int] = ..., bytes_count: _Optional[int] = ..., packets_per_second: _Optional[int] = ..., bytes_per_second: _Optional[int] = ...) -> None: ...

class TranslationAttributes(_message.Message):
    __slots__ = ("ipv4_ipv6_xlate", "ipv6_ipv4_xlate", "target_vrf_name")
    IPV4_IPV6_XLATE_FIELD_NUMBER: _ClassVar[int]
    IPV6_IPV4_XLATE_FIELD_NUMBER: _ClassVar[int]
    TARGET_VRF_NAME_FIELD_NUMBER: _ClassVar[int]
    ipv4_ipv6_xlate: Ipv4Ipv6TranslationParams
    ipv6_ipv4_xlate: Ipv6Ipv4TranslationParams
    target_vrf_name: str
    def __init__(self, ipv4_ipv6_xlate: _Optional[_Union[Ipv4Ipv6TranslationParams, _Mapping]] = ..., ipv6_ipv4_xlate: _Optional[_Union[Ipv6Ipv4TranslationParams, _Mapping]] = ..., target_vrf_name: _Optional[str] = ...) -> None: ...

class TunnelAttribute(_message.Message):
    __slots__ = ("ipip_tunnel",)
    IPIP_TUNNEL_FIELD_NUMBER: _ClassVar[int]
    ipip_tunnel: IpIpTunnelAttributes
    def __init__(self, ipip_tunnel: _Optional[_Union[IpIpTunnelAttributes, _Mapping]] = ...) -> None: ...

class TunnelAttributes(_message.Message):
    __slots__ = ("vxlan", "gre", "translate")
    VXLAN_FIELD_NUMBER: _ClassVar[int]
    GRE_FIELD_NUMBER: _ClassVar[int]
    TRANSLATE_FIELD_NUMBER: _ClassVar[int]
    vxlan: VxlanTunnelAttributes
    gre: GreTunnelAttributes
    translate: TranslationAttributes
    def __init__(self, vxlan: _Optional[_Union[VxlanTunnelAttributes, _Mapping]] = ..., gre: _Optional[_Union[GreTunnelAttributes, _Mapping]] = ..., translate: _Optional[_Union[TranslationAttributes, _Mapping]] = ...) -> None: ...

class TunnelEncapAttribute(_message.Message):
    __slots__ = ("tunnel_list",)
    TUNNEL_LIST_FIELD_NUMBER: _ClassVar[int]
    tunnel_list: _containers.RepeatedCompositeFieldContainer[TunnelAttribute]
    def __init__(self, tunnel_list: _Optional[_Iterable[_Union[TunnelAttribute, _Mapping]]] = ...) -> None: ...

class VxlanTunnelAttributes(_message.Message):
    __slots__ = ("vni", "source_prefix", "source_prefix_len", "source_udp_port_range", "source_mac", "destination_address", "destination_udp_port", "destination_mac", "flags", "rfc7348_reserved")
    VNI_FIELD_NUMBER: _ClassVar[int]
    SOURCE_PREFIX_FIELD_NUMBER: _ClassVar[int]
    SOURCE_PREFIX_LEN_FIELD_NUMBER: _ClassVar[int]
    SOURCE_UDP_PORT_RANGE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_MAC_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_UDP_PORT_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_MAC_FIELD_NUMBER: _ClassVar[int]
    FLAGS_FIELD_NUMBER: _ClassVar[int]
    RFC7348_RESERVED_FIELD_NUMBER: _ClassVar[int]
    vni: int
    source_prefix: NetworkAddress
    source_prefix_len: int
    source_udp_port_range: _jnx_v1_base_types_pb2.NumericRange
    source_mac: _jnx_v1_base_types_pb2.MacAddress
    destination_address: NetworkAddress
    destination_udp_port: int
    destination_mac: _jnx_v1_base_types_pb2.MacAddress
    flags: int
    rfc7348_reserved: Rfc7348VxlanReserved
    def __init__(self, vni: _Optional[int] = ..., source_prefix: _Optional[_Union[NetworkAddress, _Mapping]] = ..., source_prefix_len: _Optional[int] = ..., source_udp_port_range: _Optional[_Union[_jnx_v1_base_types_pb2.NumericRange, _Mapping]] = ..., source_mac: _Optional[_Union[_jnx_v1_base_types_pb2.MacAddress, _Mapping]] = ..., destination_address: _Optional[_Union[NetworkAddress, _Mapping]] = ..., destination_udp_port: _Optional[int] = ..., destination_mac: _Optional[_Union[_jnx_v1_base_types_pb2.MacAddress, _Mapping]] = ..., flags: _Optional[int] = ..., rfc7348_reserved: _Optional[_Union[Rfc7348VxlanReserved, _Mapping]] = ...) -> None: ...
