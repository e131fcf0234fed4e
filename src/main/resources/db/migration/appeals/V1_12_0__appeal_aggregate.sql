-- The appeal as one aggregate: the one-time referral to mediation is the appeal's own fact (it was read from the
-- timeline), and every channel takes descriptions of up to 4,000 characters (GeoReport v2's limit), from one rule set.
ALTER TABLE appeals_appeal ADD COLUMN referred_at TIMESTAMP WITH TIME ZONE;
UPDATE appeals_appeal SET referred_at = (SELECT MIN(e.occurred_at) FROM appeals_event e
    WHERE e.appeal_id = appeals_appeal.id AND e.action = 'MEDIATION')
  WHERE EXISTS (SELECT 1 FROM appeals_event e WHERE e.appeal_id = appeals_appeal.id AND e.action = 'MEDIATION');
ALTER TABLE appeals_appeal ALTER COLUMN description SET DATA TYPE VARCHAR(4000);
ALTER TABLE appeals_event ALTER COLUMN note SET DATA TYPE VARCHAR(4000);
