"""`hall console` and `hall demo` (registered with the CLI through the hall.commands entry point)."""

from __future__ import annotations

import argparse
import os
from typing import Any


def _console(args: argparse.Namespace) -> int:
    if args.smoke_test:
        from ui.smoke_test import run_smoke_test

        return run_smoke_test()
    from console.config import load_config
    from ui.app import run_console

    config = load_config(args.config).console
    user = args.user or config.user or None
    password = os.environ.get("HALL_PASSWORD") if user else None
    return run_console(args.hub or config.hub_url, user, password)


def _demo(args: argparse.Namespace) -> int:
    from ui.demo import run_demo

    return run_demo(port=args.port, rate_per_min=args.rate, video=not args.no_video, towns=args.towns)


def register(sub: Any) -> None:
    console = sub.add_parser("console", help="open the operator's console against a hub",
                             description="Opens the duty console: log in to a hub and work the alert queue.")
    console.add_argument("--hub", help="hub URL, e.g. ws://hub.hall.local:8870 (default: configuration)")
    console.add_argument("--user", help="operator name (the password comes from HALL_PASSWORD or the login "
                         "dialog)")
    console.add_argument("--smoke-test", action="store_true",
                         help="start offscreen against an embedded hub, receive an alert, call a simulated "
                         "town; exit 0 when all of it works")
    console.set_defaults(func=_console)

    demo = sub.add_parser("demo", help="everything local in one go: hub, simulated sources, towns, cameras "
                          "and the console", description="Starts a local hub on SQLite with the demo district, "
                          "simulated alerts, cameras and town desks, and opens the console logged in as 'demo'. "
                          "Closing the window stops everything.")
    demo.add_argument("--port", type=int, default=0, help="hub port (default: any free port)")
    demo.add_argument("--rate", type=float, default=6.0, help="simulated alerts per minute (default 6)")
    demo.add_argument("--towns", type=int, default=4, help="simulated town desks that answer calls (default 4)")
    demo.add_argument("--no-video", action="store_true", help="do not serve the demo cameras over RTSP")
    demo.set_defaults(func=_demo)
