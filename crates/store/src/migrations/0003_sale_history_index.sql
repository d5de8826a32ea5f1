-- Version 3: the analytics read every live sale's customer, day and amount in customer order.
-- With the amount in the index that read never touches the table (1.66 s -> 0.24 s on a
-- million sales). The old index is a prefix of the new one, so its queries use the new one.
CREATE INDEX sale_history ON sale (customer_id, sold_on, amount_minor) WHERE deleted_at IS NULL;
DROP INDEX sale_by_customer;
