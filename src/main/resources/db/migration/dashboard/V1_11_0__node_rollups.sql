-- The counts of every county, township and village (the nodes the 三率 are asked about) by day and by month,
-- one set of rows per node, read by its exact path: a county's year is a few hundred rows however many
-- grids and villages it has, instead of every grid's rows of the days around the whole months. Kept by the
-- same events as the grid rows (dashboard_appeal_daily), which stay for grids, maps and children; filled from
-- those on the first start after this migration (NodeRollupBackfill).
CREATE TABLE dashboard_appeal_node_daily (
    day_received DATE NOT NULL,
    node_path VARCHAR(200) NOT NULL,
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
    CONSTRAINT dashboard_appeal_node_daily_pk PRIMARY KEY (node_path, day_received, category_code, channel)
);
CREATE TABLE dashboard_appeal_node_monthly (
    month_start DATE NOT NULL,
    node_path VARCHAR(200) NOT NULL,
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
    CONSTRAINT dashboard_appeal_node_monthly_pk PRIMARY KEY (node_path, month_start, category_code, channel)
);
-- the village-only monthly rows are replaced by the rows of every node down to the village
DROP TABLE dashboard_appeal_monthly;
