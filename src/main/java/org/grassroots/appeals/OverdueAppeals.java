package org.grassroots.appeals;

import java.time.Instant;
import java.util.List;

import org.grassroots.appeals.internal.DeadlineWarnings;
import org.springframework.stereotype.Component;

/** The open appeals furthest past their deadline, for other modules' pages (the dashboard). */
@Component
public class OverdueAppeals {

	private final DeadlineWarnings warnings;
	private final java.time.Clock clock;

	OverdueAppeals(DeadlineWarnings warnings, java.time.Clock clock) {
		this.warnings = warnings;
		this.clock = clock;
	}

	public record Overdue(long appealId, String trackingCode, Instant resolutionDue) {
	}

	public List<Overdue> worst(String regionPath, int limit) {
		return warnings.worstOverdue(regionPath + "%", clock.instant(), limit)
			.stream()
			.map(n -> new Overdue(n.appealId(), n.trackingCode(), n.resolutionDue()))
			.toList();
	}

}
