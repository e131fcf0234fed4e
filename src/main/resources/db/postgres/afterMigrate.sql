-- PostgreSQL only (spring.flyway.locations of the postgres profiles). Flyway runs this after every migrate as the
-- owner (spring.flyway.user); the application connects as grassroots_app, which may read and write the tables but
-- may not change or delete what the audit trail has recorded, nor where its keyed chain starts.
GRANT USAGE ON SCHEMA public TO grassroots_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO grassroots_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO grassroots_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON flyway_schema_history FROM grassroots_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_entry FROM grassroots_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_chain_start FROM grassroots_app;
