"""Reading safety (YAML tricks) and canonical forms (two spellings, one value)."""

from __future__ import annotations

import textwrap

import pytest

from reconciler.intent.files import parse_intent_file
from reconciler.intent.yaml_loader import YamlError, load_yaml


def errors(text: str) -> list[str]:
    return [str(e) for e in parse_intent_file("intent/a.yaml", textwrap.dedent(text).encode()).errors]


def test_duplicate_keys_are_errors_with_both_lines() -> None:
    assert errors("apply_to: {all: true}\nstatic_routes: []\napply_to: {all: true}\n") == [
        "intent/a.yaml:3:1: apply_to: duplicate key 'apply_to' (first on line 1)"
    ]


def test_alias_bomb_is_refused() -> None:
    levels = ['a: &a ["lol","lol"]'] + [
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)
    ]
    with pytest.raises(YamlError, match="aliases expand to more than 10000 values"):
        load_yaml("\n".join(levels) + "\n")


def test_few_aliases_expanding_to_much_data_are_refused() -> None:
    text = "big: &big [" + ", ".join(str(i) for i in range(500)) + "]\n" + "".join(f"k{i}: *big\n" for i in range(30))
    with pytest.raises(YamlError, match="aliases expand to more than 10000 values"):
        load_yaml(text)


def test_many_aliases_are_refused() -> None:
    text = "x: &x 1\n" + "".join(f"k{i}: *x\n" for i in range(101))
    with pytest.raises(YamlError, match="more than 100 aliases"):
        load_yaml(text)


def test_a_few_aliases_are_fine() -> None:
    assert load_yaml("hops: &h [192.0.2.1]\nagain: *h\n")[0] == {"hops": ["192.0.2.1"], "again": ["192.0.2.1"]}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: !!python/object/apply:os.system [echo]\n", "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not"),
        ("a: !!python/name:os.system\n", "tag 'tag:yaml.org,2002:python/name:os.system' is not allowed"),
        ("<<: {a: 1}\n", "merge keys (<<) are not supported"),
        ("a: [\n", "expected (the )?node content"),
        ("[" * 70 + "]" * 70 + "\n", "nesting deeper than 64 levels"),
    ],
)
def test_unsafe_or_broken_yaml_is_refused(text: str, message: str) -> None:
    with pytest.raises(YamlError, match=message.replace("(<<)", r"\(<<\)")):
        load_yaml(text)


def test_not_utf8_is_an_error() -> None:
    parsed = parse_intent_file("intent/a.yaml", b"apply_to: \xff\n")
    assert [str(e) for e in parsed.errors] == ["intent/a.yaml:1:11: not UTF-8 text (byte 10): save the file as UTF-8"]


def _compiled(text: str) -> object:
    parsed = parse_intent_file("intent/a.yaml", textwrap.dedent(text).encode())
    assert parsed.errors == []
    return (parsed.routes.static, parsed.routes.bgp, parsed.filters)


def test_two_spellings_of_the_same_intent_compare_equal() -> None:
    one = _compiled("""\
        apply_to: {all: true}
        static_routes:
          - {prefix: 10.1.0.0/16, next_hops: [192.0.2.2, 192.0.2.1], preference: 5}
          - {prefix: "2001:DB8:0::/48", next_hops: ["2001:db8::0002"]}
        bgp_routes:
          - {prefix: 10.123.0.0/24, local_preference: 200, paths: [{next_hop: 10.0.0.2}, {next_hop: 10.0.0.1}]}
        filters:
          - name: f
            terms:
              - {name: t, from: {protocol: [tcp, udp], destination_port: [ssh, "1024-65535"], dscp: [ef]},
                 then: {action: accept}}
        """)
    two = _compiled("""\
        apply_to: {all: true}
        static_routes:
          - {prefix: 10.1.0.0/255.255.0.0, next_hops: [192.0.2.1, 192.0.2.2]}
          - {prefix: "2001:db8::/48", next_hops: ["2001:db8::2"], table: inet6.0}
        bgp_routes:
          - prefix: 10.123.0.0/24
            paths: [{next_hop: 10.0.0.1, local_preference: 200}, {next_hop: 10.0.0.2, local_preference: 200}]
        filters:
          - name: f
            family: inet
            terms:
              - {name: t, from: {protocol: [6, 17], destination_port: [22, 1024-65535], dscp: [46]},
                 then: {action: accept}}
        """)
    assert one == two


def test_bgp_paths_keep_their_order_independent_identity() -> None:
    static, bgp, _ = _compiled(  # type: ignore[misc]
        "apply_to: {all: true}\nbgp_routes:\n"
        "  - {prefix: 10.9.0.0/16, paths: [{next_hop: 10.0.0.1}, {next_hop: 10.0.0.2}]}\n"
    )
    assert static == [] and len({p.key.cookie for p in bgp}) == 2  # one cookie per path
