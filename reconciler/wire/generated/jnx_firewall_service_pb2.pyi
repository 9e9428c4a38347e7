from . import jnx_common_types_pb2 as _jnx_common_types_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class FilterFamilies(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FAMILY_INVALID: _ClassVar[FilterFamilies]
    FAMILY_INET: _ClassVar[FilterFamilies]
    FAMILY_INET6: _ClassVar[FilterFamilies]
    FAMILY_ES: _ClassVar[FilterFamilies]
    FAMILY_VPLS: _ClassVar[FilterFamilies]
    FAMILY_MULTISERVICE: _ClassVar[FilterFamilies]
    FAMILY_CCC: _ClassVar[FilterFamilies]
    FAMILY_MPLS: _ClassVar[FilterFamilies]

class FilterTypes(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TYPE_INVALID: _ClassVar[FilterTypes]
    TYPE_CLASSIC: _ClassVar[FilterTypes]

class FilterFlags(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FLAGS_NONE: _ClassVar[FilterFlags]

class FilterTermOperation(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TERM_OPERATION_INVALID: _ClassVar[FilterTermOperation]
    TERM_OPERATION_ADD: _ClassVar[FilterTermOperation]
    TERM_OPERATION_DELETE: _ClassVar[FilterTermOperation]
    TERM_OPERATION_REPLACE: _ClassVar[FilterTermOperation]

class FilterAdjacencyType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TERM_AFTER: _ClassVar[FilterAdjacencyType]
    TERM_BEFORE: _ClassVar[FilterAdjacencyType]

class FilterBindDirection(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BIND_DIRECTION_INVALID: _ClassVar[FilterBindDirection]
    BIND_DIRECTION_INPUT: _ClassVar[FilterBindDirection]
    BIND_DIRECTION_OUTPUT: _ClassVar[FilterBindDirection]

class FilterBindObjType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BIND_OBJ_TYPE_INVALID: _ClassVar[FilterBindObjType]
    BIND_OBJ_TYPE_INTERFACE: _ClassVar[FilterBindObjType]
    BIND_OBJ_TYPE_FWD_TABLE: _ClassVar[FilterBindObjType]
    BIND_OBJ_TYPE_VLAN: _ClassVar[FilterBindObjType]
    BIND_OBJ_TYPE_BRG_DOMAIN: _ClassVar[FilterBindObjType]

class MatchOperation(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OP_INVALID: _ClassVar[MatchOperation]
    OP_EQUAL: _ClassVar[MatchOperation]
    OP_NOT_EQUAL: _ClassVar[MatchOperation]

class FilterFragmentFlags(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FRAGMENT_NONE: _ClassVar[FilterFragmentFlags]
    DONT_FRAGMENT: _ClassVar[FilterFragmentFlags]
    IS_FRAGMENT: _ClassVar[FilterFragmentFlags]
    FIRST_FRAGMENT: _ClassVar[FilterFragmentFlags]
    LAST_FRAGMENT: _ClassVar[FilterFragmentFlags]

class ActionIcmpRejectReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ICMP_ADMINISTRATIVELY_PROHIBITED: _ClassVar[ActionIcmpRejectReason]
    ICMP_BAD_HOST_TOS: _ClassVar[ActionIcmpRejectReason]
    ICMP_BAD_NETWORK_TOS: _ClassVar[ActionIcmpRejectReason]
    ICMP_FRAGMENTATION_NEEDED: _ClassVar[ActionIcmpRejectReason]
    ICMP_HOST_PROHIBITED: _ClassVar[ActionIcmpRejectReason]
    ICMP_HOST_UNKNOWN: _ClassVar[ActionIcmpRejectReason]
    ICMP_HOST_UNREACHABLE: _ClassVar[ActionIcmpRejectReason]
    ICMP_NETWORK_PROHIBITED: _ClassVar[ActionIcmpRejectReason]
    ICMP_NETWORK_UNKNOWN: _ClassVar[ActionIcmpRejectReason]
    ICMP_NETWORK_UNREACHABLE: _ClassVar[ActionIcmpRejectReason]
    ICMP_PORT_UNREACHABLE: _ClassVar[ActionIcmpRejectReason]
    ICMP_PRECEDENCE_CUTOFF: _ClassVar[ActionIcmpRejectReason]
    ICMP_PRECEDENCE_VIOLATION: _ClassVar[ActionIcmpRejectReason]
    ICMP_PROTOCOL_UNREACHABLE: _ClassVar[ActionIcmpRejectReason]
    ICMP_SOURCE_HOST_ISOLATED: _ClassVar[ActionIcmpRejectReason]
    ICMP_SOURCE_ROUTE_FAILED: _ClassVar[ActionIcmpRejectReason]
    ICMP_TCP_RESET: _ClassVar[ActionIcmpRejectReason]

class ActionIcmp6RejectReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ICMP6_ADMINISTRATIVELY_PROHIBITED: _ClassVar[ActionIcmp6RejectReason]
    ICMP6_NO_ROUTE_TO_DESTINATION: _ClassVar[ActionIcmp6RejectReason]
    ICMP6_BEYOND_SCOPE: _ClassVar[ActionIcmp6RejectReason]
    ICMP6_ADDRESS_UNREACHABLE: _ClassVar[ActionIcmp6RejectReason]
    ICMP6_PORT_UNREACHABLE: _ClassVar[ActionIcmp6RejectReason]
    ICMP6_TTL_EQUAL_TO_ZERO_DURING_TRANSIT: _ClassVar[ActionIcmp6RejectReason]
    ICMP6_TTL_EQUAL_TO_ZERO_DURING_REASSEMBLY: _ClassVar[ActionIcmp6RejectReason]
    ICMP6_IP6_HEADER_BAD: _ClassVar[ActionIcmp6RejectReason]
    ICMP6_UNRECOGNIZED_OPTION: _ClassVar[ActionIcmp6RejectReason]
    ICMP6_UNRECOGNIZED_NEXT_HEADER: _ClassVar[ActionIcmp6RejectReason]
    ICMP6_ROUTER_RENUMBERING_COMMAND: _ClassVar[ActionIcmp6RejectReason]
    ICMP6_ROUTER_RENUMBERING_RESULT: _ClassVar[ActionIcmp6RejectReason]
    ICMP6_SEQUENCE_NUMBER_RESET: _ClassVar[ActionIcmp6RejectReason]

class PolicerType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    POLICER_INVALID: _ClassVar[PolicerType]
    TWO_COLOR_POLICER: _ClassVar[PolicerType]
    SINGLE_RATE_THREE_COLOR_POLICER: _ClassVar[PolicerType]
    TWO_RATE_THREE_COLOR_POLICER: _ClassVar[PolicerType]
    HIERARCHICAL_POLICER: _ClassVar[PolicerType]

class PolicerFlag(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    POLICER_FLAG_INVALID: _ClassVar[PolicerFlag]
    POLICER_FLAG_TERM_SPECIFIC: _ClassVar[PolicerFlag]
    POLICER_FLAG_FILTER_SPECIFIC: _ClassVar[PolicerFlag]
FAMILY_INVALID: FilterFamilies
FAMILY_INET: FilterFamilies
FAMILY_INET6: FilterFamilies
FAMILY_ES: FilterFamilies
FAMILY_VPLS: FilterFamilies
FAMILY_MULTISERVICE: FilterFamilies
FAMILY_CCC: FilterFamilies
FAMILY_MPLS: FilterFamilies
TYPE_INVALID: FilterTypes
TYPE_CLASSIC: FilterTypes
FLAGS_NONE: FilterFlags
TERM_OPERATION_INVALID: FilterTermOperation
TERM_OPERATION_ADD: FilterTermOperation
TERM_OPERATION_DELETE: FilterTermOperation
TERM_OPERATION_REPLACE: FilterTermOperation
TERM_AFTER: FilterAdjacencyType
TERM_BEFORE: FilterAdjacencyType
BIND_DIRECTION_INVALID: FilterBindDirection
BIND_DIRECTION_INPUT: FilterBindDirection
BIND_DIRECTION_OUTPUT: FilterBindDirection
BIND_OBJ_TYPE_INVALID: FilterBindObjType
BIND_OBJ_TYPE_INTERFACE: FilterBindObjType
BIND_OBJ_TYPE_FWD_TABLE: FilterBindObjType
BIND_OBJ_TYPE_VLAN: FilterBindObjType
BIND_OBJ_TYPE_BRG_DOMAIN: FilterBindObjType
OP_INVALID: MatchOperation
OP_EQUAL: MatchOperation
OP_NOT_EQUAL: MatchOperation
FRAGMENT_NONE: FilterFragmentFlags
DONT_FRAGMENT: FilterFragmentFlags
IS_FRAGMENT: FilterFragmentFlags
FIRST_FRAGMENT: FilterFragmentFlags
LAST_FRAGMENT: FilterFragmentFlags
ICMP_ADMINISTRATIVELY_PROHIBITED: ActionIcmpRejectReason
ICMP_BAD_HOST_TOS: ActionIcmpRejectReason
ICMP_BAD_NETWORK_TOS: ActionIcmpRejectReason
ICMP_FRAGMENTATION_NEEDED: ActionIcmpRejectReason
ICMP_HOST_PROHIBITED: ActionIcmpRejectReason
ICMP_HOST_UNKNOWN: ActionIcmpRejectReason
ICMP_HOST_UNREACHABLE: ActionIcmpRejectReason
ICMP_NETWORK_PROHIBITED: ActionIcmpRejectReason
ICMP_NETWORK_UNKNOWN: ActionIcmpRejectReason
ICMP_NETWORK_UNREACHABLE: ActionIcmpRejectReason
ICMP_PORT_UNREACHABLE: ActionIcmpRejectReason
ICMP_PRECEDENCE_CUTOFF: ActionIcmpRejectReason
ICMP_PRECEDENCE_VIOLATION: ActionIcmpRejectReason
ICMP_PROTOCOL_UNREACHABLE: ActionIcmpRejectReason
ICMP_SOURCE_HOST_ISOLATED: ActionIcmpRejectReason
ICMP_SOURCE_ROUTE_FAILED: ActionIcmpRejectReason
ICMP_TCP_RESET: ActionIcmpRejectReason
ICMP6_ADMINISTRATIVELY_PROHIBITED: ActionIcmp6RejectReason
ICMP6_NO_ROUTE_TO_DESTINATION: ActionIcmp6RejectReason
ICMP6_BEYOND_SCOPE: ActionIcmp6RejectReason
ICMP6_ADDRESS_UNREACHABLE: ActionIcmp6RejectReason
ICMP6_PORT_UNREACHABLE: ActionIcmp6RejectReason
ICMP6_TTL_EQUAL_TO_ZERO_DURING_TRANSIT: ActionIcmp6RejectReason
ICMP6_TTL_EQUAL_TO_ZERO_DURING_REASSEMBLY: ActionIcmp6RejectReason
ICMP6_IP6_HEADER_BAD: ActionIcmp6RejectReason
ICMP6_UNRECOGNIZED_OPTION: ActionIcmp6RejectReason
ICMP6_UNRECOGNIZED_NEXT_HEADER: ActionIcmp6RejectReason
ICMP6_ROUTER_RENUMBERING_COMMAND: ActionIcmp6RejectReason
ICMP6_ROUTER_RENUMBERING_RESULT: ActionIcmp6RejectReason
ICMP6_SEQUENCE_NUMBER_RESET: ActionIcmp6RejectReason
POLICER_INVALID: PolicerType
TWO_COLOR_POLICER: PolicerType
SINGLE_RATE_THREE_COLOR_POLICER: PolicerType
TWO_RATE_THREE_COLOR_POLICER: PolicerType
HIERARCHICAL_POLICER: PolicerType
POLICER_FLAG_INVALID: PolicerFlag
POLICER_FLAG_TERM_SPECIFIC: PolicerFlag
POLICER_FLAG_FILTER_SPECIFIC: PolicerFlag

class Filter(_message.Message):
    __slots__ = ("name", "family")
    NAME_FIELD_NUMBER: _ClassVar[int]
    FAMILY_FIELD_NUMBER: _ClassVar[int]
    name: str
    family: FilterFamilies
    def __init__(self, name: _Optional[str] = ..., family: _Optional[_Union[FilterFamilies, str]] = ...) -> None: ...

class FilterAdjacency(_message.Message):
    __slots__ = ("type", "term_name")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    TERM_NAME_FIELD_NUMBER: _ClassVar[int]
    type: FilterAdjacencyType
    term_name: str
    def __init__(self, type: _Optional[_Union[FilterAdjacencyType, str]] = ..., term_name: _Optional[str] = ...) -> None: ...

class MatchIpAddress(_message.Message):
    __slots__ = ("addr", "prefix_length", "operation")
    ADDR_FIELD_NUMBER: _ClassVar[int]
    PREFIX_LENGTH_FIELD_NUMBER: _ClassVar[int]
    OPERATION_FIELD_NUMBER: _ClassVar[int]
    addr: _jnx_common_types_pb2.IpAddress
    prefix_length: int
    operation: MatchOperation
    def __init__(self, addr: _Optional[_Union[_jnx_common_types_pb2.IpAddress, _Mapping]] = ..., prefix_length: _Optional[int] = ..., operation: _Optional[_Union[MatchOperation, str]] = ...) -> None: ...

class MatchPort(_message.Message):
    __slots__ = ("min", "max", "operation")
    MIN_FIELD_NUMBER: _ClassVar[int]
    MAX_FIELD_NUMBER: _ClassVar[int]
    OPERATION_FIELD_NUMBER: _ClassVar[int]
    min: int
    max: int
    operation: MatchOperation
    def __init__(self, min: _Optional[int] = ..., max: _Optional[int] = ..., operation: _Optional[_Union[MatchOperation, str]] = ...) -> None: ...

class MatchProtocol(_message.Message):
    __slots__ = ("min", "max", "operation")
    MIN_FIELD_NUMBER: _ClassVar[int]
    MAX_FIELD_NUMBER: _ClassVar[int]
    OPERATION_FIELD_NUMBER: _ClassVar[int]
    min: int
    max: int
    operation: MatchOperation
    def __init__(self, min: _Optional[int] = ..., max: _Optional[int] = ..., operation: _Optional[_Union[MatchOperation, str]] = ...) -> None: ...

class MatchIcmpType(_message.Message):
    __slots__ = ("min", "max", "operation")
    MIN_FIELD_NUMBER: _ClassVar[int]
    MAX_FIELD_NUMBER: _ClassVar[int]
    OPERATION_FIELD_NUMBER: _ClassVar[int]
    min: int
    max: int
    operation: MatchOperation
    def __init__(self, min: _Optional[int] = ..., max: _Optional[int] = ..., operation: _Optional[_Union[MatchOperation, str]] = ...) -> None: ...

class MatchIcmpCode(_message.Message):
    __slots__ = ("min", "max", "operation")
    MIN_FIELD_NUMBER: _ClassVar[int]
    MAX_FIELD_NUMBER: _ClassVar[int]
    OPERATION_FIELD_NUMBER: _ClassVar[int]
    min: int
    max: int
    operation: MatchOperation
    def __init__(self, min: _Optional[int] = ..., max: _Optional[int] = ..., operation: _Optional[_Union[MatchOperation, str]] = ...) -> None: ...

class MatchDscpCode(_message.Message):
    __slots__ = ("min", "max", "operation")
    MIN_FIELD_NUMBER: _ClassVar[int]
    MAX_FIELD_NUMBER: _ClassVar[int]
    OPERATION_FIELD_NUMBER: _ClassVar[int]
    min: int
    max: int
    operation: MatchOperation
    def __init__(self, min: _Optional[int] = ..., max: _Optional[int] = ..., operation: _Optional[_Union[MatchOperation, str]] = ...) -> None: ...

class MatchPacketLength(_message.Message):
    __slots__ = ("min", "max", "operation")
    MIN_FIELD_NUMBER: _ClassVar[int]
    MAX_FIELD_NUMBER: _ClassVar[int]
    OPERATION_FIELD_NUMBER: _ClassVar[int]
    min: int
    max: int
    operation: MatchOperation
    def __init__(self, min: _Optional[int] = ..., max: _Optional[int] = ..., operation: _Optional[_Union[MatchOperation, str]] = ...) -> None: ...

class MatchTtl(_message.Message):
    __slots__ = ("min", "max", "operation")
    MIN_FIELD_NUMBER: _ClassVar[int]
    MAX_FIELD_NUMBER: _ClassVar[int]
    OPERATION_FIELD_NUMBER: _ClassVar[int]
    min: int
    max: int
    operation: MatchOperation
    def __init__(self, min: _Optional[int] = ..., max: _Optional[int] = ..., operation: _Optional[_Union[MatchOperation, str]] = ...) -> None: ...

class MatchTrafficClass(_message.Message):
    __slots__ = ("min", "max", "operation")
    MIN_FIELD_NUMBER: _ClassVar[int]
    MAX_FIELD_NUMBER: _ClassVar[int]
    OPERATION_FIELD_NUMBER: _ClassVar[int]
    min: int
    max: int
    operation: MatchOperation
    def __init__(self, min: _Optional[int] = ..., max: _Optional[int] = ..., operation: _Optional[_Union[MatchOperation, str]] = ...) -> None: ...

class FilterTermMatchInet(_message.Message):
    __slots__ = ("ipv4_dst_addrs", "ipv4_src_addrs", "dst_ports", "src_ports", "dscp_codes", "protocols", "icmp_types", "icmp_codes", "packet_lengths", "ttls", "fragment_flag")
    IPV4_DST_ADDRS_FIELD_NUMBER: _ClassVar[int]
    IPV4_SRC_ADDRS_FIELD_NUMBER: _ClassVar[int]
    DST_PORTS_FIELD_NUMBER: _ClassVar[int]
    SRC_PORTS_FIELD_NUMBER: _ClassVar[int]
    DSCP_CODES_FIELD_NUMBER: _ClassVar[int]
    PROTOCOLS_FIELD_NUMBER: _ClassVar[int]
    ICMP_TYPES_FIELD_NUMBER: _ClassVar[int]
    ICMP_CODES_FIELD_NUMBER: _ClassVar[int]
    PACKET_LENGTHS_FIELD_NUMBER: _ClassVar[int]
    TTLS_FIELD_NUMBER: _ClassVar[int]
    FRAGMENT_FLAG_FIELD_NUMBER: _ClassVar[int]
    ipv4_dst_addrs: _containers.RepeatedCompositeFieldContainer[MatchIpAddress]
    ipv4_src_addrs: _containers.RepeatedCompositeFieldContainer[MatchIpAddress]
    dst_ports: _containers.RepeatedCompositeFieldContainer[MatchPort]
    src_ports: _containers.RepeatedCompositeFieldContainer[MatchPort]
    dscp_codes: _containers.RepeatedCompositeFieldContainer[MatchDscpCode]
    protocols: _containers.RepeatedCompositeFieldContainer[MatchProtocol]
    icmp_types: _containers.RepeatedCompositeFieldContainer[MatchIcmpType]
    icmp_codes: _containers.RepeatedCompositeFieldContainer[MatchIcmpCode]
    packet_lengths: _containers.RepeatedCompositeFieldContainer[MatchPacketLength]
    ttls: _containers.RepeatedCompositeFieldContainer[MatchTtl]
    fragment_flag: FilterFragmentFlags
    def __init__(self, ipv4_dst_addrs: _Optional[_Iterable[_Union[MatchIpAddress, _Mapping]]] = ..., ipv4_src_addrs: _Optional[_Iterable[_Union[MatchIpAddress, _Mapping]]] = ..., dst_ports: _Optional[_Iterable[_Union[MatchPort, _Mapping]]] = ..., src_ports: _Optional[_Iterable[_Union[MatchPort, _Mapping]]] = ..., dscp_codes: _Optional[_Iterable[_Union[MatchDscpCode, _Mapping]]] = ..., protocols: _Optional[_Iterable[_Union[MatchProtocol, _Mapping]]] = ..., icmp_types: _Optional[_Iterable[_Union[MatchIcmpType, _Mapping]]] = ..., icmp_codes: _Optional[_Iterable[_Union[MatchIcmpCode, _Mapping]]] = ..., packet_lengths: _Optional[_Iterable[_Union[MatchPacketLength, _Mapping]]] = ..., ttls: _Optional[_Iterable[_Union[MatchTtl, _Mapping]]] = ..., fragment_flag: _Optional[_Union[FilterFragmentFlags, str]] = ...) -> None: ...

class FilterTermMatchInet6(_message.Message):
    __slots__ = ("ipv6_dst_addrs", "ipv6_src_addrs", "dst_ports", "src_ports", "dscp_codes", "payload_protocols", "icmp_types", "icmp_codes", "packet_lengths", "traffic_classes")
    IPV6_DST_ADDRS_FIELD_NUMBER: _ClassVar[int]
    IPV6_SRC_ADDRS_FIELD_NUMBER: _ClassVar[int]
    DST_PORTS_FIELD_NUMBER: _ClassVar[int]
    SRC_PORTS_FIELD_NUMBER: _ClassVar[int]
    DSCP_CODES_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_PROTOCOLS_FIELD_NUMBER: _ClassVar[int]
    ICMP_TYPES_FIELD_NUMBER: _ClassVar[int]
    ICMP_CODES_FIELD_NUMBER: _ClassVar[int]
    PACKET_LENGTHS_FIELD_NUMBER: _ClassVar[int]
    TRAFFIC_CLASSES_FIELD_NUMBER: _ClassVar[int]
    ipv6_dst_addrs: _containers.RepeatedCompositeFieldContainer[MatchIpAddress]
    ipv6_src_addrs: _containers.RepeatedCompositeFieldContainer[MatchIpAddress]
    dst_ports: _containers.RepeatedCompositeFieldContainer[MatchPort]
    src_ports: _containers.RepeatedCompositeFieldContainer[MatchPort]
    dscp_codes: _containers.RepeatedCompositeFieldContainer[MatchDscpCode]
    payload_protocols: _containers.RepeatedCompositeFieldContainer[MatchProtocol]
    icmp_types: _containers.RepeatedCompositeFieldContainer[MatchIcmpType]
    icmp_codes: _containers.RepeatedCompositeFieldContainer[MatchIcmpCode]
    packet_lengths: _containers.RepeatedCompositeFieldContainer[MatchPacketLength]
    traffic_classes: _containers.RepeatedCompositeFieldContainer[MatchTrafficClass]
    def __init__(self, ipv6_dst_addrs: _Optional[_Iterable[_Union[MatchIpAddress, _Mapping]]] = ..., ipv6_src_addrs: _Optional[_Iterable[_Union[MatchIpAddress, _Mapping]]] = ..., dst_ports: _Optional[_Iterable[_Union[MatchPort, _Mapping]]] = ..., src_ports: _Optional[_Iterable[_Union[MatchPort, _Mapping]]] = ..., dscp_codes: _Optional[_Iterable[_Union[MatchDscpCode, _Mapping]]] = ..., payload_protocols: _Optional[_Iterable[_Union[MatchProtocol, _Mapping]]] = ..., icmp_types: _Optional[_Iterable[_Union[MatchIcmpType, _Mapping]]] = ..., icmp_codes: _Optional[_Iterable[_Union[MatchIcmpCode, _Mapping]]] = ..., packet_lengths: _Optional[_Iterable[_Union[MatchPacketLength, _Mapping]]] = ..., traffic_classes: _Optional[_Iterable[_Union[MatchTrafficClass, _Mapping]]] = ...) -> None: ...

class Policer(_message.Message):
    __slots__ = ("name", "type", "flag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    FLAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    type: PolicerType
    flag: PolicerFlag
    def __init__(self, name: _Optional[str] = ..., type: _Optional[_Union[PolicerType, str]] = ..., flag: _Optional[_Union[PolicerFlag, str]] = ...) -> None: ...

class ActionCounter(_message.Message):
    __slots__ = ("counter_name",)
    COUNTER_NAME_FIELD_NUMBER: _ClassVar[int]
    counter_name: str
    def __init__(self, counter_name: _Optional[str] = ...) -> None: ...

class ActionPolicer(_message.Message):
    __slots__ = ("policer",)
    POLICER_FIELD_NUMBER: _ClassVar[int]
    policer: Policer
    def __init__(self, policer: _Optional[_Union[Policer, _Mapping]] = ...) -> None: ...

class FilterTermInetNonTerminatingAction(_message.Message):
    __slots__ = ("count", "log", "syslog", "policer", "sample", "next_term")
    COUNT_FIELD_NUMBER: _ClassVar[int]
    LOG_FIELD_NUMBER: _ClassVar[int]
    SYSLOG_FIELD_NUMBER: _ClassVar[int]
    POLICER_FIELD_NUMBER: _ClassVar[int]
    SAMPLE_FIELD_NUMBER: _ClassVar[int]
    NEXT_TERM_FIELD_NUMBER: _ClassVar[int]
    count: ActionCounter
    log: bool
    syslog: bool
    policer: ActionPolicer
    sample: bool
    next_term: bool
    def __init__(self, count: _Optional[_Union[ActionCounter, _Mapping]] = ..., log: _Optional[bool] = ..., syslog: _Optional[bool] = ..., policer: _Optional[_Union[ActionPolicer, _Mapping]] = ..., sample: _Optional[bool] = ..., next_term: _Optional[bool] = ...) -> None: ...

class FilterTermInetTerminatingAction(_message.Message):
    __slots__ = ("accept", "discard", "reject", "routing_instance_name")
    ACCEPT_FIELD_NUMBER: _ClassVar[int]
    DISCARD_FIELD_NUMBER: _ClassVar[int]
    REJECT_FIELD_NUMBER: _ClassVar[int]
    ROUTING_INSTANCE_NAME_FIELD_NUMBER: _ClassVar[int]
    accept: bool
    discard: bool
    reject: ActionIcmpRejectReason
    routing_instance_name: str
    def __init__(self, accept: _Optional[bool] = ..., discard: _Optional[bool] = ..., reject: _Optional[_Union[ActionIcmpRejectReason, str]] = ..., routing_instance_name: _Optional[str] = ...) -> None: ...

class FilterTermInetAction(_message.Message):
    __slots__ = ("actions_nt", "action_t")
    ACTIONS_NT_FIELD_NUMBER: _ClassVar[int]
    ACTION_T_FIELD_NUMBER: _ClassVar[int]
    actions_nt: FilterTermInetNonTerminatingAction
    action_t: FilterTermInetTerminatingAction
    def __init__(self, actions_nt: _Optional[_Union[FilterTermInetNonTerminatingAction, _Mapping]] = ..., action_t: _Optional[_Union[FilterTermInetTerminatingAction, _Mapping]] = ...) -> None: ...

class FilterTermInet6NonTerminatingAction(_message.Message):
    __slots__ = ("count", "log", "syslog", "policer", "sample", "next_term")
    COUNT_FIELD_NUMBER: _ClassVar[int]
    LOG_FIELD_NUMBER: _ClassVar[int]
    SYSLOG_FIELD_NUMBER: _ClassVar[int]
    POLICER_FIELD_NUMBER: _ClassVar[int]
    SAMPLE_FIELD_NUMBER: _ClassVar[int]
    NEXT_TERM_FIELD_NUMBER: _ClassVar[int]
    count: ActionCounter
    log: bool
    syslog: bool
    policer: ActionPolicer
    sample: bool
    next_term: bool
    def __init__(self, count: _Optional[_Union[ActionCounter, _Mapping]] = ..., log: _Optional[bool] = ..., syslog: _Optional[bool] = ..., policer: _Optional[_Union[ActionPolicer, _Mapping]] = ..., sample: _Optional[bool] = ..., next_term: _Optional[bool] = ...) -> None: ...

class FilterTermInet6TerminatingAction(_message.Message):
    __slots__ = ("accept", "discard", "reject", "routing_instance_name")
    ACCEPT_FIELD_NUMBER: _ClassVar[int]
    DISCARD_FIELD_NUMBER: _ClassVar[int]
    REJECT_FIELD_NUMBER: _ClassVar[int]
    ROUTING_INSTANCE_NAME_FIELD_NUMBER: _ClassVar[int]
    accept: bool
    discard: bool
    reject: ActionIcmp6RejectReason
    routing_instance_name: str
    def __init__(self, accept: _Optional[bool] = ..., discard: _Optional[bool] = ..., reject: _Optional[_Union[ActionIcmp6RejectReason, str]] = ..., routing_instance_name: _Optional[str] = ...) -> None: ...

class FilterTermInet6Action(_message.Message):
    __slots__ = ("actions_nt", "action_t")
    ACTIONS_NT_FIELD_NUMBER: _ClassVar[int]
    ACTION_T_FIELD_NUMBER: _ClassVar[int]
    actions_nt: FilterTermInet6NonTerminatingAction
    action_t: FilterTermInet6TerminatingAction
    def __init__(self, actions_nt: _Optional[_Union[FilterTermInet6NonTerminatingAction, _Mapping]] = ..., action_t: _Optional[_Union[FilterTermInet6TerminatingAction, _Mapping]] = ...) -> None: ...

class FilterInetTerm(_message.Message):
    __slots__ = ("term_name", "term_op", "adjacency", "matches", "actions")
    TERM_NAME_FIELD_NUMBER: _ClassVar[int]
    TERM_OP_FIELD_NUMBER: _ClassVar[int]
    ADJACENCY_FIELD_NUMBER: _ClassVar[int]
    MATCHES_FIELD_NUMBER: _ClassVar[int]
    ACTIONS_FIELD_NUMBER: _ClassVar[int]
    term_name: str
    term_op: FilterTermOperation
    adjacency: FilterAdjacency
    matches: FilterTermMatchInet
    actions: FilterTermInetAction
    def __init__(self, term_name: _Optional[str] = ..., term_op: _Optional[_Union[FilterTermOperation, str]] = ..., adjacency: _Optional[_Union[FilterAdjacency, _Mapping]] = ..., matches: _Optional[_Union[FilterTermMatchInet, _Mapping]] = ..., actions: _Optional[_Union[FilterTermInetAction, _Mapping]] = ...) -> None: ...

class FilterInet6Term(_message.Message):
    __slots__ = ("term_name", "term_op", "adjacency", "matches", "actions")
    TERM_NAME_FIELD_NUMBER: _ClassVar[int]
    TERM_OP_FIELD_NUMBER: _ClassVar[int]
    ADJACENCY_FIELD_NUMBER: _ClassVar[int]
    MATCHES_FIELD_NUMBER: _ClassVar[int]
    ACTIONS_FIELD_NUMBER: _ClassVar[int]
    term_name: str
    term_op: FilterTermOperation
    adjacency: FilterAdjacency
    matches: FilterTermMatchInet6
    actions: FilterTermInet6Action
    def __init__(self, term_name: _Optional[str] = ..., term_op: _Optional[_Union[FilterTermOperation, str]] = ..., adjacency: _Optional[_Union[FilterAdjacency, _Mapping]] = ..., matches: _Optional[_Union[FilterTermMatchInet6, _Mapping]] = ..., actions: _Optional[_Union[FilterTermInet6Action, _Mapping]] = ...) -> None: ...

class FilterTerm(_message.Message):
    __slots__ = ("inet_term", "inet6_term")
    INET_TERM_FIELD_NUMBER: _ClassVar[int]
    INET6_TERM_FIELD_NUMBER: _ClassVar[int]
    inet_term: FilterInetTerm
    inet6_term: FilterInet6Term
    def __init__(self, inet_term: _Optional[_Union[FilterInetTerm, _Mapping]] = ..., inet6_term: _Optional[_Union[FilterInet6Term, _Mapping]] = ...) -> None: ...

class FilterAddRequest(_message.Message):
    __slots__ = ("name", "type", "family", "flag", "terms_list")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    FAMILY_FIELD_NUMBER: _ClassVar[int]
    FLAG_FIELD_NUMBER: _ClassVar[int]
    TERMS_LIST_FIELD_NUMBER: _ClassVar[int]
    name: str
    type: FilterTypes
    family: FilterFamilies
    flag: FilterFlags
    terms_list: _containers.RepeatedCompositeFieldContainer[FilterTerm]
    def __init__(self, name: _Optional[str] = ..., type: _Optional[_Union[FilterTypes, str]] = ..., family: _Optional[_Union[FilterFamilies, str]] = ..., flag: _Optional[_Union[FilterFlags, str]] = ..., terms_list: _Optional[_Iterable[_Union[FilterTerm, _Mapping]]] = ...) -> None: ...

class FilterModifyRequest(_message.Message):
    __slots__ = ("name", "type", "family", "flag", "terms_list")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    FAMILY_FIELD_NUMBER: _ClassVar[int]
    FLAG_FIELD_NUMBER: _ClassVar[int]
    TERMS_LIST_FIELD_NUMBER: _ClassVar[int]
    name: str
    type: FilterTypes
    family: FilterFamilies
    flag: FilterFlags
    terms_list: _containers.RepeatedCompositeFieldContainer[FilterTerm]
    def __init__(self, name: _Optional[str] = ..., type: _Optional[_Union[FilterTypes, str]] = ..., family: _Optional[_Union[FilterFamilies, str]] = ..., flag: _Optional[_Union[FilterFlags, str]] = ..., terms_list: _Optional[_Iterable[_Union[FilterTerm, _Mapping]]] = ...) -> None: ...

class FilterDeleteRequest(_message.Message):
    __slots__ = ("name", "family")
    NAME_FIELD_NUMBER: _ClassVar[int]
    FAMILY_FIELD_NUMBER: _ClassVar[int]
    name: str
    family: FilterFamilies
    def __init__(self, name: _Optional[str] = ..., family: _Optional[_Union[FilterFamilies, str]] = ...) -> None: ...

class FilterBindObjPoint(_message.Message):
    __slots__ = ("interface_name", "forwarding_table")
    INTERFACE_NAME_FIELD_NUMBER: _ClassVar[int]
    FORWARDING_TABLE_FIELD_NUMBER: _ClassVar[int]
    interface_name: str
    forwarding_table: str
    def __init__(self, interface_name: _Optional[str] = ..., forwarding_table: _Optional[str] = ...) -> None: ...

class FilterObjBindAddRequest(_message.Message):
    __slots__ = ("filter", "obj_type", "bind_object", "bind_direction", "bind_family")
    FILTER_FIELD_NUMBER: _ClassVar[int]
    OBJ_TYPE_FIELD_NUMBER: _ClassVar[int]
    BIND_OBJECT_FIELD_NUMBER: _ClassVar[int]
    BIND_DIRECTION_FIELD_NUMBER: _ClassVar[int]
    BIND_FAMILY_FIELD_NUMBER: _ClassVar[int]
    filter: Filter
    obj_type: FilterBindObjType
    bind_object: FilterBindObjPoint
    bind_direction: FilterBindDirection
    bind_family: FilterFamilies
    def __init__(self, filter: _Optional[_Union[Filter, _Mapping]] = ..., obj_type: _Optional[_Union[FilterBindObjType, str]] = ..., bind_object: _Optional[_Union[FilterBindObjPoint, _Mapping]] = ..., bind_direction: _Optional[_Union[FilterBindDirection, str]] = ..., bind_family: _Optional[_Union[FilterFamilies, str]] = ...) -> None: ...

class FilterObjBindDeleteRequest(_message.Message):
    __slots__ = ("filter", "obj_type", "bind_object", "bind_direction", "bind_family")
    FILTER_FIELD_NUMBER: _ClassVar[int]
    OBJ_TYPE_FIELD_NUMBER: _ClassVar[int]
    BIND_OBJECT_FIELD_NUMBER: _ClassVar[int]
    BIND_DIRECTION_FIELD_NUMBER: _ClassVar[int]
    BIND_FAMILY_FIELD_NUMBER: _ClassVar[int]
    filter: Filter
    obj_type: FilterBindObjType
    bind_object: FilterBindObjPoint
    bind_direction: FilterBindDirection
    bind_family: FilterFamilies
    def __init__(self, filter: _Optional[_Union[Filter, _Mapping]] = ..., obj_type: _Optional[_Union[FilterBindObjType, str]] = ..., bind_object: _Optional[_Union[FilterBindObjPoint, _Mapping]] = ..., bind_direction: _Optional[_Union[FilterBindDirection, str]] = ..., bind_family: _Optional[_Union[FilterFamilies, str]] = ...) -> None: ...

class FilterCounterGetRequest(_message.Message):
    __slots__ = ("filter_name", "counter_name")
    FILTER_NAME_FIELD_NUMBER: _ClassVar[int]
    COUNTER_NAME_FIELD_NUMBER: _ClassVar[int]
    filter_name: str
    counter_name: str
    def __init__(self, filter_name: _Optional[str] = ..., counter_name: _Optional[str] = ...) -> None: ...

class FiltersPurgeTimerAddRequest(_message.Message):
    __slots__ = ("time",)
    TIME_FIELD_NUMBER: _ClassVar[int]
    time: int
    def __init__(self, time: _Optional[int] = ...) -> None: ...

class FiltersPurgeTimerGetRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class FilterAddResponse(_message.Message):
    __slots__ = ("status", "sub_code")
    class StatusCode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        EOK: _ClassVar[FilterAddResponse.StatusCode]
        EINVALID_MESSAGE: _ClassVar[FilterAddResponse.StatusCode]
        EINTERNAL: _ClassVar[FilterAddResponse.StatusCode]
        EUNSUPPORTED_OP: _ClassVar[FilterAddResponse.StatusCode]
        NO_RESOURCE: _ClassVar[FilterAddResponse.StatusCode]
    EOK: FilterAddResponse.StatusCode
    EINVALID_MESSAGE: FilterAddResponse.StatusCode
    EINTERNAL: FilterAddResponse.StatusCode
    EUNSUPPORTED_OP: FilterAddResponse.StatusCode
    NO_RESOURCE: FilterAddResponse.StatusCode
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUB_CODE_FIELD_NUMBER: _ClassVar[int]
    status: _jnx_common_types_pb2.RpcStatus
    sub_code: FilterAddResponse.StatusCode
    def __init__(self, status: _Optional[_Union[_jnx_common_types_pb2.RpcStatus, _Mapping]] = ..., sub_code: _Optional[_Union[FilterAddResponse.StatusCode, str]] = ...) -> None: ...

class FilterModifyResponse(_message.Message):
    __slots__ = ("status", "sub_code")
    class StatusCode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        EOK: _ClassVar[FilterModifyResponse.StatusCode]
        EINVALID_MESSAGE: _ClassVar[FilterModifyResponse.StatusCode]
        EINTERNAL: _ClassVar[FilterModifyResponse.StatusCode]
        EUNSUPPORTED_OP: _ClassVar[FilterModifyResponse.StatusCode]
        NO_RESOURCE: _ClassVar[FilterModifyResponse.StatusCode]
    EOK: FilterModifyResponse.StatusCode
    EINVALID_MESSAGE: FilterModifyResponse.StatusCode
    EINTERNAL: FilterModifyResponse.StatusCode
    EUNSUPPORTED_OP: FilterModifyResponse.StatusCode
    NO_RESOURCE: FilterModifyResponse.StatusCode
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUB_CODE_FIELD_NUMBER: _ClassVar[int]
    status: _jnx_common_types_pb2.RpcStatus
    sub_code: FilterModifyResponse.StatusCode
    def __init__(self, status: _Optional[_Union[_jnx_common_types_pb2.RpcStatus, _Mapping]] = ..., sub_code: _Optional[_Union[FilterModifyResponse.StatusCode, str]] = ...) -> None: ...

class FilterDeleteResponse(_message.Message):
    __slots__ = ("status", "sub_code")
    class StatusCode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        EOK: _ClassVar[FilterDeleteResponse.StatusCode]
        EINVALID_MESSAGE: _ClassVar[FilterDeleteResponse.StatusCode]
        EINTERNAL: _ClassVar[FilterDeleteResponse.StatusCode]
        EUNSUPPORTED_OP: _ClassVar[FilterDeleteResponse.StatusCode]
        NO_RESOURCE: _ClassVar[FilterDeleteResponse.StatusCode]
    EOK: FilterDeleteResponse.StatusCode
    EINVALID_MESSAGE: FilterDeleteResponse.StatusCode
    EINTERNAL: FilterDeleteResponse.StatusCode
    EUNSUPPORTED_OP: FilterDeleteResponse.StatusCode
    NO_RESOURCE: FilterDeleteResponse.StatusCode
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUB_CODE_FIELD_NUMBER: _ClassVar[int]
    status: _jnx_common_types_pb2.RpcStatus
    sub_code: FilterDeleteResponse.StatusCode
    def __init__(self, status: _Optional[_Union[_jnx_common_types_pb2.RpcStatus, _Mapping]] = ..., sub_code: _Optional[_Union[FilterDeleteResponse.StatusCode, str]] = ...) -> None: ...

class FilterBindAddResponse(_message.Message):
    __slots__ = ("status", "sub_code")
    class StatusCode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        EOK: _ClassVar[FilterBindAddResponse.StatusCode]
        EINVALID_MESSAGE: _ClassVar[FilterBindAddResponse.StatusCode]
        EINTERNAL: _ClassVar[FilterBindAddResponse.StatusCode]
        EUNSUPPORTED_OP: _ClassVar[FilterBindAddResponse.StatusCode]
        NO_RESOURCE: _ClassVar[FilterBindAddResponse.StatusCode]
    EOK: FilterBindAddResponse.StatusCode
    EINVALID_MESSAGE: FilterBindAddResponse.StatusCode
    EINTERNAL: FilterBindAddResponse.StatusCode
    EUNSUPPORTED_OP: FilterBindAddResponse.StatusCode
    NO_RESOURCE: FilterBindAddResponse.StatusCode
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUB_CODE_FIELD_NUMBER: _ClassVar[int]
    status: _jnx_common_types_pb2.RpcStatus
    sub_code: FilterBindAddResponse.StatusCode
    def __init__(self, status: _Optional[_Union[_jnx_common_types_pb2.RpcStatus, _Mapping]] = ..., sub_code: _Optional[_Union[FilterBindAddResponse.StatusCode, str]] = ...) -> None: ...

class FilterBindDeleteResponse(_message.Message):
    __slots__ = ("status", "sub_code")
    class StatusCode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        EOK: _ClassVar[FilterBindDeleteResponse.StatusCode]
        EINVALID_MESSAGE: _ClassVar[FilterBindDeleteResponse.StatusCode]
        EINTERNAL: _ClassVar[FilterBindDeleteResponse.StatusCode]
        EUNSUPPORTED_OP: _ClassVar[FilterBindDeleteResponse.StatusCode]
        NO_RESOURCE: _ClassVar[FilterBindDeleteResponse.StatusCode]
    EOK: FilterBindDeleteResponse.StatusCode
    EINVALID_MESSAGE: FilterBindDeleteResponse.StatusCode
    EINTERNAL: FilterBindDeleteResponse.StatusCode
    EUNSUPPORTED_OP: FilterBindDeleteResponse.StatusCode
    NO_RESOURCE: FilterBindDeleteResponse.StatusCode
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUB_CODE_FIELD_NUMBER: _ClassVar[int]
    status: _jnx_common_types_pb2.RpcStatus
    sub_code: FilterBindDeleteResponse.StatusCode
    def __init__(self, status: _Optional[_Union[_jnx_common_types_pb2.RpcStatus, _Mapping]] = ..., sub_code: _Optional[_Union[FilterBindDeleteResponse.StatusCode, str]] = ...) -> None: ...

class FilterCounterGetResponse(_message.Message):
    __slots__ = ("status", "sub_code", "counter_name", "bytes", "packets")
    class StatusCode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        EOK: _ClassVar[FilterCounterGetResponse.StatusCode]
        EINVALID_MESSAGE: _ClassVar[FilterCounterGetResponse.StatusCode]
        EINTERNAL: _ClassVar[FilterCounterGetResponse.StatusCode]
        EUNSUPPORTED_OP: _ClassVar[FilterCounterGetResponse.StatusCode]
        NO_RESOURCE: _ClassVar[FilterCounterGetResponse.StatusCode]
        TIMEOUT: _ClassVar[FilterCounterGetResponse.StatusCode]
    EOK: FilterCounterGetResponse.StatusCode
    EINVALID_MESSAGE: FilterCounterGetResponse.StatusCode
    EINTERNAL: FilterCounterGetResponse.StatusCode
    EUNSUPPORTED_OP: FilterCounterGetResponse.StatusCode
    NO_RESOURCE: FilterCounterGetResponse.StatusCode
    TIMEOUT: FilterCounterGetResponse.StatusCode
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUB_CODE_FIELD_NUMBER: _ClassVar[int]
    COUNTER_NAME_FIELD_NUMBER: _ClassVar[int]
    BYTES_FIELD_NUMBER: _ClassVar[int]
    PACKETS_FIELD_NUMBER: _ClassVar[int]
    status: _jnx_common_types_pb2.RpcStatus
    sub_code: FilterCounterGetResponse.StatusCode
    counter_name: str
    bytes: int
    packets: int
    def __init__(self, status: _Optional[_Union[_jnx_common_types_pb2.RpcStatus, _Mapping]] = ..., sub_code: _Optional[_Union[FilterCounterGetResponse.StatusCode, str]] = ..., counter_name: _Optional[str] = ..., bytes: _Optional[int] = ..., packets: _Optional[int] = ...) -> None: ...

class FiltersPurgeTimerAddResponse(_message.Message):
    __slots__ = ("status", "sub_code")
    class StatusCode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        EOK: _ClassVar[FiltersPurgeTimerAddResponse.StatusCode]
        EINVALID_MESSAGE: _ClassVar[FiltersPurgeTimerAddResponse.StatusCode]
        EINTERNAL: _ClassVar[FiltersPurgeTimerAddResponse.StatusCode]
        EUNSUPPORTED_OP: _ClassVar[FiltersPurgeTimerAddResponse.StatusCode]
        NO_RESOURCE: _ClassVar[FiltersPurgeTimerAddResponse.StatusCode]
    EOK: FiltersPurgeTimerAddResponse.StatusCode
    EINVALID_MESSAGE: FiltersPurgeTimerAddResponse.StatusCode
    EINTERNAL: FiltersPurgeTimerAddResponse.StatusCode
    EUNSUPPORTED_OP: FiltersPurgeTimerAddResponse.StatusCode
    NO_RESOURCE: FiltersPurgeTimerAddResponse.StatusCode
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUB_CODE_FIELD_NUMBER: _ClassVar[int]
    status: _jnx_common_types_pb2.RpcStatus
    sub_code: FiltersPurgeTimerAddResponse.StatusCode
    def __init__(self, status: _Optional[_Union[_jnx_common_types_pb2.RpcStatus, _Mapping]] = ..., sub_code: _Optional[_Union[FiltersPurgeTimerAddResponse.StatusCode, str]] = ...) -> None: ...

class FiltersPurgeTimerGetResponse(_message.Message):
    __slots__ = ("status", "sub_code", "time")
    class StatusCode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        EOK: _ClassVar[FiltersPurgeTimerGetResponse.StatusCode]
        EINVALID_MESSAGE: _ClassVar[FiltersPurgeTimerGetResponse.StatusCode]
        EINTERNAL: _ClassVar[FiltersPurgeTimerGetResponse.StatusCode]
        EUNSUPPORTED_OP: _ClassVar[FiltersPurgeTimerGetResponse.StatusCode]
        NO_RESOURCE: _ClassVar[FiltersPurgeTimerGetResponse.StatusCode]
    EOK: FiltersPurgeTimerGetResponse.StatusCode
    EINVALID_MESSAGE: FiltersPurgeTimerGetResponse.StatusCode
    EINTERNAL: FiltersPurgeTimerGetResponse.StatusCode
    EUNSUPPORTED_OP: FiltersPurgeTimerGetResponse.StatusCode
    NO_RESOURCE: FiltersPurgeTimerGetResponse.StatusCode
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUB_CODE_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    status: _jnx_common_types_pb2.RpcStatus
    sub_code: FiltersPurgeTimerGetResponse.StatusCode
    time: int
    def __init__(self, status: _Optional[_Union[_jnx_common_types_pb2.RpcStatus, _Mapping]] = ..., sub_code: _Optional[_Union[FiltersPurgeTimerGetResponse.StatusCode, str]] = ..., time: _Optional[int] = ...) -> None: ...
