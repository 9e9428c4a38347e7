"""Loading a saved plan (the JSON of `reconciler plan --out`) back into typed values,
so that `apply --plan` executes exactly the changes that were shown. Pure.

The document is checked whole before anything is built: a malformed plan is refused
with a SavedPlanError naming where (`p.json: routers[0].changes[3]: ...`), never
with a traceback or a change that fails half-way through an apply."""

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


class _Bad(Exception):
    """A structural problem at `where` (a path like routers[0].changes[3].key)."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")


def _type_name(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", type(None): "null", bool: "true/false"}
    return names.get(type(value), "a number" if isinstance(value, int | float) else type(value).__name__)


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Bad(where, f"must be an object, not {_type_name(value)}")
    return value


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise _Bad(where, f"must be a list, not {_type_name(value)}")
    return value


def _field(data: dict[str, Any], name: str, where: str) -> Any:
    if name not in data:
        raise _Bad(where, f"{name} is missing")
    return data[name]


def _string(data: dict[str, Any], name: str, where: str) -> str:
    value = _field(data, name, where)
    if not isinstance(value, str):
        raise _Bad(f"{where}.{name}", f"must be a string, not {_type_name(value)}")
    return value


def _string_or_null(data: dict[str, Any], name: str, where: str) -> str | None:
    """data[name]: a string, or null or absent."""
    return None if data.get(name) is None else _string(data, name, where)


def _action(data: dict[str, Any], where: str) -> Action:
    value = _field(data, "action", where)
    if not isinstance(value, str) or value not in {a.value for a in Action}:
        raise _Bad(f"{where}.action", f"{value!r} is not one of {', '.join(a.value for a in Action)}")
    return Action(value)


def _kind(data: dict[str, Any], where: str) -> Kind:
    value = _field(data, "kind", where)
    if not isinstance(value, str) or value not in {k.value for k in Kind}:
        raise _Bad(f"{where}.kind", f"{value!r} is not one of {', '.join(k.value for k in Kind)}")
    return Kind(value)


def _value(kind: Kind, data: Any, where: str) -> Any:
    try:
        return msgspec.convert(data, _VALUE_TYPE[kind])
    except msgspec.ValidationError as error:
        raise _Bad(where, f"not a valid {kind.value}: {error}") from None


def _side(data: dict[str, Any], name: str, where: str) -> dict[str, Any] | None:
    """`before` or `after`: an object, or null/absent (create has no before, delete no after)."""
    value = data.get(name)
    return None if value is None else _object(value, f"{where}.{name}")


def _change(data: Any, where: str) -> Change:
    data = _object(data, where)
    action, kind = _action(data, where), _kind(data, where)
    key = _string(data, "key", where)
    fields = []
    for index, item in enumerate(_list(data.get("fields", []), f"{where}.fields")):
        item = _object(item, f"{where}.fields[{index}]")
        fields.append(FieldChange(_string(item, "field", f"{where}.fields[{index}]"), item.get("before"),
                                  item.get("after")))  # fmt: skip
    operations = _list(data.get("operations", []), f"{where}.operations")
    for index, operation in enumerate(operations):
        if not isinstance(operation, str):
            raise _Bad(f"{where}.operations[{index}]", f"must be a string, not {_type_name(operation)}")
    value = _object(_field(data, "value", where), f"{where}.value")
    if value.get("subject") is None:
        raise _Bad(f"{where}.value", f"subject is {'null' if 'subject' in value else 'missing'}: "
                   f"the {kind.value} this {action.value} acts on")  # fmt: skip
    subject = _value(kind, value["subject"], f"{where}.value.subject")
    previous = None
    if value.get("previous") is not None:
        previous = _value(kind, value["previous"], f"{where}.value.previous")
    elif action is Action.UPDATE:
        raise _Bad(f"{where}.value", f"previous is {'null' if 'previous' in value else 'missing'}: "
                   f"an update must say which {kind.value} it replaces")  # fmt: skip
    try:
        edits = tuple(msgspec.convert(value.get("edits") or [], list[TermEdit]))
    except msgspec.ValidationError as error:
        raise _Bad(f"{where}.value.edits", f"not valid term edits: {error}") from None
    before, after = _side(data, "before", where), _side(data, "after", where)
    return Change(action, kind, key, before, after, tuple(fields), tuple(operations), subject, previous, edits)


def _changes(data: dict[str, Any], name: str, where: str) -> list[Change]:
    items = _list(data.get(name, []), f"{where}.{name}")
    return [_change(item, f"{where}.{name}[{index}]") for index, item in enumerate(items)]


def _router(data: Any, where: str) -> RouterPlan:
    data = _object(data, where)
    name, fingerprint = _string(data, "router", where), _string(data, "fingerprint", where)
    intent_digest = _string(data, "intent_digest", where)
    error = _string_or_null(data, "error", where)
    not_read = _string_or_null(data, "not_read", where)
    handover = _string_or_null(data, "handover", where)
    # A router that could not be (or was not) read has no changes; apply refuses it by name
    # (guards.check_saved).
    return RouterPlan(name, changes=_changes(data, "changes", where), fingerprint=fingerprint,
                      intent_digest=intent_digest, error=error, not_read=not_read, handover=handover,
                      reported=_changes(data, "reported", where))  # fmt: skip


def load_plan(document: Any, source: str = "the saved plan") -> Plan:
    if not isinstance(document, dict) or document.get("schema") != PLAN_SCHEMA:
        schema = document.get("schema") if isinstance(document, dict) else None
        raise SavedPlanError(f"{source}: schema {schema!r} is not {PLAN_SCHEMA}: make it again with reconciler plan")
    try:
        intent = _object(_field(document, "intent", "the document"), "intent")
        label = _string_or_null(intent, "label", "intent") or ""
        _field(intent, "commit", "intent")  # null for a plan of a working tree, but never left out
        commit = _string_or_null(intent, "commit", "intent")
        base_commit = _string_or_null(intent, "base_commit", "intent")
        routers = _list(_field(document, "routers", "the document"), "routers")
        plans = [_router(router, f"routers[{index}]") for index, router in enumerate(routers)]
    except _Bad as error:
        raise SavedPlanError(f"{source}: {error}") from None
    return Plan(label, commit, plans, base_commit=base_commit)
