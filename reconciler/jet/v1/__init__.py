"""The classic JET API (v1: packages authentication, routing, management) as a router session.

A v1 router offers routes (RIB and BGP static), its purge timer and operational
commands, but no firewall service. Its messages differ from v2's in field numbers
and shape (a flat BGP entry, the gateway weight in another field, status codes as a
bare enum with no message), so nothing here reuses a v2 message.
"""
