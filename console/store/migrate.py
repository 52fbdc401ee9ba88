"""Schema migrations with Alembic: `hall db upgrade` and the hub's start-up both call upgrade()."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _config(engine: Engine, connection: object) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    with engine.begin() as conn:
        command.upgrade(_config(engine, conn), revision)


def current(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def autogenerate(engine: Engine, message: str) -> None:
    """Developer helper: writes a new revision from the difference between the ORM and the database."""
    with engine.begin() as conn:
        command.revision(_config(engine, conn), message=message, autogenerate=True)
