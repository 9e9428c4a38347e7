"""Loading intent from a source: parse every file (reusing cached parses of unchanged
files), then merge per router. All errors of a run are collected; any error means
no Intent at all, so nothing downstream ever acts on half-read intent."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from reconciler.intent.errors import IntentError, IntentInvalid
from reconciler.intent.files import Inventory, ParsedFile, parse_devices_file, parse_intent_file
from reconciler.intent.merge import RouterIntent, merge
from reconciler.intent.sources import FolderSource, GitSource, SourceError, SourceFile
from reconciler.intent.yaml_loader import Positions, YamlError, load_yaml

DEVICES_FILE_NAMES = ("devices.yaml", "devices.yml", "devices.json")
Source = FolderSource | GitSource


@dataclass
class Intent:
    """Validated intent. Its values may be shared with later loads (see ParseCache): read-only."""

    label: str  # "working tree ..." or "REF (SHA)"
    commit: str | None
    routers: dict[str, RouterIntent]
    files: list[str] = field(default_factory=list)


class ParseCache:
    """Parsed files by cache key (git blob id, or path + mtime + size), least recently used out."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[str, ParsedFile | Inventory] = OrderedDict()
        # The last merged result and the file keys it came from: an unchanged revision
        # (a watcher polling the same commit) is answered without merging again.
        self.last_merge: tuple[tuple[str, ...], dict[str, RouterIntent]] | None = None

    def get(self, key: str) -> ParsedFile | Inventory | None:
        found = self._entries.get(key)
        if found is not None:
            self._entries.move_to_end(key)
            self.hits += 1
        return found

    def put(self, key: str, value: ParsedFile | Inventory) -> None:
        self.misses += 1
        self._entries[key] = value
        if len(self._entries) > self.size:
            self._entries.popitem(last=False)


DEFAULT_CACHE = ParseCache()


def load_intent(source: Source, cache: ParseCache | None = DEFAULT_CACHE) -> Intent:
    """The validated intent of a source; IntentInvalid with every error otherwise."""
    try:
        files = source.files()
    except SourceError as exc:
        raise IntentInvalid(exc.errors) from None
    root = str(source.subdir)
    devices_paths = {str(PurePosixPath(root) / name) if root != "." else name for name in DEVICES_FILE_NAMES}
    devices_files = [f for f in files if f.path in devices_paths]
    if len(devices_files) != 1:
        problem = "missing" if not devices_files else "given more than once"
        raise IntentInvalid([IntentError(f"{root}/devices.yaml", 0, 0, "", f"the router inventory is {problem}")])
    cache = cache if cache is not None else ParseCache()
    keys = tuple(f.cache_key for f in files)
    if cache.last_merge is not None and cache.last_merge[0] == keys:
        cache.hits += len(keys)
        return Intent(source.label, source.commit, cache.last_merge[1], [f.path for f in files])
    with source.reader() as read:
        inventory: Inventory | None = None
        parsed: list[ParsedFile] = []
        for file in files:
            found = cache.get(file.cache_key)
            if found is None:
                raw = read(file)
                if file in devices_files:
                    found = parse_devices_file(file.path, raw)
                else:
                    found = parse_intent_file(file.path, raw)
                    found.prune_positions()
                cache.put(file.cache_key, found)
            if isinstance(found, Inventory):
                inventory = found
            else:
                parsed.append(found)
        assert inventory is not None
        errors = [*inventory.errors, *(e for p in parsed for e in p.errors)]
        if errors:
            raise IntentInvalid(errors)
        for file_parsed, file in zip(parsed, [f for f in files if f not in devices_files], strict=True):
            if not file_parsed.positions:
                file_parsed.position_source = _positions_of(read, file)
        routers, merge_errors = merge(inventory, parsed)
        for file_parsed in parsed:
            file_parsed.position_source = None  # the reader closes with this block
    if merge_errors:
        raise IntentInvalid(merge_errors)
    cache.last_merge = (keys, routers)
    return Intent(source.label, source.commit, routers, [f.path for f in files])


def _positions_of(read: Callable[[SourceFile], bytes], file: SourceFile) -> Callable[[], Positions]:
    def compute() -> Positions:
        try:
            return load_yaml(read(file).decode("utf-8"))[1]
        except (YamlError, UnicodeDecodeError):
            return {}

    return compute
