-- Alert sinks (Slack, Discord, Teams, generic webhooks) and their deliveries. A delivery is one
-- message (one provider's changes, a summary, or an offline notice) to one sink, retried until
-- it is sent or given up; the ledger says which events went into which delivery, or why an
-- event was not sent to that sink.

CREATE TABLE sinks (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    url         TEXT NOT NULL,
    secret      TEXT,
    enabled     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL
);

CREATE TABLE deliveries (
    id               TEXT PRIMARY KEY,
    sink             TEXT NOT NULL,
    title            TEXT NOT NULL,
    payload          TEXT NOT NULL,
    state            TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    lease_until      TEXT,
    last_error       TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at);

ALTER TABLE notification_ledger ADD COLUMN delivery_id TEXT;
ALTER TABLE notification_ledger ADD COLUMN reason TEXT;
