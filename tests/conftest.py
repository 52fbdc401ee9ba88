"""Shared fixtures: a throwaway PostgreSQL cluster for the session, and store URLs for both backends."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.postgres import create_database, start_cluster

_counter = itertools.count()


@pytest.fixture(scope="session")
def pg_cluster_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url, stop = start_cluster(tmp_path_factory.mktemp("pg"))
    try:
        yield url
    finally:
        stop()


def fresh_postgres_database(cluster_url: str) -> str:
    """A new empty database in the session's cluster, so tests never see each other's rows."""
    return create_database(cluster_url, f"hall_test_{os.getpid()}_{next(_counter)}")


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each store test runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'hall.db'}"
    return fresh_postgres_database(request.getfixturevalue("pg_cluster_url"))


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing a test does lands in the real user's data folder."""
    monkeypatch.setenv("HALL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HALL_SYSTEM_CONFIG", str(tmp_path / "no-system-config.toml"))


_exit_status = 0


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    global _exit_status
    _exit_status = int(exitstatus)


def pytest_unconfigure(config: pytest.Config) -> None:
    """A non-daemon thread still running after the last test (e.g. an aiortc decoder thread of a call
    that was not fully closed) would keep the interpreter waiting forever at exit. Fail the run loudly
    and name the threads instead: that is a bug to fix (tests/calls names the test that left one)."""
    import sys
    import threading
    import time
    from concurrent.futures.thread import _worker as executor_worker

    def leftover() -> list[threading.Thread]:
        # Idle executor workers are not counted: concurrent.futures releases them itself at exit.
        return [t for t in threading.enumerate()
                if t is not threading.main_thread() and not t.daemon and t.is_alive()
                and getattr(t, "_target", None) is not executor_worker]

    deadline = time.monotonic() + 2.0  # a thread on its way out (an executor finishing its last job)
    while leftover() and time.monotonic() < deadline:
        time.sleep(0.05)
    names = [t.name for t in leftover()]
    if names:
        status = _exit_status or 1
        print(f"\n=== FAILED: tests left non-daemon threads running: {', '.join(names)}; exiting with "
              f"status {status} instead of waiting for them forever ===", file=sys.stderr)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
