"""`reconciler emulator` (run N routers) and `reconciler operator` (the side door)."""

from __future__ import annotations

import json
import os
import signal
import threading
from pathlib import Path

import typer

from reconciler.emulator.admin import AdminClient, AdminError, AdminServer
from reconciler.emulator.fleet import build_fleet
from reconciler.emulator.router import ServerTls
from reconciler.emulator.state import DEFAULT_PURGE_SECONDS

DEFAULT_ADMIN = "http://127.0.0.1:50050"


def _read(path: Path | None, what: str) -> bytes | None:
    if path is None:
        return None
    try:
        return path.read_bytes()
    except OSError as exc:
        raise typer.BadParameter(f"cannot read {what} {path}: {exc.strerror}") from None


def emulator(
    devices: int = typer.Option(3, "--devices", min=1, max=256, help="How many routers."),
    base_port: int = typer.Option(
        50051, "--base-port", help="Router i listens on BASE+i-1; 0 picks free ports."
    ),
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
        help="Device default purge time in seconds.",
    ),
    name_prefix: str = typer.Option("router", "--name-prefix", help="Routers are named PREFIX1..PREFIXN."),
    admin_port: int | None = typer.Option(
        None, "--admin-port", help="Side-door HTTP port (default BASE-1, or free when BASE is 0)."
    ),
) -> None:
    """Run N emulated JET routers until interrupted; prints a ready line per router."""
    if password_env:
        password = os.environ.get(password_env)
        if password is None:
            raise typer.BadParameter(
                f"environment variable {password_env} is not set", param_hint="--password-env"
            )
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
    fleet = build_fleet(
        devices,
        base_port=base_port,
        username=username,
        password=password,
        tls=tls,
        host=host,
        name_prefix=name_prefix,
        routing_instances=tuple(routing_instance),
        default_purge_seconds=purge_timeout,
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
        typer.echo(f"ready {router.name} {router.target} {router.mode} admin={admin.url}", err=False)
    done = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: done.set())
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
        typer.echo(f"error: {router}: {action}: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"{router}: {action}: {count} affected")


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
    try:
        for row in ctx.obj.routes(router, table, kind):
            typer.echo(json.dumps(row))
    except AdminError as exc:
        typer.echo(f"error: {router}: {exc}", err=True)
        raise typer.Exit(1) from None


@operator_app.command("stats")
def stats(ctx: typer.Context, router: str) -> None:
    """Route counts per client and session state of a router."""
    try:
        typer.echo(json.dumps(ctx.obj.stats(router), indent=2))
    except AdminError as exc:
        typer.echo(f"error: {router}: {exc}", err=True)
        raise typer.Exit(1) from None


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
    preference: int | None = typer.Option(
        None, "--preference", help="New preference (local preference for bgp)."
    ),
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
def drop_sessions(
    ctx: typer.Context, router: str, client_id: str | None = typer.Option(None, "--client-id")
) -> None:
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
