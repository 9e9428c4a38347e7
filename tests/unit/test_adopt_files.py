"""Edits applied to intent file text keep its layout and comments, and read back as meant."""

from __future__ import annotations

import json

from reconciler.adopt.edits import Edit
from reconciler.adopt.files import edit_text, new_file
from reconciler.intent.files import parse_intent_file

BGP = """\
# BGP routes
apply_to: {all: true}

bgp_routes:
  - prefix: 10.1.0.0/24
    local_preference: 200   # for the whole route
    paths:
      - {next_hop: 10.0.0.1}
      - {next_hop: 10.0.0.2}
  - prefix: 10.2.0.0/24
    paths:
      - {next_hop: 10.0.0.1}
"""


def test_a_path_edit_keeps_everything_else_and_quotes_what_yaml_1_1_would_misread() -> None:
    edited = edit_text(
        "b.yaml", BGP, [Edit("b.yaml", "set", ("bgp_routes", 0, "paths", 1), {"communities": ["65000:10"], "med": 5})]
    )
    assert edited == BGP.replace("{next_hop: 10.0.0.2}", '{next_hop: 10.0.0.2, communities: ["65000:10"], med: 5}')
    parsed = parse_intent_file("b.yaml", edited.encode())
    assert parsed.errors == []
    assert next(p.communities for p in parsed.routes.bgp if p.next_hop == "10.0.0.2") == ("65000:10",)


def test_removing_the_last_path_removes_its_route() -> None:
    edited = edit_text("b.yaml", BGP, [Edit("b.yaml", "remove", ("bgp_routes", 1, "paths", 0))])
    assert "10.2.0.0/24" not in edited
    assert edited.startswith("# BGP routes\napply_to: {all: true}\n\nbgp_routes:\n  - prefix: 10.1.0.0/24\n")


def test_a_new_key_goes_above_a_comment_that_heads_the_next_entry() -> None:
    text = (
        "apply_to: {all: true}\nstatic_routes:\n- prefix: 10.0.0.0/8\n  next_hops: [192.0.2.1]\n# next one\n"
        "- {prefix: 10.1.0.0/16, next_hops: [192.0.2.1]}\n"
    )
    edited = edit_text("s.yaml", text, [Edit("s.yaml", "set", ("static_routes", 0), {"tag": 4})])
    assert "  next_hops: [192.0.2.1]\n  tag: 4\n# next one\n- {prefix: 10.1.0.0/16" in edited


def test_json_keeps_key_order_and_indentation() -> None:
    text = (
        json.dumps(
            {
                "apply_to": {"all": True},
                "static_routes": [{"prefix": "10.0.0.0/8", "next_hops": ["192.0.2.1"], "tag": 1}],
            },
            indent=4,
        )
        + "\n"
    )
    edited = edit_text("s.json", text, [Edit("s.json", "set", ("static_routes", 0), {"tag": None, "preference": 9})])
    assert (
        edited
        == json.dumps(
            {
                "apply_to": {"all": True},
                "static_routes": [{"prefix": "10.0.0.0/8", "next_hops": ["192.0.2.1"], "preference": 9}],
            },
            indent=4,
        )
        + "\n"
    )


def test_a_new_adoption_file_applies_to_its_router_only() -> None:
    text = edit_text(
        "a.yaml",
        new_file("r1", "a.yaml"),
        [
            Edit(
                "a.yaml",
                "add",
                ("static_routes",),
                entry={"prefix": "10.9.0.0/16", "next_hops": ["192.0.2.5"], "preference": 5},
            )
        ],
    )
    parsed = parse_intent_file("a.yaml", text.encode())
    assert parsed.errors == [] and parsed.apply_to is not None and parsed.apply_to.devices == ("r1",)
    assert [r.key.prefix for r in parsed.routes.static] == ["10.9.0.0/16"]
