"""Opening the database: SQLite (WAL) embedded by default, PostgreSQL by URL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event, make_url


def sqlite_url(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def make_engine(url: str, *, synchronous: str = "FULL", auto_checkpoint: bool = True) -> Engine:
    """An engine tuned for its backend.

    SQLite runs in WAL mode: readers never block the single writer. synchronous=FULL makes every
    commit survive a power cut; group commit keeps that affordable (one fsync per batch).
    """
    if url.startswith("sqlite"):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        # A pooled connection keeps its pragmas; opening the file per request would cost more than the query.
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA synchronous={synchronous}")
            if not auto_checkpoint:
                # The hub checkpoints on its own thread (store/checkpointer.py): inside a commit a
                # checkpoint stalled the writer for ~200 ms every few thousand alerts.
                cur.execute("PRAGMA wal_autocheckpoint=0")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_size=5, max_overflow=5, pool_pre_ping=True)
