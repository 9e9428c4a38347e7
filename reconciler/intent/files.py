"""Parsing one intent file (YAML or JSON) into validated, canonical values.

Every error is collected (not just the first) as path:line:column: field: message.
JSON files take a fast path: one typed msgspec decode of the whole file; only if
something is wrong is the file parsed again for line numbers.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, TypeVar

import msgspec
from pydantic import BaseModel, ValidationError

from reconciler.intent.errors import MAX_ERRORS, IntentError, field_path
from reconciler.intent.routes import CompiledRoutes, Location, StaticCompiler, compile_bgp
from reconciler.intent.yaml_loader import Positions, YamlError, load_yaml, locate
from reconciler.model.filters import FirewallFilter, Fragment, Term, TermAction, Terminating, TermMatch
from reconciler.model.intent import (
    ApplyTo,
    BgpRouteSpec,
    BindingSpec,
    FilterSpec,
    RouteFileSpec,
    RouterEntry,
    StaticRouteSpec,
)
from reconciler.model.prefixes import Family
from reconciler.model.references import credential_dirs, reference_problem

INTENT_KEYS = ("apply_to", "static_routes", "bgp_routes", "filters", "bindings")
DEVICES_KEYS = ("defaults", "devices")
_MSGSPEC_PATH = re.compile(r"\.([^.\[]+)|\[(\d+)\]")
M = TypeVar("M", bound=BaseModel)
S = TypeVar("S")
# Where a router entry names a file: checked against the operator's credential directories.
FILE_REFERENCES = (("credentials", "password_file"), ("tls", "ca"), ("tls", "cert"), ("tls", "key_file"))
Locator = Callable[[Collection[Location]], Positions]
_BOM = b"\xef\xbb\xbf"
EMPTY_FILE = "the file is empty (give it content, or delete it)"


@dataclass
class ParsedFile:
    """One intent file: which routers it applies to and what it declares."""

    path: str
    apply_to: ApplyTo | None = None
    routes: CompiledRoutes = field(default_factory=CompiledRoutes)
    filters: list[FirewallFilter] = field(default_factory=list)
    filter_places: list[Location] = field(default_factory=list)
    bindings: list[BindingSpec] = field(default_factory=list)
    binding_places: list[Location] = field(default_factory=list)
    positions: Positions = field(default_factory=dict)
    errors: list[IntentError] = field(default_factory=list)
    more_errors: int = 0  # errors past MAX_ERRORS: counted, not kept
    # Computes positions on demand (JSON fast path: only when an error needs a line).
    position_source: Callable[[], Positions] | None = field(default=None, repr=False, compare=False)

    def place_of(self, location: Location) -> tuple[int, int]:
        if not self.positions and self.position_source is not None:
            self.positions = self.position_source()
        return _locate(self.positions, location)

    def line_of(self, location: Location) -> int:
        return self.place_of(location)[0]

    def prune_positions(self) -> None:
        """Keep the positions merge errors can need: one per route, path and small object."""
        depth = {"static_routes": 2, "bgp_routes": 4}
        self.positions = {
            loc: pos for loc, pos in self.positions.items() if len(loc) <= depth.get(str(loc[0]) if loc else "", 99)
        }


@dataclass
class Inventory:
    path: str
    routers: dict[str, RouterEntry] = field(default_factory=dict)
    errors: list[IntentError] = field(default_factory=list)
    more_errors: int = 0
    # router -> the top-level fields it took from `defaults` (errors in them are reported there)
    from_defaults: dict[str, frozenset[str]] = field(default_factory=dict)


def _locate(positions: Positions, location: Location) -> tuple[int, int]:
    """Line and column of a location, or of its nearest ancestor that has one."""
    for end in range(len(location), -1, -1):
        found = positions.get(location[:end])
        if found is not None:
            return found
    return (0, 0)


class _Collector:
    """Turns the errors of any validator into IntentErrors. Positions are looked up once,
    at the end, for the errors kept (at most MAX_ERRORS; the rest are only counted): a
    big file is never held with a position for every value."""

    def __init__(self, path: str, locator: Locator) -> None:
        self.path = path
        self.locator = locator
        self.pending: list[tuple[Location, str]] = []
        self.more = 0

    def add(self, location: Location, message: str) -> None:
        if len(self.pending) < MAX_ERRORS:
            self.pending.append((location, message))
        else:
            self.more += 1

    def errors(self) -> list[IntentError]:
        positions = self.locator({location for location, _ in self.pending}) if self.pending else {}
        return [
            IntentError(self.path, *_locate(positions, location), field_path(location), message)
            for location, message in self.pending
        ]

    def model(
        self, model: type[M], data: Any, location: Location, relocate: Callable[[Location], Location] | None = None
    ) -> M | None:
        """Validate with pydantic; `relocate` maps an error's location (e.g. to a defaults block)."""
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            # include_input=False: an error must never repeat a value (it may be a secret).
            for error in exc.errors(include_url=False, include_input=False, include_context=False):
                message = str(error["msg"]).removeprefix("Value error, ")
                if error["type"] == "extra_forbidden":
                    message = "unknown field (check the spelling)"
                inner = tuple(error["loc"])
                self.add(relocate(inner) if relocate else (*location, *inner), message)
            return None

    def structs(self, kind: type[S], items: Any, location: Location) -> list[S]:
        """Convert a list with msgspec; on failure, item by item so every bad item is named."""
        if not isinstance(items, list):
            self.add(location, "must be a list")
            return []
        try:
            return msgspec.convert(items, list[kind])  # type: ignore[valid-type]
        except msgspec.ValidationError:
            pass
        good = []
        for index, item in enumerate(items):
            try:
                good.append(msgspec.convert(item, kind))
            except msgspec.ValidationError as exc:
                message, _, where = str(exc).partition(" - at `$")
                inner: Location = tuple(
                    name if name else int(number) for name, number in _MSGSPEC_PATH.findall(where.rstrip("`"))
                )
                unknown = re.match(r"Object contains unknown field `(.+)`", message)
                if unknown:  # point at the misspelled key itself
                    inner, message = (*inner, unknown.group(1)), "unknown field (check the spelling)"
                self.add((*location, index, *inner), _msgspec_message(message))
        return good


