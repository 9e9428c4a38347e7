"""The JET client: every typed call of one router session.

Every response is checked for the gRPC status *and* the JET `status`/`sub_code`
and turned into the errors of `reconciler.jet.errors` (see `session.py`).
"""

from __future__ import annotations

from reconciler.jet.firewall_calls import FirewallCalls
from reconciler.jet.route_calls import RouteCalls
from reconciler.jet.session import MAX_BATCH, InitResult

__all__ = ["MAX_BATCH", "InitResult", "JetClient"]


class JetClient(RouteCalls, FirewallCalls):
    """One logged-in session to one router: routes, filters, operational commands."""
