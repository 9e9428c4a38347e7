"""GitOps reconciler for Junos routers over Juniper JET."""

__version__ = "0.1.0"
