"""Safe YAML with positions: every value's line and column, duplicate keys refused,
aliases bounded (no alias bombs), nesting depth bounded.

Returns plain Python data plus a map from field location to (line, column) that
error messages use.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Location = tuple[str | int, ...]
Positions = dict[Location, tuple[int, int]]

MAX_ALIASES = 100
MAX_DEPTH = 64
MAX_ALIAS_EXPANSION = 10_000
_PLAIN_COLLECTION_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


class YamlError(ValueError):
    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


# libyaml's C parser when PyYAML has it (6x faster); data is still built by _Builder.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _position(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Builds Python data from composed nodes, recording positions, refusing duplicate
    keys, and bounding how much data aliases may expand to."""

    def __init__(self, loader: yaml.SafeLoader) -> None:
        self.loader = loader
        self.positions: Positions = {}
        self.sizes: dict[int, int] = {}  # id(node) -> nodes in its subtree, once converted
        self.values: dict[int, Any] = {}  # id(node) -> its value, for aliases
        self.expanded = 0  # nodes reached again through aliases
        self.aliases = 0

    def build(self, node: Node, location: Location, depth: int) -> tuple[Any, int]:
        if depth > MAX_DEPTH:
            raise YamlError(f"nesting deeper than {MAX_DEPTH} levels", *_position(node))
        seen = self.sizes.get(id(node))
        if seen is not None:  # an alias: the value built before, its size counted again
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise YamlError(f"more than {MAX_ALIASES} aliases", *_position(node))
            self.expanded += seen
            if self.expanded > MAX_ALIAS_EXPANSION:
                raise YamlError(f"aliases expand to more than {MAX_ALIAS_EXPANSION} values", *_position(node))
            self.positions[location] = _position(node)
            return self.values[id(node)], seen
        self.positions[location] = _position(node)
        size = 1
        value: Any
        if isinstance(node, MappingNode | SequenceNode) and node.tag not in _PLAIN_COLLECTION_TAGS:
            raise YamlError(f"tag {node.tag!r} is not allowed", *_position(node))
        if isinstance(node, MappingNode):
            value = {}
            first_seen: dict[Any, Node] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise YamlError("merge keys (<<) are not supported", *_position(key_node))
                key = self.loader.construct_object(key_node, deep=True)
                if not isinstance(key, str | int | bool | float) and key is not None:
                    raise YamlError("mapping keys must be plain scalars", *_position(key_node))
                if key in first_seen:
                    line = first_seen[key].start_mark.line + 1
                    raise YamlError(f"duplicate key {key!r} (first on line {line})", *_position(key_node))
                first_seen[key] = key_node
                value[key], item_size = self.build(value_node, (*location, str(key)), depth + 1)
                size += item_size
        elif isinstance(node, SequenceNode):
            value = []
            for index, item in enumerate(node.value):
                item_value, item_size = self.build(item, (*location, index), depth + 1)
                value.append(item_value)
                size += item_size
        else:
            assert isinstance(node, ScalarNode)
            value = self.loader.construct_object(node, deep=True)
        self.sizes[id(node)] = size
        self.values[id(node)] = value
        return value, size


def load_yaml(text: str) -> tuple[Any, Positions]:
    """Parse one YAML document; YamlError (with line and column) when it is not acceptable."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        builder = _Builder(loader)
        value, _ = builder.build(node, (), 0)
        return value, builder.positions
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        raise YamlError(problem, mark.line + 1 if mark else 0, mark.column + 1 if mark else 0) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
