package org.grassroots.fieldwork;

import java.time.Instant;

/** A dispute found on a visit, to be mediated: the disputes module opens a case in the visit's transaction. */
public record VisitDisputeReported(long visitId, String visitor, String regionCode, String description, Instant visitedAt) {
}
