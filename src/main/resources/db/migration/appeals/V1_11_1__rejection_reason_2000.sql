-- A rejection reason is a step note like any other (at most 2000 characters, as the step form and
-- appeals_event.note allow); the 400-character column refused a longer one with a database error.
-- Widening a VARCHAR keeps every stored value; PostgreSQL does it without rewriting the table.
ALTER TABLE appeals_appeal ALTER COLUMN rejection_reason SET DATA TYPE VARCHAR(2000);
