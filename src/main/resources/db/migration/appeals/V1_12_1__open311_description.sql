-- Open311 GeoReport v2 as clients send it: descriptions up to the spec's 4,000 characters, a media_url kept with
-- the request, client comments (mySociety's servicerequestupdates) on the timeline with their own media_url, the
-- updates feed read by time, and a key issued for a county (address-only requests wait at that county's triage).
ALTER TABLE appeals_appeal ALTER COLUMN description SET DATA TYPE VARCHAR(4000);
ALTER TABLE appeals_appeal ADD COLUMN media_url VARCHAR(1000);
ALTER TABLE appeals_event ALTER COLUMN note SET DATA TYPE VARCHAR(4000);
ALTER TABLE appeals_event ADD COLUMN media_url VARCHAR(1000);
CREATE INDEX appeals_event_occurred_ix ON appeals_event (occurred_at);
ALTER TABLE appeals_open311_key ADD COLUMN county_code VARCHAR(20);
