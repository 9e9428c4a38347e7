from __future__ import annotations

import pytest

from reconciler.model.prefixes import Family, canonical_address, canonical_prefix, family_of_table


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("10.0.0.0/8", "10.0.0.0/8"),
        ("2001:DB8:0::/32", "2001:db8::/32"),
        ("2001:db8:0:0:0:0:0:1/128", "2001:db8::1/128"),
        ("0.0.0.0/0", "0.0.0.0/0"),
    ],
)
def test_canonical_prefix(text: str, canonical: str) -> None:
    assert canonical_prefix(text) == canonical


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("10.0.0.1/8", "host bits"),
        ("10.0.0.0/33", "longer than 32"),
        ("10.0.0.0", "not a prefix"),
        ("10.0.0.300/24", "not a valid inet address"),
        ("2001:db8::/129", "longer than 128"),
        ("10.0.0.0/x", "not a prefix"),
    ],
)
def test_bad_prefixes_are_explained(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        canonical_prefix(text)


def test_canonical_address_and_table_family() -> None:
    assert canonical_address("2001:DB8::0001") == "2001:db8::1"
    with pytest.raises(ValueError):
        canonical_address("1.2.3")
    assert family_of_table("inet.0") is Family.INET
    assert family_of_table("blue.inet6.0") is Family.INET6
