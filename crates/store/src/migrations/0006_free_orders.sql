-- Version 6: free orders. An order of nothing paid (a warranty repair, a sample, a voucher)
-- is a visit: it counts as a purchase day and never as revenue. SQLite cannot change a CHECK
-- constraint, so the sale table is rebuilt (SQLite's documented twelve steps: foreign keys
-- are off while this runs and checked before it commits; see migrations.rs).

CREATE TABLE sale_new (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER REFERENCES customer (id),
    sold_on      TEXT NOT NULL CHECK (sold_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    -- Zero is a free order; a free order always has a customer (a free walk-in counts nowhere).
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0 OR (amount_minor = 0 AND customer_id IS NOT NULL)),
    description  TEXT NOT NULL DEFAULT '',
    channel      TEXT NOT NULL CHECK (channel IN ('in_store', 'online', 'phone', 'other')),
    note         TEXT NOT NULL DEFAULT '',
    deleted_at   TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    import_id    INTEGER REFERENCES import (id),
    import_key   TEXT
) STRICT;

INSERT INTO sale_new (id, customer_id, sold_on, amount_minor, description, channel, note, deleted_at, created_at, updated_at, import_id, import_key)
SELECT id, customer_id, sold_on, amount_minor, description, channel, note, deleted_at, created_at, updated_at, import_id, import_key
FROM sale;

DROP TABLE sale;
ALTER TABLE sale_new RENAME TO sale;

CREATE INDEX sale_by_day ON sale (sold_on, id) WHERE deleted_at IS NULL;
CREATE INDEX sale_history ON sale (customer_id, sold_on, amount_minor) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX sale_by_import_key ON sale (import_key) WHERE import_key IS NOT NULL;
CREATE INDEX sale_by_import ON sale (import_id) WHERE import_id IS NOT NULL;

CREATE TRIGGER sale_stats_insert AFTER INSERT ON sale
WHEN NEW.customer_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM bulk_load) BEGIN
    UPDATE customer SET (sale_count, purchase_days, lifetime_minor, first_purchase_on, last_purchase_on) = (
        SELECT count(*), count(DISTINCT sold_on), coalesce(sum(amount_minor), 0), min(sold_on), max(sold_on)
        FROM sale WHERE customer_id = NEW.customer_id AND deleted_at IS NULL
    ) WHERE id = NEW.customer_id;
END;

CREATE TRIGGER sale_stats_update AFTER UPDATE ON sale BEGIN
    UPDATE customer SET (sale_count, purchase_days, lifetime_minor, first_purchase_on, last_purchase_on) = (
        SELECT count(*), count(DISTINCT sold_on), coalesce(sum(amount_minor), 0), min(sold_on), max(sold_on)
        FROM sale WHERE customer_id = customer.id AND deleted_at IS NULL
    ) WHERE id IN (OLD.customer_id, NEW.customer_id);
END;

CREATE TRIGGER sale_no_hard_delete BEFORE DELETE ON sale
WHEN OLD.import_id IS NULL OR NOT EXISTS (SELECT 1 FROM bulk_load) BEGIN
    SELECT RAISE(ABORT, 'sales are deleted by setting deleted_at, so that they can be restored');
END;
