"""The Firewall service of an emulated router.

Sub-codes (a router documents these five; which one it uses for each refusal is
not documented, so this is the emulator's consistent choice, listed in
docs/jet-router-behaviour.md):
- EINVALID_MESSAGE: malformed input (bad name, family/term mismatch, duplicate or
  missing term names, bad prefix, range, operation or enum in a match, a port or
  ICMP match that contradicts the term's protocols (see firewall_match), filter
  already exists, filter still bound, binding point taken by another filter, wrong
  bind family or direction);
- EUNSUPPORTED_OP: a family other than inet/inet6, a bind point other than an
  interface, flexible-offset / GTP / exact five-tuple matches;
- NO_RESOURCE: the object named does not exist (filter, term, interface unit,
  binding, counter, routing instance), or belongs to another client.
There is deliberately no call that returns filter definitions.
"""

from __future__ import annotations

from typing import Any

from reconciler.emulator import events
from reconciler.emulator.auth import require_session
from reconciler.emulator.firewall_match import MatchRefused, check_matches
from reconciler.emulator.firewall_state import FilterKey, StoredFilter
from reconciler.emulator.replies import reply
from reconciler.emulator.state import RouterState
from reconciler.wire.pb import common_pb, firewall_grpc, firewall_pb

fw = firewall_pb
OK, INVALID, UNSUPPORTED, MISSING = 0, 1, 3, 4  # the shared firewall StatusCode values
_FAMILIES: dict[int, tuple[str, str, int]] = {
    fw.FAMILY_INET: ("inet_term", "inet", 32),
    fw.FAMILY_INET6: ("inet6_term", "inet6", 128),
}
_DIRECTIONS = (fw.BIND_DIRECTION_INPUT, fw.BIND_DIRECTION_OUTPUT)
MIN_PURGE_SECONDS, MAX_PURGE_SECONDS = 1, 1000


def _refused(response: Any, code: int, message: str) -> Any:
    """A FAILURE reply with a firewall sub-code and a message naming what is wrong."""
    return response(status=common_pb.RpcStatus(code=common_pb.FAILURE, message=message), sub_code=code)


