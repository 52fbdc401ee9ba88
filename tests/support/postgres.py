"""A throwaway PostgreSQL 15 cluster for tests and benches: initdb, start on a free port, stop, delete.

initdb refuses to run as root, so as root the cluster runs as the `postgres` system user in a
directory that user owns. Fails loudly (never skips) when the binaries are missing.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PG_BIN = Path(os.environ.get("HALL_PG_BIN", "/usr/lib/postgresql/15/bin"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _traversable_by_all(path: Path) -> bool:
    return all(os.stat(p).st_mode & 0o001 for p in [path, *path.parents])


def start_cluster(tmpdir: str | Path | None = None, *, settings: dict[str, str] | None = None,
                  timeout: float = 60.0) -> tuple[str, Callable[[], None]]:
    """Starts a cluster; returns (url, stop). stop() shuts it down and removes its files.

    `settings` are extra postgresql.conf lines (e.g. {"shared_buffers": "512MB"}). Durability is off
    (fsync, synchronous_commit): a throwaway cluster needs speed, not crash safety.
    """
    if not (PG_BIN / "initdb").exists():
        raise RuntimeError(f"PostgreSQL binaries not found in {PG_BIN} (set HALL_PG_BIN)")
    as_root = os.geteuid() == 0
    parent = Path(tmpdir) if tmpdir is not None else None
    if as_root and parent is not None and not _traversable_by_all(parent):
        parent = None  # pytest's tmp dirs are private to root: postgres could not reach them
    base = Path(tempfile.mkdtemp(prefix="hall-pg-", dir=parent))
    data = base / "data"
    prefix: list[str] = []
    if as_root:
        shutil.chown(base, "postgres", "postgres")
        base.chmod(0o700)
        prefix = ["runuser", "-u", "postgres", "--"]
    run = {"check": True, "capture_output": True, "text": True}
    subprocess.run([*prefix, str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                    "-E", "UTF8", "--locale=C.UTF-8"], **run)  # type: ignore[call-overload]
    port = _free_port()
    conf = {"listen_addresses": "'127.0.0.1'", "port": str(port), "unix_socket_directories": f"'{base}'",
            "fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
            "max_connections": "50", "shared_buffers": "256MB"}
    conf.update(settings or {})
    with open(data / "postgresql.conf", "a", encoding="utf-8") as fh:
        fh.write("\n".join(f"{k} = {v}" for k, v in conf.items()) + "\n")
    log = base / "server.log"
    subprocess.run([*prefix, str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t",
                    str(int(timeout)), "start"], **run)  # type: ignore[call-overload]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready = subprocess.run([str(PG_BIN / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)],
                               capture_output=True)
        if ready.returncode == 0:
            break
        time.sleep(0.2)
    else:
        raise RuntimeError(f"PostgreSQL did not start: {log.read_text(errors='replace')[-2000:]}")

    def stop() -> None:
        subprocess.run([*prefix, str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                       capture_output=True)
        shutil.rmtree(base, ignore_errors=True)

    return f"postgresql://postgres@127.0.0.1:{port}/postgres", stop


def create_database(url: str, name: str) -> str:
    """A fresh database in the cluster of `url`; returns its URL (tests keep their data apart)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + f"/{name}"
