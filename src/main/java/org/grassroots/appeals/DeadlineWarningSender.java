package org.grassroots.appeals;

/**
 * Where deadline warnings go beyond the in-app list: an SMS or WeChat gateway in production. The
 * default writes them to the log; a deployment provides its own bean.
 */
public interface DeadlineWarningSender {

	void send(DeadlineWarning warning);

	/** Many warnings of one scan at once (a gateway may send them in one call); by default one by one. */
	default void sendAll(java.util.List<DeadlineWarning> warnings) {
		warnings.forEach(this::send);
	}

	/** A yellow (80% of the time used) or red (overdue) warning for one appeal. */
	record DeadlineWarning(long appealId, String trackingCode, String regionPath, String level, String handlingUnit,
			java.time.Instant resolutionDue) {
	}

}
