-- What the last successful read of a provider left out of its page ("1 update ignored: date out
-- of range"), shown with the provider. And: rows stored by earlier versions with a time that
-- cannot be read back (years past 9999 were written as "+10000-…") are removed, since one of
-- them made every listing and every alert pass fail. Such a row is read again (or reported as
-- ignored) on the provider's next poll.

ALTER TABLE poll_state ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';

DELETE FROM incident_updates
 WHERE at NOT GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T*';
DELETE FROM incidents
 WHERE started_at NOT GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T*'
    OR (resolved_at IS NOT NULL
        AND resolved_at NOT GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T*');
DELETE FROM maintenances
 WHERE (scheduled_for IS NOT NULL
        AND scheduled_for NOT GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T*')
    OR (scheduled_until IS NOT NULL
        AND scheduled_until NOT GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T*');
