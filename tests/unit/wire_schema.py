"""Parse a JET wire schema (markdown tables) into plain dictionaries.

SNAPSHOT_V2 and SNAPSHOT_V1 are the committed wire tables of the JET v2 API and
of the classic v1 API (services, messages with field numbers and types, enum
values) that the project's protos are checked against in test_proto_schema.py.

The two tables are laid out a little differently: v2 lists enums as
"- `name`: A=0, B=1" lines and its service tables have no path column; v1 gives
each enum a "value | name" table under the "## Enums" heading and its service
tables carry the gRPC path. Table columns are read by their header names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
SNAPSHOT_V2 = DATA / "wire-schema-v2.md"
SNAPSHOT_V1 = DATA / "wire-schema-v1.md"
SNAPSHOT = SNAPSHOT_V2  # the name older tests use


@dataclass(frozen=True)
class SchemaField:
    number: int
    name: str
    type: str
    label: str
    oneof: str


@dataclass
class Schema:
    messages: dict[str, dict[int, SchemaField]] = field(default_factory=dict)
    enums: dict[str, dict[str, int]] = field(default_factory=dict)
    # service -> method -> (request, response, streaming)
    services: dict[str, dict[str, tuple[str, str, str]]] = field(default_factory=dict)
    # service -> method -> gRPC path, for tables that list it (v1)
    paths: dict[str, dict[str, str]] = field(default_factory=dict)


def _cells(line: str) -> list[str]:
    return [c.strip().strip("`") for c in line.strip().strip("|").split("|")]


def _enum_line(schema: Schema, name: str, pairs: str) -> None:
    values = {}
    for pair in pairs.split(", "):
        value_name, _, number = pair.partition("=")
        values[value_name.strip()] = int(number)
    schema.enums[name] = values


def parse(text: str) -> Schema:
    schema = Schema()
    section = ""
    kind = ""  # "message", "enum" or "service": what the current table describes
    name = ""
    header: list[str] = []
    for line in text.splitlines():
        if heading := re.match(r"^## (\w+)", line):
            section, kind = heading.group(1), ""
        elif heading := re.match(r"^#### `([\w.]+)`", line):
            name, header = heading.group(1), []
            kind = "enum" if section == "Enums" else "message"
            if kind == "enum":
                schema.enums[name] = {}
            else:
                schema.messages[name] = {}
        elif heading := re.match(r"^### service `([\w.]+)`", line):
            name, header, kind = heading.group(1), [], "service"
            schema.services[name] = {}
        elif enum := re.match(r"^- `([\w.]+)`: (.*)$", line):
            _enum_line(schema, enum.group(1), enum.group(2))
        elif line.startswith("|") and not line.startswith("|---") and kind:
            cells = _cells(line)
            if not header:
                header = cells
                continue
            row = dict(zip(header, cells, strict=True))
            if kind == "message":
                number = int(row["#"])
                schema.messages[name][number] = SchemaField(
                    number, row["field"], row["type"], row["label"], row["oneof"]
                )
            elif kind == "enum":
                schema.enums[name][row["name"]] = int(row["value"])
            else:
                schema.services[name][row["RPC"]] = (row["request"], row["response"], row["streaming"])
                if "gRPC path" in row:
                    schema.paths.setdefault(name, {})[row["RPC"]] = row["gRPC path"]
    return schema
