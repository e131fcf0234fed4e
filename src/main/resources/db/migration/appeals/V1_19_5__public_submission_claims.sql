-- The public QR form: a submission key is claimed (committed at once) before its limits are taken and its photos
-- decoded, so that copies of one submission sent together (a double tap on a weak signal) wait for the first and
-- answer its appeal instead of racing it. A claim is removed when its submission is done; one left by a node that
-- died is taken over when it is old.
CREATE TABLE appeals_submission_claim (
    submission_key VARCHAR(64) NOT NULL PRIMARY KEY,
    claimed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
