-- The days around whole months are read by day first: a prefix LIKE on the path cannot use the path index
-- under a database collation other than "C", a range of days can.
CREATE INDEX dashboard_appeal_daily_day_ix ON dashboard_appeal_daily (day_received);