class Refused(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code


def _family(family: int) -> tuple[str, str, int]:
    if family == fw.FAMILY_INVALID:
        raise Refused(INVALID, "family is required")
    if family not in _FAMILIES:
        raise Refused(UNSUPPORTED, f"family {fw.FilterFamilies.Name(family)} is not supported")
    return _FAMILIES[family]


def _check_body(body: Any, family_name: str, bits: int, state: RouterState) -> str:
    """Validate one term's matches and actions; returns the counter it counts into, or ""."""
    where = f"term {body.term_name!r}"
    try:
        check_matches(body.matches, family_name, where)
    except MatchRefused as refusal:
        raise Refused(refusal.code, str(refusal)) from None
    actions = body.actions
    terminating = actions.action_t.WhichOneof("terminating_action")
    if terminating and actions.actions_nt.next_term:
        raise Refused(INVALID, f"{where}: next-term cannot be combined with {terminating}")
    if terminating == "routing_instance_name":
        instance = actions.action_t.routing_instance_name
        if instance not in state.routing_instances:
            raise Refused(MISSING, f"{where}: routing instance {instance!r} is not configured")
    return str(actions.actions_nt.count.counter_name)


def _terms(terms: Any, arm: str, family_name: str, bits: int, state: RouterState) -> list[tuple[str, Any]]:
    """(name, body) of each FilterTerm, checked against the filter's family."""
    result = []
    for wrapper in terms:
        if wrapper.WhichOneof("filter_term") != arm:
            raise Refused(INVALID, f"a term of a family {family_name} filter must be a {arm}")
        body = getattr(wrapper, arm)
        if not body.term_name:
            raise Refused(INVALID, "every term needs a name")
        result.append((body.term_name, body))
    return result


class FirewallServicer(firewall_grpc.FirewallServicer):
    def __init__(self, state: RouterState) -> None:
        self.state = state

    def _run(self, response: Any, context: Any, action: Any) -> Any:
        client, _ = require_session(self.state, context)
        try:
            with self.state.lock:
                notes = action(client.client_id)
        except Refused as refusal:
            return _refused(response, refusal.code, str(refusal))
        self.state.notify(notes or [])
        return reply(response, OK)

    def _owned(self, client_id: str, key: FilterKey) -> StoredFilter:
        stored = self.state.firewall.filters.get(key)
        if stored is None or stored.owner != client_id:
            raise Refused(MISSING, f"filter {key[1]!r} ({fw.FilterFamilies.Name(key[0])}) does not exist")
        return stored

    # ---------------------------------------------------------------- filters

    def FilterAdd(self, request: Any, context: Any) -> Any:
        def add(client_id: str) -> list[events.Notification]:
            if not request.name:
                raise Refused(INVALID, "filter name is required")
            if request.type != fw.TYPE_CLASSIC:
                raise Refused(INVALID, "filter type must be TYPE_CLASSIC")
            arm, family_name, bits = _family(request.family)
            key = (request.family, request.name)
            if key in self.state.firewall.filters:
                raise Refused(INVALID, f"filter {request.name!r} already exists")
            terms = _terms(request.terms_list, arm, family_name, bits, self.state)
            if not terms:
                raise Refused(INVALID, "a filter needs at least one term")
            names = [name for name, _ in terms]
            if len(set(names)) != len(names):
                raise Refused(INVALID, "duplicate term names")
            stored = []
            for name, body in terms:
                if body.term_op not in (fw.TERM_OPERATION_INVALID, fw.TERM_OPERATION_ADD):
                    raise Refused(INVALID, f"term {name!r}: FilterAdd only adds terms")
                counter = _check_body(body, family_name, bits, self.state)
                stored.append((name, body.SerializeToString(), counter))
            self.state.firewall.filters[key] = StoredFilter(client_id, request.name, request.family, stored)
            return [events.filter_notification(self.state.name, "add", request.name, {"client-id": client_id})]

        return self._run(fw.FilterAddResponse, context, add)

    def FilterModify(self, request: Any, context: Any) -> Any:
        def modify(client_id: str) -> list[events.Notification]:
            arm, family_name, bits = _family(request.family)
            stored = self._owned(client_id, (request.family, request.name))
            terms = list(stored.terms)  # edited as a copy: a modify applies whole or not at all
            for name, body in _terms(request.terms_list, arm, family_name, bits, self.state):
                names = [n for n, _, _ in terms]
                operation = body.term_op
                if operation == fw.TERM_OPERATION_DELETE:
                    if name not in names:
                        raise Refused(MISSING, f"term {name!r} does not exist")
                    del terms[names.index(name)]
                    continue
                if operation not in (fw.TERM_OPERATION_ADD, fw.TERM_OPERATION_REPLACE):
                    raise Refused(INVALID, f"term {name!r}: term_op is required")
                counter = _check_body(body, family_name, bits, self.state)
                if operation == fw.TERM_OPERATION_REPLACE:
                    if name not in names:
                        raise Refused(MISSING, f"term {name!r} does not exist")
                    terms[names.index(name)] = (name, body.SerializeToString(), counter)
                    continue
                if name in names:
                    raise Refused(INVALID, f"term {name!r} already exists")
                position = len(terms)
                if body.HasField("adjacency") and body.adjacency.term_name:
                    anchor = body.adjacency.term_name
                    if anchor not in names:
                        raise Refused(MISSING, f"adjacent term {anchor!r} does not exist")
                    position = names.index(anchor) + (0 if body.adjacency.type == fw.TERM_BEFORE else 1)
                terms.insert(position, (name, body.SerializeToString(), counter))
            if not terms:
                raise Refused(INVALID, "a filter needs at least one term")
            stored.terms = terms
            return [events.filter_notification(self.state.name, "change", request.name, {"client-id": client_id})]

        return self._run(fw.FilterModifyResponse, context, modify)

    def FilterDelete(self, request: Any, context: Any) -> Any:
        def delete(client_id: str) -> list[events.Notification]:
            _family(request.family)
            key = (request.family, request.name)
            self._owned(client_id, key)
            bound = self.state.firewall.bindings_of(key)
            if bound:
                raise Refused(INVALID, f"filter {request.name!r} is bound to {bound[0][0]}; unbind it first")
            self.state.remove_filter(key)
            return []

        return self._run(fw.FilterDeleteResponse, context, delete)

    # --------------------------------------------------------------- bindings

    def _bind_point(self, client_id: str, request: Any) -> tuple[FilterKey, tuple[str, int, int]]:
        family = request.filter.family
        _family(family)
        if (
            request.obj_type != fw.BIND_OBJ_TYPE_INTERFACE
            or request.bind_object.WhichOneof("bind_point") != "interface_name"
        ):
            if request.obj_type == fw.BIND_OBJ_TYPE_INVALID:
                raise Refused(INVALID, "obj_type is required")
            raise Refused(UNSUPPORTED, "filters can only be bound to interfaces")
        if request.bind_direction not in _DIRECTIONS:
            raise Refused(INVALID, "bind_direction must be input or output")
        if request.bind_family != family:
            raise Refused(INVALID, "bind_family must be the filter's family")
        key = (family, request.filter.name)
        self._owned(client_id, key)
        return key, (request.bind_object.interface_name, request.bind_direction, family)

    def FilterBindAdd(self, request: Any, context: Any) -> Any:
        def bind(client_id: str) -> list[events.Notification]:
            key, point = self._bind_point(client_id, request)
            if not self.state.interfaces.has_unit(point[0]):
                raise Refused(MISSING, f"interface {point[0]!r} does not exist")
            current = self.state.firewall.bindings.get(point)
            if current == key:
                return []  # already bound: idempotent
            if current is not None:
                raise Refused(INVALID, f"{point[0]} already has filter {current[1]!r} in that direction")
            self.state.firewall.bind(point, key)
            attributes = {"interface-name": point[0], "action": "bind", "client-id": client_id}
            return [events.filter_notification(self.state.name, "change", key[1], attributes)]

        return self._run(fw.FilterBindAddResponse, context, bind)

    def FilterBindDelete(self, request: Any, context: Any) -> Any:
        def unbind(client_id: str) -> list[events.Notification]:
            key, point = self._bind_point(client_id, request)
            if self.state.firewall.bindings.get(point) != key:
                raise Refused(MISSING, f"filter {key[1]!r} is not bound to {point[0]} in that direction")
            self.state.firewall.unbind(point)
            attributes = {"interface-name": point[0], "action": "unbind", "client-id": client_id}
            return [events.filter_notification(self.state.name, "change", key[1], attributes)]

        return self._run(fw.FilterBindDeleteResponse, context, unbind)

    # --------------------------------------------------------- counters, purge

    def FilterCounterGet(self, request: Any, context: Any) -> Any:
        require_session(self.state, context)
        response = fw.FilterCounterGetResponse
        with self.state.lock:
            found = [
                (key, f)
                for key, f in self.state.firewall.filters.items()
                if f.name == request.filter_name and request.counter_name in f.counters
            ]
            if not found:
                message = f"no counter {request.counter_name!r} in filter {request.filter_name!r}"
                return _refused(response, MISSING, message)
            packets, octets = self.state.firewall.counter(found[0][0])
        return reply(response, OK, counter_name=request.counter_name, packets=packets, bytes=octets)

    def FiltersPurgeTimerAdd(self, request: Any, context: Any) -> Any:
        client, _ = require_session(self.state, context)
        response = fw.FiltersPurgeTimerAddResponse
        if not MIN_PURGE_SECONDS <= request.time <= MAX_PURGE_SECONDS:
            return _refused(response, INVALID, f"time must be {MIN_PURGE_SECONDS}..{MAX_PURGE_SECONDS}")
        with self.state.lock:
            client.filter_purge_seconds = request.time
        return reply(response, OK)

    def FiltersPurgeTimerGet(self, request: Any, context: Any) -> Any:
        client, _ = require_session(self.state, context)
        seconds = client.filter_purge_seconds or self.state.default_filter_purge_seconds
        return reply(fw.FiltersPurgeTimerGetResponse, OK, time=seconds)
