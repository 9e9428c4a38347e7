"""The intent file format: pydantic models for routers, selectors, filters and bindings,
and msgspec structs for route lists (which may hold millions of entries).

Models validate and canonicalize at the file boundary (prefixes normalized,
protocol/port/ICMP/DSCP names turned into numbers, ranges parsed) so two
spellings of the same intent compare equal. Unknown fields are errors. Secrets
are references only (an environment variable or a file), never values.
"""

from __future__ import annotations

import ipaddress
import re
from pathlib import PurePosixPath
from typing import Annotated, Any, Literal

import msgspec
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    field_validator,
    model_validator,
)

from reconciler.model.filters import AddressMatch, Range
from reconciler.model.names import DSCP, ICMP_TYPES, PORTS, PROTOCOLS, is_interface_unit
from reconciler.model.prefixes import canonical_prefix
from reconciler.model.references import reference_problem

NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$"
Name = Annotated[str, Field(pattern=NAME_PATTERN)]
UINT32 = 2**32 - 1
_HOSTNAME = re.compile(r"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9-]{1,63})*$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# ------------------------------------------------------------------ routers


def _address(text: str) -> str:
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        if _HOSTNAME.match(text):
            return text.lower()
        raise ValueError("must be an IP address or a host name") from None


def _no_inline_secret(what: str, instead: str) -> Any:
    def refuse(value: object) -> object:
        if value is not None:
            # The value itself is never repeated in the message.
            raise ValueError(f"an inline {what} is not allowed here: use {instead} (the value is not shown)")
        return value

    return BeforeValidator(refuse)


_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,127}$")


def _env_name(value: object) -> object:
    # Someone may paste the secret itself where its variable's name belongs: never echo it.
    if value is not None and not (isinstance(value, str) and _ENV_NAME.match(value)):
        raise ValueError("not an environment variable name (the value is not shown)")
    return value


def _file_reference(value: object) -> object:
    """A file name the inventory may use: a relative one stays inside the repository. (An
    absolute one is checked by the loader against the operator's credential directories.)"""
    if value is None:
        return value
    if not isinstance(value, str):
        raise ValueError("must be a file name (the value is not shown)")
    if PurePosixPath(value).is_absolute() and "\x00" not in value:
        return value
    problem = reference_problem(value, ())
    if problem is not None:
        raise ValueError(f"{problem} (the value is not shown)")
    return value


EnvName = Annotated[str | None, BeforeValidator(_env_name)]
FileReference = Annotated[str | None, BeforeValidator(_file_reference)]


class Credentials(Strict):
    username: str | None = None
    username_env: EnvName = None
    password_env: EnvName = None
    password_file: FileReference = None
    password: Annotated[None, _no_inline_secret("password", "password_env or password_file")] = Field(
        default=None, exclude=True
    )

    @model_validator(mode="after")
    def _one_of_each(self) -> Credentials:
        if (self.username is None) == (self.username_env is None):
            raise ValueError("give exactly one of username and username_env")
        if (self.password_env is None) == (self.password_file is None):
            raise ValueError("give exactly one of password_env and password_file")
        return self


class Tls(Strict):
    ca: FileReference = None  # file with the CA that signed the router certificate
    cert: FileReference = None  # client certificate file (mutual TLS)
    key_file: FileReference = None  # client private key file
    key_env: EnvName = None  # or an environment variable holding the PEM key
    server_name: str | None = None  # name in the router certificate, if not the address
    key: Annotated[None, _no_inline_secret("private key", "key_file or key_env")] = Field(default=None, exclude=True)

    @model_validator(mode="after")
    def _pairs(self) -> Tls:
        if self.key_file is not None and self.key_env is not None:
            raise ValueError("give key_file or key_env, not both")
        if (self.cert is None) != (self.key_file is None and self.key_env is None):
            raise ValueError("mutual TLS needs both cert and a key (key_file or key_env)")
        return self


class Mqtt(Strict):
    host: Annotated[str, AfterValidator(_address)]
    port: int = Field(1883, ge=1, le=65535)
    topic_prefix: str = ""
    # The name this router uses for itself in its events (topic prefix or payload
    # hostname), when it is not its inventory name.
    event_name: Name | None = None


