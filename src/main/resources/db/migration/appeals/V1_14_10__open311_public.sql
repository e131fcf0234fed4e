-- Open311's public list: an appeal is listed to callers without a key only when the county marks it public; the key
-- that submitted a request lets its client read that request in full
ALTER TABLE appeals_appeal ADD COLUMN open311_public BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE appeals_appeal ADD COLUMN open311_key_id BIGINT;
