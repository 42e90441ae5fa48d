-- The environment variables a sink's URL and secret were read from when a configuration file
-- was applied (`lookout config apply`, a file that says `url = "${SLACK_URL}"`), so that
-- `lookout config export` writes the same `${…}` placeholder back and never the secret itself.

ALTER TABLE sinks ADD COLUMN url_env TEXT;
ALTER TABLE sinks ADD COLUMN secret_env TEXT;
