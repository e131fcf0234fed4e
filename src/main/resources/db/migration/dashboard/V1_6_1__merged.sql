ALTER TABLE dashboard_appeal_daily ADD COLUMN merged INT DEFAULT 0 NOT NULL;
