"""Loading intent from a source: parse every file (reusing cached parses of unchanged
files), then merge per router. All errors of a run are collected; any error means
no Intent at all, so nothing downstream ever acts on half-read intent."""

from __future__ import annotations

import logging
import os
import traceback
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from reconciler.intent.errors import IntentError, IntentInvalid
from reconciler.intent.files import Inventory, ParsedFile, parse_devices_file, parse_intent_file, reference_errors
from reconciler.intent.merge import RouterIntent, merge
from reconciler.intent.sources import FolderSource, GitSource, SourceError, SourceFile
from reconciler.intent.yaml_loader import Positions, all_positions

log = logging.getLogger(__name__)

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


def load_intent(
    source: Source, cache: ParseCache | None = DEFAULT_CACHE, environ: Mapping[str, str] | None = None
) -> Intent:
    """The validated intent of a source; IntentInvalid with every error otherwise (and
    never any other exception: a watcher must survive whatever a commit holds)."""
    reading = [str(source.subdir)]  # the file being read, for the last-resort error
    try:
        return _load(source, cache, os.environ if environ is None else environ, reading)
    except IntentInvalid:
        raise
    except SourceError as exc:
        raise IntentInvalid(exc.errors) from None
    except Exception as exc:  # a bug in the loader: reported, never a traceback or a dead thread
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        # The type and place only: an exception's text may hold file content (a secret).
        log.debug("loader bug: %s at %s:%s reading %s", type(exc).__name__, frame.filename, frame.lineno, reading[-1])
        message = f"could not be read ({type(exc).__name__}); this is a bug in the reconciler, please report it"
        raise IntentInvalid([IntentError(reading[-1], 0, 0, "", message)]) from None


def _load(source: Source, cache: ParseCache | None, environ: Mapping[str, str], reading: list[str]) -> Intent:
    files = source.files()
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
            reading.append(file.path)
            found = cache.get(file.cache_key)
            if found is None:
                raw = read(file)
                if file in devices_files:
                    found = parse_devices_file(file.path, raw)
                else:
                    found = parse_intent_file(file.path, raw)
                    found.prune_positions()
                del raw  # not held while the next file is parsed
                cache.put(file.cache_key, found)
            if isinstance(found, Inventory):
                inventory = found
            else:
                parsed.append(found)
        reading.append(str(source.subdir))
        assert inventory is not None
        errors = [*inventory.errors, *(e for p in parsed for e in p.errors)]
        if errors:
            raise IntentInvalid(errors, inventory.more_errors + sum(p.more_errors for p in parsed))
        references = reference_errors(inventory, read(devices_files[0]), environ) if inventory.routers else []
        if references:
            raise IntentInvalid(references)
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
        return all_positions(read(file).decode("utf-8", errors="replace"))

    return compute
