"""The ledger's tables (SQLAlchemy Core), the engine for SQLite or PostgreSQL, and the schema's version.

SQLite (the default, one file) runs in WAL mode with a busy timeout, and every write transaction starts
with ``BEGIN IMMEDIATE``: two processes adding files at once take turns at each commit instead of failing
with "database is locked". PostgreSQL is used when the database is a ``postgresql://`` URL.

The schema carries its version in ``schema_version``; ``MIGRATIONS`` holds the steps from each older
version: version 2 added ``offices.hint`` (the roster name an office not on the roster is probably, kept
so that ``status`` need not compare every such office with every roster name each time) and the ``aliases``
table (each office's 别名, indexed, so that finding a report's office is not a scan of every office).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from nianbao.merge.identify import suggest_name

SCHEMA_VERSION = 2
#: how long a write waits for another process's transaction (SQLite), in milliseconds
BUSY_TIMEOUT_MS = 60_000

metadata = sa.MetaData()

schema_version = sa.Table("schema_version", metadata, sa.Column("version", sa.Integer, primary_key=True))

settings = sa.Table(
    "settings", metadata,
    sa.Column("key", sa.String(100), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

# every file's bytes, once, by their sha256
blobs = sa.Table(
    "blobs", metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
)

offices = sa.Table(
    "offices", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("name_key", sa.String(200), nullable=False, index=True),  # normalised name
    sa.Column("county", sa.Text, nullable=False, default=""),
    sa.Column("county_key", sa.String(200), nullable=False, default=""),
    sa.Column("category", sa.Text, nullable=False, default=""),
    sa.Column("contact", sa.Text, nullable=False, default=""),
    sa.Column("phone", sa.Text, nullable=False, default=""),
    sa.Column("aliases", sa.Text, nullable=False, default="[]"),  # JSON list of normalised names
    sa.Column("on_roster", sa.Boolean, nullable=False, default=False),
    sa.Column("roster_order", sa.Integer, nullable=True),
    # the last review: "returned" / "accepted", of which version, with which note
    sa.Column("review", sa.String(20), nullable=True),
    sa.Column("review_version", sa.Integer, nullable=True),
    sa.Column("review_note", sa.Text, nullable=False, default=""),
    # not on the roster: the roster name it is probably (set when it is made and when a roster is imported)
    sa.Column("hint", sa.Text, nullable=False, default=""),
    sa.UniqueConstraint("name_key", "county_key", name="office_identity"),
)

# each office's 别名 (normalised), as offices.aliases lists them: found by an index, not by a scan
aliases = sa.Table(
    "aliases", metadata,
    sa.Column("alias_key", sa.String(200), primary_key=True),
    sa.Column("office_id", sa.Integer, sa.ForeignKey("offices.id"), primary_key=True),
)

# one row per file handed in; "pending" until read (its bytes are already in blobs)
receipts = sa.Table(
    "receipts", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("sha256", sa.String(64), sa.ForeignKey("blobs.sha256"), nullable=False, index=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("source", sa.Text, nullable=False, default=""),
    sa.Column("by", sa.Text, nullable=False, default=""),
    sa.Column("received_at", sa.String(40), nullable=False),  # ISO 8601, UTC
    sa.Column("state", sa.String(10), nullable=False),  # pending | done
    sa.Column("attempts", sa.Integer, nullable=False, default=0),  # reads started
    sa.Column("holder", sa.Text, nullable=True),  # host:pid reading it now
    sa.Column("held_at", sa.String(40), nullable=True),
    sa.Column("duplicate_of", sa.Integer, sa.ForeignKey("receipts.id"), nullable=True),
    sa.Column("office_id", sa.Integer, sa.ForeignKey("offices.id"), nullable=True, index=True),
    sa.Column("version", sa.Integer, nullable=True),
    sa.Column("status", sa.String(10), nullable=False, default=""),
    sa.Column("errors", sa.Integer, nullable=False, default=0),
    sa.Column("warnings", sa.Integer, nullable=False, default=0),
    sa.Column("findings", sa.Text, nullable=False, default="[]"),  # JSON
    sa.Column("message", sa.Text, nullable=False, default=""),
    sa.Column("office_read", sa.Text, nullable=False, default=""),  # 单位名称 as the file gives it
    sa.Column("county_read", sa.Text, nullable=False, default=""),
    sa.Column("year", sa.Integer, nullable=True),
    sa.Column("format", sa.String(20), nullable=False, default=""),
    sa.Column("kind", sa.String(20), nullable=False, default=""),
    sa.Column("cells", sa.Text, nullable=False, default="{}"),  # JSON: what the report holds, for diffs
    sa.Column("changes", sa.Text, nullable=False, default="[]"),  # JSON: vs the office's previous version
    sa.UniqueConstraint("office_id", "version", name="one_version_number"),
)

# the audit log: appended to, never updated
log = sa.Table(
    "log", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("action", sa.String(20), nullable=False),
    sa.Column("office", sa.Text, nullable=True),
    sa.Column("by", sa.Text, nullable=False, default=""),
    sa.Column("note", sa.Text, nullable=False, default=""),
    sa.Column("sha256", sa.String(64), nullable=True),
)

# each summary made from the inbox, with the versions it used (JSON: office, version, sha256)
merges = sa.Table(
    "merges", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("by", sa.Text, nullable=False, default=""),
    sa.Column("output", sa.Text, nullable=False, default=""),
    sa.Column("versions", sa.Text, nullable=False),
)


def _add_hints(conn: sa.Connection) -> None:
    """Version 1 -> 2: the ``hint`` column, filled for the offices not on the roster; the ``aliases`` table
    (made by ``create_all``), filled from ``offices.aliases``."""
    conn.execute(sa.text("ALTER TABLE offices ADD COLUMN hint TEXT NOT NULL DEFAULT ''"))
    refresh_hints(conn)
    for row in conn.execute(sa.select(offices.c.id, offices.c.aliases)).all():
        keys = json.loads(row.aliases)
        if keys:
            conn.execute(aliases.insert(), [{"alias_key": k, "office_id": row.id} for k in keys])


def refresh_hints(conn: sa.Connection) -> None:
    """Set the hint of every office not on the roster (after the roster changed)."""
    o = offices
    roster = list(conn.execute(sa.select(o.c.name).where(o.c.on_roster)).scalars())
    for row in conn.execute(sa.select(o.c.id, o.c.name).where(sa.not_(o.c.on_roster))).all():
        conn.execute(o.update().where(o.c.id == row.id).values(hint=suggest_name(row.name, roster) or ""))


#: version n -> the step that brings a database of version n to n + 1
MIGRATIONS: dict[int, Callable[[sa.Connection], None]] = {1: _add_hints}


def is_postgres(db: str) -> bool:
    return str(db).startswith(("postgresql://", "postgresql+", "postgres://"))


def make_engine(db: str | Path) -> sa.Engine:
    """The engine for ``db``: a PostgreSQL URL, or the path of an SQLite file."""
    if is_postgres(str(db)):
        url = str(db)
        if url.startswith("postgres://"):
            url = "postgresql://" + url[len("postgres://"):]
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://"):]
        return sa.create_engine(url, pool_pre_ping=True)
    engine = sa.create_engine(f"sqlite:///{Path(db)}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    sa.event.listen(engine, "connect", _sqlite_connect)
    sa.event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # transactions are begun by _sqlite_begin, not by the driver
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")  # in WAL mode: a killed process loses no commit
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


#: execution option of a connection that only reads (its transaction does not take the write lock)
READ_ONLY = "nianbao_read_only"


def _sqlite_begin(conn: sa.Connection) -> None:
    conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE")


class SchemaTooNew(RuntimeError):
    """The database was made by a newer nianbao."""


def ensure_schema(engine: sa.Engine) -> int:
    """Create the tables of a new database, or bring an older one to ``SCHEMA_VERSION``; the version."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":  # two processes opening a new database at once
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(4711012)"))
        metadata.create_all(conn)
        found = conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar()
        if found is None:
            conn.execute(schema_version.insert().values(version=SCHEMA_VERSION))
            return SCHEMA_VERSION
        if found > SCHEMA_VERSION:
            raise SchemaTooNew(str(found))
        for v in range(found, SCHEMA_VERSION):
            MIGRATIONS[v](conn)
        if found < SCHEMA_VERSION:
            conn.execute(schema_version.delete())
            conn.execute(schema_version.insert().values(version=SCHEMA_VERSION))
        return SCHEMA_VERSION
