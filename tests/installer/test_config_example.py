"""installer/hall.toml.example stays in step with console/config.py: with every setting uncommented it
loads, and each value lands where the comment says."""

from __future__ import annotations

import re
from pathlib import Path

import console.config
from console.config import load_config

EXAMPLE = Path(__file__).resolve().parents[2] / "installer" / "hall.toml.example"
SETTING = re.compile(r"^# ([a-z_]+ = .*|  \{.*|  .*\},?|\])$")


def uncommented(text: str) -> str:
    out = []
    for line in text.splitlines():
        match = SETTING.match(line)
        out.append(match.group(1) if match else line)
    return "\n".join(out) + "\n"


def test_every_setting_of_the_example_is_known(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(console.config, "SYSTEM_CONFIG", tmp_path / "none.toml")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("HALL_HUB_URL", raising=False)
    monkeypatch.delenv("HALL_DATABASE_URL", raising=False)
    full = tmp_path / "hall.toml"
    full.write_text(uncommented(EXAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    config = load_config(full)
    assert config.console.hub_url == "wss://hub.hall.example:8870"
    assert config.console.ice_servers[0]["username"] == "hall"
    assert config.hub.tls_cert.endswith("hub.crt") and config.hub.port == 8870
    assert config.hub.database_url.startswith("postgresql://")
    assert [s["urls"] for s in config.hub.ice_servers][0] == ["stun:stun.hall.example:3478"]
    assert config.hub.call_ring_timeout_s == 30.0


def test_the_example_as_shipped_changes_nothing(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(console.config, "SYSTEM_CONFIG", tmp_path / "none.toml")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("HALL_HUB_URL", raising=False)
    monkeypatch.delenv("HALL_DATABASE_URL", raising=False)
    assert load_config(EXAMPLE).console == load_config().console
    assert load_config(EXAMPLE).hub == load_config().hub
