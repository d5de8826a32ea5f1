-- Version 7: merging two customers who are one person, and splitting a merge that was wrong.
-- A merge moves the merged customer's sales, contacts, manual reminders, external ids and tags
-- to the kept customer, records each moved row, and archives the merged customer (never
-- deletes them), so that a split can move exactly those rows back.

CREATE TABLE customer_merge (
    id          INTEGER PRIMARY KEY,
    kept_id     INTEGER NOT NULL REFERENCES customer (id),
    merged_id   INTEGER NOT NULL REFERENCES customer (id) CHECK (merged_id <> kept_id),
    merged_at   TEXT NOT NULL,
    -- Details the kept customer lacked and took from the merged one; a split gives them back.
    took_email  INTEGER NOT NULL CHECK (took_email IN (0, 1)),
    took_phone  INTEGER NOT NULL CHECK (took_phone IN (0, 1)),
    -- The merged customer's archived_at before the merge (a split restores it).
    was_archived_at TEXT,
    split_at    TEXT
) STRICT;

-- At most one standing merge of each customer into another.
CREATE UNIQUE INDEX customer_merge_standing ON customer_merge (merged_id) WHERE split_at IS NULL;
CREATE INDEX customer_merge_by_kept ON customer_merge (kept_id) WHERE split_at IS NULL;

CREATE TABLE customer_merge_moved (
    merge_id INTEGER NOT NULL REFERENCES customer_merge (id),
    kind     TEXT NOT NULL CHECK (kind IN ('sale', 'contact', 'manual_reminder', 'external_id', 'tag')),
    item     TEXT NOT NULL,
    PRIMARY KEY (merge_id, kind, item)
) STRICT, WITHOUT ROWID;

-- Pairs the owner said are two people: never listed as possible duplicates again.
CREATE TABLE customer_distinct (
    low_id  INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    high_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    PRIMARY KEY (low_id, high_id),
    CHECK (low_id < high_id)
) STRICT, WITHOUT ROWID;
