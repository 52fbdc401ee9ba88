"""`hall town`: a town desk endpoint (registered with the CLI through the hall.commands entry point)."""

from __future__ import annotations

import argparse
import os
from typing import Any


def _town(args: argparse.Namespace) -> int:
    from media.town_endpoint import run_town

    token = args.token or os.environ.get("HALL_TOWN_TOKEN", "")
    if not token:
        print("hall town: a town token is needed (--token or HALL_TOWN_TOKEN)")
        return 2
    run_town(args.hub, token, None if args.auto_answer < 0 else args.auto_answer, args.video,
             tls_ca=args.tls_ca)
    return 0


def register(sub: Any) -> None:
    town = sub.add_parser("town", help="a town desk that answers calls from the hall (headless)",
                          description="Connects a town desk to the hub with its token, shows as online, "
                          "and answers calls (automatically after --auto-answer seconds).")
    town.add_argument("--hub", default=os.environ.get("HALL_HUB_URL", "ws://127.0.0.1:8870"), help="hub URL")
    town.add_argument("--token", help="the desk's token (or HALL_TOWN_TOKEN)")
    town.add_argument("--auto-answer", type=float, default=2.0,
                      help="answer after this many seconds of ringing; negative: never (default 2)")
    town.add_argument("--video", help="video to send: a file, a camera index such as 0, or synthetic (default)")
    town.add_argument("--tls-ca", help="PEM file of the hall's own certificate authority, for wss:// hubs")
    town.set_defaults(func=_town)
