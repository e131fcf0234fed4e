package org.grassroots.appeals;

import java.time.Instant;

/**
 * What one appeal, in the state it is in, contributes to the figures (受理, 按时响应, 办结 by level, 按时办结, 评价,
 * 满意, 退回, 合并). The one place that says what "on time", "resolved" or "satisfied" means: a step's effect on
 * the figures is the difference between the counts of the appeal after it and before it, so every writer (steps,
 * the automatic close, a 12345 import, the demo) counts alike and the figures always equal a recount of the appeals.
 */
public record AppealCounts(int received, int accepted, int respondedOnTime, int resolved, int resolvedOnTime,
		int resolvedVillage, int resolvedTownship, int resolvedCounty, int rated, int satisfied, int rejected, int merged) {

	public static final AppealCounts NONE = new AppealCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

	/**
	 * The counts of an appeal: received once; accepted once it was first accepted (on time when within its response
	 * deadline); resolved while it stands resolved (a reopen or a rating of 不满意 takes the resolution back), by the level
	 * that resolved it, on time when within its resolution deadline; rated and satisfied by its latest rating (a new rating
	 * replaces the old one); rejected or merged by its status.
	 */
	public static AppealCounts of(AppealStatus status, Instant acceptedAt, Instant responseDue, Instant resolvedAt,
			AppealLevel resolvedLevel, Instant resolutionDue, AppealRating rating) {
		boolean accepted = acceptedAt != null;
		boolean resolved = resolvedAt != null && resolvedLevel != null;
		return new AppealCounts(1, one(accepted), one(accepted && !acceptedAt.isAfter(responseDue)), one(resolved),
				one(resolved && !resolvedAt.isAfter(resolutionDue)), one(resolved && resolvedLevel == AppealLevel.VILLAGE),
				one(resolved && resolvedLevel == AppealLevel.TOWNSHIP), one(resolved && resolvedLevel == AppealLevel.COUNTY),
				one(rating != null), one(rating != null && rating.counts()), one(status == AppealStatus.REJECTED),
				one(status == AppealStatus.MERGED));
	}

	/** What changes from {@code before} to this. */
	public AppealCounts minus(AppealCounts before) {
		return new AppealCounts(received - before.received, accepted - before.accepted, respondedOnTime - before.respondedOnTime,
				resolved - before.resolved, resolvedOnTime - before.resolvedOnTime, resolvedVillage - before.resolvedVillage,
				resolvedTownship - before.resolvedTownship, resolvedCounty - before.resolvedCounty, rated - before.rated,
				satisfied - before.satisfied, rejected - before.rejected, merged - before.merged);
	}

	public AppealCounts negated() {
		return NONE.minus(this);
	}

	public boolean isNone() {
		return equals(NONE);
	}

	private static int one(boolean b) {
		return b ? 1 : 0;
	}

}
