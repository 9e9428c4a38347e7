"""Well-known names that intent may use instead of numbers (as Junos accepts them), and the
rule for interface unit names."""

from __future__ import annotations

import re

PROTOCOLS = {
    "icmp": 1, "igmp": 2, "ipip": 4, "tcp": 6, "egp": 8, "udp": 17, "rsvp": 46, "gre": 47, "esp": 50,
    "ah": 51, "icmp6": 58, "ospf": 89, "pim": 103, "vrrp": 112, "sctp": 132,
}  # fmt: skip
PORTS = {
    "ftp-data": 20, "ftp": 21, "ssh": 22, "telnet": 23, "smtp": 25, "domain": 53, "dhcp": 67,
    "tftp": 69, "http": 80, "kerberos-sec": 88, "pop3": 110, "ntp": 123, "snmp": 161,
    "snmptrap": 162, "bgp": 179, "ldap": 389, "https": 443, "syslog": 514, "ldp": 646,
    "netconf": 830, "bfd": 3784, "radius": 1812,
}  # fmt: skip
ICMP_TYPES = {
    "echo-reply": 0, "unreachable": 3, "source-quench": 4, "redirect": 5, "echo-request": 8,
    "router-advertisement": 9, "router-solicit": 10, "time-exceeded": 11, "parameter-problem": 12,
    "timestamp": 13, "timestamp-reply": 14,
}  # fmt: skip
DSCP = {
    "be": 0, "cs0": 0, "cs1": 8, "af11": 10, "af12": 12, "af13": 14, "cs2": 16, "af21": 18,
    "af22": 20, "af23": 22, "cs3": 24, "af31": 26, "af32": 28, "af33": 30, "cs4": 32, "af41": 34,
    "af42": 36, "af43": 38, "cs5": 40, "ef": 46, "cs6": 48, "cs7": 56,
}  # fmt: skip

# A Junos interface unit (logical interface) name, INTERFACE.UNIT, as bindings and next hops name it.
# INTERFACE is either a port on a line card, TYPE-FPC/PIC/PORT with an optional channel
# (ge-0/0/0, xe-1/2/3:1, et-0/0/1, gr-0/0/0), or a name with an optional number and no
# slot (ae0, lo0, irb, fxp0, em0, reth1, st0). Two slot levels (ge-0/0) are not an interface.
# Numbers are written without leading zeros so one interface has one spelling.
_NUMBER = r"(?:0|[1-9][0-9]*)"
INTERFACE_UNIT = re.compile(
    rf"(?:[a-z][a-z0-9]*-{_NUMBER}/{_NUMBER}/{_NUMBER}(?::{_NUMBER})?|[a-z]+{_NUMBER}?)\.(0|[1-9][0-9]{{0,4}})"
)
MAX_UNIT = 16385


def is_interface_unit(text: str) -> bool:
    """True when `text` names a Junos interface unit such as ge-0/0/0.0, xe-1/2/3:1.100 or lo0.0."""
    found = INTERFACE_UNIT.fullmatch(text)  # fullmatch: no trailing newline slips through
    return found is not None and int(found.group(1)) <= MAX_UNIT
