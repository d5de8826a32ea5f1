-- Version 4: imports. Each import is recorded; its sales carry the import and a key (the
-- export's order id or a row fingerprint) that is unique, so a file imported twice adds
-- nothing the second time; the customers it created carry the import too, so it can be
-- undone as a whole.

CREATE TABLE import (
    id                INTEGER PRIMARY KEY,
    file_name         TEXT NOT NULL,
    preset            TEXT NOT NULL,
    imported_at       TEXT NOT NULL,
    rows              INTEGER NOT NULL,
    sales             INTEGER NOT NULL,
    already_imported  INTEGER NOT NULL,
    skipped           INTEGER NOT NULL,
    problems          INTEGER NOT NULL,
    customers_new     INTEGER NOT NULL,
    customers_matched INTEGER NOT NULL,
    revenue_minor     INTEGER NOT NULL,
    first_day         TEXT,
    last_day          TEXT,
    undone_at         TEXT
) STRICT;

ALTER TABLE sale ADD COLUMN import_id INTEGER REFERENCES import (id);
ALTER TABLE sale ADD COLUMN import_key TEXT;
CREATE UNIQUE INDEX sale_by_import_key ON sale (import_key) WHERE import_key IS NOT NULL;
CREATE INDEX sale_by_import ON sale (import_id) WHERE import_id IS NOT NULL;

ALTER TABLE customer ADD COLUMN import_id INTEGER REFERENCES import (id);

-- An export's own customer id (`square-items:C9`), so the next import finds the same person.
CREATE TABLE customer_external_id (
    external_id TEXT PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- Holds a row only inside an import's (or its undo's) transaction, never committed: while it
-- does, the per-row statistics trigger stands aside (the import recomputes the statistics of
-- the customers it touched in one statement) and the import's own sales may be deleted.
CREATE TABLE bulk_load (since TEXT NOT NULL) STRICT;

DROP TRIGGER sale_stats_insert;
CREATE TRIGGER sale_stats_insert AFTER INSERT ON sale
WHEN NEW.customer_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM bulk_load) BEGIN
    UPDATE customer SET (sale_count, purchase_days, lifetime_minor, first_purchase_on, last_purchase_on) = (
        SELECT count(*), count(DISTINCT sold_on), coalesce(sum(amount_minor), 0), min(sold_on), max(sold_on)
        FROM sale WHERE customer_id = NEW.customer_id AND deleted_at IS NULL
    ) WHERE id = NEW.customer_id;
END;

DROP TRIGGER sale_no_hard_delete;
CREATE TRIGGER sale_no_hard_delete BEFORE DELETE ON sale
WHEN OLD.import_id IS NULL OR NOT EXISTS (SELECT 1 FROM bulk_load) BEGIN
    SELECT RAISE(ABORT, 'sales are deleted by setting deleted_at, so that they can be restored');
END;
