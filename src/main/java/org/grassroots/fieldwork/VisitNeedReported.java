package org.grassroots.fieldwork;

import java.time.Instant;

/**
 * Published when a visit's follow-up is "turn into an appeal": the appeals module takes it in as a grid
 * worker's report, in the same transaction.
 */
public record VisitNeedReported(long visitId, String visitor, String regionCode, String categoryCode, String description,
		Instant visitedAt) {
}
