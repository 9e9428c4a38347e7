"""The device port: what the engine needs from a router, as a typed interface.

Drivers implement it (reconciler.jet over gRPC; reconciler.device.memory in
memory, for tests). The engine sees typed values and the small error vocabulary
of reconciler.device.errors, never a driver's status codes or messages.
"""
