"""Fixtures for the dashboard, report and export tests: a real SQLite store and a real PostgreSQL one.

The PostgreSQL cluster is a throwaway one (tests/support/postgres.py) started once per session;
every test gets its own database in it. No skips: a missing PostgreSQL fails the tests.
"""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from console.store.engine import make_engine  # noqa: E402
from console.store.migrate import upgrade  # noqa: E402
from tests.support.postgres import create_database, start_cluster  # noqa: E402


@pytest.fixture(scope="session")
def pg_url_dashboard(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shared session cluster (tests/conftest.py: pg_cluster_url) when there is one, else our own."""
    try:
        shared = request.getfixturevalue("pg_cluster_url")
    except pytest.FixtureLookupError:
        shared = None
    if shared:
        yield shared
        return
    url, stop = start_cluster(tmp_path_factory.mktemp("pg"))
    try:
        yield url
    finally:
        stop()


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'hall.db'}", synchronous="OFF")
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def pg_engine(pg_url_dashboard: str) -> Iterator[Engine]:
    engine = make_engine(create_database(pg_url_dashboard, f"t_{uuid.uuid4().hex[:12]}"))
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest) -> Engine:
    """The same test on both backends."""
    return request.getfixturevalue("sqlite_engine" if request.param == "sqlite" else "pg_engine")
