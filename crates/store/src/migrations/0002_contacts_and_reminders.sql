-- Version 2: follow-up contacts, the customer's rhythm, and the owner's answers to reminders.

CREATE TABLE contact (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customer (id),
    contacted_on TEXT NOT NULL CHECK (contacted_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    method       TEXT NOT NULL CHECK (method IN ('call', 'email', 'message', 'visit', 'other')),
    outcome      TEXT NOT NULL CHECK (outcome IN ('happy', 'neutral', 'issue_raised', 'issue_resolved')),
    sale_id      INTEGER REFERENCES sale (id),
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL
) STRICT;

CREATE INDEX contact_by_customer ON contact (customer_id, contacted_on, id);

-- Kept by the contact trigger below.
ALTER TABLE customer ADD COLUMN last_contact_on TEXT;
ALTER TABLE customer ADD COLUMN open_issue_on TEXT;
-- Kept by the store after every sale change (a median is not a trigger's job).
ALTER TABLE customer ADD COLUMN usual_gap_days INTEGER;
ALTER TABLE customer ADD COLUMN second_purchase_on TEXT;

CREATE TRIGGER contact_stats_insert AFTER INSERT ON contact BEGIN
    UPDATE customer SET
        last_contact_on = (SELECT max(contacted_on) FROM contact WHERE customer_id = NEW.customer_id),
        -- The oldest issue raised with no resolution logged on or after it.
        open_issue_on = (
            SELECT min(raised.contacted_on) FROM contact raised
            WHERE raised.customer_id = NEW.customer_id AND raised.outcome = 'issue_raised'
              AND NOT EXISTS (
                  SELECT 1 FROM contact fixed
                  WHERE fixed.customer_id = raised.customer_id AND fixed.outcome = 'issue_resolved'
                    AND (fixed.contacted_on > raised.contacted_on OR (fixed.contacted_on = raised.contacted_on AND fixed.id > raised.id))
              )
        )
    WHERE id = NEW.customer_id;
END;

CREATE TRIGGER contact_no_delete BEFORE DELETE ON contact BEGIN
    SELECT RAISE(ABORT, 'contacts are part of the customer history and are not deleted');
END;

-- A reminder is computed, never stored; what the owner did about it is. The key names the
-- reminder's kind, customer and the event it follows (see regulars_domain::Reminder::key).
CREATE TABLE reminder_action (
    reminder_key TEXT PRIMARY KEY,
    action       TEXT NOT NULL CHECK (action IN ('done', 'dismissed', 'snoozed')),
    until_on     TEXT,
    acted_at     TEXT NOT NULL
) STRICT;

CREATE TABLE manual_reminder (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer (id),
    due_on      TEXT NOT NULL CHECK (due_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    note        TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;
