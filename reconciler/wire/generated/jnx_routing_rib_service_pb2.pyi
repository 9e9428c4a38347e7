from google.protobuf import wrappers_pb2 as _wrappers_pb2
from . import jnx_common_types_pb2 as _jnx_common_types_pb2
from . import jnx_routing_base_types_pb2 as _jnx_routing_base_types_pb2
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
    INTERNAL_ERROR: _ClassVar[StatusCode]
    NOT_INITIALIZED: _ClassVar[StatusCode]
    NO_OP: _ClassVar[StatusCode]
    TOO_MANY_OPS: _ClassVar[StatusCode]
    TABLE_INVALID: _ClassVar[StatusCode]
    TABLE_NOT_READY: _ClassVar[StatusCode]
    PREFIX_INVALID: _ClassVar[StatusCode]
    PREFIX_LEN_TOO_SHORT: _ClassVar[StatusCode]
    PREFIX_LEN_TOO_LONG: _ClassVar[StatusCode]
    GATEWAY_INVALID: _ClassVar[StatusCode]
    NEXTHOP_INVALID: _ClassVar[StatusCode]
    NEXTHOP_ADDRESS_INVALID: _ClassVar[StatusCode]
    NEXTHOP_LIMIT_EXCEED: _ClassVar[StatusCode]
    ROUTE_EXISTS: _ClassVar[StatusCode]
    ROUTE_NOT_FOUND: _ClassVar[StatusCode]
    PROTOCOL_INVALID: _ClassVar[StatusCode]
    ROUTE_ADD_FAILED: _ClassVar[StatusCode]
    NOT_READY: _ClassVar[StatusCode]
    TRY_AGAIN: _ClassVar[StatusCode]
    ROUTE_COUNT_INVALID: _ClassVar[StatusCode]
    REQUEST_UNSUPPORTED: _ClassVar[StatusCode]
    REQUEST_INVALID: _ClassVar[StatusCode]
    INTERFACE_INVALID: _ClassVar[StatusCode]
    ROUTE_SUBSCRIBE_OPERATION_INVALID: _ClassVar[StatusCode]
    ROUTE_SUBSCRIBE_ENOENT: _ClassVar[StatusCode]
    ROUTE_SUBSCRIBE_POLICY_INVALID: _ClassVar[StatusCode]
    ROUTE_SUBSCRIBE_RESPONSE_ROUTE_COUNT_INVALID: _ClassVar[StatusCode]
    ROUTE_SUBSCRIBE_EXISTS: _ClassVar[StatusCode]
    MPLS_LABEL_INVALID: _ClassVar[StatusCode]
    MPLS_ACTION_INVALID: _ClassVar[StatusCode]
    ALREADY_INITIALIZED: _ClassVar[StatusCode]
    SUCCESS_REBOUND: _ClassVar[StatusCode]
    FLEXIBLE_TUNNEL_INVALID: _ClassVar[StatusCode]
    BANDWIDTH_USAGE_INVALID: _ClassVar[StatusCode]
    ROUTE_API_VERSION_MISMATCH: _ClassVar[StatusCode]

class RouteMatchType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BEST: _ClassVar[RouteMatchType]
    EXACT: _ClassVar[RouteMatchType]
    EXACT_OR_LONGER: _ClassVar[RouteMatchType]
