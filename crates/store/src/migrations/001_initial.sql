-- Lookout's first schema. Times are UTC RFC 3339 text ("2026-01-02T03:04:05.000Z"), which sorts.

CREATE TABLE providers (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL UNIQUE COLLATE NOCASE,
    url                 TEXT NOT NULL UNIQUE,
    platform            TEXT NOT NULL,
    poll_interval_secs  INTEGER NOT NULL DEFAULT 60 CHECK (poll_interval_secs > 0),
    enabled             INTEGER NOT NULL DEFAULT 1,
    created_at          TEXT NOT NULL
);

-- The components a user watches on a provider; none listed means every component.
CREATE TABLE watched_components (
    provider_id   INTEGER NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
    component_id  TEXT NOT NULL,
    PRIMARY KEY (provider_id, component_id)
) WITHOUT ROWID;

CREATE TABLE components (
    provider_id     INTEGER NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
    id              TEXT NOT NULL,
    name            TEXT NOT NULL,
    group_name      TEXT,
    status          TEXT NOT NULL,
    group_position  INTEGER NOT NULL DEFAULT 0,
    position        INTEGER NOT NULL DEFAULT 0,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (provider_id, id)
) WITHOUT ROWID;

-- Every status a component has had, with the time Lookout saw it.
CREATE TABLE component_status_history (
    id            INTEGER PRIMARY KEY,
    provider_id   INTEGER NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
    component_id  TEXT NOT NULL,
    status        TEXT NOT NULL,
    at            TEXT NOT NULL
);
CREATE INDEX component_status_history_by_component
    ON component_status_history (provider_id, component_id, at);

CREATE TABLE incidents (
    provider_id    INTEGER NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
    id             TEXT NOT NULL,
    title          TEXT NOT NULL,
    impact         TEXT NOT NULL,
    status         TEXT NOT NULL,
    started_at     TEXT NOT NULL,
    resolved_at    TEXT,
    url            TEXT,
    component_ids  TEXT NOT NULL DEFAULT '[]',
    detected_at    TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (provider_id, id)
) WITHOUT ROWID;
CREATE INDEX incidents_by_start ON incidents (started_at DESC);

CREATE TABLE incident_updates (
    provider_id  INTEGER NOT NULL,
    incident_id  TEXT NOT NULL,
    id           TEXT NOT NULL,
    status       TEXT NOT NULL,
    body         TEXT NOT NULL,
    at           TEXT NOT NULL,
    components   TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (provider_id, incident_id, id),
    FOREIGN KEY (provider_id, incident_id) REFERENCES incidents(provider_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE maintenances (
    provider_id      INTEGER NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
    id               TEXT NOT NULL,
    title            TEXT NOT NULL,
    status           TEXT NOT NULL,
    scheduled_for    TEXT,
    scheduled_until  TEXT,
    url              TEXT,
    component_ids    TEXT NOT NULL DEFAULT '[]',
    detected_at      TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    PRIMARY KEY (provider_id, id)
) WITHOUT ROWID;

-- Every change event Lookout reported. dedup_key is unique per provider, so the same incident
-- update can never be reported twice, even across restarts (NULL keys never collide).
CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    provider_id  INTEGER NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
    at           TEXT NOT NULL,
    kind         TEXT NOT NULL,
    dedup_key    TEXT,
    payload      TEXT NOT NULL,
    UNIQUE (provider_id, dedup_key)
);

-- What was delivered where: one row per (event, sink), written with the delivery.
CREATE TABLE notification_ledger (
    event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    sink       TEXT NOT NULL,
    state      TEXT NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (event_id, sink)
) WITHOUT ROWID;

CREATE TABLE poll_state (
    provider_id           INTEGER PRIMARY KEY REFERENCES providers(id) ON DELETE CASCADE,
    last_attempt_at       TEXT,
    last_success_at       TEXT,
    last_error            TEXT,
    consecutive_failures  INTEGER NOT NULL DEFAULT 0,
    unreachable           INTEGER NOT NULL DEFAULT 0
);

-- HTTP validators per fetched URL, for conditional requests.
CREATE TABLE http_validators (
    provider_id    INTEGER NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
    url            TEXT NOT NULL,
    etag           TEXT,
    last_modified  TEXT,
    PRIMARY KEY (provider_id, url)
) WITHOUT ROWID;
