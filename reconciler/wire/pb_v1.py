"""Short names for the generated modules of the classic JET API (v1).

v1 lives in its own proto packages (authentication, routing, management, with
shared types in jnxBase), so its gRPC paths never collide with v2's and both
load into one process; the v2 names are in reconciler.wire.pb.
"""

from reconciler.wire.generated import jnx_v1_authentication_pb2 as auth_pb
from reconciler.wire.generated import jnx_v1_authentication_pb2_grpc as auth_grpc
from reconciler.wire.generated import jnx_v1_base_types_pb2 as jnx_base_pb
from reconciler.wire.generated import jnx_v1_management_pb2 as management_pb
from reconciler.wire.generated import jnx_v1_management_pb2_grpc as management_grpc
from reconciler.wire.generated import jnx_v1_routing_pb2 as routing_pb
from reconciler.wire.generated import jnx_v1_routing_pb2_grpc as routing_grpc

__all__ = [
    "auth_grpc",
    "auth_pb",
    "jnx_base_pb",
    "management_grpc",
    "management_pb",
    "routing_grpc",
    "routing_pb",
]