SUCCESS: StatusCode
INTERNAL_ERROR: StatusCode
NOT_INITIALIZED: StatusCode
NO_OP: StatusCode
TOO_MANY_OPS: StatusCode
TABLE_INVALID: StatusCode
TABLE_NOT_READY: StatusCode
PREFIX_INVALID: StatusCode
PREFIX_LEN_TOO_SHORT: StatusCode
PREFIX_LEN_TOO_LONG: StatusCode
GATEWAY_INVALID: StatusCode
NEXTHOP_INVALID: StatusCode
NEXTHOP_ADDRESS_INVALID: StatusCode
NEXTHOP_LIMIT_EXCEED: StatusCode
ROUTE_EXISTS: StatusCode
ROUTE_NOT_FOUND: StatusCode
PROTOCOL_INVALID: StatusCode
ROUTE_ADD_FAILED: StatusCode
NOT_READY: StatusCode
TRY_AGAIN: StatusCode
ROUTE_COUNT_INVALID: StatusCode
REQUEST_UNSUPPORTED: StatusCode
REQUEST_INVALID: StatusCode
INTERFACE_INVALID: StatusCode
ROUTE_SUBSCRIBE_OPERATION_INVALID: StatusCode
ROUTE_SUBSCRIBE_ENOENT: StatusCode
ROUTE_SUBSCRIBE_POLICY_INVALID: StatusCode
ROUTE_SUBSCRIBE_RESPONSE_ROUTE_COUNT_INVALID: StatusCode
ROUTE_SUBSCRIBE_EXISTS: StatusCode
MPLS_LABEL_INVALID: StatusCode
MPLS_ACTION_INVALID: StatusCode
ALREADY_INITIALIZED: StatusCode
SUCCESS_REBOUND: StatusCode
FLEXIBLE_TUNNEL_INVALID: StatusCode
BANDWIDTH_USAGE_INVALID: StatusCode
ROUTE_API_VERSION_MISMATCH: StatusCode
BEST: RouteMatchType
EXACT: RouteMatchType
EXACT_OR_LONGER: RouteMatchType

class RouteMatch(_message.Message):
    __slots__ = ("dest_prefix", "dest_prefix_len", "table", "cookie")
    DEST_PREFIX_FIELD_NUMBER: _ClassVar[int]
    DEST_PREFIX_LEN_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    COOKIE_FIELD_NUMBER: _ClassVar[int]
    dest_prefix: _jnx_routing_base_types_pb2.NetworkAddress
    dest_prefix_len: int
    table: _jnx_routing_base_types_pb2.RouteTable
    cookie: int
    def __init__(self, dest_prefix: _Optional[_Union[_jnx_routing_base_types_pb2.NetworkAddress, _Mapping]] = ..., dest_prefix_len: _Optional[int] = ..., table: _Optional[_Union[_jnx_routing_base_types_pb2.RouteTable, _Mapping]] = ..., cookie: _Optional[int] = ...) -> None: ...

class RouteGateway(_message.Message):
    __slots__ = ("gateway_address", "interface_name", "local_address", "weight")
    GATEWAY_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    INTERFACE_NAME_FIELD_NUMBER: _ClassVar[int]
    LOCAL_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    gateway_address: _jnx_routing_base_types_pb2.NetworkAddress
    interface_name: str
    local_address: _jnx_routing_base_types_pb2.NetworkAddress
    weight: int
    def __init__(self, gateway_address: _Optional[_Union[_jnx_routing_base_types_pb2.NetworkAddress, _Mapping]] = ..., interface_name: _Optional[str] = ..., local_address: _Optional[_Union[_jnx_routing_base_types_pb2.NetworkAddress, _Mapping]] = ..., weight: _Optional[int] = ...) -> None: ...

class RouteNexthop(_message.Message):
    __slots__ = ("gateways",)
    GATEWAYS_FIELD_NUMBER: _ClassVar[int]
    gateways: _containers.RepeatedCompositeFieldContainer[RouteGateway]
    def __init__(self, gateways: _Optional[_Iterable[_Union[RouteGateway, _Mapping]]] = ...) -> None: ...

