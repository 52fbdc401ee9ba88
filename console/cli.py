"""`hall`: the command line of Command Hall Console.

The core commands live here; the console window, the demo and the town client register theirs
through the `hall.commands` entry point group, so this module never imports Qt or media code.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import os
import sys
from importlib.metadata import entry_points
from pathlib import Path

from sqlalchemy.exc import OperationalError

from console.config import ConfigError, load_config
from console.domain.enums import Role


def _hub(args: argparse.Namespace) -> int:
    from console.hub.hub import Hub
    from console.hub.server import serve

    config = load_config(args.config).hub
    for name in ("host", "port", "tls_cert", "tls_key"):
        if getattr(args, name) is not None:
            setattr(config, name, getattr(args, name))
    if args.db:
        config.database_url = args.db
    hub = Hub(config)
    print(f"hall hub: {hub.engine.url.render_as_string(hide_password=True)} on "
          f"{'https' if config.tls_cert else 'http'}://{config.host}:{config.port}", flush=True)
    serve(hub)
    return 0


def _engine(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from console.store.engine import make_engine

    config = load_config(args.config).hub
    if args.db:
        config.database_url = args.db
    return make_engine(config.resolved_database_url())


def _db_upgrade(args: argparse.Namespace) -> int:
    from console.store.migrate import current, upgrade

    engine = _engine(args)
    upgrade(engine, args.revision)
    print(f"database at revision {current(engine)}: {engine.url.render_as_string(hide_password=True)}")
    return 0


def _user_add(args: argparse.Namespace) -> int:
    from console.hub.auth import Authenticator
    from console.store.migrate import upgrade

    engine = _engine(args)
    upgrade(engine)
    password = os.environ.get("HALL_PASSWORD") or getpass.getpass(f"password for {args.name}: ")
    if len(password) < 4:
        print("hall user add: password too short", file=sys.stderr)
        return 2
    Authenticator(engine).add_operator(args.name, password, Role(args.role), args.display_name or "")
    print(f"operator {args.name} ({args.role}) saved")
    return 0


def _key_add(args: argparse.Namespace) -> int:
    from console.hub.auth import Authenticator
    from console.store.migrate import upgrade

    engine = _engine(args)
    upgrade(engine)
    print(Authenticator(engine).add_api_key(args.name))
    return 0


def _town_token_add(args: argparse.Namespace) -> int:
    from console.hub.auth import Authenticator
    from console.store.migrate import upgrade

    engine = _engine(args)
    upgrade(engine)
    print(Authenticator(engine).add_town_token(args.name, args.town))
    return 0


def _sim(args: argparse.Namespace) -> int:
    from console.domain.geography import District, demo_district
    from console.sim.simulator import simulate

    district = District.load(args.district) if args.district else demo_district()
    key = args.key or os.environ.get("HALL_API_KEY", "")
    if not key:
        print("hall sim: an API key is needed (--key or HALL_API_KEY)", file=sys.stderr)
        return 2
    try:
        accepted = asyncio.run(simulate(args.hub, key, district, rate_per_min=args.rate, count=args.count,
                                        seed=args.seed))
    except PermissionError as exc:
        print(f"hall sim: the hub refused the key: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    print(f"{accepted} alerts accepted")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hall", description="Command Hall Console: a duty console for a "
                                     "district command hall, and the hub that serves it.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    parser.add_argument("--config", type=Path, help="an extra TOML configuration file, read last")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    hub = sub.add_parser("hub", help="run the hub (intake, store, consoles) in the foreground",
                         description="Runs the hub: alerts in over HTTP/websocket, the store, and the live "
                         "stream to every console. One process, one port.")
    hub.add_argument("--host", help="address to listen on (default 127.0.0.1; 0.0.0.0 for a hall network)")
    hub.add_argument("--port", type=int, help="port (default 8870)")
    hub.add_argument("--db", help="database URL (default: SQLite in the user's data folder), e.g. "
                     "postgresql://hall:secret@dbhost/hall")
    hub.add_argument("--tls-cert", help="PEM certificate: serve HTTPS/WSS")
    hub.add_argument("--tls-key", help="PEM private key for --tls-cert")
    hub.set_defaults(func=_hub)

    db = sub.add_parser("db", help="database maintenance").add_subparsers(dest="db_command", required=True)
    up = db.add_parser("upgrade", help="apply schema migrations (Alembic) up to the newest")
    up.add_argument("--db", help="database URL (default: from the configuration)")
    up.add_argument("--revision", default="head", help="target revision (default head)")
    up.set_defaults(func=_db_upgrade)

    user = sub.add_parser("user", help="operators").add_subparsers(dest="user_command", required=True)
    add = user.add_parser("add", help="add or update an operator (password from HALL_PASSWORD or a prompt)")
    add.add_argument("name")
    add.add_argument("--role", choices=[str(Role.OPERATOR), str(Role.SUPERVISOR), str(Role.ADMIN)],
                     default=str(Role.OPERATOR))
    add.add_argument("--display-name")
    add.add_argument("--db")
    add.set_defaults(func=_user_add)

    key = sub.add_parser("key", help="API keys of alert sources").add_subparsers(dest="key_command", required=True)
    kadd = key.add_parser("add", help="create a key for a source and print it (shown once)")
    kadd.add_argument("name")
    kadd.add_argument("--db")
    kadd.set_defaults(func=_key_add)

    token = sub.add_parser("town-token", help="tokens of town desks").add_subparsers(dest="token_command",
                                                                                      required=True)
    tadd = token.add_parser("add", help="create a token for a town desk and print it (shown once)")
    tadd.add_argument("name", help="desk name, e.g. lh-desk1")
    tadd.add_argument("--town", required=True, help="town id, e.g. lh")
    tadd.add_argument("--db")
    tadd.set_defaults(func=_town_token_add)

    sim = sub.add_parser("sim", help="send simulated alerts to a hub",
                         description="Sends realistic simulated alerts (hazmat vehicles, hotline orders, "
                         "illegal construction with snapshots, camera faults) to a hub.")
    sim.add_argument("--hub", default=os.environ.get("HALL_HUB_URL", "ws://127.0.0.1:8870"), help="hub URL")
    sim.add_argument("--key", help="the source's API key (or HALL_API_KEY)")
    sim.add_argument("--rate", type=float, default=6.0, help="alerts per minute on average (default 6)")
    sim.add_argument("--count", type=int, help="stop after this many accepted alerts")
    sim.add_argument("--seed", type=int, help="random seed, for repeatable runs")
    sim.add_argument("--district", type=Path, help="district JSON (default: the demo district)")
    sim.set_defaults(func=_sim)

    for entry in sorted(entry_points(group="hall.commands"), key=lambda e: e.name):
        entry.load()(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args) or 0)
    except (OperationalError, ConfigError, OSError) as exc:
        # Say what went wrong in one line; the traceback is for --verbose.
        logging.getLogger("hall").debug("failed", exc_info=True)
        print(f"hall {args.command}: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
