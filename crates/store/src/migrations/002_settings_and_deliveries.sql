-- App settings (one JSON value per key) and a faster look-up of events not yet delivered.

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX events_by_time ON events (at);
