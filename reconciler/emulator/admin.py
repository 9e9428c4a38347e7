"""The emulator's side door over HTTP+JSON on loopback, and a small client for it.

    GET  /routers                              names, ports, transport of every router
    GET  /routers/NAME/stats                   route counts per client, sessions
    GET  /routers/NAME/routes?table=T&kind=K   routes of a table (kind rib or bgp)
    GET  /routers/NAME/filters                 client filters with term names and bindings
    GET  /routers/NAME/interfaces              interfaces and units
    POST /routers/NAME/ACTION  {json params}   an operator act (see ACTIONS)

Tests, the demo and `reconciler operator` drive routers through it.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

from reconciler.emulator import operator
from reconciler.emulator.fleet import Fleet
from reconciler.emulator.state import RouterState

ACTIONS: dict[str, Callable[..., int]] = {
    "delete-route": operator.delete_route,
    "change-route": operator.change_route,
    "restart-routing": lambda state: state.restart_routing(),
    "drop-sessions": lambda state, client_id=None: state.drop_sessions(client_id),
    "add-config-route": operator.add_config_route,
    "remove-config-route": operator.remove_config_route,
    "delete-interface": operator.delete_interface,
    "add-interface": operator.add_interface,
    "flap-interface": operator.flap_interface,
    "remove-filter": operator.remove_filter,
    "unbind-filter": operator.unbind_filter,
    "restart-firewall": operator.restart_firewall,
    "break-route-streams": operator.break_route_streams,
    "inject-write-faults": operator.inject_write_faults,
    "drop-read-cookies": operator.drop_read_cookies,
}


class AdminError(Exception):
    """The side door refused a request (unknown router, bad parameters, not reachable)."""


class AdminServer:
    def __init__(self, fleet: Fleet, host: str = "127.0.0.1", port: int = 0) -> None:
        self.fleet = fleet
        self.host = host
        handler = type("Handler", (_Handler,), {"fleet": fleet})
        self._httpd = ThreadingHTTPServer((host, port), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="emulator-admin", daemon=True
        )  # a short poll: stop() waits for it

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self._httpd.server_port}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


class _Handler(BaseHTTPRequestHandler):
    fleet: Fleet

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the CLI prints its own lines
        pass

    def _send(self, status: int, payload: Any) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _state(self, name: str) -> RouterState | None:
        try:
            return self.fleet[name].state
        except KeyError:
            self._send(HTTPStatus.NOT_FOUND, {"error": f"no emulated router named {name!r}"})
            return None

    def do_GET(self) -> None:
        url = urlparse(self.path)
        parts = [p for p in url.path.split("/") if p]
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        if parts == ["routers"]:
            self._send(
                200,
                [{"name": r.name, "target": r.target, "transport": r.mode} for r in self.fleet.routers],
            )
            return
        if len(parts) == 3 and parts[0] == "routers" and parts[2] in ("stats", "routes", "filters", "interfaces"):
            state = self._state(parts[1])
            if state is None:
                return
            try:
                if parts[2] == "stats":
                    self._send(200, state.counts())
                elif parts[2] == "filters":
                    self._send(200, operator.list_filters(state))
                elif parts[2] == "interfaces":
                    self._send(200, operator.list_interfaces(state))
                else:
                    self._send(
                        200,
                        operator.list_routes(state, table=query.get("table", "inet.0"), kind=query.get("kind", "rib")),
                    )
            except ValueError as exc:
                self._send(HTTPStatus.BAD_REQUEST, {"error": str(exc)})
            return
        self._send(HTTPStatus.NOT_FOUND, {"error": f"unknown path {url.path}"})

    def do_POST(self) -> None:
        parts = [p for p in urlparse(self.path).path.split("/") if p]
        if len(parts) != 3 or parts[0] != "routers" or parts[2] not in ACTIONS:
            self._send(
                HTTPStatus.NOT_FOUND,
                {"error": f"unknown action {self.path}; known: {sorted(ACTIONS)}"},
            )
            return
        state = self._state(parts[1])
        if state is None:
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
            params = json.loads(self.rfile.read(length) or b"{}")
            if not isinstance(params, dict):
                raise ValueError("the request body must be a JSON object")
            count = ACTIONS[parts[2]](state, **params)
        except (ValueError, TypeError) as exc:
            self._send(HTTPStatus.BAD_REQUEST, {"error": str(exc)})
            return
        self._send(200, {"router": state.name, "action": parts[2], "count": count})


class AdminClient:
    def __init__(self, url: str, timeout: float = 10.0) -> None:
        self.url = url.rstrip("/")
        self.timeout = timeout

    def _request(self, path: str, body: dict[str, Any] | None = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as exc:
            try:
                message = json.loads(exc.read()).get("error", exc.reason)
            except ValueError:
                message = exc.reason
            raise AdminError(str(message)) from None
        except (urllib.error.URLError, OSError) as exc:
            raise AdminError(f"emulator side door at {self.url} not reachable: {exc}") from None
        except ValueError as exc:  # a malformed URL (http.client.InvalidURL)
            raise AdminError(f"{self.url!r} is not a side-door URL: {exc}") from None

    def routers(self) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self._request("/routers")
        return result

    def stats(self, router: str) -> dict[str, Any]:
        result: dict[str, Any] = self._request(f"/routers/{router}/stats")
        return result

    def routes(self, router: str, table: str = "inet.0", kind: str = "rib") -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self._request(f"/routers/{router}/routes?table={table}&kind={kind}")
        return result

    def filters(self, router: str) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self._request(f"/routers/{router}/filters")
        return result

    def interfaces(self, router: str) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self._request(f"/routers/{router}/interfaces")
        return result

    def act(self, router: str, action: str, **params: Any) -> int:
        """Run an operator act; returns how many objects it touched."""
        body = {k: v for k, v in params.items() if v is not None}
        return int(self._request(f"/routers/{router}/{action}", body)["count"])
