-- An import adds its new customers to the search index in one statement after inserting them,
-- rather than one trigger run per customer: FTS5 writes its pending changes to disk at the
-- start of every statement, so 100,000 single-row runs made 100,000 tiny index segments.
DROP TRIGGER customer_search_insert;
CREATE TRIGGER customer_search_insert AFTER INSERT ON customer
WHEN NOT EXISTS (SELECT 1 FROM bulk_load) BEGIN
    INSERT INTO customer_search (rowid, name, email, phone_digits)
    VALUES (NEW.id, NEW.name, NEW.email, NEW.phone_digits);
END;
