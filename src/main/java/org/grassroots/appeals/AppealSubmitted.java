package org.grassroots.appeals;

import java.time.Instant;

/** Published when an appeal comes in, from any channel. */
public record AppealSubmitted(long appealId, String regionPath, String villageCode, String categoryCode,
		AppealChannel channel, AppealLevel level, Instant submittedAt) {
}
