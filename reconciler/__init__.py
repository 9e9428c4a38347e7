"""GitOps reconciler for Junos routers over Juniper JET."""

import os

__version__ = "0.1.0"

# gRPC's C core logs TLS failures on stderr in its own format, while the reconciler says what
# went wrong in one line. It reads this when grpc is first imported, so it is set here, before
# any module of the package imports grpc; an operator's own GRPC_VERBOSITY wins.
os.environ.setdefault("GRPC_VERBOSITY", "NONE")
