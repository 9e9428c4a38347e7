"""Applying edits to intent file text, keeping its layout and comments.

YAML goes through ruamel.yaml's round trip (comments, flow or block style, key order and
quoting kept; indentation as the file has it). JSON is rewritten with its key order and
indentation. Values written are flow lists and mappings inside an entry, like the example
intent writes them.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from reconciler.adopt.edits import Edit
from reconciler.intent.yaml_loader import YamlError, load_yaml

NEW_FILE_HEADER = "# Routes adopted from {router} by `reconciler adopt` (reviewed in a pull request).\n"


class EditError(ValueError):
    """An edit does not fit the file (it changed since it was read); one line."""


def _scalar(text: str) -> str:
    """`text`, quoted when the intent loader (YAML 1.1) would read it plain as something else:
    a community 65000:10 is a sexagesimal number there."""
    try:
        plain = load_yaml(f"[{text}]", positions=False)[0]
    except YamlError:
        plain = None
    return text if plain == [text] else DoubleQuotedScalarString(text)


def _flow(value: Any) -> Any:
    """Lists and mappings inside an entry as flow collections: `[a, b]`, `{address: x}`."""
    if isinstance(value, str):
        return _scalar(value)
    if isinstance(value, Mapping):
        mapping = CommentedMap((k, _flow(v)) for k, v in value.items())
        mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, list):
        seq = CommentedSeq(_flow(v) for v in value)
        seq.fa.set_flow_style()
        return seq
    return value


def _entry(value: Mapping[str, Any]) -> CommentedMap:
    """A new list entry: a block mapping of flow values; a list of mappings (BGP paths) as a
    block list of flow mappings."""
    entry = CommentedMap()
    for key, item in value.items():
        if isinstance(item, list) and item and all(isinstance(v, Mapping) for v in item):
            seq = CommentedSeq(_flow(v) for v in item)
            entry[key] = seq
        else:
            entry[key] = _flow(item)
    return entry


def _find(document: Any, location: tuple[str | int, ...], path: str) -> Any:
    node = document
    for step in location:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            raise EditError(f"{path}: no entry at {'/'.join(map(str, location))} (the file changed?)") from None
    return node


def _set(entry: Any, values: Mapping[str, Any], path: str) -> None:
    if not isinstance(entry, dict):
        raise EditError(f"{path}: the entry to edit is not a mapping")
    for name, value in values.items():
        if value is None:
            entry.pop(name, None)
        elif name in entry:
            entry[name] = _flow(value)
        else:
            _append_key(entry, name, _flow(value))


def _append_key(entry: Any, name: str, value: Any) -> None:
    """A new last key; a comment after the old last value (often the next entry's heading)
    moves along, so it stays below the entry."""
    last = next(reversed(entry), None) if len(entry) else None
    comments = getattr(entry, "ca", None)
    moved = comments.items.pop(last, None) if comments is not None and last is not None else None
    entry[name] = value
    if comments is not None and moved is not None:
        comments.items[name] = moved


def _apply(document: Any, edits: Iterable[Edit], path: str) -> Any:
    for edit in edits:
        if edit.action == "set":
            _set(_find(document, edit.location, path), edit.values, path)
        elif edit.action == "remove":
            *parent_at, index = edit.location
            parent = _find(document, tuple(parent_at), path)
            if not isinstance(parent, list) or not isinstance(index, int) or index >= len(parent):
                raise EditError(f"{path}: no entry at {'/'.join(map(str, edit.location))} (the file changed?)")
            del parent[index]
            if not parent and len(parent_at) == 3:  # a BGP route left without paths goes too
                del document[parent_at[0]][parent_at[1]]
        elif edit.action == "add":
            (name,) = edit.location
            if document.get(name) is None:
                _append_key(document, str(name), CommentedSeq())
            document[name].append(_entry(edit.entry) if isinstance(document, CommentedMap) else dict(edit.entry))
        else:
            raise EditError(f"{path}: unknown edit {edit.action!r}")
    return document


def edit_yaml(path: str, text: str, edits: Iterable[Edit]) -> str:
    data, indent, block_seq_indent = load_yaml_guess_indent(text) if text.strip() else (None, 2, 0)
    del data
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the author wrote on one
    offset = block_seq_indent or 0
    yaml.indent(mapping=indent if offset == 0 else max(indent - offset, 2), sequence=indent, offset=offset)
    document = yaml.load(text) if text.strip() else CommentedMap()
    if not isinstance(document, CommentedMap):
        raise EditError(f"{path}: not a mapping of intent keys")
    _apply(document, edits, path)
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def edit_json(path: str, text: str, edits: Iterable[Edit]) -> str:
    document = json.loads(text) if text.strip() else {}
    if not isinstance(document, dict):
        raise EditError(f"{path}: not a mapping of intent keys")
    _apply(document, edits, path)
    found = re.search(r"^\{\s*\n([ \t]+)\"", text)
    indent: int | str | None = (
        (len(found.group(1)) if found.group(1).strip(" ") == "" else found.group(1)) if found else None
    )
    return json.dumps(document, indent=indent, ensure_ascii=False) + ("\n" if text.endswith("\n") or not text else "")


def edit_text(path: str, text: str, edits: Iterable[Edit]) -> str:
    """The file's new text after `edits` (all for this file)."""
    if path.endswith(".json"):
        return edit_json(path, text, edits)
    return edit_yaml(path, text, edits)


def new_file(router: str, path: str) -> str:
    """The text of a new adoption file for `router`, before its entries are added."""
    if path.endswith(".json"):
        return json.dumps({"apply_to": {"devices": [router]}}, indent=2) + "\n"
    return NEW_FILE_HEADER.format(router=router) + f"apply_to: {{devices: [{router}]}}\n"