# adopt: reported like `report`, and the watcher proposes the drift as an intent change (a branch)
DriftPolicy = Literal["revert", "report", "adopt"]


class Drift(Strict):
    """What the watcher does when a router drifts from intent, per object class."""

    static_routes: DriftPolicy = "revert"
    bgp_routes: DriftPolicy = "revert"
    # No `adopt`: JET cannot read filters or bindings back, so there is nothing to adopt.
    filters: Literal["revert", "report"] = "revert"
    bindings: Literal["revert", "report"] = "revert"


# Where a router is contacted and who we say we are there.
CONNECTION_FIELDS = ("address", "port", "insecure", "tls", "credentials", "client_id", "api")
# The JET API generation a router is spoken to in: v2 (jnx.jet.*), or the classic v1
# (packages authentication, routing, management), which has routes but no firewall service.
ApiGeneration = Literal["v1", "v2"]


class RouterEntry(Strict):
    address: Annotated[str, AfterValidator(_address)]
    port: int = Field(32767, ge=1, le=65535)
    insecure: bool = False  # plain-text gRPC (labs and the emulator only)
    tls: Tls | None = None
    credentials: Credentials
    client_id: Name = "jet-reconciler"
    api: ApiGeneration = "v2"
    purge_timer: int = Field(300, ge=1, le=1000)
    filter_purge_timer: int = Field(300, ge=1, le=1000)
    mqtt: Mqtt | None = None
    labels: dict[Name, str] = Field(default_factory=dict)
    routing_instances: tuple[Name, ...] = ()
    drift: Drift = Field(default_factory=Drift)

    def session_settings(self) -> tuple[object, ...]:
        """What a writer session is opened with: another value needs another session."""
        return (*(getattr(self, name) for name in CONNECTION_FIELDS), self.purge_timer, self.filter_purge_timer)

    @model_validator(mode="after")
    def _transport(self) -> RouterEntry:
        if self.insecure and self.tls is not None:
            raise ValueError("insecure: true cannot be combined with tls")
        return self