def _msgspec_message(message: str) -> str:
    return (
        message.replace("Object contains unknown field", "unknown field")
        .replace("Object missing required field", "missing required field")
        .replace("`", "")
    )


def _line_column(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in bytes) of a byte offset."""
    return raw.count(b"\n", 0, offset) + 1, offset - (raw.rfind(b"\n", 0, offset) + 1) + 1


def _text(path: str, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 text (byte {exc.start}): save the file as UTF-8"
        raise IntentFileError(IntentError(path, *_line_column(raw, exc.start), "", message)) from None


class IntentFileError(Exception):
    def __init__(self, error: IntentError) -> None:
        super().__init__(str(error))
        self.error = error


def _yaml_data(path: str, text: str) -> Any:
    try:
        return load_yaml(text, positions=False)[0]
    except YamlError as exc:
        raise IntentFileError(IntentError(path, exc.line, exc.column, field_path(exc.location), str(exc))) from None


def _json_data(path: str, raw: bytes, text: str) -> Any:
    """Untyped JSON data (C speed). Numbers out of range or very deep nesting are read
    again by the YAML reader, which names their line."""
    if raw.startswith(_BOM):  # a UTF-8 signature is allowed; blanks keep every offset
        raw = b"   " + raw[len(_BOM) :]
    try:
        return msgspec.json.decode(raw)
    except (msgspec.ValidationError, RecursionError):  # (a ValidationError is a DecodeError too)
        return _yaml_data(path, text)
    except msgspec.DecodeError as exc:
        offset = re.search(r"\(byte (\d+)\)", str(exc))
        message = str(exc).partition(" (byte")[0].replace("JSON is malformed: ", "invalid JSON: ")
        line, column = _line_column(raw, int(offset.group(1))) if offset else (0, 0)
        raise IntentFileError(IntentError(path, line, column, "", message)) from None


def _document(path: str, raw: bytes) -> tuple[str, Any]:
    """The text of a file and its data (None for a file with nothing in it)."""
    text = _text(path, raw)
    if not text.strip(" \t\r\n\ufeff"):
        return text, None
    return text, _json_data(path, raw, text) if path.endswith(".json") else _yaml_data(path, text)


def _locator(text: str) -> Locator:
    return lambda wanted: locate(text, wanted)


def _empty(data: Any) -> bool:
    return data is None or data == {}


def _mapping_keys(collector: _Collector, data: Any, allowed: Sequence[str]) -> dict[str, Any] | None:
    """The document's mapping, or None (with an error) when there is none to read."""
    if _empty(data):
        # A file that says nothing is a mistake (a failed generator, a truncated write),
        # never a silent "no routes".
        collector.add((), EMPTY_FILE)
        return None
    if not isinstance(data, dict):
        collector.add((), f"the file must be a mapping with keys {', '.join(allowed)}")
        return None
    for key in data:
        if key not in allowed:
            collector.add((str(key),), f"unknown top-level key; expected one of {', '.join(allowed)}")
    return data


