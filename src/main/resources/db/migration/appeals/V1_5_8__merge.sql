-- An appeal merged into another that reports the same matter: it closes, pointing at the one kept.
ALTER TABLE appeals_appeal ADD COLUMN merged_into_id BIGINT REFERENCES appeals_appeal (id);
