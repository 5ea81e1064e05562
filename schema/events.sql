-- The event log: the only table that is written to directly, and only by appending.
CREATE TABLE IF NOT EXISTS events (
    seq            INTEGER PRIMARY KEY,           -- global order
    stream         TEXT    NOT NULL,              -- article:<id>, speaker:<id>, claim:<id>, original:<sha>
    version        INTEGER NOT NULL CHECK (version >= 1),
    type           TEXT    NOT NULL,
    schema_version INTEGER NOT NULL,
    payload        TEXT    NOT NULL CHECK (json_valid(payload)),
    recorded_at    TEXT    NOT NULL,              -- UTC, ISO 8601
    actor          TEXT    NOT NULL,
    prev_hash      TEXT,                          -- hash of the event before it (by seq)
    hash           TEXT    NOT NULL,              -- sha256 over this event's content and prev_hash
    UNIQUE (stream, version)
);
CREATE INDEX IF NOT EXISTS events_type ON events(type);

CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only: UPDATE is not allowed'); END;

CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only: DELETE is not allowed'); END;

-- INSERT OR REPLACE deletes the old row without firing delete triggers (unless recursive
-- triggers are on), so refuse any insert that would collide with an existing event.
CREATE TRIGGER IF NOT EXISTS events_no_replace BEFORE INSERT ON events
WHEN EXISTS (SELECT 1 FROM events WHERE seq = NEW.seq OR (stream = NEW.stream AND version = NEW.version))
BEGIN SELECT RAISE(ABORT, 'events are append-only: an event with this seq or stream version exists'); END;

CREATE TABLE IF NOT EXISTS schema_migrations (
    name TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
);
