-- Incidents the user follows: each of their updates is told whatever the rules say, until the
-- incident is resolved (a follow goes with its incident).

CREATE TABLE followed_incidents (
    provider_id  INTEGER NOT NULL,
    incident_id  TEXT NOT NULL,
    followed_at  TEXT NOT NULL,
    PRIMARY KEY (provider_id, incident_id),
    FOREIGN KEY (provider_id, incident_id) REFERENCES incidents(provider_id, id) ON DELETE CASCADE
) WITHOUT ROWID;
