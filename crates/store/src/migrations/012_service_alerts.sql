-- A service's own alert rule (`alert = true` in `[[services]]`): alert whenever a change on a
-- part it uses comes, whatever that vendor's rules say.
ALTER TABLE services ADD COLUMN alert INTEGER NOT NULL DEFAULT 0;