class RouteAttributes(_message.Message):
    __slots__ = ("preferences", "tags", "colors")
    class PreferencesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: _wrappers_pb2.UInt32Value
        def __init__(self, key: _Optional[int] = ..., value: _Optional[_Union[_wrappers_pb2.UInt32Value, _Mapping]] = ...) -> None: ...
    class TagsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: _wrappers_pb2.UInt32Value
        def __init__(self, key: _Optional[int] = ..., value: _Optional[_Union[_wrappers_pb2.UInt32Value, _Mapping]] = ...) -> None: ...
    class ColorsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: _wrappers_pb2.UInt32Value
        def __init__(self, key: _Optional[int] = ..., value: _Optional[_Union[_wrappers_pb2.UInt32Value, _Mapping]] = ...) -> None: ...
    PREFERENCES_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    COLORS_FIELD_NUMBER: _ClassVar[int]
    preferences: _containers.MessageMap[int, _wrappers_pb2.UInt32Value]
    tags: _containers.MessageMap[int, _wrappers_pb2.UInt32Value]
    colors: _containers.MessageMap[int, _wrappers_pb2.UInt32Value]
    def __init__(self, preferences: _Optional[_Mapping[int, _wrappers_pb2.UInt32Value]] = ..., tags: _Optional[_Mapping[int, _wrappers_pb2.UInt32Value]] = ..., colors: _Optional[_Mapping[int, _wrappers_pb2.UInt32Value]] = ...) -> None: ...

class RouteEntry(_message.Message):
    __slots__ = ("key", "nexthop", "protocol", "attributes", "enable_stats")
    KEY_FIELD_NUMBER: _ClassVar[int]
    NEXTHOP_FIELD_NUMBER: _ClassVar[int]
    PROTOCOL_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    ENABLE_STATS_FIELD_NUMBER: _ClassVar[int]
    key: RouteMatch
    nexthop: RouteNexthop
    protocol: _jnx_routing_base_types_pb2.RouteProtoType
    attributes: RouteAttributes
    enable_stats: bool
    def __init__(self, key: _Optional[_Union[RouteMatch, _Mapping]] = ..., nexthop: _Optional[_Union[RouteNexthop, _Mapping]] = ..., protocol: _Optional[_Union[_jnx_routing_base_types_pb2.RouteProtoType, str]] = ..., attributes: _Optional[_Union[RouteAttributes, _Mapping]] = ..., enable_stats: _Optional[bool] = ...) -> None: ...

class RouteInitializeRequest(_message.Message):
    __slots__ = ("default_response_address_format", "default_preferences")
    class DefaultPreferencesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: _wrappers_pb2.UInt32Value
        def __init__(self, key: _Optional[int] = ..., value: _Optional[_Union[_wrappers_pb2.UInt32Value, _Mapping]] = ...) -> None: ...
    DEFAULT_RESPONSE_ADDRESS_FORMAT_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_PREFERENCES_FIELD_NUMBER: _ClassVar[int]
    default_response_address_format: _jnx_common_types_pb2.AddressFormat
    default_preferences: _containers.MessageMap[int, _wrappers_pb2.UInt32Value]
    def __init__(self, default_response_address_format: _Optional[_Union[_jnx_common_types_pb2.AddressFormat, str]] = ..., default_preferences: _Optional[_Mapping[int, _wrappers_pb2.UInt32Value]] = ...) -> None: ...

class RouteInitializeResponse(_message.Message):
    __slots__ = ("status", "sub_code", "num_client_routes")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUB_CODE_FIELD_NUMBER: _ClassVar[int]
    NUM_CLIENT_ROUTES_FIELD_NUMBER: _ClassVar[int]
    status: _jnx_common_types_pb2.RpcStatus
    sub_code: StatusCode
    num_client_routes: int
    def __init__(self, status: _Optional[_Union[_jnx_common_types_pb2.RpcStatus, _Mapping]] = ..., sub_code: _Optional[_Union[StatusCode, str]] = ..., num_client_routes: _Optional[int] = ...) -> None: ...

class RouteCleanupRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class RouteCleanupResponse(_message.Message):
    __slots__ = ("status", "sub_code")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUB_CODE_FIELD_NUMBER: _ClassVar[int]
    status: _jnx_common_types_pb2.RpcStatus
    sub_code: StatusCode
    def __init__(self, status: _Optional[_Union[_jnx_common_types_pb2.RpcStatus, _Mapping]] = ..., sub_code: _Optional[_Union[StatusCode, str]] = ...) -> None: ...

