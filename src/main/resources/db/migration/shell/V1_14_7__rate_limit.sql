-- one row per limited key and window: uses are counted by a single conditional UPDATE, so requests arriving at once
-- on several nodes cannot together pass the limit
CREATE TABLE shell_rate_limit (
    bucket VARCHAR(100) NOT NULL PRIMARY KEY,
    used INT NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX shell_rate_limit_expiry_ix ON shell_rate_limit (expires_at);
