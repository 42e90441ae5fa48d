-- Lookout's own probes of a vendor's endpoints, each with its current streak of failures; the
-- suspicions they raised (a provider whose probes failed while its page said all was well); and,
-- on each incident, how long before the vendor's first update the suspicion began.

CREATE TABLE probes (
    id               INTEGER PRIMARY KEY,
    provider_id      INTEGER NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
    url              TEXT NOT NULL,
    every_secs       INTEGER NOT NULL CHECK (every_secs >= 10),
    expect           TEXT NOT NULL DEFAULT '2xx',
    contains         TEXT,
    timeout_secs     INTEGER NOT NULL CHECK (timeout_secs > 0),
    created_at       TEXT NOT NULL,
    failures         INTEGER NOT NULL DEFAULT 0,
    failing_since    TEXT,
    last_error       TEXT,
    last_run_at      TEXT,
    last_latency_ms  INTEGER,
    UNIQUE (provider_id, url)
);

CREATE TABLE suspicions (
    id           INTEGER PRIMARY KEY,
    provider_id  INTEGER NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
    since        TEXT NOT NULL,
    raised_at    TEXT NOT NULL,
    cleared_at   TEXT
);
CREATE INDEX suspicions_open ON suspicions (provider_id) WHERE cleared_at IS NULL;

ALTER TABLE incidents ADD COLUMN suspected_lead_seconds INTEGER;
