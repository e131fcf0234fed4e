-- The PostgreSQL test suite connects as the restricted application role, as production does: created here when the
-- cluster does not have it yet (the README's first command). Roles are per cluster; parallel runs may race.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'grassroots_app') THEN
    CREATE ROLE grassroots_app LOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;
