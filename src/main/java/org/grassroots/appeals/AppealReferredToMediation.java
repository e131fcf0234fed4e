package org.grassroots.appeals;

import java.time.Instant;

/**
 * An appeal that is really a dispute between people was referred to mediation (转为矛盾纠纷调解); the
 * disputes module opens a case for it in the same transaction. The appeal itself goes on as before.
 */
public record AppealReferredToMediation(long appealId, String trackingCode, String regionCode, String description,
		String referredBy, Instant at) {
}
