"""Hostile intent files: each is an error naming the file (and the line where there is
one), never an exception, a traceback or a silent pass. Real folders and git
repositories in temp directories, loaded the way `validate`, `plan` and the watcher do."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import git
import pytest
from typer.testing import CliRunner

from reconciler.cli import app
from reconciler.intent.errors import MAX_ERRORS, IntentInvalid
from reconciler.intent.load import Intent, load_intent
from reconciler.intent.sources import MAX_FILE_BYTES_BY_SUFFIX, FolderSource, GitSource

EXAMPLE = Path(__file__).resolve().parents[2] / "intent"
HEAD = b"apply_to: {all: true}\nstatic_routes:\n"
ROUTE = b"  - {prefix: 10.1.0.0/16, next_hops: [192.0.2.1]}\n"
JSON_HEAD = b'{"apply_to": {"all": true},\n "static_routes": [\n'
SECRET = "hunter2-Pa55word!"
FILTER = (
    b"apply_to: {all: true}\nfilters:\n  - name: f\n    terms:\n      - name: t\n"
    b"        from: {%s}\n        then: {action: accept}\n"
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "intent")
    return tmp_path


def load(root: Path, environ: dict[str, str] | None = None) -> Intent:
    return load_intent(FolderSource(root), cache=None, environ=environ or {})


def errors(root: Path, name: str, content: bytes) -> list[str]:
    (root / "intent" / name).write_bytes(content)
    with pytest.raises(IntentInvalid) as failure:
        load(root)
    return failure.value.lines()


def _bad_utf8_json() -> bytes:
    return JSON_HEAD + b'  {"prefix": "10.1.0.0/16\xff", "next_hops": ["192.0.2.1"]}\n]}\n'


def _deep(levels: int) -> bytes:
    return b"apply_to: {all: true}\nfilters: " + b"[" * levels + b"]" * levels + b"\n"


def _laughs() -> bytes:
    lines = [b'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [b"%c: &%c [%s]" % (98 + i, 98 + i, b", ".join([b"*%c" % (97 + i)] * 9)) for i in range(8)]
    return b"\n".join(lines) + b"\n"


# (file, content, the exact error lines)
CASES: list[tuple[str, bytes, list[str]]] = [
    ("routes/bad.json", _bad_utf8_json(),
     ["intent/routes/bad.json:3:26: not UTF-8 text (byte 73): save the file as UTF-8"]),
    ("routes/bad.yaml", b"apply_to: {all: true}\nstatic_routes: [\xc3\x28]\n",
     ["intent/routes/bad.yaml:2:17: not UTF-8 text (byte 38): save the file as UTF-8"]),
    ("routes/bad.yaml", HEAD + b"  - {prefix: 10.1.0.0/16, next_hops: [192.0.2.1], tag: " + b"7" * 5000 + b"}\n",
     ["intent/routes/bad.yaml:3:56: static_routes[0].tag: int value is too long or malformed"]),
    ("routes/bad.json", JSON_HEAD + b'  {"prefix": "10.1.0.0/16", "next_hops": ["192.0.2.1"], "tag": '
     + b"7" * 5000 + b"}\n]}\n",
     ["intent/routes/bad.json:3:64: static_routes[0].tag: int value is too long or malformed"]),
    ("filters/bad.yaml", FILTER % b"destination_port: [{a: 1}]",
     ["intent/filters/bad.yaml:6:35: filters[0].terms[0].from.destination_port[0]: "
      "port must be a number, a name or a range"]),
    ("filters/bad.yaml", FILTER % b"protocol: [[6]]",
     ["intent/filters/bad.yaml:6:27: filters[0].terms[0].from.protocol[0]: "
      "protocol must be a number, a name or a range"]),
    ("filters/bad.yaml", FILTER % b"source: [{prefix: [1]}], dscp: [{}]",
     ["intent/filters/bad.yaml:6:25: filters[0].terms[0].from.source[0]: '[1]' is not a prefix "
      "(expected ADDRESS/LENGTH)",
      "intent/filters/bad.yaml:6:48: filters[0].terms[0].from.dscp[0]: DSCP must be a number, a name or a range"]),
    ("routes/empty.yaml", b"", ["intent/routes/empty.yaml: the file is empty (give it content, or delete it)"]),
    ("routes/empty.json", b"", ["intent/routes/empty.json: the file is empty (give it content, or delete it)"]),
    ("routes/empty.yaml", b"  \n# only a comment\n\n",
     ["intent/routes/empty.yaml: the file is empty (give it content, or delete it)"]),
    ("routes/empty.json", b"{}\n", ["intent/routes/empty.json:1:1: the file is empty (give it content, or delete it)"]),
    ("routes/deep.yaml", _deep(100), ["intent/routes/deep.yaml:2:74: filters" + "[0]" * 64
                                      + ": nesting deeper than 64 levels"]),
    ("routes/deep.yaml", _deep(5000), ["intent/routes/deep.yaml:2:1009: exceeded maximum nesting depth"]),
    ("routes/deep.json", b'{"apply_to": {"all": true}, "filters": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
     ["intent/routes/deep.json:1:1039: exceeded maximum nesting depth"]),
    ("routes/laughs.yaml", _laughs(), ["intent/routes/laughs.yaml:5:8: aliases expand to more than 10000 values"]),
    ("routes/alias.yaml", b"apply_to: *nowhere\n", ["intent/routes/alias.yaml:1:11: alias *nowhere names no anchor "
                                                    "before it"]),
    ("routes/nul.yaml", HEAD + b"  - {prefix: 10.1.0.0/16\x00, next_hops: [192.0.2.1]}\n",
     ["intent/routes/nul.yaml:3:25: character #x0000 is not allowed in YAML (control characters are not allowed)"]),
    ("routes/nul.json", JSON_HEAD + b'  {"prefix": "10.1.0.0/16\x00", "next_hops": ["192.0.2.1"]}\n]}\n',
     ["intent/routes/nul.json:3:26: invalid JSON: invalid character"]),
    ("routes/dup.yaml", HEAD + ROUTE + b"static_routes: []\n",
     ["intent/routes/dup.yaml:4:1: static_routes: duplicate key 'static_routes' (first on line 2)"]),
    ("routes/tag.yaml", b"apply_to: !!python/object/apply:os.system [echo]\n",
     ["intent/routes/tag.yaml:1:11: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"]),
    ("routes/two.yaml", HEAD + ROUTE + b"---\n" + HEAD,
     ["intent/routes/two.yaml:4:1: only one YAML document per file (found a second '---')"]),
    ("routes/list.yaml", b"- 1\n- 2\n", ["intent/routes/list.yaml:1:1: the file must be a mapping with keys "
                                         "apply_to, static_routes, bgp_routes, filters, bindings"]),
    ("routes/broken.json", b'{"apply_to": {"all": true},\n "static_routes": [}\n',
     ["intent/routes/broken.json:2:20: invalid JSON: invalid character"]),
]  # fmt: skip


@pytest.mark.parametrize(("name", "content", "expected"), CASES, ids=[f"{i}-{c[0]}" for i, c in enumerate(CASES)])
def test_hostile_file_is_one_exact_error(root: Path, name: str, content: bytes, expected: list[str]) -> None:
    assert errors(root, name, content) == expected


def test_a_bom_is_allowed_in_yaml_and_json(root: Path) -> None:
    before = load(root).routers["router1"].static_routes
    (root / "intent/routes/bom.yaml").write_bytes(b"\xef\xbb\xbf" + HEAD + ROUTE.replace(b"10.1.", b"10.71."))
    (root / "intent/routes/bom.json").write_bytes(
        b'\xef\xbb\xbf{"apply_to": {"all": true}, "static_routes": [{"prefix": "10.72.0.0/16", "next_hops": '
        b'["192.0.2.1"]}]}'
    )
    after = load(root).routers["router1"].static_routes
    assert {k.prefix for k in after.keys() - before.keys()} == {"10.71.0.0/16", "10.72.0.0/16"}


def test_json_keeps_the_last_of_duplicate_keys(root: Path) -> None:
    (root / "intent/routes/dup.json").write_bytes(
        b'{"apply_to": {"all": true}, "static_routes": [{"prefix": "10.73.0.0/16", "next_hops": ["192.0.2.1"],'
        b' "prefix": "10.74.0.0/16"}]}'
    )
    prefixes = {k.prefix for k in load(root).routers["router1"].static_routes}
    assert "10.74.0.0/16" in prefixes and "10.73.0.0/16" not in prefixes


def test_a_file_over_the_limit_is_refused_before_it_is_read(root: Path) -> None:
    limit = MAX_FILE_BYTES_BY_SUFFIX[".yaml"]
    big = root / "intent/routes/big.yaml"
    with big.open("wb") as handle:  # sparse: its size says too big, nothing in it is valid YAML
        handle.truncate(limit + 1)
    assert errors(root, "routes/ok.yaml", HEAD + ROUTE) == [
        f"intent/routes/big.yaml: file is {limit + 1} bytes, over the limit of {limit}: split it into several files"
    ]


def test_a_pipe_named_like_intent_is_refused_not_read(root: Path) -> None:
    os.mkfifo(root / "intent/routes/pipe.yaml")  # reading it would block forever
    with pytest.raises(IntentInvalid) as failure:
        load(root)
    assert failure.value.lines() == ["intent/routes/pipe.yaml: not a regular file (a pipe or device?)"]


def test_errors_are_capped_at_a_thousand_then_counted(root: Path) -> None:
    bad = b"".join(b"  - {prefix: 10.%d.%d.1/24, next_hops: [192.0.2.1]}\n" % (i >> 8, i & 255) for i in range(1500))
    lines = errors(root, "routes/bad.yaml", HEAD + bad)
    assert len(lines) == MAX_ERRORS + 1
    assert lines[0] == (
        "intent/routes/bad.yaml:3:14: static_routes[0].prefix: '10.0.0.1/24' has host bits set "
        "(did you mean a network address?)"
    )
    assert lines[-1] == "... and 500 more errors"


def test_errors_of_a_json_file_are_capped_too(root: Path) -> None:
    items = b",\n".join(b'{"prefix": "10.%d.%d.1/24", "next_hops": ["192.0.2.1"]}' % (i >> 8, i & 255)
                        for i in range(1200))  # fmt: skip
    lines = errors(root, "routes/bad.json", JSON_HEAD + items + b"\n]}\n")
    assert len(lines) == MAX_ERRORS + 1 and lines[-1] == "... and 200 more errors"
    assert lines[1].startswith("intent/routes/bad.json:4:12: static_routes[1].prefix: '10.0.1.1/24' has host bits")


# ------------------------------------------------------------- the inventory


def _devices(root: Path, old: str, new: str) -> None:
    path = root / "intent/devices.yaml"
    text = path.read_text()
    if "tls:" in new:  # the example routers are plain-text lab routers
        text = re.sub(r"\n *insecure: true[^\n]*", "", text)
    assert old in text
    path.write_text(text.replace(old, new))


def test_a_secret_pasted_as_a_variable_name_is_not_echoed(root: Path) -> None:
    _devices(root, "password_env: JET_PASSWORD", f"password_env: '{SECRET}'")
    with pytest.raises(IntentInvalid) as failure:
        load(root)
    assert failure.value.lines() == [
        "intent/devices.yaml:5:55: defaults.credentials.password_env: not an environment variable name "
        "(the value is not shown)"
    ]
    assert SECRET not in str(failure.value)


@pytest.mark.parametrize("field", ["username_env", "password_env"])
@pytest.mark.parametrize("value", [f"'{SECRET}'", "'1ABC'", "[x]", "{a: b}", "'" + "A" * 129 + "'"])
def test_variable_names_are_checked_and_never_echoed(root: Path, field: str, value: str) -> None:
    old = "username_env: JET_USER" if field == "username_env" else "password_env: JET_PASSWORD"
    _devices(root, old, f"{field}: {value}")
    with pytest.raises(IntentInvalid) as failure:
        load(root)
    (line,) = failure.value.lines()
    assert line.startswith("intent/devices.yaml:5:")
    assert line.endswith(f"defaults.credentials.{field}: not an environment variable name (the value is not shown)")
    assert value.strip("' ") not in line or value.strip("' ") in ("A",)


def test_no_credentials_message_echoes_the_input(root: Path) -> None:
    _devices(root, "{username_env: JET_USER, password_env: JET_PASSWORD}",
             f"{{username: {{x: '{SECRET}'}}, password_file: ['{SECRET}'], password: '{SECRET}'}}")  # fmt: skip
    with pytest.raises(IntentInvalid) as failure:
        load(root)
    text = str(failure.value)
    assert SECRET not in text and len(failure.value.errors) == 3


@pytest.mark.parametrize(
    ("replacement", "expected"),
    [
        ("credentials: {username_env: JET_USER, password_file: ../outside-secret.txt}",
         "intent/devices.yaml:5:56: defaults.credentials.password_file: points outside the repository (a relative "
         "path may not climb above it with '..') (the value is not shown)"),
        ("credentials: {username_env: JET_USER, password_env: JET_PASSWORD}\n  tls: {ca: ../../etc/shadow}",
         "intent/devices.yaml:6:13: defaults.tls.ca: points outside the repository (a relative path may not climb "
         "above it with '..') (the value is not shown)"),
        ("credentials: {username_env: JET_USER, password_env: JET_PASSWORD}\n  tls: {ca: /etc/shadow}",
         "intent/devices.yaml:6:13: defaults.tls.ca: is outside the repository; an absolute path must be under a "
         "directory named in RECONCILER_CREDENTIAL_DIRS"),
        ("credentials: {username_env: JET_USER, password_env: JET_PASSWORD}\n"
         "  tls: {ca: ca.pem, cert: /srv/secrets/../../root/c.pem, key_file: /srv/secrets/k.pem}",
         "intent/devices.yaml:6:27: defaults.tls.cert: is outside the repository; an absolute path must be under a "
         "directory named in RECONCILER_CREDENTIAL_DIRS"),
    ],
)  # fmt: skip
def test_file_references_may_not_leave_the_repository(root: Path, replacement: str, expected: str) -> None:
    _devices(root, "credentials: {username_env: JET_USER, password_env: JET_PASSWORD}", replacement)
    with pytest.raises(IntentInvalid) as failure:
        load(root, {"RECONCILER_CREDENTIAL_DIRS": "/srv/secrets"})
    assert failure.value.lines() == [expected]


def test_absolute_references_under_the_operators_directories_are_fine(root: Path) -> None:
    _devices(root, "credentials: {username_env: JET_USER, password_env: JET_PASSWORD}",
             "credentials: {username_env: JET_USER, password_file: /srv/secrets/jet.txt}\n"
             "  tls: {ca: certs/ca.pem, cert: /run/keys/c.pem, key_file: /run/keys/k.pem}")  # fmt: skip
    intent = load(root, {"RECONCILER_CREDENTIAL_DIRS": f"/srv/secrets{os.pathsep}/run/keys"})
    entry = intent.routers["router1"].entry
    assert entry.credentials.password_file == "/srv/secrets/jet.txt" and entry.tls is not None
    with pytest.raises(IntentInvalid):  # the same inventory without the operator's directories
        load(root)


def test_a_router_naming_its_own_file_reports_it_under_the_router(root: Path) -> None:
    _devices(root, "    port: 50052\n", "    port: 50052\n    credentials: {username_env: U, password_file: /x}\n")
    with pytest.raises(IntentInvalid) as failure:
        load(root)
    assert failure.value.lines() == [
        "intent/devices.yaml:21:51: devices.router2.credentials.password_file: is outside the repository; an "
        "absolute path must be under a directory named in RECONCILER_CREDENTIAL_DIRS"
    ]


# ------------------------------------------------- as the watcher and the CLI see it


def test_a_hostile_commit_is_an_error_from_git_too(root: Path) -> None:
    repo = git.Repo.init(root, initial_branch="main")
    (root / "intent/routes/bad.json").write_bytes(_bad_utf8_json())
    (root / "intent/routes/big.yaml").write_bytes(
        HEAD + b"  - {prefix: 10.1.0.0/16, next_hops: [192.0.2.1], tag: " + b"9" * 5000 + b"}\n"
    )
    repo.git.add(A=True)
    repo.index.commit("hostile")
    with pytest.raises(IntentInvalid) as failure:
        load_intent(GitSource(root, "main"), cache=None, environ={})
    assert failure.value.lines() == [
        "intent/routes/bad.json:3:26: not UTF-8 text (byte 73): save the file as UTF-8",
        "intent/routes/big.yaml:3:56: static_routes[0].tag: int value is too long or malformed",
    ]
    repo.close()


def test_an_unexpected_exception_is_an_error_naming_the_file(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import reconciler.intent.load as loader

    def broken(path: str, raw: bytes) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr(loader, "parse_intent_file", broken)
    with pytest.raises(IntentInvalid) as failure:
        load(root)
    (line,) = failure.value.lines()
    assert line.startswith("intent/filters/") and line.endswith(
        ": could not be read (KeyError); this is a bug in the reconciler, please report it"
    )


def _validate(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["validate", "--repo", str(root)])
    return result.exit_code, result.output  # stdout and stderr


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("routes/bad.json", _bad_utf8_json(), "intent/routes/bad.json:3:26: not UTF-8 text"),
        ("routes/bad.yaml", HEAD + b"  - {prefix: 10.1.0.0/16, next_hops: [192.0.2.1], tag: " + b"7" * 5000 + b"}\n",
         "intent/routes/bad.yaml:3:56: static_routes[0].tag: int value is too long or malformed"),
        ("filters/bad.yaml", FILTER % b"protocol: [[6]]", "filters[0].terms[0].from.protocol[0]: protocol must be"),
        ("routes/empty.yaml", b"", "intent/routes/empty.yaml: the file is empty"),
    ],
)  # fmt: skip
def test_validate_exits_1_with_the_error_and_no_traceback(root: Path, name: str, content: bytes, expected: str) -> None:
    (root / "intent" / name).write_bytes(content)
    code, output = _validate(root)
    assert code == 1
    assert expected in output and "Traceback" not in output and "1 error; nothing was changed" in output


def test_validate_prints_at_most_a_thousand_errors_then_the_count(root: Path) -> None:
    bad = b"".join(b"  - {prefix: 10.%d.%d.1/24, next_hops: [192.0.2.1]}\n" % (i >> 8, i & 255) for i in range(3000))
    (root / "intent/routes/bad.yaml").write_bytes(HEAD + bad)
    code, output = _validate(root)
    lines = output.splitlines()
    assert code == 1 and len(lines) == MAX_ERRORS + 2
    assert lines[-2:] == ["... and 2000 more errors", "3000 errors; nothing was changed"]
