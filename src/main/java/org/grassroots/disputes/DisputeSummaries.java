package org.grassroots.disputes;

import java.time.LocalDate;
import java.util.Optional;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.grassroots.disputes.internal.DisputeQueries;
import org.springframework.stereotype.Component;

/** The dispute figures other modules show (the dashboard's cards) for a region and period. */
@Component
public class DisputeSummaries {

	private final DisputeQueries queries;

	DisputeSummaries(DisputeQueries queries) {
		this.queries = queries;
	}

	/**
	 * 化解率 is settled of received; 调解成功率 settled of settled and not settled (the counts are there so that a
	 * reader can round the rates from them once).
	 */
	public record Summary(long received, long settled, double resolutionRate, double mediationRate, long boundaryCases,
			long followUpsDue, long notSettled) {
	}

	/** Empty when the user may not read disputes; the region must be in scope. */
	public Optional<Summary> of(CurrentUser user, String regionCode, LocalDate from, LocalDate to) {
		if (!user.can(Permission.DISPUTE_READ)) {
			return Optional.empty();
		}
		var f = queries.figures(user, regionCode, from, to);
		return Optional.of(new Summary(f.total().received(), f.total().settled(), f.total().resolutionRate(), f.total().mediationRate(),
				f.boundary().received(), f.followUpsDue(), f.total().notSettled()));
	}

}
