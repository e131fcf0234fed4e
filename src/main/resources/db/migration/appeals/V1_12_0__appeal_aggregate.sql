-- The appeal as one aggregate: the one-time referral to mediation is the appeal's own fact (it was read from the
-- timeline). (Descriptions of up to 4,000 characters for every channel: V1_12_1.)
ALTER TABLE appeals_appeal ADD COLUMN referred_at TIMESTAMP WITH TIME ZONE;
UPDATE appeals_appeal SET referred_at = (SELECT MIN(e.occurred_at) FROM appeals_event e
    WHERE e.appeal_id = appeals_appeal.id AND e.action = 'MEDIATION')
  WHERE EXISTS (SELECT 1 FROM appeals_event e WHERE e.appeal_id = appeals_appeal.id AND e.action = 'MEDIATION');
