"""Safe YAML with positions: duplicate keys refused, aliases bounded (no alias bombs),
nesting depth bounded, numbers bounded.

Built straight from libyaml's event stream (no node tree, no constructor cache): the
memory of a load is the data itself. Positions (the line and column of a field
location, for error messages) are recorded for every value, for a chosen set of
locations only, or not at all: a big file is parsed without them and, only if it has
errors, walked again for the few lines those errors need (`locate`).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, cast

import yaml
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode

Location = tuple[str | int, ...]
Positions = dict[Location, tuple[int, int]]

MAX_ALIASES = 100
MAX_DEPTH = 64
MAX_ALIAS_EXPANSION = 10_000
MAX_SCALAR_MEMO = 65_536
_NON_SPECIFIC = (None, "!")
_COLLECTION_TAGS = (*_NON_SPECIFIC, "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_MERGE = "tag:yaml.org,2002:merge"
_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "str", "binary", "timestamp")
)


class YamlError(ValueError):
    def __init__(self, message: str, line: int = 0, column: int = 0, location: Location = ()) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.location = location  # the field, when known


# libyaml's C parser when PyYAML has it (6x faster); data is still built by _Builder.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _position(event: Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


def _next(loader: yaml.SafeLoader) -> Event:
    return cast(Event, loader.get_event())  # type: ignore[no-untyped-call]


class _Builder:
    """Builds Python data from events, recording the positions asked for, refusing
    duplicate keys and unsafe tags, and bounding how much data aliases may expand to."""

    def __init__(self, loader: yaml.SafeLoader, values: bool, wanted: Collection[Location] | None) -> None:
        self.loader = loader
        self.values = values  # False: positions only (aliases are not expanded, scalars not built)
        self.wanted = wanted  # None: every position
        self.positions: Positions = {}
        self.anchors: dict[str, tuple[Any, int]] = {}  # anchor -> (value, values in its subtree)
        self.expanded = 0  # values reached again through aliases
        self.aliases = 0
        # Plain scalars repeat (keys, next hops): one object each, resolved once.
        self.memo: dict[tuple[str, bool], Any] = {}

    def mark(self, location: Location, event: Event) -> None:
        if self.wanted is None or location in self.wanted:
            self.positions[location] = _position(event)

    def build(self, event: Event, location: Location, depth: int) -> tuple[Any, int]:
        """The value that starts with `event` (its end event consumed) and its size."""
        if depth > MAX_DEPTH:
            raise YamlError(f"nesting deeper than {MAX_DEPTH} levels", *_position(event), location)
        self.mark(location, event)
        if isinstance(event, AliasEvent):
            return self.alias(event)
        if isinstance(event, ScalarEvent):
            value = self.scalar(event, location) if self.values else None
            size = 1
        elif isinstance(event, CollectionStartEvent):
            if event.tag not in _COLLECTION_TAGS or (
                event.tag not in _NON_SPECIFIC and event.tag.endswith("map") != isinstance(event, MappingStartEvent)
            ):
                raise YamlError(f"tag {event.tag!r} is not allowed", *_position(event))
            if isinstance(event, MappingStartEvent):
                value, size = self.mapping(location, depth)
            else:
                value, size = self.sequence(location, depth)
        else:
            raise YamlError("unexpected YAML structure", *_position(event))
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, size)
        return value, size

    def alias(self, event: AliasEvent) -> tuple[Any, int]:
        found = self.anchors.get(event.anchor or "")
        if found is None:
            raise YamlError(f"alias *{event.anchor} names no anchor before it", *_position(event))
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            raise YamlError(f"more than {MAX_ALIASES} aliases", *_position(event))
        self.expanded += found[1]
        if self.expanded > MAX_ALIAS_EXPANSION:
            raise YamlError(f"aliases expand to more than {MAX_ALIAS_EXPANSION} values", *_position(event))
        return found

    def scalar(self, event: ScalarEvent, location: Location = ()) -> Any:
        plain = bool(event.implicit[0])
        memo_key = (event.value, plain)
        if event.tag in _NON_SPECIFIC and memo_key in self.memo:
            return self.memo[memo_key]
        tag = event.tag
        if tag in _NON_SPECIFIC:
            tag = cast(str, self.loader.resolve(ScalarNode, event.value, event.implicit))  # type: ignore[no-untyped-call]
        if tag == _MERGE:
            raise YamlError("merge keys (<<) are not supported", *_position(event))
        if tag not in _SCALAR_TAGS:
            raise YamlError(f"tag {tag!r} is not allowed", *_position(event))
        node = ScalarNode(tag, event.value, style=event.style)
        try:
            value = self.loader.yaml_constructors[tag](self.loader, node)
        except ValueError:  # e.g. an integer over Python's 4300-digit conversion limit
            kind = tag.rsplit(":", 1)[-1]
            raise YamlError(f"{kind} value is too long or malformed", *_position(event), location) from None
        if event.tag in _NON_SPECIFIC:
            if len(self.memo) >= MAX_SCALAR_MEMO:
                self.memo.clear()
            self.memo[memo_key] = value
        return value

    def key(self, event: Event) -> Any:
        if isinstance(event, ScalarEvent):
            if event.tag in _NON_SPECIFIC and event.implicit[0] and event.value == "<<":
                raise YamlError("merge keys (<<) are not supported", *_position(event))
            key = self.scalar(event)
        elif isinstance(event, AliasEvent):
            key = self.alias(event)[0]
        else:
            key = None
        if not isinstance(key, str | int | bool | float) and not (key is None and isinstance(event, ScalarEvent)):
            raise YamlError("mapping keys must be plain scalars", *_position(event))
        return key

    def mapping(self, location: Location, depth: int) -> tuple[Any, int]:
        value: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        size = 1
        while True:
            event = _next(self.loader)
            if isinstance(event, MappingEndEvent):
                return (value if self.values else None), size
            key = self.key(event)
            line = _position(event)[0]
            if key in first_line and self.values:  # (positions only: JSON keeps the last of duplicates)
                message = f"duplicate key {key!r} (first on line {first_line[key]})"
                raise YamlError(message, *_position(event), (*location, str(key)))
            first_line[key] = line
            item, item_size = self.build(_next(self.loader), (*location, str(key)), depth + 1)
            if self.values:
                value[key] = item
            size += item_size

    def sequence(self, location: Location, depth: int) -> tuple[Any, int]:
        value: list[Any] = []
        size = 1
        index = 0
        while True:
            event = _next(self.loader)
            if isinstance(event, SequenceEndEvent):
                return (value if self.values else None), size
            item, item_size = self.build(event, (*location, index), depth + 1)
            if self.values:
                value.append(item)
            size += item_size
            index += 1


def _read(text: str, values: bool, wanted: Collection[Location] | None) -> tuple[Any, Positions]:
    loader = _Loader(text)
    try:
        _next(loader)  # stream start
        start = _next(loader)
        if isinstance(start, StreamEndEvent):
            return None, {}
        assert isinstance(start, DocumentStartEvent)
        builder = _Builder(loader, values, wanted)
        value, _ = builder.build(_next(loader), (), 0)
        _next(loader)  # document end
        extra = _next(loader)
        if not isinstance(extra, StreamEndEvent):
            raise YamlError("only one YAML document per file (found a second '---')", *_position(extra))
        return value, builder.positions
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        raise YamlError(problem, mark.line + 1 if mark else 0, mark.column + 1 if mark else 0) from None
    except yaml.reader.ReaderError as exc:
        # A character YAML does not accept (a NUL, a control character): where it is.
        line, column = _line_column(text, exc.position)
        character = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
        raise YamlError(f"character {character} is not allowed in YAML ({exc.reason})", line, column) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"invalid YAML: {' '.join(str(exc).split())}") from None
    except RecursionError:  # the pure-Python parser on very deep nesting (libyaml stops at 1000)
        raise YamlError(f"nesting deeper than {MAX_DEPTH} levels") from None
    finally:
        loader.dispose()


def _line_column(text: str, position: int) -> tuple[int, int]:
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


def load_yaml(text: str, positions: bool = True) -> tuple[Any, Positions]:
    """Parse one YAML document: its data and (unless `positions` is False) the line and
    column of every value; YamlError (with line and column) when it is not acceptable."""
    return _read(text, True, None if positions else ())


def locate(text: str, wanted: Collection[Location]) -> Positions:
    """The positions of `wanted` locations (and nothing else) in text that parsed before."""
    wanted_all = {location[:end] for location in wanted for end in range(len(location) + 1)}
    try:
        return _read(text, False, wanted_all)[1]
    except YamlError:
        return {}


def all_positions(text: str) -> Positions:
    """The position of every value (no data built) in text that parsed before."""
    try:
        return _read(text, False, None)[1]
    except YamlError:
        return {}
