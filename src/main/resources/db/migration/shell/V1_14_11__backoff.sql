-- a growing wait after failed tries (the tracking page's code and digits), kept in the database so every node agrees
CREATE TABLE shell_backoff (
    bucket VARCHAR(100) NOT NULL PRIMARY KEY,
    failures INT NOT NULL,
    blocked_until TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX shell_backoff_until_ix ON shell_backoff (blocked_until);
