"""Short names for the generated protobuf and gRPC modules."""

from reconciler.wire.generated import jnx_authentication_service_pb2 as auth_pb
from reconciler.wire.generated import jnx_authentication_service_pb2_grpc as auth_grpc
from reconciler.wire.generated import jnx_common_types_pb2 as common_pb
from reconciler.wire.generated import jnx_firewall_service_pb2 as firewall_pb
from reconciler.wire.generated import jnx_firewall_service_pb2_grpc as firewall_grpc
from reconciler.wire.generated import jnx_management_service_pb2 as management_pb
from reconciler.wire.generated import jnx_management_service_pb2_grpc as management_grpc
from reconciler.wire.generated import jnx_routing_base_service_pb2 as base_pb
from reconciler.wire.generated import jnx_routing_base_service_pb2_grpc as base_grpc
from reconciler.wire.generated import jnx_routing_base_types_pb2 as base_types_pb
from reconciler.wire.generated import jnx_routing_bgp_service_pb2 as bgp_pb
from reconciler.wire.generated import jnx_routing_bgp_service_pb2_grpc as bgp_grpc
from reconciler.wire.generated import jnx_routing_rib_service_pb2 as rib_pb
from reconciler.wire.generated import jnx_routing_rib_service_pb2_grpc as rib_grpc

__all__ = [
    "auth_grpc",
    "auth_pb",
    "base_grpc",
    "base_pb",
    "base_types_pb",
    "bgp_grpc",
    "bgp_pb",
    "common_pb",
    "firewall_grpc",
    "firewall_pb",
    "management_grpc",
    "management_pb",
    "rib_grpc",
    "rib_pb",
]
