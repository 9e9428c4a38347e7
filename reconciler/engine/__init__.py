"""The engine: one reconcile of one router (read, plan, guard, execute, verify,
record), shared by `plan`, `apply` and `watch`. It talks to routers only through
the router port (reconciler.port), so it runs the same against JET routers and
the in-memory router."""
