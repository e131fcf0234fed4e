package org.grassroots.appeals;

import java.time.Instant;

/** Published after every step of the life cycle, with the state before and after. */
public record AppealTransitioned(long appealId, String regionPath, String action, AppealStatus from, AppealStatus to,
		AppealLevel level, Instant at, boolean onTime, AppealRating rating) {
}
