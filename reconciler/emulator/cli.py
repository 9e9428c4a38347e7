"""`reconciler emulator` (run N routers) and `reconciler operator` (the side door)."""

from __future__ import annotations

import json
import os
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from reconciler.emulator.admin import AdminClient, AdminError, AdminServer
from reconciler.emulator.fleet import MqttSettings, build_fleet
from reconciler.emulator.router import API_CHOICES, ServerTls
from reconciler.emulator.state import DEFAULT_PURGE_SECONDS

DEFAULT_ADMIN = "http://127.0.0.1:50050"


def _read(path: Path | None, what: str) -> bytes | None:
    if path is None:
        return None
    try:
        return path.read_bytes()
    except OSError as exc:
        raise typer.BadParameter(f"cannot read {what} {path}: {exc.strerror}") from None


def _host_port(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit():
        raise typer.BadParameter(f"expected HOST:PORT, got {text!r}", param_hint="--mqtt")
    return host.strip("[]"), int(port)


def emulator(
    routers: int = typer.Option(3, "--routers", "--devices", min=1, max=256, help="How many routers."),
    base_port: int = typer.Option(50051, "--base-port", help="Router i listens on BASE+i-1; 0 picks free ports."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    username: str = typer.Option(..., "--username", help="JET login user name."),
    password: str | None = typer.Option(None, "--password", help="JET login password."),
    password_env: str | None = typer.Option(
        None, "--password-env", help="Read the password from this environment variable."
    ),
    tls_cert: Path | None = typer.Option(None, "--tls-cert", help="Router certificate (PEM)."),
    tls_key: Path | None = typer.Option(None, "--tls-key", help="Router private key (PEM)."),
    tls_client_ca: Path | None = typer.Option(
        None, "--tls-client-ca", help="Require client certificates signed by this CA (mutual TLS)."
    ),
    insecure: bool = typer.Option(False, "--insecure", help="Serve plain-text gRPC (lab only)."),
    routing_instance: list[str] = typer.Option(
        [], "--routing-instance", help="Add tables NAME.inet.0 and NAME.inet6.0 (repeatable)."
    ),
    purge_timeout: int = typer.Option(
        DEFAULT_PURGE_SECONDS,
        "--purge-timeout",
        min=1,
        max=1000,
        help="RouterEntry default purge time in seconds.",
    ),
    name_prefix: str = typer.Option("router", "--name-prefix", help="Routers are named PREFIX1..PREFIXN."),
    filter_purge_timeout: int = typer.Option(
        DEFAULT_PURGE_SECONDS,
        "--filter-purge-timeout",
        min=1,
        max=1000,
        help="Default filter purge time.",
    ),
    mqtt: str | None = typer.Option(None, "--mqtt", help="Publish events to this broker (HOST:PORT)."),
    mqtt_prefix: str = typer.Option(
        "",
        "--mqtt-prefix",
        help="Topic prefix, e.g. 'devices/{name}' (none, as on a router).",
    ),
    embedded_mqtt_port: int = typer.Option(
        1883, "--embedded-mqtt-port", help="Port of the embedded broker started without --mqtt (0: free)."
    ),
    no_mqtt: bool = typer.Option(False, "--no-mqtt", help="Publish no events at all."),
    admin_port: int | None = typer.Option(
        None, "--admin-port", help="Side-door HTTP port (default BASE-1, or free when BASE is 0)."
    ),
    api: str = typer.Option(
        "both",
        "--api",
        help=(
            "JET generations each router serves on its port: v1 (classic: authentication, routing, "
            "management), v2 (jnx.jet.*) or both. Calls of a generation not served answer UNIMPLEMENTED."
        ),
    ),
) -> None:
    """Run N emulated JET routers until interrupted; prints a ready line per router."""
    if api not in API_CHOICES:
        raise typer.BadParameter(f"expected one of {', '.join(API_CHOICES)}, got {api!r}", param_hint="--api")
    if password_env:
        password = os.environ.get(password_env)
        if password is None:
            raise typer.BadParameter(f"environment variable {password_env} is not set", param_hint="--password-env")
    if not password:
        raise typer.BadParameter("give --password or --password-env", param_hint="--password")
    tls: ServerTls | None = None
    if insecure:
        if tls_cert or tls_key or tls_client_ca:
            raise typer.BadParameter("--insecure cannot be combined with TLS files", param_hint="--insecure")
    else:
        cert, key = _read(tls_cert, "certificate"), _read(tls_key, "key")
        if cert is None or key is None:
            raise typer.BadParameter(
                "give --tls-cert and --tls-key, or --insecure for plain-text gRPC",
                param_hint="--tls-cert",
            )
        tls = ServerTls(cert=cert, key=key, client_ca=_read(tls_client_ca, "client CA"))
    mqtt_settings = None
    if not no_mqtt:
        external = _host_port(mqtt) if mqtt else None
        mqtt_settings = MqttSettings(external=external, embedded_port=embedded_mqtt_port, prefix=mqtt_prefix)
    # Handlers before anything starts: whoever reads a ready line may send Ctrl-C at once, and that
    # must stop the routers and exit 0, not reach Python's default handler (exit 130). A signal
    # during start-up only sets `done`: the routers start, print their lines and stop again.
    done = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: done.set())
    fleet = build_fleet(
        routers,
        base_port=base_port,
        username=username,
        password=password,
        tls=tls,
        host=host,
        name_prefix=name_prefix,
        routing_instances=tuple(routing_instance),
        default_purge_seconds=purge_timeout,
        default_filter_purge_seconds=filter_purge_timeout,
        mqtt=mqtt_settings,
        api=api,
    )
    admin_port = admin_port if admin_port is not None else (base_port - 1 if base_port else 0)
    try:
        fleet.start()
        admin = AdminServer(fleet, host="127.0.0.1", port=admin_port)
    except OSError as exc:
        fleet.stop()
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    admin.start()
    for router in fleet.routers:
        line = f"ready {router.name} {router.target} {router.mode} admin={admin.url} api={router.api}"
        if fleet.mqtt_address and mqtt_settings is not None:
            line += f" mqtt={fleet.mqtt_address} ({mqtt_settings.description})"
            if mqtt_settings.prefix:
                line += f" topic-prefix={mqtt_settings.prefix.replace('{name}', router.name)}"
        typer.echo(line)
    done.wait()
    admin.stop()
    fleet.stop()
    typer.echo("emulator stopped")


operator_app = typer.Typer(
    help="Change an emulated router as a person on its CLI would (the emulator's side door).",
    no_args_is_help=True,
)


@operator_app.callback()
def _operator(
    ctx: typer.Context,
    admin: str = typer.Option(
        DEFAULT_ADMIN,
        "--admin",
        envvar="RECONCILER_EMULATOR_ADMIN",
        help="Side-door URL of the emulator.",
    ),
) -> None:
    ctx.obj = AdminClient(admin)


_KIND = typer.Option("rib", "--kind", help="rib (static routes) or bgp (BGP static paths).")


def _run(ctx: typer.Context, action: str, router: str, **params: object) -> None:
    try:
        count = ctx.obj.act(router, action, **params)
    except AdminError as exc:
        typer.echo(f"error: {action}: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"{router}: {action}: {count} affected")


def _show(router: str, fetch: Callable[[], Any], *, as_lines: bool = True) -> None:
    """Print what the side door returns: JSON lines for lists, indented JSON otherwise."""
    try:
        result = fetch()
    except AdminError as exc:
        typer.echo(f"error: {router}: {exc}", err=True)
        raise typer.Exit(1) from None
    if as_lines:
        for row in result:
            typer.echo(json.dumps(row))
    else:
        typer.echo(json.dumps(result, indent=2))


@operator_app.command("routers")
def routers(ctx: typer.Context) -> None:
    """List the emulated routers."""
    try:
        for row in ctx.obj.routers():
            typer.echo(f"{row['name']}\t{row['target']}\t{row['transport']}")
    except AdminError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None


@operator_app.command("routes")
def routes(
    ctx: typer.Context,
    router: str,
    table: str = typer.Option("inet.0", "--table"),
    kind: str = _KIND,
) -> None:
    """Show a router's routes of one table as JSON lines (owner null = configuration)."""
    _show(router, lambda: ctx.obj.routes(router, table, kind))


@operator_app.command("stats")
def stats(ctx: typer.Context, router: str) -> None:
    """Route counts per client and session state of a router."""
    _show(router, lambda: ctx.obj.stats(router), as_lines=False)


@operator_app.command("delete-route")
def delete_route(
    ctx: typer.Context,
    router: str,
    table: str = typer.Option(..., "--table"),
    prefix: str = typer.Option(..., "--prefix"),
    cookie: int | None = typer.Option(None, "--cookie", help="Only this cookie (default: every cookie)."),
    client_id: str | None = typer.Option(None, "--client-id", help="Only routes of this client."),
    kind: str = _KIND,
) -> None:
    """Delete an API route, as `delete routing-options ...` would."""
    _run(
        ctx,
        "delete-route",
        router,
        table=table,
        prefix=prefix,
        cookie=cookie,
        client_id=client_id,
        kind=kind,
    )


@operator_app.command("change-route")
def change_route(
    ctx: typer.Context,
    router: str,
    table: str = typer.Option(..., "--table"),
    prefix: str = typer.Option(..., "--prefix"),
    cookie: int | None = typer.Option(None, "--cookie"),
    client_id: str | None = typer.Option(None, "--client-id"),
    preference: int | None = typer.Option(None, "--preference", help="New preference (local preference for bgp)."),
    next_hop: list[str] = typer.Option([], "--next-hop", help="New next hop (repeatable)."),
    kind: str = _KIND,
) -> None:
    """Change an API route's preference or next hops."""
    _run(
        ctx,
        "change-route",
        router,
        table=table,
        prefix=prefix,
        cookie=cookie,
        client_id=client_id,
        preference=preference,
        next_hops=next_hop or None,
        kind=kind,
    )


@operator_app.command("restart-routing")
def restart_routing(ctx: typer.Context, router: str) -> None:
    """Restart the routing daemon: every API route of every client vanishes."""
    _run(ctx, "restart-routing", router)


@operator_app.command("drop-sessions")
def drop_sessions(ctx: typer.Context, router: str, client_id: str | None = typer.Option(None, "--client-id")) -> None:
    """Drop JET client sessions (all, or one client's); their purge timers start."""
    _run(ctx, "drop-sessions", router, client_id=client_id)


@operator_app.command("add-config-route")
def add_config_route(
    ctx: typer.Context,
    router: str,
    table: str = typer.Option(..., "--table"),
    prefix: str = typer.Option(..., "--prefix"),
    next_hop: str | None = typer.Option(None, "--next-hop"),
) -> None:
    """Configure a static route (not an API route; no JET client may change it)."""
    _run(ctx, "add-config-route", router, table=table, prefix=prefix, next_hop=next_hop)


@operator_app.command("remove-config-route")
def remove_config_route(
    ctx: typer.Context,
    router: str,
    table: str = typer.Option(..., "--table"),
    prefix: str = typer.Option(..., "--prefix"),
) -> None:
    """Remove a configured route."""
    _run(ctx, "remove-config-route", router, table=table, prefix=prefix)


@operator_app.command("filters")
def filters(ctx: typer.Context, router: str) -> None:
    """Client filters with their terms and bindings (JSON lines); JET itself cannot show these."""
    _show(router, lambda: ctx.obj.filters(router))


@operator_app.command("interfaces")
def interfaces(ctx: typer.Context, router: str) -> None:
    """Interfaces and their units (JSON lines)."""
    _show(router, lambda: ctx.obj.interfaces(router))


@operator_app.command("delete-interface")
def delete_interface(ctx: typer.Context, router: str, name: str = typer.Option(..., "--name")) -> None:
    """Delete an interface or unit; client filter bindings on it are gone."""
    _run(ctx, "delete-interface", router, name=name)


@operator_app.command("add-interface")
def add_interface(ctx: typer.Context, router: str, name: str = typer.Option(..., "--name")) -> None:
    """Create an interface with unit 0."""
    _run(ctx, "add-interface", router, name=name)


@operator_app.command("flap-interface")
def flap_interface(ctx: typer.Context, router: str, name: str = typer.Option(..., "--name")) -> None:
    """Take an interface's link down and up again."""
    _run(ctx, "flap-interface", router, name=name)


@operator_app.command("remove-filter")
def remove_filter(
    ctx: typer.Context,
    router: str,
    name: str = typer.Option(..., "--name"),
    family: str | None = typer.Option(None, "--family", help="inet or inet6 (default: both)."),
) -> None:
    """Delete a client filter and its bindings."""
    _run(ctx, "remove-filter", router, name=name, family=family)


@operator_app.command("unbind-filter")
def unbind_filter(
    ctx: typer.Context,
    router: str,
    name: str = typer.Option(..., "--name"),
    interface: str = typer.Option(..., "--interface", help="Interface unit, e.g. ge-0/0/0.0."),
    direction: str = typer.Option("input", "--direction", help="input or output."),
    family: str = typer.Option("inet", "--family", help="inet or inet6."),
) -> None:
    """Remove one binding of a client filter (the filter stays)."""
    _run(ctx, "unbind-filter", router, name=name, interface=interface, direction=direction, family=family)


@operator_app.command("restart-firewall")
def restart_firewall(ctx: typer.Context, router: str) -> None:
    """Restart the firewall daemon: every client filter and binding vanishes."""
    _run(ctx, "restart-firewall", router)


@operator_app.command("drop-read-cookies")
def drop_read_cookies(
    ctx: typer.Context,
    router: str,
    on: bool = typer.Option(True, "--on/--off", help="Read back cookie 0 (on) or the routes' own cookies (off)."),
    kind: str = typer.Option("rib", "--kind", help="rib, bgp or both."),
) -> None:
    """A router that reads back cookie 0 for client routes; stored cookies still match writes and deletes."""
    _run(ctx, "drop-read-cookies", router, on=on, kind=kind)


@operator_app.command("break-route-streams")
def break_route_streams(
    ctx: typer.Context, router: str, count: int = typer.Option(1, "--count", min=1, help="How many streams.")
) -> None:
    """Fault injection: the next route reads (RouteGet streams) break after their first reply."""
    _run(ctx, "break-route-streams", router, count=count)


@operator_app.command("inject-write-faults")
def inject_write_faults(
    ctx: typer.Context,
    router: str,
    try_again: int = typer.Option(0, "--try-again", min=0, help="The next N route writes answer TRY_AGAIN."),
    unavailable_rate: float = typer.Option(
        0.0, "--unavailable-rate", min=0.0, max=1.0, help="Share of writes applied, then answered UNAVAILABLE."
    ),
) -> None:
    """Fault injection for route writes (0 and 0.0 turn it off)."""
    _run(ctx, "inject-write-faults", router, try_again=try_again, unavailable_rate=unavailable_rate)
