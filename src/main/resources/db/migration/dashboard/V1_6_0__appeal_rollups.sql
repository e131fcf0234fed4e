-- Appeal figures kept up to date by each appeal event, so that the 三率 never scan the appeals.
-- One row per submission day, region node, category and channel: every count belongs to the cohort of
-- appeals received that day there.
CREATE TABLE dashboard_appeal_daily (
    day_received DATE NOT NULL,
    region_path VARCHAR(200) NOT NULL,
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
    CONSTRAINT dashboard_appeal_daily_pk PRIMARY KEY (day_received, region_path, category_code, channel)
);
CREATE INDEX dashboard_appeal_daily_path_ix ON dashboard_appeal_daily (region_path, day_received);