def parse_intent_file(path: str, raw: bytes) -> ParsedFile:
    """Parse and validate one intent file; errors are collected in the result."""
    if path.endswith(".json"):
        fast = _parse_json_fast(path, raw)
        if fast is not None:
            return fast
    # YAML, or JSON with something wrong: data without positions; the lines of the
    # errors (if any) are found afterwards.
    parsed = ParsedFile(path)
    try:
        text, data = _document(path, raw)
    except IntentFileError as exc:
        parsed.errors.append(exc.error)
        return parsed
    _parse_data(parsed, data, _Collector(path, _locator(text)))
    return parsed


def _parse_json_fast(path: str, raw: bytes) -> ParsedFile | None:
    """One typed decode of the whole file; None when anything is wrong with it."""
    try:
        typed = msgspec.json.decode(raw, type=RouteFileSpec)
    except (msgspec.ValidationError, msgspec.DecodeError, UnicodeDecodeError, RecursionError):
        return None
    if not (typed.apply_to or typed.static_routes or typed.bgp_routes or typed.filters or typed.bindings):
        return None  # empty: the slow path says so
    parsed = ParsedFile(path)
    collector = _Collector(path, lambda _: {})
    _finish(
        parsed,
        collector,
        typed.apply_to,
        typed.static_routes,
        typed.bgp_routes,
        typed.filters,
        typed.bindings,
    )
    return None if parsed.errors else parsed


def _parse_data(parsed: ParsedFile, data: Any, collector: _Collector) -> None:
    document = _mapping_keys(collector, data, INTENT_KEYS)
    if document is None:
        parsed.errors.extend(collector.errors())
        return
    static = collector.structs(StaticRouteSpec, document.get("static_routes", []), ("static_routes",))
    bgp = collector.structs(BgpRouteSpec, document.get("bgp_routes", []), ("bgp_routes",))
    filters = document.get("filters", [])
    bindings = document.get("bindings", [])
    for name, value in (("filters", filters), ("bindings", bindings)):
        if not isinstance(value, list):
            collector.add((name,), "must be a list")
    _finish(
        parsed,
        collector,
        document.get("apply_to"),
        static,
        bgp,
        filters if isinstance(filters, list) else [],
        bindings if isinstance(bindings, list) else [],
    )


def _finish(
    parsed: ParsedFile,
    collector: _Collector,
    apply_to: Any,
    static: list[StaticRouteSpec],
    bgp: list[BgpRouteSpec],
    filters: list[Any],
    bindings: list[Any],
) -> None:
    if apply_to is None:
        if static or bgp or filters or bindings:
            collector.add(("apply_to",), "missing: say which routers this file applies to")
    else:
        parsed.apply_to = collector.model(ApplyTo, apply_to, ("apply_to",))
    StaticCompiler().compile(static, parsed.routes)
    compile_bgp(bgp, parsed.routes)
    for error in parsed.routes.errors:
        collector.add(error.location, str(error))
    parsed.routes.errors.clear()
    for index, item in enumerate(filters):
        spec = collector.model(FilterSpec, item, ("filters", index))
        if spec is not None:
            parsed.filters.append(filter_value(spec))
            parsed.filter_places.append(("filters", index))
    for index, item in enumerate(bindings):
        binding = collector.model(BindingSpec, item, ("bindings", index))
        if binding is not None:
            parsed.bindings.append(binding)
            parsed.binding_places.append(("bindings", index))
    parsed.errors.extend(collector.errors())
    parsed.more_errors += collector.more + parsed.routes.more_errors


