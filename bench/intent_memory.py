"""Peak memory and time of loading one big route file (the loader's memory budget).

    python bench/intent_memory.py [--mib N] [--formats yaml,json] [--kinds valid,invalid]

For each format (YAML, JSON) and kind (valid routes; every route with an error) it
writes a folder with the example inventory and one route file of about N MiB (default:
the per-format size limit), then loads it in a fresh Python process and prints that
process's peak RSS (ru_maxrss), the RSS after imports alone, the wall time, and what
the loader answered (routes loaded, or the number of errors). A file over the limit is
also tried, to show it is refused without being read.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reconciler.intent.sources import MAX_FILE_BYTES_BY_SUFFIX  # noqa: E402

DEVICES = """\
devices:
  r1:
    address: 127.0.0.1
    insecure: true
    credentials: {username_env: JET_USER, password_env: JET_PASSWORD}
"""

CHILD = """
import json, resource, sys, time
from pathlib import Path
from reconciler.intent.errors import IntentInvalid
from reconciler.intent.load import load_intent
from reconciler.intent.sources import FolderSource
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
try:
    intent = load_intent(FolderSource(Path(sys.argv[1])), cache=None)
    answer = f"{len(intent.routers['r1'].static_routes):,} routes"
except IntentInvalid as error:
    answer = f"{error.total:,} errors ({len(error.errors):,} kept): {error.errors[0]}"[:110]
elapsed = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"base": base, "peak": peak, "seconds": elapsed, "answer": answer}))
"""


def _route(i: int, bad: bool) -> tuple[str, list[str]]:
    # A bad route: host bits set (a semantic error, found after the file parsed).
    last = (i & 255) if not bad else 1
    prefix = f"{10 + (i >> 24)}.{(i >> 16) & 255}.{(i >> 8) & 255}.{last}/{32 if not bad else 24}"
    return prefix, ["192.0.2.1", "192.0.2.2"]


def _write(path: Path, fmt: str, size: int, bad: bool) -> int:
    """Write routes until the file is about `size` bytes; the number of routes."""
    count = 0
    with path.open("w") as out:
        if fmt == "yaml":
            out.write("apply_to: {all: true}\nstatic_routes:\n")
        else:
            out.write('{"apply_to": {"all": true}, "static_routes": [\n')
        written = out.tell()
        while written < size - 200:
            prefix, hops = _route(count, bad)
            if fmt == "yaml":
                line = f"  - {{prefix: {prefix}, next_hops: [{hops[0]}, {hops[1]}], tag: 100}}\n"
            else:
                line = ("," if count else "") + json.dumps({"prefix": prefix, "next_hops": hops, "tag": 100}) + "\n"
            out.write(line)
            written += len(line)
            count += 1
        out.write("" if fmt == "yaml" else "]}\n")
    return count


def _case(work: Path, fmt: str, kind: str, size: int) -> None:
    folder = work / f"{fmt}-{kind}"
    intent = folder / "intent"
    (intent / "routes").mkdir(parents=True)
    (intent / "devices.yaml").write_text(DEVICES)
    file = intent / "routes" / f"big.{fmt}"
    routes = _write(file, fmt, size, kind == "invalid")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, str(folder)], capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        print(f"{fmt:<5}{kind:<8} the loader crashed:\n{done.stderr[-2000:]}")
        return
    figures = json.loads(done.stdout)
    mib = file.stat().st_size / 2**20
    print(
        f"{fmt:<5}{kind:<8}{mib:7.1f} MiB {routes:>10,} routes  peak {figures['peak'] / 1024:7.0f} MB "
        f"(imports {figures['base'] / 1024:4.0f} MB)  load {figures['seconds']:6.1f} s  (process {wall:5.1f} s)"
    )
    print(f"{'':13}-> {figures['answer']}")
    shutil.rmtree(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--mib", type=float, default=0, help="file size in MiB (default: the format's limit)")
    parser.add_argument("--formats", default="yaml,json")
    parser.add_argument("--kinds", default="valid,invalid")
    parser.add_argument("--over", action="store_true", help="also try a file 1 MiB over the limit")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="intent-memory-"))
    try:
        for fmt in args.formats.split(","):
            limit = MAX_FILE_BYTES_BY_SUFFIX[f".{fmt}"]
            size = int(args.mib * 2**20) if args.mib else limit
            for kind in args.kinds.split(","):
                _case(work, fmt, kind, size)
            if args.over:
                _case(work, fmt, "over", limit + 2**20)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
