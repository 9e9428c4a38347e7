"""Property: any valid intent, written out as YAML and read back, is the same intent."""

from __future__ import annotations

import ipaddress

import msgspec
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from reconciler.intent.files import filter_value, parse_intent_file
from reconciler.model.intent import FilterSpec

_V4 = st.builds(
    lambda value, length: str(ipaddress.ip_network((value, length), strict=False)),
    st.integers(0, 2**32 - 1),
    st.integers(0, 32),
)
_HOP = st.integers(1, 2**24).map(lambda v: str(ipaddress.IPv4Address(0x0A000000 + v)))
_STATIC = st.fixed_dictionaries(
    {"prefix": _V4, "next_hops": st.lists(_HOP, min_size=1, max_size=8, unique=True)},
    optional={
        "preference": st.integers(5, 2**32 - 1),
        "tag": st.integers(0, 2**32 - 1),
        "routing_instance": st.sampled_from(["blue", "red"]),
    },
)
_BGP = st.fixed_dictionaries(
    {"prefix": _V4, "paths": st.lists(_HOP, min_size=1, max_size=4, unique=True).map(
        lambda hops: [{"next_hop": h} for h in hops])},
    optional={"local_preference": st.integers(0, 2**32 - 1), "communities": st.lists(
        st.sampled_from(["65000:1", "65000:2", "no-export"]), unique=True)},
)  # fmt: skip
_RANGE = st.one_of(st.integers(0, 255), st.sampled_from(["tcp", "udp", "icmp", "1-100"]))


def _ports_with_tcp(match: dict[str, list[object]]) -> dict[str, list[object]]:
    """Ports are valid only with a protocol that has them, when a term names protocols."""
    if match.get("protocol") and match.get("destination_port"):
        return {**match, "protocol": [*match["protocol"], "tcp"]}
    return match


_TERM = st.fixed_dictionaries(
    {"then": st.one_of(
        st.fixed_dictionaries({"action": st.sampled_from(["accept", "discard"])},
                              optional={"count": st.sampled_from(["c1", "c2"]), "log": st.booleans()}),
        st.just({"next_term": True}),
    )},
    optional={"from": st.fixed_dictionaries({}, optional={
        "source": st.lists(_V4, max_size=3, unique=True), "protocol": st.lists(_RANGE, max_size=3),
        "destination_port": st.lists(st.integers(0, 65535), max_size=3),
        "ttl": st.lists(st.integers(0, 255), max_size=2),
    }).map(_ports_with_tcp)},
)  # fmt: skip
_FILTER = st.builds(
    lambda name, terms: {"name": name, "terms": [{"name": f"t{i}", **t} for i, t in enumerate(terms)]},
    st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True),
    st.lists(_TERM, min_size=1, max_size=4),
)


@settings(max_examples=150, deadline=None)
@given(static=st.lists(_STATIC, max_size=6), bgp=st.lists(_BGP, max_size=4), filters=st.lists(_FILTER, max_size=3))
def test_valid_intent_survives_yaml_round_trip(static: list, bgp: list, filters: list) -> None:  # type: ignore[type-arg]
    document = {"apply_to": {"all": True}, "static_routes": static, "bgp_routes": bgp, "filters": filters}
    first = parse_intent_file("intent/a.yaml", yaml.safe_dump(document).encode())
    assert first.errors == []
    # Write the validated model back out (canonical forms) and read it again.
    specs = [FilterSpec.model_validate(f) for f in filters]
    again = {
        "apply_to": {"all": True},
        "static_routes": [
            {"prefix": r.key.prefix, "table": r.key.table, "next_hops": [g.address for g in r.gateways],
             "preference": r.preference, "preference2": r.preference2, **({"tag": r.tag} if r.tag is not None else {})}
            for r in first.routes.static
        ],
        "bgp_routes": msgspec.to_builtins(
            [{"prefix": p.key.prefix, "table": p.key.table, "paths": [
                {"next_hop": p.next_hop, "route_preference": p.route_preference,
                 **({"local_preference": p.local_preference} if p.local_preference is not None else {}),
                 "communities": list(p.communities)}]} for p in first.routes.bgp]
        ),
        "filters": [s.model_dump(mode="json", by_alias=True, exclude_defaults=True) for s in specs],
    }  # fmt: skip
    second = parse_intent_file("intent/b.yaml", yaml.safe_dump(again).encode())
    assert second.errors == []
    assert second.routes.static == first.routes.static
    assert sorted(map(repr, second.routes.bgp)) == sorted(map(repr, first.routes.bgp))
    assert second.filters == first.filters == [filter_value(s) for s in specs]
