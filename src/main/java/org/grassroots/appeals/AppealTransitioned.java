package org.grassroots.appeals;

import java.time.Instant;

/**
 * Published inside the transaction of every step of the life cycle. It carries what a listener needs
 * to keep figures without reading appeals: the appeal's cohort (submission time, region, category,
 * channel) and what the step meant.
 *
 * @param firstAcceptance the appeal was accepted for the first time (re-acceptance after escalation is not)
 * @param respondedOnTime for a first acceptance, whether it came within the response deadline
 * @param resolvedLevel for a resolution, the level that resolved it
 * @param resolvedOnTime for a resolution, whether it came within the resolution deadline
 * @param undoneResolutionLevel when the step undid a resolution (reopen, or a rating of 不满意), its level
 * @param undoneResolutionOnTime and whether that resolution had been on time
 */
public record AppealTransitioned(long appealId, String regionPath, String categoryCode, AppealChannel channel,
		Instant submittedAt, String action, AppealStatus from, AppealStatus to, AppealLevel level, Instant at,
		boolean firstAcceptance, boolean respondedOnTime, AppealLevel resolvedLevel, boolean resolvedOnTime,
		AppealRating rating, AppealLevel undoneResolutionLevel, boolean undoneResolutionOnTime) {
}
