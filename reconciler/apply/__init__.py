"""Applying plans: sessions, guarded execution, verification, the per-router loop."""
