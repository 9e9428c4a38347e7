"""Intent load + validate rates, cached re-load, and memory per route.

    python bench/intent_load.py [--yaml-routes 100000] [--json-routes 1000000]

Builds a git repository in a temp folder: the example inventory, one big YAML
route file, one big JSON route file and 20 small files. Prints:
- load + validate of the YAML routes (working tree, cold) and of the JSON routes;
- a re-load of the revision after one small file changed (parse cache warm);
- memory per route of the loaded per-device values (the planner's form).
"""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import git

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reconciler.intent.load import ParseCache, load_intent  # noqa: E402
from reconciler.intent.sources import FolderSource, GitSource  # noqa: E402

# 1M JSON routes (75 MB) are over the default per-file limit; this benchmark measures speed.
LIMIT = 256 * 2**20

DEVICES = """\
devices:
  r1:
    address: 127.0.0.1
    insecure: true
    credentials: {username_env: JET_USER, password_env: JET_PASSWORD}
"""


def _routes(count: int, first_octet: int) -> list[dict[str, object]]:
    return [
        {
            "prefix": f"{first_octet + (i >> 24)}.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}/32",
            "next_hops": ["192.0.2.1", "192.0.2.2"],
            "tag": 100,
        }
        for i in range(count)
    ]


def _yaml(routes: list[dict[str, object]]) -> str:
    lines = ["apply_to: {all: true}", "static_routes:"]
    lines += [f"  - {{prefix: {r['prefix']}, next_hops: [192.0.2.1, 192.0.2.2], tag: 100}}" for r in routes]
    return "\n".join(lines) + "\n"


def _timed(label: str, action: object) -> object:
    started = time.perf_counter()
    result = action()  # type: ignore[operator]
    print(f"{label:<58}{time.perf_counter() - started:8.3f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--yaml-routes", type=int, default=100_000)
    parser.add_argument("--json-routes", type=int, default=1_000_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="intent-bench-"))
    try:
        intent = work / "intent"
        (intent / "routes").mkdir(parents=True)
        (intent / "devices.yaml").write_text(DEVICES)
        for n in range(20):
            (intent / "routes" / f"small-{n}.yaml").write_text(
                f"apply_to: {{all: true}}\nstatic_routes:\n  - {{prefix: 172.{n}.0.0/16, next_hops: [192.0.2.9]}}\n"
            )
        yaml_only = work / "yaml-only"
        shutil.copytree(intent, yaml_only / "intent")
        (yaml_only / "intent/routes/big.yaml").write_text(_yaml(_routes(args.yaml_routes, 10)))
        (intent / "routes" / "big.json").write_text(
            json.dumps({"apply_to": {"all": True}, "static_routes": _routes(args.json_routes, 20)})
        )
        repo = git.Repo.init(work)
        with repo.config_writer() as config:
            config.set_value("user", "name", "bench")
            config.set_value("user", "email", "bench@example.invalid")
        repo.git.add("intent")
        repo.index.commit("bench intent")

        print(f"YAML: {args.yaml_routes:,} routes in one file; JSON: {args.json_routes:,} routes in one file")
        loaded = _timed(
            f"load + validate {args.yaml_routes:,} YAML routes (cold)",
            lambda: load_intent(FolderSource(yaml_only, max_file_bytes=LIMIT), cache=None),
        )
        n_yaml = len(loaded.routers["r1"].static_routes)  # type: ignore[attr-defined]
        cache = ParseCache()
        loaded = _timed(
            f"load + validate {args.json_routes:,} JSON routes (git, cold)",
            lambda: load_intent(GitSource(work, "HEAD", max_file_bytes=LIMIT), cache),
        )
        routes = loaded.routers["r1"].static_routes  # type: ignore[attr-defined]
        _timed(
            "re-load of the same revision (cache warm)",
            lambda: load_intent(GitSource(work, "HEAD", max_file_bytes=LIMIT), cache),
        )
        (intent / "routes" / "small-3.yaml").write_text(
            "apply_to: {all: true}\nstatic_routes:\n  - {prefix: 172.3.0.0/16, next_hops: [192.0.2.8]}\n"
        )
        repo.git.add("intent")
        repo.index.commit("change one small file")
        misses = cache.misses
        _timed(
            "re-load after one small file changed (cache warm)",
            lambda: load_intent(GitSource(work, "HEAD", max_file_bytes=LIMIT), cache),
        )
        print(f"{'files parsed again on that re-load':<58}{cache.misses - misses:8d}")
        del loaded, routes
        cache = ParseCache()
        gc.collect()
        tracemalloc.start()
        measured = load_intent(GitSource(work, "HEAD", max_file_bytes=LIMIT), cache)
        current, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        count = len(measured.routers["r1"].static_routes)
        print(f"{'memory per route (per-device values + parse cache)':<58}{current / count:8.0f} B")
        print(f"{'routes loaded (YAML run / JSON run)':<58}{n_yaml:,} / {count:,}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
