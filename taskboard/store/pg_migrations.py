"""The PostgreSQL backend's tables, as numbered migrations applied when a board is opened.

``MIGRATIONS[n]`` turns a version-``n`` database into version ``n + 1``; a
database newer than :data:`PG_SCHEMA_VERSION` is opened read-only, like a
file written by a newer taskboard.
"""

from __future__ import annotations

# Every table carries ``seq``: the backend's commit that last wrote the row,
# so a process catches up by fetching only rows with a greater ``seq``.
# Deleted tasks stay as tombstones (``deleted``) so their deletion travels
# through that same feed.  History keys sort bytewise (``COLLATE "C"``), as
# ``history.row_key`` expects, whatever the server's locale.  Rows are
# ``json``, not ``jsonb``: jsonb reorders object keys, and a board copied to
# the server and back must export byte for byte as it went (nothing here
# queries inside a row, so jsonb's indexing would buy nothing).
_V1 = """
CREATE TABLE schema_version (version integer NOT NULL);
INSERT INTO schema_version VALUES (0);
CREATE TABLE meta (
    id integer PRIMARY KEY CHECK (id = 1),
    seq bigint NOT NULL,
    data json NOT NULL
);
INSERT INTO meta VALUES (1, 0, '{}');
CREATE TABLE tasks (
    id text COLLATE "C" PRIMARY KEY,
    seq bigint NOT NULL,
    pos bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    data json
);
CREATE INDEX tasks_seq ON tasks (seq);
CREATE TABLE history (
    key text COLLATE "C" PRIMARY KEY,
    seq bigint NOT NULL,
    data json NOT NULL
);
CREATE INDEX history_seq ON history (seq);
CREATE TABLE documents (
    source text COLLATE "C" PRIMARY KEY,
    seq bigint NOT NULL,
    data json NOT NULL
);
CREATE INDEX documents_seq ON documents (seq);
"""

MIGRATIONS: dict[int, str] = {0: _V1}
PG_SCHEMA_VERSION = max(MIGRATIONS) + 1

# The NOTIFY channel every commit announces its ``seq`` on.
CHANNEL = "taskboard_commits"
# pg_advisory_xact_lock key held while migrating (two first opens at once).
MIGRATION_LOCK = 0x7461736B  # "task"
