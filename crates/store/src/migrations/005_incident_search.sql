-- Search over every incident ever seen: one full-text document per incident (its title, and
-- the plain text of its updates' bodies), kept in step with the incidents tables by the
-- transaction that writes them (see search.rs); incidents stored before this migration are
-- indexed when the database is next opened for writing.

CREATE TABLE incident_search_keys (
    id           INTEGER PRIMARY KEY,
    provider_id  INTEGER NOT NULL,
    incident_id  TEXT NOT NULL,
    -- A hash of the title and update bodies last indexed: an unchanged incident is not indexed
    -- again at each poll.
    fingerprint  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (provider_id, incident_id)
);

CREATE VIRTUAL TABLE incident_search USING fts5(
    title, bodies, tokenize = 'unicode61 remove_diacritics 2'
);

-- An incident removed (with its provider) leaves the index with it.
CREATE TRIGGER incident_search_forget AFTER DELETE ON incidents BEGIN
    DELETE FROM incident_search WHERE rowid =
        (SELECT id FROM incident_search_keys WHERE provider_id = old.provider_id AND incident_id = old.id);
    DELETE FROM incident_search_keys WHERE provider_id = old.provider_id AND incident_id = old.id;
END;
