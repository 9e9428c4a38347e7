"""Which routes this product owns: route cookies carry a product tag in their top bits.

Cookies are derived from intent alone (a static route has one cookie; each BGP
path's cookie comes from its next hop), so the desired state is a pure function
of the intent and a plan never depends on what was written before.
"""

from __future__ import annotations

import zlib

OWNER_TAG = 0x4A52  # "JR": the top 16 bits of every cookie this product writes
OWNER_SHIFT = 48
STATIC_COOKIE = (OWNER_TAG << OWNER_SHIFT) | 1
_BGP_MARK = 1 << 40


def bgp_cookie(next_hop: str) -> int:
    """The cookie of the BGP path of one prefix via `next_hop` (canonical text)."""
    return (OWNER_TAG << OWNER_SHIFT) | _BGP_MARK | zlib.crc32(next_hop.encode())


def is_owned(cookie: int) -> bool:
    return cookie >> OWNER_SHIFT == OWNER_TAG