def filter_value(spec: FilterSpec) -> FirewallFilter:
    """The canonical filter value of a validated filter spec."""
    terms = []
    for term in spec.terms:
        m, a = term.match, term.then
        match = TermMatch(
            source=m.source,
            destination=m.destination,
            protocols=m.protocol,
            source_ports=m.source_port,
            destination_ports=m.destination_port,
            icmp_types=m.icmp_type,
            icmp_codes=m.icmp_code,
            dscp=m.dscp,
            ttl=m.ttl,
            packet_length=m.packet_length,
            fragment=Fragment(m.fragment) if m.fragment else None,
        )
        action = TermAction(
            terminating=Terminating(a.action) if a.action else None,
            reject_reason=a.reject_reason,
            routing_instance=a.routing_instance,
            count=a.count,
            log=a.log,
            syslog=a.syslog,
            policer=a.policer,
            next_term=a.next_term,
        )
        terms.append(Term(term.name, match, action))
    return FirewallFilter(spec.name, Family(spec.family), tuple(terms))


def parse_devices_file(path: str, raw: bytes) -> Inventory:
    inventory = Inventory(path)
    try:
        text, data = _document(path, raw)
    except IntentFileError as exc:
        inventory.errors.append(exc.error)
        return inventory
    collector = _Collector(path, _locator(text))
    document = _mapping_keys(collector, data, DEVICES_KEYS)
    if document is None:
        inventory.errors.extend(collector.errors())
        return inventory
    defaults = document.get("defaults") or {}
    devices = document.get("devices")
    if not isinstance(defaults, dict):
        collector.add(("defaults",), "must be a mapping of router fields")
        defaults = {}
    if not isinstance(devices, dict) or not devices:
        collector.add(("devices",), "must be a mapping of router name to router")
        devices = {}
    for name, body in devices.items():
        if not isinstance(body, dict):
            collector.add(("devices", str(name)), "must be a mapping")
            continue
        if not isinstance(name, str) or not re.match(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$", name):
            collector.add(("devices", str(name)), "a router name is letters, digits, _ . : - (up to 64)")
            continue

        def relocate(inner: Location, name: str = name, body: dict[str, Any] = body) -> Location:
            # An error in a field the router took from `defaults` is reported there, once.
            if inner and inner[0] in defaults and inner[0] not in body:
                return ("defaults", *inner)
            return ("devices", name, *inner)

        entry = collector.model(RouterEntry, {**defaults, **body}, ("devices", name), relocate)
        if entry is not None:
            inventory.routers[name] = entry
            inventory.from_defaults[name] = frozenset(str(k) for k in defaults if k not in body)
    inventory.errors.extend(collector.errors())
    inventory.more_errors += collector.more
    return inventory


def reference_errors(inventory: Inventory, raw: bytes, environ: Mapping[str, str] = os.environ) -> list[IntentError]:
    """Absolute file references outside the operator's credential directories
    (RECONCILER_CREDENTIAL_DIRS). Relative ones were checked by the model; this part
    depends on the environment, so it runs on every load, not once per parse."""
    allowed = credential_dirs(environ)
    collector = _Collector(inventory.path, _locator(raw.decode("utf-8", errors="replace")))
    for name, entry in inventory.routers.items():
        for section, attribute in FILE_REFERENCES:
            holder = getattr(entry, section)
            reference = getattr(holder, attribute, None) if holder is not None else None
            if reference is None or not PurePosixPath(reference).is_absolute():
                continue
            problem = reference_problem(reference, allowed)
            if problem is not None:
                base = ("defaults",) if section in inventory.from_defaults.get(name, ()) else ("devices", name)
                collector.add((*base, section, attribute), problem)
    return collector.errors()
