-- How many times a maintenance's window, title or status changed after Lookout first stored it:
-- the SEQUENCE of its entry in `lookout serve`'s calendar, which must only ever grow (a calendar
-- app ignores an entry whose SEQUENCE is not above the one it holds).
ALTER TABLE maintenances ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;

-- The Atom feed reads the newest incident updates of every provider first.
CREATE INDEX incident_updates_by_time ON incident_updates (at DESC);
