"""Parse the JET wire schema (markdown tables) into plain dictionaries.

SNAPSHOT is the committed wire table of the JET v2 API (services, messages with
field numbers and types, enum values) that the project's protos are checked
against in test_proto_schema.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

SNAPSHOT = Path(__file__).resolve().parent.parent / "data" / "wire-schema-v2.md"


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


def _cells(line: str) -> list[str]:
    return [c.strip().strip("`") for c in line.strip().strip("|").split("|")]


def parse(text: str) -> Schema:
    schema = Schema()
    message: str | None = None
    service: str | None = None
    for line in text.splitlines():
        if heading := re.match(r"^#### `([\w.]+)`", line):
            message, service = heading.group(1), None
            schema.messages[message] = {}
        elif heading := re.match(r"^### service `([\w.]+)`", line):
            service, message = heading.group(1), None
            schema.services[service] = {}
        elif enum := re.match(r"^- `([\w.]+)`: (.*)$", line):
            values = {}
            for pair in enum.group(2).split(", "):
                name, _, number = pair.partition("=")
                values[name.strip()] = int(number)
            schema.enums[enum.group(1)] = values
        elif line.startswith("| ") and not line.startswith("|---"):
            cells = _cells(line)
            if message and cells[0].isdigit():
                number = int(cells[0])
                schema.messages[message][number] = SchemaField(number, cells[1], cells[2], cells[3], cells[4])
            elif service and cells[0] not in ("RPC",):
                schema.services[service][cells[0]] = (cells[1], cells[2], cells[3])
    return schema
