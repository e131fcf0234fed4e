-- The same counts by month and village (or township, for appeals held there): a year for a county reads
-- a few thousand rows instead of every day of every grid. Kept by the same events as the daily rows;
-- filled from them on the first start after this migration (AppealRollups).
CREATE TABLE dashboard_appeal_monthly (
    month_start DATE NOT NULL,
    village_path VARCHAR(200) NOT NULL,
    category_code VARCHAR(32) NOT NULL,
    channel VARCHAR(16) NOT NULL,
    received INT NOT NULL DEFAULT 0,
    accepted INT NOT NULL DEFAULT 0,
    responded_on_time INT NOT NULL DEFAULT 0,
    resolved INT NOT NULL DEFAULT 0,
    resolved_on_time INT NOT NULL DEFAULT 0,
    resolved_village INT NOT NULL DEFAULT 0,
    resolved_township INT NOT NULL DEFAULT 0,
    resolved_county INT NOT NULL DEFAULT 0,
    rated INT NOT NULL DEFAULT 0,
    satisfied INT NOT NULL DEFAULT 0,
    rejected INT NOT NULL DEFAULT 0,
    merged INT NOT NULL DEFAULT 0,
    CONSTRAINT dashboard_appeal_monthly_pk PRIMARY KEY (month_start, village_path, category_code, channel)
);
CREATE INDEX dashboard_appeal_monthly_path_ix ON dashboard_appeal_monthly (village_path, month_start);
