"""Command implementations; reconciler.cli only wires them."""
