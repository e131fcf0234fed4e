-- what a job did beyond created/skipped, by name (a registry import: households created, residents created and updated),
-- kept as "name=count;name=count" and written with its progress
ALTER TABLE shell_job ADD COLUMN counts VARCHAR(400);
