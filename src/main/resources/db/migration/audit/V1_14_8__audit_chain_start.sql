-- Where the keyed chain starts: entries from keyed_from on are hashed with HMAC-SHA256 under a key the database
-- does not hold (grassroots.audit.key); entries before it (written before this version) keep the plain SHA-256 rule.
CREATE TABLE audit_chain_start (
    id INT NOT NULL PRIMARY KEY,
    keyed_from BIGINT NOT NULL
);
INSERT INTO audit_chain_start (id, keyed_from) SELECT 1, last_id + 1 FROM audit_chain_head WHERE id = 1;
