-- Open311 POST requests with an idempotency key (header Idempotency-Key or attribute[idempotency_key]): one row per
-- key of each API key (the client), claimed before the appeal is made (appeal_id NULL while the first copy is being
-- taken in) and kept with the first answer, so that a retry with the same key and the same fields gets that answer
-- back and one with other fields is refused. The unique key decides between copies sent at the same time.
CREATE TABLE appeals_open311_idempotency (
    key_id BIGINT NOT NULL REFERENCES appeals_open311_key (id),
    idempotency_key VARCHAR(100) NOT NULL,
    request_hash VARCHAR(64) NOT NULL,
    appeal_id BIGINT REFERENCES appeals_appeal (id),
    service_notice VARCHAR(1000),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT appeals_open311_idempotency_uk PRIMARY KEY (key_id, idempotency_key)
);
