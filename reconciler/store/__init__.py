"""Persistent state of the reconciler (SQLite under a state directory)."""
