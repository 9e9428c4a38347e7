"""Structured operational output, rendered as Junos renders it in XML and in JSON.

A command builds one tree of Nodes; XML is the tree itself, and Junos JSON wraps
each element in a list, each leaf as [{"data": value}], and groups same-named
siblings into one list in document order.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Node:
    tag: str
    text: str | None = None
    children: tuple[Node, ...] = ()


def leaf(tag: str, text: str) -> Node:
    return Node(tag, text)


def to_xml(node: Node) -> str:
    element = _element(node)
    ET.indent(element)
    return ET.tostring(element, encoding="unicode") + "\n"


def _element(node: Node) -> ET.Element:
    element = ET.Element(node.tag)
    element.text = node.text
    element.extend(_element(child) for child in node.children)
    return element


def to_json(node: Node) -> str:
    return json.dumps({node.tag: [_body(node)]}, indent=4) + "\n"


def _body(node: Node) -> dict[str, Any]:
    if not node.children:
        return {"data": node.text if node.text is not None else [None]}
    grouped: dict[str, list[dict[str, Any]]] = {}
    for child in node.children:
        grouped.setdefault(child.tag, []).append(_body(child))
    return grouped