class ApplyTo(Strict):
    """Which routers a file applies to: all, named routers (the `devices:` key), and/or a label selector."""

    all: bool = False
    devices: tuple[Name, ...] = ()
    labels: dict[Name, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _something(self) -> ApplyTo:
        if not (self.all or self.devices or self.labels):
            raise ValueError("say which routers: all: true, devices: [...] and/or labels: {...}")
        return self

    def matches(self, name: str, labels: dict[str, str]) -> bool:
        if self.all or name in self.devices:
            return True
        return bool(self.labels) and all(labels.get(k) == v for k, v in self.labels.items())


# ------------------------------------------------------------------ filters


def _shown(value: str) -> str:
    """A value in a message, cut short (a pasted blob must not flood the output)."""
    return repr(value) if len(value) <= 40 else repr(value[:40]) + "..."


def _number(value: object, names: dict[str, int], limit: int, what: str) -> Range:
    """22, "ssh", "1024-65535" or "ssh-https" -> Range."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"{what} must be a number, a name or a range")
    if isinstance(value, int):
        low = high = value
    else:
        text = value.strip().lower()
        if text in names:
            low = high = names[text]
        else:
            first, dash, second = text.partition("-")
            try:
                low = names[first] if first in names else int(first)
                high = (names[second] if second in names else int(second)) if dash else low
            except ValueError:
                known = ", ".join(sorted(names)) or "none"
                raise ValueError(f"{_shown(value)} is not a {what} number, range or name (names: {known})") from None
    if not 0 <= low <= high <= limit:
        shown = value if isinstance(value, int) else _shown(value)
        raise ValueError(f"{what} {shown} must be within 0-{limit} (and low <= high)")
    return Range(low, high)


def _range_serializer(r: Range) -> int | str:
    return r.low if r.low == r.high else f"{r.low}-{r.high}"


def _range_of(names: dict[str, int], limit: int, what: str) -> BeforeValidator:
    return BeforeValidator(lambda v: v if isinstance(v, Range) else _number(v, names, limit, what))


_AS_TEXT = PlainSerializer(_range_serializer)
Protocol = Annotated[Range, _range_of(PROTOCOLS, 255, "protocol"), _AS_TEXT]
Port = Annotated[Range, _range_of(PORTS, 65535, "port"), _AS_TEXT]
IcmpType = Annotated[Range, _range_of(ICMP_TYPES, 255, "ICMP type"), _AS_TEXT]
IcmpCode = Annotated[Range, _range_of({}, 255, "ICMP code"), _AS_TEXT]
Dscp = Annotated[Range, _range_of(DSCP, 63, "DSCP"), _AS_TEXT]
Ttl = Annotated[Range, _range_of({}, 255, "TTL"), _AS_TEXT]
PacketLength = Annotated[Range, _range_of({}, 65535, "packet length"), _AS_TEXT]


def _address_match(value: object) -> object:
    """ "10.0.0.0/8", "10.1.0.0/16 except" or {prefix: ..., except: true} -> AddressMatch."""
    if isinstance(value, AddressMatch):
        return value
    if isinstance(value, str):
        prefix, _, flag = value.partition(" ")
        if flag.strip() not in ("", "except"):
            raise ValueError(f"{value!r}: write PREFIX or 'PREFIX except'")
        return AddressMatch(canonical_prefix(prefix), flag.strip() == "except")
    if isinstance(value, dict) and set(value) <= {"prefix", "except"} and "prefix" in value:
        negate = value.get("except", False)
        if not isinstance(negate, bool):
            raise ValueError("except must be true or false")
        return AddressMatch(canonical_prefix(str(value["prefix"])), negate)
    raise ValueError("an address is PREFIX, 'PREFIX except' or {prefix: PREFIX, except: true}")


Address = Annotated[
    AddressMatch,
    BeforeValidator(_address_match),
    PlainSerializer(lambda a: f"{a.prefix} except" if a.negate else a.prefix),
]


class Match(Strict):
    source: tuple[Address, ...] = ()
    destination: tuple[Address, ...] = ()
    protocol: tuple[Protocol, ...] = ()
    source_port: tuple[Port, ...] = ()
    destination_port: tuple[Port, ...] = ()
    icmp_type: tuple[IcmpType, ...] = ()
    icmp_code: tuple[IcmpCode, ...] = ()
    dscp: tuple[Dscp, ...] = ()
    ttl: tuple[Ttl, ...] = ()
    packet_length: tuple[PacketLength, ...] = ()
    fragment: Literal["dont-fragment", "is-fragment", "first-fragment", "last-fragment"] | None = None


REJECT_REASONS = (
    "administratively-prohibited", "bad-host-tos", "bad-network-tos", "fragmentation-needed",
    "host-prohibited", "host-unknown", "host-unreachable", "network-prohibited", "network-unknown",
    "network-unreachable",
    "port-unreachable", "precedence-cutoff", "precedence-violation", "protocol-unreachable",
    "source-host-isolated", "source-route-failed", "tcp-reset", "no-route-to-destination", "beyond-scope",
    "address-unreachable",
)  # fmt: skip


class ActionSpec(Strict):
    action: Literal["accept", "discard", "reject", "routing-instance"] | None = None
    reject_reason: str | None = None
    routing_instance: Name | None = None
    count: Name | None = None
    log: bool = False
    syslog: bool = False
    policer: Name | None = None
    next_term: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> ActionSpec:
        if self.action is None and not self.next_term:
            raise ValueError("a term needs an action (accept, discard, reject, routing-instance) or next_term")
        if self.action is not None and self.next_term:
            raise ValueError("next_term cannot be combined with a terminating action")
        if self.reject_reason is not None and self.action != "reject":
            raise ValueError("reject_reason goes with action: reject")
        if self.reject_reason is not None and self.reject_reason not in REJECT_REASONS:
            raise ValueError(f"unknown reject_reason; known: {', '.join(REJECT_REASONS)}")
        if (self.routing_instance is not None) != (self.action == "routing-instance"):
            raise ValueError("action: routing-instance needs routing_instance (and only it)")
        return self


class TermSpec(Strict):
    name: Name
    match: Match = Field(default_factory=Match, alias="from")
    then: ActionSpec


class FilterSpec(Strict):
    name: Name
    family: Literal["inet", "inet6"] = "inet"
    terms: tuple[TermSpec, ...]

    @field_validator("terms")
    @classmethod
    def _unique_terms(cls, terms: tuple[TermSpec, ...]) -> tuple[TermSpec, ...]:
        if not terms:
            raise ValueError("a filter needs at least one term")
        names = [t.name for t in terms]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"duplicate term names: {', '.join(duplicates)}")
        return terms

    @model_validator(mode="after")
    def _family_fits(self) -> FilterSpec:
        if self.family == "inet6":
            for term in self.terms:
                if term.match.ttl or term.match.fragment:
                    raise ValueError(f"term {term.name}: ttl and fragment can only be matched in family inet")
        for term in self.terms:
            for address in (*term.match.source, *term.match.destination):
                if (":" in address.prefix) != (self.family == "inet6"):
                    raise ValueError(f"term {term.name}: {address.prefix} is not a {self.family} prefix")
            _check_protocol_fields(term, self.family)
        return self


_PORT_PROTOCOLS = frozenset({6, 17, 132})  # tcp, udp, sctp
_ICMP_PROTOCOL = {"inet": 1, "inet6": 58}


def _check_protocol_fields(term: TermSpec, family: str) -> None:
    """A router refuses ports without a protocol that has them, and ICMP fields without ICMP,
    whenever the term names its protocols (a term that names none may match ports alone)."""
    protocols = {number for r in term.match.protocol for number in range(r.low, r.high + 1)}
    if not protocols:
        return
    if (term.match.source_port or term.match.destination_port) and not protocols & _PORT_PROTOCOLS:
        raise ValueError(f"term {term.name}: ports can only be matched with protocol tcp, udp or sctp")
    icmp = _ICMP_PROTOCOL[family]
    if (term.match.icmp_type or term.match.icmp_code) and icmp not in protocols:
        name = "icmp" if family == "inet" else "icmp6 (58)"
        raise ValueError(f"term {term.name}: ICMP type and code can only be matched with protocol {name}")


def _interface_unit(text: str) -> str:
    if not is_interface_unit(text):
        raise ValueError(f"{text!r} is not an interface unit like ge-0/0/0.0 or lo0.0")
    return text


class BindingSpec(Strict):
    filter: Name
    interface: Annotated[str, AfterValidator(_interface_unit)]
    direction: Literal["input", "output"]
    family: Literal["inet", "inet6"] | None = None  # default: the family of the named filter


# ------------------------------------------------------------------- routes
# msgspec structs: decoded in C straight from JSON, or converted from YAML data.


class NextHopSpec(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    address: str | None = None
    interface: str | None = None
    weight: int | None = None


class StaticRouteSpec(msgspec.Struct, forbid_unknown_fields=True, frozen=True, gc=False):
    prefix: str
    next_hops: list[str | NextHopSpec]
    table: str | None = None
    routing_instance: str | None = None
    preference: int | None = None
    preference2: int | None = None
    tag: int | None = None


class BgpPathSpec(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    next_hop: str
    route_preference: int | None = None
    local_preference: int | None = None
    med: int | None = None
    as_path: str | None = None
    communities: list[str] | None = None


class BgpRouteSpec(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    prefix: str
    paths: list[BgpPathSpec]
    table: str | None = None
    routing_instance: str | None = None
    # defaults for every path of the prefix
    route_preference: int | None = None
    local_preference: int | None = None
    med: int | None = None
    as_path: str | None = None
    communities: list[str] | None = None


class RouteFileSpec(msgspec.Struct, forbid_unknown_fields=True):
    """A whole intent file as the fast JSON decoder sees it; non-route parts are
    validated by the pydantic models afterwards."""

    apply_to: dict[str, Any] | None = None
    static_routes: list[StaticRouteSpec] = []
    bgp_routes: list[BgpRouteSpec] = []
    filters: list[dict[str, Any]] = []
    bindings: list[dict[str, Any]] = []
