-- How often a household with this tag should be visited (days); empty = no planned visits. Edited on the tags page.
ALTER TABLE registry_tag ADD COLUMN visit_interval_days INT;
UPDATE registry_tag SET visit_interval_days = 7 WHERE code IN ('EMPTY_NEST', 'LIVING_ALONE', 'EXTREME_POVERTY');
UPDATE registry_tag SET visit_interval_days = 14 WHERE code IN ('LEFT_BEHIND_CHILD', 'KEY_PERSON');
UPDATE registry_tag SET visit_interval_days = 30 WHERE code IN ('DISABLED', 'SUBSISTENCE');
UPDATE registry_tag SET visit_interval_days = 90 WHERE code = 'VETERAN';
