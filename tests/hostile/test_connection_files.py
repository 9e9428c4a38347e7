"""File references of the inventory (password_file, tls.ca/cert/key_file) are confined
to the repository and the directories named in RECONCILER_CREDENTIAL_DIRS.

The inventory may come from a pull request: a name in it must never make the
reconciler read another file of the machine (issue 12, finding 3).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pytest

from reconciler.jet.connect import credentials, endpoint
from reconciler.jet.files import MAX_BYTES
from reconciler.model.intent import RouterEntry, Tls
from reconciler.port.errors import ConfigError

SECRET = "outside-secret-do-not-read"


@pytest.fixture
def layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """(repository root, a directory outside it holding a secret)."""
    monkeypatch.delenv("RECONCILER_CREDENTIAL_DIRS", raising=False)
    root = tmp_path / "repo"
    outside = tmp_path / "elsewhere"
    root.mkdir()
    outside.mkdir()
    (tmp_path / "outside-secret.txt").write_text(SECRET)
    (outside / "shadow").write_text(SECRET)
    (root / "password.txt").write_text("in-repo-password\n")
    return root, outside


def _entry(**fields: Any) -> RouterEntry:
    # Built without the model's validation: the inventory loader refuses some of these
    # names too, but the driver must hold on its own (an entry may come from elsewhere).
    entry = RouterEntry.model_validate({"address": "127.0.0.1", "credentials": {"username": "u", "password_env": "P"}})
    credentials = entry.credentials.model_copy(update=fields.get("credentials", {}))
    tls = None if "tls" not in fields else Tls.model_construct(**fields["tls"])
    return entry.model_copy(update={"credentials": credentials, "tls": tls})


def _password_file(name: str) -> RouterEntry:
    return _entry(credentials={"username": "lab", "password_env": None, "password_file": name})


def _refusal(call: Any) -> str:
    with pytest.raises(ConfigError) as failure:
        call()
    text = str(failure.value)
    assert SECRET not in text
    return text


def test_a_file_inside_the_repository_is_read(layout: tuple[Path, Path]) -> None:
    root, _ = layout
    assert credentials("r1", _password_file("password.txt"), root) == ("lab", "in-repo-password")


def test_a_relative_name_may_not_climb_out_of_the_repository(layout: tuple[Path, Path]) -> None:
    root, _ = layout
    text = _refusal(lambda: credentials("r1", _password_file("../outside-secret.txt"), root))
    assert text.startswith("r1: connect failed (configuration): password_file: ../outside-secret.txt points outside")
    assert text.endswith("(not read)")


def test_an_absolute_name_outside_the_allowed_directories_is_refused(layout: tuple[Path, Path]) -> None:
    root, outside = layout
    name = str(outside / "shadow")
    text = _refusal(lambda: credentials("r1", _password_file(name), root))
    assert f"password_file: {name} is outside the repository" in text
    assert "RECONCILER_CREDENTIAL_DIRS" in text


def test_tls_files_are_confined_too(layout: tuple[Path, Path]) -> None:
    root, outside = layout
    for field in ("ca", "cert"):
        tls: dict[str, str] = {field: "../../etc/shadow"}
        if field == "cert":
            tls["key_file"] = "key.pem"
        text = _refusal(lambda tls=tls: endpoint("r1", _entry(credentials={"username": "u", "password_env": "P"},
                                                               tls=tls), root))  # fmt: skip
        assert f"tls.{field}: ../../etc/shadow points outside the repository" in text
    key = str(outside / "shadow")
    text = _refusal(lambda: endpoint("r1", _entry(credentials={"username": "u", "password_env": "P"},
                                                  tls={"cert": "c.pem", "key_file": key}), root))  # fmt: skip
    # tls.cert (c.pem, missing) is read first; the key is refused when the cert is fine
    assert "tls.cert: cannot read c.pem" in text
    (root / "c.pem").write_text("cert")
    text = _refusal(lambda: endpoint("r1", _entry(credentials={"username": "u", "password_env": "P"},
                                                  tls={"cert": "c.pem", "key_file": key}), root))  # fmt: skip
    assert f"tls.key_file: {key} is outside the repository" in text


def test_a_symlink_in_the_repository_may_not_point_outside(layout: tuple[Path, Path]) -> None:
    root, outside = layout
    (root / "creds").mkdir()
    (root / "creds/password").symlink_to(outside / "shadow")
    (root / "linked-dir").symlink_to(outside)
    for name in ("creds/password", "linked-dir/shadow"):
        text = _refusal(lambda name=name: credentials("r1", _password_file(name), root))
        assert f"password_file: {name} resolves to {outside.resolve() / 'shadow'}, outside the repository" in text


def test_a_symlink_within_the_repository_is_followed(layout: tuple[Path, Path]) -> None:
    root, _ = layout
    (root / "current").symlink_to(root / "password.txt")
    assert credentials("r1", _password_file("current"), root)[1] == "in-repo-password"


def test_an_allowed_directory_from_the_environment_is_read(
    layout: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, outside = layout
    monkeypatch.setenv("RECONCILER_CREDENTIAL_DIRS", os.pathsep.join(["/nonexistent-dir", str(outside)]))
    assert credentials("r1", _password_file(str(outside / "shadow")), root)[1] == SECRET
    # a symlink in the repository into an allowed directory is fine as well
    (root / "via-link").symlink_to(outside / "shadow")
    assert credentials("r1", _password_file("via-link"), root)[1] == SECRET


def test_a_fifo_is_refused_without_blocking(layout: tuple[Path, Path]) -> None:
    root, _ = layout
    os.mkfifo(root / "pipe")
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            credentials("r1", _password_file("pipe"), root)
        except BaseException as error:  # handed to the test thread
            outcome.append(error)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # unblock the reader so the test process can end, then fail
        with open(root / "pipe", "wb"):
            pass
        pytest.fail("reading the FIFO blocked")
    assert len(outcome) == 1 and isinstance(outcome[0], ConfigError)
    assert str(outcome[0]).endswith("password_file: pipe is not a regular file (not read)")


def test_a_device_is_refused_even_in_an_allowed_directory(
    layout: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, _ = layout
    monkeypatch.setenv("RECONCILER_CREDENTIAL_DIRS", "/dev")
    # /dev/null rather than the endless /dev/zero: a regression must fail, not eat the memory
    text = _refusal(lambda: credentials("r1", _password_file("/dev/null"), root))
    assert text.endswith("password_file: /dev/null is not a regular file (not read)")


def test_a_file_over_the_size_cap_is_refused(layout: tuple[Path, Path]) -> None:
    root, _ = layout
    (root / "huge.pem").write_bytes(b"x" * (MAX_BYTES + 1))
    text = _refusal(lambda: endpoint("r1", _entry(credentials={"username": "u", "password_env": "P"},
                                                  tls={"ca": "huge.pem"}), root))  # fmt: skip
    assert text.endswith("tls.ca: huge.pem is larger than 1024 KiB (not read)")


def test_a_password_file_that_is_not_text_or_empty_is_named(layout: tuple[Path, Path]) -> None:
    root, _ = layout
    (root / "binary").write_bytes(b"\xff\xfe\x00")
    (root / "empty").write_bytes(b"\n")
    assert _refusal(lambda: credentials("r1", _password_file("binary"), root)).endswith(
        "password_file: binary is not UTF-8 text"
    )
    assert _refusal(lambda: credentials("r1", _password_file("empty"), root)).endswith("password_file: empty is empty")
