"""Checking TLS material before gRPC sees it, with the stdlib `ssl` module.

gRPC reports a bad PEM file only as C-core log lines on stderr and a channel
that never connects; checked here first, a bad file is a one-line error naming
the inventory field and the file. Messages name the field and the reference
(file name or variable name), never the content.
"""

from __future__ import annotations

import os
import ssl
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def ca_problem(data: bytes) -> str | None:
    """Why `data` is not a PEM bundle of CA certificates, or None when it is one."""
    return None if _certificates_load(data) else "is not a PEM certificate"


def chain_problem(cert: bytes, key: bytes) -> tuple[str, str] | None:
    """(field, problem) when the client certificate or key is unusable, or None.

    `field` is "cert" or "key": which of the two is at fault.
    """
    if not _certificates_load(cert):
        return "cert", "is not a PEM certificate"
    if b"ENCRYPTED" in key:
        return "key", "is an encrypted private key (gRPC needs it unencrypted)"
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    try:
        with private_files(cert, key) as (cert_path, key_path):
            # A password callback, so an encrypted key can never prompt on the terminal.
            context.load_cert_chain(cert_path, key_path, password=lambda: b"")
    except ssl.SSLError as error:
        if error.reason == "KEY_VALUES_MISMATCH":
            return "key", "does not match"
        return "key", "is not a PEM private key"
    except (OSError, ValueError):
        return "key", "is not a PEM private key"
    return None


def _certificates_load(data: bytes) -> bool:
    try:
        ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).load_verify_locations(cadata=data.decode("ascii"))
    except (ssl.SSLError, ValueError):  # UnicodeDecodeError is a ValueError
        return False
    return True


@contextmanager
def private_files(*contents: bytes) -> Iterator[tuple[str, ...]]:
    """Paths holding `contents`, readable only by this process, gone on exit.

    `ssl.SSLContext.load_cert_chain` takes only paths. On Linux the files are
    anonymous memory (memfd, never on a disk); elsewhere they are 0600 files in a
    0700 temporary directory, deleted at once.
    """
    if hasattr(os, "memfd_create"):
        descriptors = [os.memfd_create("reconciler-tls", os.MFD_CLOEXEC) for _ in contents]
        try:
            for fd, data in zip(descriptors, contents, strict=True):
                with os.fdopen(fd, "wb", closefd=False) as file:
                    file.write(data)
            yield tuple(f"/proc/self/fd/{fd}" for fd in descriptors)
        finally:
            for fd in descriptors:
                os.close(fd)
        return
    with tempfile.TemporaryDirectory(prefix="reconciler-tls-") as directory:  # pragma: no cover - not Linux
        paths = []
        for index, data in enumerate(contents):
            path = Path(directory) / str(index)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as file:
                file.write(data)
            paths.append(str(path))
        yield tuple(paths)
