package org.grassroots.appeals;

import java.time.Instant;

/**
 * Published inside the transaction of every step an appeal takes. It carries what a listener needs to keep figures
 * without reading appeals: the appeal's cohort (submission time, region, category, channel) and its counts before and
 * after the step ({@link AppealCounts}).
 *
 * @param previousRegionPath the region the appeal was held in before the step, when the step moved it (a transfer to
 *        another village or grid); null otherwise
 */
public record AppealTransitioned(long appealId, String regionPath, String previousRegionPath, String categoryCode,
		AppealChannel channel, Instant submittedAt, AppealStep step, AppealStatus from, AppealStatus to, AppealLevel level,
		Instant at, AppealCounts before, AppealCounts after) {

	/** What the step changed in the figures of its cohort (when it did not move the appeal). */
	public AppealCounts change() {
		return after.minus(before);
	}

	public boolean moved() {
		return previousRegionPath != null && !previousRegionPath.equals(regionPath);
	}

}
