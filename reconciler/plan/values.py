"""Plain-data views of values for plans: what `before`/`after` show, field by field."""

from __future__ import annotations

from typing import Any

from reconciler.model.filters import AddressMatch, Binding, FirewallFilter, Range, Term
from reconciler.model.routes import BgpPath, Gateway, StaticRoute


def _gateway(g: Gateway) -> str:
    text = g.address or ""
    if g.interface:
        text = f"{text} via {g.interface}" if text else g.interface
    return f"{text} weight {g.weight}" if g.weight is not None else text


def static_route(route: StaticRoute) -> dict[str, Any]:
    return {
        "table": route.key.table,
        "prefix": route.key.prefix,
        "next_hops": [_gateway(g) for g in route.gateways],
        "preference": route.preference,
        "preference2": route.preference2,
        "tag": route.tag,
    }


def bgp_path(path: BgpPath) -> dict[str, Any]:
    return {
        "table": path.key.table,
        "prefix": path.key.prefix,
        "next_hop": path.next_hop,
        "route_preference": path.route_preference,
        "local_preference": path.local_preference,
        "med": path.med,
        "as_path": path.as_path,
        "communities": list(path.communities),
    }


def _range(r: Range) -> str:
    text = str(r.low) if r.low == r.high else f"{r.low}-{r.high}"
    return f"not {text}" if r.negate else text


def _address(a: AddressMatch) -> str:
    return f"{a.prefix} except" if a.negate else a.prefix


def term(t: Term) -> dict[str, Any]:
    m, a = t.match, t.action
    match: dict[str, Any] = {}
    for name in ("source", "destination"):
        values = getattr(m, name)
        if values:
            match[name] = [_address(v) for v in values]
    for name in ("protocols", "source_ports", "destination_ports", "icmp_types", "icmp_codes", "dscp", "ttl",
                 "packet_length"):  # fmt: skip
        values = getattr(m, name)
        if values:
            match[name] = [_range(v) for v in values]
    if m.fragment:
        match["fragment"] = m.fragment.value
    then: dict[str, Any] = {}
    if a.terminating:
        then["action"] = a.terminating.value
    for name in ("reject_reason", "routing_instance", "count", "policer"):
        if getattr(a, name):
            then[name] = getattr(a, name)
    for name in ("log", "syslog", "next_term"):
        if getattr(a, name):
            then[name] = True
    return {"name": t.name, "from": match, "then": then}


def firewall_filter(f: FirewallFilter) -> dict[str, Any]:
    return {"name": f.name, "family": f.family.value, "terms": [term(t) for t in f.terms]}


def binding(b: Binding) -> dict[str, Any]:
    return {"filter": b.filter, "family": b.family.value, "interface": b.interface, "direction": b.direction.value}