class RouteUpdateRequest(_message.Message):
    __slots__ = ("routes",)
    ROUTES_FIELD_NUMBER: _ClassVar[int]
    routes: _containers.RepeatedCompositeFieldContainer[RouteEntry]
    def __init__(self, routes: _Optional[_Iterable[_Union[RouteEntry, _Mapping]]] = ...) -> None: ...

class RouteSetOperResponse(_message.Message):
    __slots__ = ("status", "sub_code", "operations_completed")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUB_CODE_FIELD_NUMBER: _ClassVar[int]
    OPERATIONS_COMPLETED_FIELD_NUMBER: _ClassVar[int]
    status: _jnx_common_types_pb2.RpcStatus
    sub_code: StatusCode
    operations_completed: int
    def __init__(self, status: _Optional[_Union[_jnx_common_types_pb2.RpcStatus, _Mapping]] = ..., sub_code: _Optional[_Union[StatusCode, str]] = ..., operations_completed: _Optional[int] = ...) -> None: ...

class RouteDeleteRequest(_message.Message):
    __slots__ = ("keys",)
    KEYS_FIELD_NUMBER: _ClassVar[int]
    keys: _containers.RepeatedCompositeFieldContainer[RouteMatch]
    def __init__(self, keys: _Optional[_Iterable[_Union[RouteMatch, _Mapping]]] = ...) -> None: ...

class RouteDeleteResponse(_message.Message):
    __slots__ = ("status", "sub_code", "operations_completed")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUB_CODE_FIELD_NUMBER: _ClassVar[int]
    OPERATIONS_COMPLETED_FIELD_NUMBER: _ClassVar[int]
    status: _jnx_common_types_pb2.RpcStatus
    sub_code: StatusCode
    operations_completed: int
    def __init__(self, status: _Optional[_Union[_jnx_common_types_pb2.RpcStatus, _Mapping]] = ..., sub_code: _Optional[_Union[StatusCode, str]] = ..., operations_completed: _Optional[int] = ...) -> None: ...

class RouteGetRequest(_message.Message):
    __slots__ = ("key", "match_type", "active_only", "reply_table_format", "route_count")
    KEY_FIELD_NUMBER: _ClassVar[int]
    MATCH_TYPE_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_ONLY_FIELD_NUMBER: _ClassVar[int]
    REPLY_TABLE_FORMAT_FIELD_NUMBER: _ClassVar[int]
    ROUTE_COUNT_FIELD_NUMBER: _ClassVar[int]
    key: RouteMatch
    match_type: RouteMatchType
    active_only: bool
    reply_table_format: _jnx_routing_base_types_pb2.RouteTableFormat
    route_count: int
    def __init__(self, key: _Optional[_Union[RouteMatch, _Mapping]] = ..., match_type: _Optional[_Union[RouteMatchType, str]] = ..., active_only: _Optional[bool] = ..., reply_table_format: _Optional[_Union[_jnx_routing_base_types_pb2.RouteTableFormat, str]] = ..., route_count: _Optional[int] = ...) -> None: ...

class RouteGetResponse(_message.Message):
    __slots__ = ("status", "sub_code", "routes")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUB_CODE_FIELD_NUMBER: _ClassVar[int]
    ROUTES_FIELD_NUMBER: _ClassVar[int]
    status: _jnx_common_types_pb2.RpcStatus
    sub_code: StatusCode
    routes: _containers.RepeatedCompositeFieldContainer[RouteEntry]
    def __init__(self, status: _Optional[_Union[_jnx_common_types_pb2.RpcStatus, _Mapping]] = ..., sub_code: _Optional[_Union[StatusCode, str]] = ..., routes: _Optional[_Iterable[_Union[RouteEntry, _Mapping]]] = ...) -> None: ...
