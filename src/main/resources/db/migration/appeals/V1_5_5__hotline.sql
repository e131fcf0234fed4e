-- 12345 hotline work orders keep their own number (工单编号): importing the same order twice skips it.
ALTER TABLE appeals_appeal ADD COLUMN external_ref VARCHAR(64);
CREATE UNIQUE INDEX appeals_appeal_external_uk ON appeals_appeal (external_ref);
