-- The hash of each document's body as last read successfully, beside its HTTP validators: a
-- poll whose every document hashes the same is recorded like an HTTP 304 (nothing parsed,
-- nothing written but the poll's success), even when the server sends no validators.

ALTER TABLE http_validators ADD COLUMN body_hash TEXT;
