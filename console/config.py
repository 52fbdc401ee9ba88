"""Configuration: built-in defaults < system-wide file < the user's file < environment < command line.

Managed installs put the hall's settings (hub URL, TLS, ICE servers) in the system-wide file; an
operator's own file may refine them. Files are TOML.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import platformdirs

APP = "command-hall"
SYSTEM_CONFIG = Path(os.environ.get("HALL_SYSTEM_CONFIG", "/etc/command-hall/hall.toml"))


def user_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP)) / "hall.toml"


def user_data_dir() -> Path:
    return Path(os.environ.get("HALL_DATA_DIR") or platformdirs.user_data_dir(APP))


@dataclass
class HubConfig:
    host: str = "127.0.0.1"
    port: int = 8870
    database_url: str = ""          # empty: SQLite in the user's data folder
    tls_cert: str = ""
    tls_key: str = ""
    sqlite_synchronous: str = "FULL"
    max_body_bytes: int = 8 * 1024 * 1024
    max_pending: int = 50_000        # intake backlog beyond which sources are told to slow down
    batch_max: int = 2_000           # alerts per group commit
    recent_closed_hours: float = 24.0
    sla: dict[str, Any] = field(default_factory=dict)
    district: str = ""              # path to a district JSON; empty: the demo district
    call_ring_timeout_s: float = 30.0
    call_reconnect_window_s: float = 20.0  # a call whose network is lost this long ends as network_failure
    ice_servers: list[dict[str, Any]] = field(default_factory=list)

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{user_data_dir() / 'hall.db'}"


@dataclass
class ConsoleConfig:
    hub_url: str = "ws://127.0.0.1:8870"
    user: str = ""
    tls_ca: str = ""
    ice_servers: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Config:
    hub: HubConfig = field(default_factory=HubConfig)
    console: ConsoleConfig = field(default_factory=ConsoleConfig)
    sources: list[Path] = field(default_factory=list)


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message names the file and the problem."""


def _merge(target: Any, values: dict[str, Any]) -> None:
    known = {f.name for f in fields(target)}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"unknown setting '{key}' in [{type(target).__name__}]")
        setattr(target, key, value)


def load_config(extra: Path | None = None) -> Config:
    config = Config()
    for path in (SYSTEM_CONFIG, user_config_path(), extra):
        if path is None or not path.exists():
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            _merge(config.hub, data.get("hub", {}))
            _merge(config.console, data.get("console", {}))
        except (tomllib.TOMLDecodeError, ConfigError) as exc:
            raise ConfigError(f"{path}: {exc}") from exc
        config.sources.append(path)
    if url := os.environ.get("HALL_DATABASE_URL"):
        config.hub.database_url = url
    if url := os.environ.get("HALL_HUB_URL"):
        config.console.hub_url = url
    return config
