-- PostgreSQL only. Every list is scoped by a path prefix (region_path LIKE '/…/620799100201/%'). A plain btree index
-- serves such a LIKE only when the database sorts text bytewise (the C or POSIX collation); under any other
-- (en_US.UTF-8, zh_CN.UTF-8, an ICU locale — the usual defaults of a server installed in Chinese) every scoped list
-- and count reads its whole table. On such a database each path column gets an index in the pattern operator
-- class, which serves prefix LIKEs whatever the collation; on a C database they would only cost writes, so they are
-- not made there.
DO $$
DECLARE
    bytewise BOOLEAN;
    target RECORD;
BEGIN
    SELECT datcollate IN ('C', 'POSIX', 'C.UTF-8', 'C.utf8') INTO bytewise FROM pg_database WHERE datname = current_database();
    -- from PostgreSQL 15 a database may take its collation from ICU whatever datcollate says
    IF bytewise AND current_setting('server_version_num')::int >= 150000 THEN
        EXECUTE 'SELECT datlocprovider <> ''i'' FROM pg_database WHERE datname = current_database()' INTO bytewise;
    END IF;
    IF bytewise THEN
        RETURN;
    END IF;
    FOR target IN SELECT * FROM (VALUES
            ('appeals_appeal', 'region_path'),
            ('appeals_notification', 'region_path'),
            ('registry_region', 'path'),
            ('registry_household', 'region_path'),
            ('registry_resident', 'region_path'),
            ('registry_party_org', 'region_path'),
            ('registry_party_member', 'region_path'),
            ('access_account', 'region_path'),
            ('audit_entry', 'region_path'),
            ('disputes_case', 'region_path'),
            ('disputes_professional', 'region_path'),
            ('disputes_screening', 'region_path'),
            ('petitions_petition', 'region_path'),
            ('fieldwork_assignment', 'region_path'),
            ('fieldwork_visit', 'region_path'),
            ('fieldwork_patrol', 'region_path'),
            ('dashboard_appeal_daily', 'region_path')) AS t(table_name, column_name)
    LOOP
        EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %I (%I text_pattern_ops)',
                target.table_name || '_' || target.column_name || '_prefix_ix', target.table_name, target.column_name);
    END LOOP;
END $$;
