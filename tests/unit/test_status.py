"""`reconciler status` says `in sync` only when the last read matched the newest valid
commit, and drops stale `not repaired` lines once a later read matched; a journal it
cannot use ends it with one line and exit 1."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import typer

from reconciler.commands.status import status
from reconciler.model.outcome import Outcome
from reconciler.store.journal import DriftRecord, Journal, ReconcileRecord, TipRecord


def _run(journal: Journal, capsys: pytest.CaptureFixture[str]) -> str:
    status(router=None, state_dir=journal.state_dir)
    return capsys.readouterr().out


def _reconcile(journal: Journal, outcome: Outcome, commit: str, at: float, reported: int = 0) -> None:
    journal.record_reconcile(ReconcileRecord("r1", "resync", at, at, outcome.value, commit, None, reported))


def test_drift_reported_then_gone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    journal = Journal(tmp_path)
    now = time.time()
    journal.record_drifts([DriftRecord("r1", "bgp_path", "inet.0 10.1.0.0/24 via 10.0.0.1", "create", "report",
                                       "event", now - 10, False)])  # fmt: skip
    _reconcile(journal, Outcome.DRIFT_REPORTED, "abc", now - 10, reported=1)
    out = _run(journal, capsys)
    assert "r1: drift reported: 1 objects differ" in out and "not repaired (report)" in out
    _reconcile(journal, Outcome.IN_SYNC, "abc", now)  # the operator put it back
    out = _run(journal, capsys)
    assert out.startswith("r1: in sync;") and "gone since" in out and "not repaired" not in out


def test_behind_and_invalid_tips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    journal = Journal(tmp_path)
    now = time.time()
    _reconcile(journal, Outcome.CHANGED, "a" * 40, now)
    journal.record_tip(TipRecord("main", "a" * 40, True, None, now))
    assert _run(journal, capsys).startswith("r1: in sync;")
    journal.record_tip(TipRecord("main", "b" * 40, True, None, now))
    assert "r1: behind: last verified at aaaaaaaaaaaa, the tip is bbbbbbbbbbbb" in _run(journal, capsys)
    journal.record_tip(TipRecord("main", "c" * 40, False, "1 errors, first: x.yaml:2:5: prefix: bad", now))
    out = _run(journal, capsys)
    assert "the tip of main (cccccccccccc) is invalid intent: 1 errors, first: x.yaml:2:5" in out
    assert "r1: intent invalid at the tip cccccccccccc; still enforcing aaaaaaaaaaaa" in out


@pytest.mark.parametrize("outcome", [o for o in Outcome if o not in (Outcome.IN_SYNC, Outcome.CHANGED,
                                                                       Outcome.DRIFT_REPORTED)])  # fmt: skip
def test_anything_unverified_is_not_in_sync(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            outcome: Outcome) -> None:  # fmt: skip
    journal = Journal(tmp_path)
    _reconcile(journal, outcome, "abc", time.time())
    assert _run(journal, capsys).startswith(f"r1: NOT in sync: {outcome.value}")


def test_a_journal_it_cannot_use_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "journal.sqlite3").write_bytes(b"not SQLite" * 100)
    with pytest.raises(typer.Exit) as stopped:
        status(router=None, state_dir=tmp_path)
    assert stopped.value.exit_code == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"error: journal {tmp_path / 'journal.sqlite3'}: not a usable journal database (file is not a database); "
        "restore it from a backup, or move it aside to start a new journal (the filters and bindings it recorded "
        "are then unknown)\n"
    )
