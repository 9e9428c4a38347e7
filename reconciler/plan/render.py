"""Plan renderings: terminal text, versioned JSON, and Markdown for pull-request comments.

Pure: each returns strings. Nothing rendered comes from router settings, so no
credential can appear in a plan.
"""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import msgspec
from rich.console import Console
from rich.text import Text

from reconciler.plan.model import Action, Change, Plan, RouterPlan

GITHUB_COMMENT_LIMIT = 65_536
MARKDOWN_PART_LIMIT = 60_000  # headroom under GitHub's limit for the part header
MAX_MARKDOWN_PARTS = 25  # beyond this, one summary comment pointing at the JSON artifact
_SYMBOL = {Action.CREATE: "+", Action.UPDATE: "~", Action.DELETE: "-"}
_STYLE = {Action.CREATE: "green", Action.UPDATE: "yellow", Action.DELETE: "red"}


def _short(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    return "none" if value is None else str(value)


def change_line(change: Change) -> str:
    """One line: symbol, kind, key, and what matters about it."""
    line = f"{_SYMBOL[change.action]} {change.kind.value} {change.key}"
    edits = [op.split(": ", 1)[1] for op in change.operations if op.startswith("Firewall/FilterModify: ")]
    if edits:
        line += f"  ({'; '.join(edits)})"
    elif change.action is Action.UPDATE and change.fields:
        shown = "; ".join(f"{f.field}: {_short(f.before)} -> {_short(f.after)}" for f in change.fields[:4])
        more = f"; +{len(change.fields) - 4} more" if len(change.fields) > 4 else ""
        line += f"  ({shown}{more})"
    elif change.action is Action.CREATE and change.after and "next_hops" in change.after:
        line += f"  next hops {', '.join(change.after['next_hops'])}"
    return line


def behaviour_lines(router_plan: RouterPlan) -> list[str]:
    """What the router's changes do to traffic: per changed filter, then for its routes."""
    lines = []
    for name, regions in router_plan.filter_behaviour.items():
        lines.append(f"traffic through filter {name}:" if regions else f"traffic through filter {name}: unchanged")
        lines += [f"  {region}" for region in regions]
    if router_plan.route_behaviour:
        lines.append("forwarding:")
        lines += [f"  {line}" for line in router_plan.route_behaviour]
    return lines


def _counts_text(counts: dict[str, int]) -> str:
    return f"{counts['create']} to create, {counts['update']} to change, {counts['delete']} to delete"


def _intent_text(plan: Plan) -> str:
    text = f"intent {plan.intent_label}"
    if plan.base_commit:
        text += f", routers whose intent differs from {plan.base_commit[:12]}"
    return text


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def to_text(plan: Plan, *, color: bool = False, width: int = 120) -> str:
    out = StringIO()
    console = Console(file=out, force_terminal=color, no_color=not color, width=width, highlight=False, soft_wrap=True)
    console.print(Text(f"Plan for {_intent_text(plan)}", style="bold"))
    for router_plan in plan.routers:
        if router_plan.error is not None:
            console.print(Text(f"{router_plan.router}: error: {router_plan.error}", style="bold red"))
            continue
        if router_plan.not_read is not None:
            console.print(Text(f"{router_plan.router}: not read: {router_plan.not_read}", style="bold yellow"))
            continue
        console.print(Text(f"{router_plan.router}: {_counts_text(router_plan.counts())}", style="bold"))
        for change in router_plan.changes:
            console.print(Text("  " + change_line(change), style=_STYLE[change.action]))
        for change in router_plan.reported:
            console.print(Text("  drift, reported only (policy report): " + change_line(change), style="magenta"))
        if router_plan.handover is not None:
            console.print(Text(f"  ~ {router_plan.handover}", style="yellow"))
        for line in behaviour_lines(router_plan):
            console.print(Text(f"  {line}", style="blue"))
        for note in router_plan.notes:
            console.print(Text(f"  note: {note}", style="cyan"))
        if router_plan.requests:
            console.print("  requests: " + ", ".join(f"{op} {n}" for op, n in router_plan.requests.items()))
        if router_plan.not_managed_count:
            console.print(
                Text(f"  not managed (left alone): {_plural(router_plan.not_managed_count, 'object')}", style="dim")
            )
    failed = len(plan.failed)
    summary = f"Summary: {_counts_text(plan.counts())} on {_plural(len(plan.routers), 'router')}"
    unread = sum(1 for d in plan.routers if d.not_read is not None)
    if unread:
        summary += f"; {_plural(unread, 'new router')} not read"
    if failed:
        summary += f"; {failed} router{'s' if failed != 1 else ''} could not be planned"
    console.print(Text(summary, style="bold"))
    return out.getvalue()


def _change_dict(c: Change) -> dict[str, Any]:
    return {
        "action": c.action.value,
        "kind": c.kind.value,
        "key": c.key,
        "before": c.before,
        "after": c.after,
        "fields": [{"field": f.field, "before": f.before, "after": f.after} for f in c.fields],
        "operations": list(c.operations),
        # The typed objects, so that `apply --plan` executes exactly this change.
        "value": {
            "subject": msgspec.to_builtins(c.subject),
            "previous": msgspec.to_builtins(c.previous),
            "edits": msgspec.to_builtins(c.edits),
        },
    }


def to_dict(plan: Plan) -> dict[str, Any]:
    """The JSON document (schema jet-reconciler/plan/v2; see the README)."""
    return {
        "schema": plan.schema,
        "intent": {"label": plan.intent_label, "commit": plan.intent_commit, "base_commit": plan.base_commit},
        "summary": {**plan.counts(), "routers": len(plan.routers), "failed": [d.router for d in plan.failed]},
        "routers": [
            {
                "router": d.router,
                "error": d.error,
                "not_read": d.not_read,
                "handover": d.handover,
                "behaviour": {"filters": d.filter_behaviour, "routes": d.route_behaviour},
                "fingerprint": d.fingerprint,
                "intent_digest": d.intent_digest,
                "counts": d.counts(),
                "requests": d.requests,
                "changes": [_change_dict(c) for c in d.changes],
                "reported": [_change_dict(c) for c in d.reported],
                "not_managed": {"count": d.not_managed_count, "sample": d.not_managed},
                "notes": d.notes,
            }
            for d in plan.routers
        ],
    }


def to_json(plan: Plan) -> str:
    return json.dumps(to_dict(plan), indent=2) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _markdown_head(plan: Plan) -> str:
    counts = plan.counts()
    lines = [
        "### JET reconciler plan",
        "",
        f"For {_intent_text(plan)}: **{_counts_text(counts)}** on {_plural(len(plan.routers), 'router')}"
        + (f", **{len(plan.failed)} could not be planned**" if plan.failed else "")
        + ".",
        "",
        "| Router | Create | Change | Delete | Status |",
        "|---|---:|---:|---:|---|",
    ]
    for d in plan.routers:
        if d.error is not None:
            lines.append(f"| {d.router} | | | | :warning: error: {_cell(d.error)} |")
        elif d.not_read is not None:
            lines.append(f"| {d.router} | | | | not read: {_cell(d.not_read)} |")
        else:
            c = d.counts()
            status = "changes" if d.changes or d.handover else "in sync"
            if d.handover is not None:
                status += ", client id hand-over"
            if d.reported:
                status += f", {_plural(len(d.reported), 'drift')} reported only"
            if d.notes:
                status += f", {_plural(len(d.notes), 'note')}"
            lines.append(f"| {d.router} | {c['create']} | {c['update']} | {c['delete']} | {status} |")
    return "\n".join(lines) + "\n"


def _router_sections(router_plan: RouterPlan, limit: int) -> list[str]:
    """The router's collapsible section(s), each under `limit` characters."""
    if not router_plan.changes and not router_plan.reported and not router_plan.notes and not router_plan.handover:
        return []
    title = f"<b>{router_plan.router}</b>: {_counts_text(router_plan.counts())}"
    if router_plan.reported:
        title += f"; {_plural(len(router_plan.reported), 'drift')} reported only (policy report)"
    lines = [f"~ {router_plan.handover}"] if router_plan.handover else []
    lines += [change_line(c) for c in router_plan.changes]
    lines += [f"! reported only: {change_line(c)}" for c in router_plan.reported]
    lines += [f"# note: {note}" for note in router_plan.notes]
    lines += [f"# {line}" for line in behaviour_lines(router_plan)]
    sections: list[list[str]] = []
    chunk: list[str] = []
    size = 0
    overhead = len(title) + 80
    for line in lines:
        if chunk and size + len(line) + 1 + overhead > limit:
            sections.append(chunk)
            chunk, size = [], 0
        chunk.append(line)
        size += len(line) + 1
    sections.append(chunk)
    rendered = []
    for index, body in enumerate(sections):
        part = f" (part {index + 1} of {len(sections)})" if len(sections) > 1 else ""
        rendered.append(
            f"<details><summary>{title}{part}</summary>\n\n```diff\n" + "\n".join(body) + "\n```\n</details>\n"
        )
    return rendered


def to_markdown(plan: Plan, *, artifact: str = "plan.json", limit: int = MARKDOWN_PART_LIMIT) -> list[str]:
    """Markdown comments, each under GitHub's 65,536-character limit: one when it fits,
    several parts when needed, or a summary pointing at the JSON artifact when a plan
    would take more than MAX_MARKDOWN_PARTS comments."""
    head = _markdown_head(plan)
    sections = [s for d in plan.routers for s in _router_sections(d, limit - len(head) - 200)]
    parts: list[str] = []
    current = head
    for section in sections:
        if len(current) + len(section) + 1 > limit:
            parts.append(current)
            current = ""
        current += "\n" + section
    parts.append(current)
    if len(parts) > MAX_MARKDOWN_PARTS:
        changes = sum(len(d.changes) for d in plan.routers)
        return [
            head
            + f"\nThe full plan ({changes} changes) is too long for comments: see the `{artifact}` artifact of this "
            "run.\n"
        ]
    if len(parts) > 1:
        parts = [f"<sub>Plan part {i + 1} of {len(parts)}</sub>\n\n{p}" for i, p in enumerate(parts)]
    assert all(len(p) < GITHUB_COMMENT_LIMIT for p in parts)
    return parts
