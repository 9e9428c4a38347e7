"""The pull-request comment the example workflow posts, from a real plan of the example intent."""

from __future__ import annotations

import json
import re
from pathlib import Path

from reconciler.commands.plan import PART_BREAK
from reconciler.plan.render import GITHUB_COMMENT_LIMIT
from tests.integration.apply_lab import Lab
from tests.integration.apply_lab import lab as lab  # the fixture

WORKFLOW = Path(__file__).resolve().parents[2] / "examples/github/jet-plan.yml"
MARKER = "<!-- jet-reconciler plan -->"


def test_the_pr_comment_of_the_example_intent_fits_github(lab: Lab, tmp_path: Path) -> None:
    # What the workflow runs: a branch changing one file, planned against its base.
    base = lab.repo.head.commit.hexsha
    ams = lab.root / "intent/routes/ams-edge.yaml"
    ams.write_text(ams.read_text() + "  - {prefix: 10.30.0.0/16, next_hops: [192.0.2.5]}\n")
    lab.commit("a pull request")
    out = tmp_path / "plan.json"
    done = lab.run("plan", "--ref", "HEAD", "--base", base, "--format", "markdown", "--out", str(out))
    assert done.returncode == 2, done.stderr
    parts = done.stdout.split(PART_BREAK)
    # the workflow posts the marker and the first part as one comment
    comment = f"{MARKER}\n{parts[0]}"
    assert len(comment) < GITHUB_COMMENT_LIMIT
    assert "router1" in comment and "router2" in comment and "router3" not in comment
    assert "10.30.0.0/16" in comment
    plan = json.loads(out.read_text())
    assert [r["router"] for r in plan["routers"]] == ["router1", "router2"]
    # the workflow splits on the same separator the command writes
    assert PART_BREAK.strip() in WORKFLOW.read_text()
    assert MARKER in WORKFLOW.read_text()


def test_the_first_plan_of_the_example_intent_fits_one_comment(lab: Lab) -> None:
    done = lab.run("plan", "--format", "markdown")
    assert done.returncode == 2, done.stderr
    assert PART_BREAK not in done.stdout
    assert len(f"{MARKER}\n{done.stdout}") < GITHUB_COMMENT_LIMIT
    assert len(re.findall(r"router\d", done.stdout)) >= 3
