"""The router port: what the engine needs from a router, as a typed interface.

Drivers implement it (reconciler.jet over gRPC; reconciler.port.memory in
memory, for tests). The engine sees typed values and the small error vocabulary
of reconciler.port.errors, never a driver's status codes or messages.
"""
