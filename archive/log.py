"""The event log: appending (with the hash chain), reading, and verifying."""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from newsfacts.schema.events import EVENT_TYPES, check_payload_json, upcast, validate_payload


@dataclass(frozen=True)
class Event:
    seq: int
    stream: str
    version: int
    type: str
    schema_version: int
    payload: dict
    recorded_at: str
    actor: str
    prev_hash: str | None
    hash: str


def default_actor() -> str:
    """Who records: $NEWSFACTS_ACTOR, else the login name."""
    if os.environ.get("NEWSFACTS_ACTOR"):
        return os.environ["NEWSFACTS_ACTOR"]
    try:
        return getpass.getuser()
    except Exception:  # pragma: no cover - no login name (some containers)
        return "unknown"


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def canonical(payload: dict) -> str:
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def event_hash(seq: int, stream: str, version: int, type_: str, schema_version: int,
               payload_json: str, recorded_at: str, actor: str, prev_hash: str | None) -> str:
    """SHA-256 over every stored field and the previous event's hash: any edit breaks the chain.
    (Each field followed by 0x1f, hashed as one string: a large log is hashed in one pass.)"""
    parts = (str(seq), stream, str(version), type_, str(schema_version), payload_json, recorded_at, actor,
             prev_hash or "")
    return hashlib.sha256(("\x1f".join(parts) + "\x1f").encode("utf-8")).hexdigest()


def append(conn: sqlite3.Connection, stream: str, type_: str, payload: dict,
           actor: str | None = None, recorded_at: str | None = None,
           schema_version: int | None = None) -> Event:
    """Append one event at the end of its stream; call inside a transaction (BEGIN IMMEDIATE)
    so that the stream version and the chain's last hash cannot change under us. An older
    `schema_version` is only for making fixtures of archives that older code wrote."""
    if not conn.in_transaction:
        raise RuntimeError("append() must run inside a transaction")
    from .guard import check_writable

    check_writable(conn)  # triggers in place, chain end intact: else nothing is appended
    clean = validate_payload(type_, payload, schema_version)
    schema_version = schema_version or EVENT_TYPES[type_][1]
    payload_json = canonical(clean)
    actor = actor or default_actor()
    recorded_at = recorded_at or utc_now()
    last = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    seq = (last[0] + 1) if last else 1
    prev_hash = last[1] if last else None
    version = conn.execute("SELECT COALESCE(MAX(version), 0) + 1 FROM events WHERE stream = ?",
                           (stream,)).fetchone()[0]
    digest = event_hash(seq, stream, version, type_, schema_version, payload_json, recorded_at,
                        actor, prev_hash)
    conn.execute(
        "INSERT INTO events (seq, stream, version, type, schema_version, payload, recorded_at, "
        "actor, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, stream, version, type_, schema_version, payload_json, recorded_at, actor, prev_hash, digest))
    return Event(seq, stream, version, type_, schema_version, clean, recorded_at, actor, prev_hash, digest)


def current(event: Event) -> Event:
    """The event with its payload upcast to its type's current schema version (what projections
    read); an event already current is returned as it is."""
    now = EVENT_TYPES.get(event.type, (None, event.schema_version))[1]
    if event.schema_version == now:
        return event
    return replace(event, payload=upcast(event.type, event.schema_version, event.payload), schema_version=now)


def _row_to_event(row) -> Event:
    return Event(row["seq"], row["stream"], row["version"], row["type"], row["schema_version"],
                 json.loads(row["payload"]), row["recorded_at"], row["actor"], row["prev_hash"], row["hash"])


def read(conn: sqlite3.Connection, until_seq: int | None = None,
         until_time: str | None = None, stream: str | None = None, seq: int | None = None) -> Iterator[Event]:
    """Events in order, optionally only up to a sequence number or a recorded time, of one
    stream, or the one event numbered `seq`."""
    filters = [(c, v) for c, v in (("seq = ?", seq), ("seq <= ?", until_seq),
                                   ("recorded_at <= ?", until_time), ("stream = ?", stream))
               if v is not None]
    sql = "SELECT * FROM events" + (" WHERE " + " AND ".join(c for c, _ in filters) if filters else "")
    args = [v for _, v in filters]
    for row in conn.execute(sql + " ORDER BY seq", args):
        yield _row_to_event(row)


def _payload_problem(row) -> str | None:
    """Read through its own version's model, then upcast to today's: a payload no model accepts
    cannot be replayed. A current event is parsed by its model straight from the JSON text."""
    try:
        check_payload_json(row["type"], row["schema_version"], row["payload"])
    except Exception as e:
        return (f"its payload is not a valid {row['type']} of schema version {row['schema_version']}: "
                f"{str(e).splitlines()[0]}")
    return None


@dataclass(frozen=True)
class Problem:
    seq: int
    reason: str


def verify(conn: sqlite3.Connection, digests: list[str] | None = None,
           payloads: bool = True) -> tuple[int, Problem | None]:
    """Walk the chain; return how many events were checked and the first problem found. The
    hashes recomputed on the way go to `digests` when given (the leaves of the Merkle tree, so a
    checkpoint or its check hashes each event once); `payloads=False` skips the models.

    "a rehashed edit is blamed on the next event": when an event's prev_hash no longer matches
    the event before it, but its own hash still covers its content (that prev_hash included), it
    is the one before that was altered and given a new hash, and that one is named."""
    prev_hash, expected_seq, checked = None, None, 0
    versions: dict[str, int] = {}
    for row in conn.execute("SELECT * FROM events ORDER BY seq"):
        checked += 1
        seq = row["seq"]
        if expected_seq is not None and seq != expected_seq:
            return checked, Problem(expected_seq, f"event {expected_seq} is missing (next is {seq})")
        digest = event_hash(seq, row["stream"], row["version"], row["type"], row["schema_version"],
                            row["payload"], row["recorded_at"], row["actor"], row["prev_hash"])
        if digests is not None:
            digests.append(digest)
        if row["prev_hash"] != prev_hash:
            if digest == row["hash"] and seq > 1:
                return checked, Problem(seq - 1, f"it was altered and given a new hash (event {seq} "
                                                 "still records its earlier hash)")
            return checked, Problem(seq, "its prev_hash does not match the hash of the event before it")
        if digest != row["hash"]:
            return checked, Problem(seq, "its content does not match its hash (it was altered)")
        if row["version"] != versions.get(row["stream"], 0) + 1:
            return checked, Problem(seq, f"stream {row['stream']} skips from version "
                                         f"{versions.get(row['stream'], 0)} to {row['version']}")
        bad = payloads and _payload_problem(row)
        if bad:
            return checked, Problem(seq, bad)
        versions[row["stream"]] = row["version"]
        prev_hash, expected_seq = row["hash"], seq + 1
    return checked, None
