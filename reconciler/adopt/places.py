"""Where each route of a router is declared: file and entry, from the parsed intent files.

The loader keeps, per file, the list index of every compiled static route and the place
of every BGP path; this turns them into a reverse index from route key to declaration.
"""

from __future__ import annotations

from collections.abc import Mapping

from reconciler.adopt.edits import Declared
from reconciler.intent.files import ParsedFile
from reconciler.model.intent import RouterEntry
from reconciler.model.routes import RouteKey


def declarations(files: list[ParsedFile], router: str, routers: Mapping[str, RouterEntry]) -> dict[RouteKey, Declared]:
    """Route key -> where it is declared for `router` (the first file by path, as the merge reads them)."""
    found: dict[RouteKey, Declared] = {}
    for parsed in sorted(files, key=lambda f: f.path):
        apply_to = parsed.apply_to
        if apply_to is None or router not in routers or not apply_to.matches(router, routers[router].labels):
            continue
        others = tuple(sorted(n for n, e in routers.items() if n != router and apply_to.matches(n, e.labels)))
        for route, index in zip(parsed.routes.static, parsed.routes.static_index, strict=True):
            found.setdefault(route.key, Declared(parsed.path, ("static_routes", int(index)), others))
        for path, place in zip(parsed.routes.bgp, parsed.routes.bgp_places, strict=True):
            found.setdefault(path.key, Declared(parsed.path, place, others))
    return found
