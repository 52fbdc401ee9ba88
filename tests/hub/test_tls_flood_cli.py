"""TLS when a certificate is configured, backpressure on floods, junk on the console socket, the CLI."""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import json
import ssl
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
import websockets
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from console.client.hub_client import HubClient
from console.client.tls import client_ssl_context
from tests.hub.hub_kit import SOURCE_KEY, LiveHub, start_hub

GOOD = {"category": "other", "severity": "minor", "title": "ok"}


def self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "hub.test")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "hub.pem", folder / "hub.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_tls_when_a_certificate_is_configured(db_url: str, tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)
    live = start_hub(db_url, tls_cert=str(cert), tls_key=str(key))
    try:
        assert live.http.startswith("https://")
        with pytest.raises(httpx.ConnectError):  # an unknown certificate is not trusted
            httpx.get(f"{live.http}/health", timeout=5)
        reply = httpx.post(f"{live.http}/api/alerts", json=GOOD, verify=ssl.create_default_context(cafile=cert),
                           headers={"Authorization": f"Bearer {SOURCE_KEY}"}, timeout=5)
        assert reply.status_code == 201

        async def console() -> None:
            assert client_ssl_context("ws://127.0.0.1:1") is None
            client = HubClient(live.ws, "duty1", "pw-duty1", ssl_context=client_ssl_context(live.ws, str(cert)))
            client.start()
            await client.wait_connected()
            assert len(client.book.alerts) == 1
            await client.close()

        asyncio.run(console())
    finally:
        live.stop()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_flood_beyond_the_backlog_gets_429(db_url: str) -> None:
    live = start_hub(db_url, max_pending=5)
    try:
        reply = httpx.post(f"{live.http}/api/alerts", json=[GOOD] * 6,
                           headers={"Authorization": f"Bearer {SOURCE_KEY}"}, timeout=5)
        assert reply.status_code == 429 and "retry" in reply.json()["error"]
        ok = httpx.post(f"{live.http}/api/alerts", json=[GOOD] * 5,
                        headers={"Authorization": f"Bearer {SOURCE_KEY}"}, timeout=5)
        assert ok.status_code == 201 and len(ok.json()["accepted"]) == 5
    finally:
        live.stop()


console_junk = st.one_of(
    st.text(max_size=40),
    st.dictionaries(st.sampled_from(["type", "id", "action", "alert_id", "version", "args", "name", "alert"]),
                    st.one_of(st.none(), st.integers(), st.text(max_size=10),
                              st.sampled_from(["command", "query", "create", "subscribe", "acknowledge"]),
                              st.dictionaries(st.text(max_size=5), st.integers(), max_size=3)),
                    max_size=6).map(json.dumps))


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_console_socket_survives_junk(live_hub: LiveHub) -> None:
    async def scenario() -> None:
        async with websockets.connect(f"{live_hub.ws}/ws/console", max_size=None) as ws:
            await ws.send(json.dumps({"type": "auth", "user": "duty1", "password": "pw-duty1"}))
            assert json.loads(await ws.recv())["type"] == "welcome"
            frames: list[str] = []

            @settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
            @given(console_junk)
            def collect(frame: str) -> None:
                frames.append(frame)

            collect()
            # Found by the generator above: an id beyond 64 bits once killed the session when echoed.
            frames.append(json.dumps({"type": "query", "id": 2**70, "name": "operators"}))
            frames.append(json.dumps({"type": "nonsense", "id": -(2**80)}))
            for frame in frames:
                await ws.send(frame)
            await ws.send(json.dumps({"type": "query", "id": "final", "name": "operators"}))
            while True:
                reply = json.loads(await asyncio.wait_for(ws.recv(), 30))
                if reply.get("id") == "final":
                    assert reply["ok"] is True
                    break
                if reply.get("type") in ("result", "error") and not reply.get("ok", False):
                    assert reply["message"]

    asyncio.run(scenario())


def test_cli_help_names_every_command() -> None:
    out = subprocess.run([sys.executable, "-m", "console.cli", "--help"], capture_output=True, text=True,
                         check=True).stdout
    for command in ("hub", "console", "demo", "sim", "db", "town"):
        assert f"    {command} " in out
    for sub in (["hub"], ["db", "upgrade"], ["sim"], ["console"], ["demo"], ["town"]):
        text = subprocess.run([sys.executable, "-m", "console.cli", *sub, "--help"], capture_output=True,
                              text=True, check=True).stdout
        assert "usage: hall" in text and len(text.splitlines()) > 4


def test_cli_db_upgrade_reports_revision(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    out = subprocess.run([sys.executable, "-m", "console.cli", "db", "upgrade", "--db", url],
                         capture_output=True, text=True, check=True).stdout
    assert "revision" in out and (tmp_path / "x.db").exists()
    bad = subprocess.run([sys.executable, "-m", "console.cli", "db", "upgrade", "--db",
                          "postgresql://nobody:x@127.0.0.1:1/none"], capture_output=True, text=True)
    assert bad.returncode == 1 and "hall db:" in bad.stderr and "Traceback" not in bad.stderr
