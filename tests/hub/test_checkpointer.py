"""SQLite checkpoints run on their own thread, not inside the hub's commits."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import insert

from console.store.checkpointer import Checkpointer
from console.store.engine import make_engine
from console.store.migrate import upgrade
from console.store.schema import AuditRow


def test_commits_leave_the_log_alone_and_the_checkpointer_moves_it(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'hall.db'}", auto_checkpoint=False)
    upgrade(engine)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    rows = [{"alert_id": i, "at": 0.0, "actor": "t", "action": "create", "from_state": None,
             "to_state": "new", "note": "x" * 200, "data": {}} for i in range(20_000)]
    with engine.begin() as conn:
        conn.execute(insert(AuditRow.__table__), rows)
    wal = tmp_path / "hall.db-wal"
    assert wal.stat().st_size > 4_000_000  # well past SQLite's 1,000-page automatic checkpoint
    checkpointer = Checkpointer(engine, every_s=0.05)
    busy, pages, done = checkpointer.checkpoint()
    assert busy == 0 and pages > 1000 and done == pages
    checkpointer.start()
    checkpointer.stop()
    assert checkpointer.checkpoints >= 2
    engine.dispose()
