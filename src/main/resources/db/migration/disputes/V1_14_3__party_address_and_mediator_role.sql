-- A party's address as the agreement prints it (住址): the household's, copied when a resident of the registry is
-- picked, or typed for someone outside it (外来人员/非登记人员).
ALTER TABLE disputes_party ADD COLUMN address VARCHAR(200);

-- What a mediator was when named, so that the agreement prints each one's real standing: a cadre's role (an account
-- role, e.g. COUNTY_STAFF) or a roster entry's organisation (the committee, the court, the law firm). Only a member
-- of a people's mediation committee (roster kind MEDIATOR) signs as 人民调解员.
ALTER TABLE disputes_mediator ADD COLUMN role VARCHAR(24);
ALTER TABLE disputes_mediator ADD COLUMN organisation VARCHAR(100);
