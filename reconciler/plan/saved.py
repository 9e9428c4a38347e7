"""Loading a saved plan (the JSON of `reconciler plan --out`) back into typed values,
so that `apply --plan` executes exactly the changes that were shown. Pure."""

from __future__ import annotations

from typing import Any

import msgspec

from reconciler.model.filters import Binding, FirewallFilter, TermEdit
from reconciler.model.routes import BgpPath, StaticRoute
from reconciler.plan.model import PLAN_SCHEMA, Action, Change, FieldChange, Kind, Plan, RouterPlan

_VALUE_TYPE: dict[Kind, type] = {
    Kind.STATIC_ROUTE: StaticRoute,
    Kind.BGP_PATH: BgpPath,
    Kind.FILTER: FirewallFilter,
    Kind.BINDING: Binding,
}


class SavedPlanError(ValueError):
    """The document is not a plan this version can apply; the message says where."""


def _value(kind: Kind, data: Any) -> Any:
    return None if data is None else msgspec.convert(data, _VALUE_TYPE[kind])


def _change(data: dict[str, Any]) -> Change:
    kind = Kind(data["kind"])
    value = data["value"]
    return Change(
        Action(data["action"]),
        kind,
        data["key"],
        data.get("before"),
        data.get("after"),
        tuple(FieldChange(f["field"], f["before"], f["after"]) for f in data.get("fields", [])),
        tuple(data.get("operations", [])),
        _value(kind, value["subject"]),
        _value(kind, value.get("previous")),
        tuple(msgspec.convert(value.get("edits") or [], list[TermEdit])),
    )


def load_plan(document: Any, source: str = "the saved plan") -> Plan:
    if not isinstance(document, dict) or document.get("schema") != PLAN_SCHEMA:
        schema = document.get("schema") if isinstance(document, dict) else None
        raise SavedPlanError(f"{source}: schema {schema!r} is not {PLAN_SCHEMA}: make it again with reconciler plan")
    routers = []
    for position, router in enumerate(document.get("routers", [])):
        try:
            routers.append(
                RouterPlan(
                    router["router"],
                    changes=[_change(c) for c in router.get("changes", [])],
                    fingerprint=router["fingerprint"],
                    error=router.get("error"),
                    reported=[_change(c) for c in router.get("reported", [])],
                )
            )
        except (KeyError, TypeError, ValueError, msgspec.ValidationError) as error:
            raise SavedPlanError(f"{source}: routers[{position}] is not a valid plan: {error}") from None
    intent = document.get("intent") or {}
    return Plan(str(intent.get("label", "")), intent.get("commit"), routers, base_commit=intent.get("base_commit"))
