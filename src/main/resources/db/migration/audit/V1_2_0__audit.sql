-- Append-only, hash-chained audit trail (留痕). Rows are never updated or deleted by the application.
CREATE TABLE audit_entry (
    id BIGINT NOT NULL PRIMARY KEY,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    actor VARCHAR(64) NOT NULL,
    client_address VARCHAR(64),
    action VARCHAR(16) NOT NULL,
    entity_type VARCHAR(40) NOT NULL,
    entity_id VARCHAR(64),
    region_path VARCHAR(200),
    summary VARCHAR(400),
    before_state VARCHAR,
    after_state VARCHAR,
    prev_hash VARCHAR(64) NOT NULL,
    hash VARCHAR(64) NOT NULL
);
CREATE INDEX audit_entry_entity_ix ON audit_entry (entity_type, entity_id);
CREATE INDEX audit_entry_region_ix ON audit_entry (region_path);
CREATE INDEX audit_entry_time_ix ON audit_entry (occurred_at);

-- One row: the head of the chain. Appenders lock it, so the chain stays linear across app nodes.
CREATE TABLE audit_chain_head (
    id INT NOT NULL PRIMARY KEY,
    last_id BIGINT NOT NULL,
    last_hash VARCHAR(64) NOT NULL
);
INSERT INTO audit_chain_head (id, last_id, last_hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
