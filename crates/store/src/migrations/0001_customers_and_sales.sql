-- Version 1: the shop, its customers and their sales.
-- Shipped migrations are never edited: a change is a new file appended to MIGRATIONS.

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE customer (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
    email             TEXT,
    phone             TEXT,
    phone_digits      TEXT,
    notes             TEXT NOT NULL DEFAULT '',
    archived_at       TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    -- Kept current by the sale triggers below, in the same transaction as the sale.
    sale_count        INTEGER NOT NULL DEFAULT 0,
    purchase_days     INTEGER NOT NULL DEFAULT 0,
    lifetime_minor    INTEGER NOT NULL DEFAULT 0,
    first_purchase_on TEXT,
    last_purchase_on  TEXT
) STRICT;

CREATE INDEX customer_by_name ON customer (name COLLATE NOCASE);
CREATE INDEX customer_by_last_purchase ON customer (last_purchase_on);
CREATE INDEX customer_by_lifetime ON customer (lifetime_minor);
CREATE INDEX customer_by_email ON customer (email) WHERE email IS NOT NULL;

CREATE TABLE customer_tag (
    customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    tag         TEXT NOT NULL,
    PRIMARY KEY (customer_id, tag)
) STRICT, WITHOUT ROWID;

CREATE TABLE sale (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER REFERENCES customer (id),
    sold_on      TEXT NOT NULL CHECK (sold_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    description  TEXT NOT NULL DEFAULT '',
    channel      TEXT NOT NULL CHECK (channel IN ('in_store', 'online', 'phone', 'other')),
    note         TEXT NOT NULL DEFAULT '',
    -- Deleting a sale sets this; undo clears it. Deleted sales count nowhere.
    deleted_at   TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

CREATE INDEX sale_by_customer ON sale (customer_id, sold_on) WHERE deleted_at IS NULL;
CREATE INDEX sale_by_day ON sale (sold_on, id) WHERE deleted_at IS NULL;

-- Customer search: words of the name and email, and the phone's digits, by prefix.
CREATE VIRTUAL TABLE customer_search USING fts5 (
    name, email, phone_digits,
    content = 'customer', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);

CREATE TRIGGER customer_search_insert AFTER INSERT ON customer BEGIN
    INSERT INTO customer_search (rowid, name, email, phone_digits)
    VALUES (NEW.id, NEW.name, NEW.email, NEW.phone_digits);
END;

CREATE TRIGGER customer_search_delete AFTER DELETE ON customer BEGIN
    INSERT INTO customer_search (customer_search, rowid, name, email, phone_digits)
    VALUES ('delete', OLD.id, OLD.name, OLD.email, OLD.phone_digits);
END;

CREATE TRIGGER customer_search_update AFTER UPDATE OF name, email, phone_digits ON customer BEGIN
    INSERT INTO customer_search (customer_search, rowid, name, email, phone_digits)
    VALUES ('delete', OLD.id, OLD.name, OLD.email, OLD.phone_digits);
    INSERT INTO customer_search (rowid, name, email, phone_digits)
    VALUES (NEW.id, NEW.name, NEW.email, NEW.phone_digits);
END;

-- Purchase statistics of a customer, recomputed from their sales whenever one changes.
CREATE TRIGGER sale_stats_insert AFTER INSERT ON sale WHEN NEW.customer_id IS NOT NULL BEGIN
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

CREATE TRIGGER sale_no_hard_delete BEFORE DELETE ON sale BEGIN
    SELECT RAISE(ABORT, 'sales are deleted by setting deleted_at, so that they can be restored');
END;
