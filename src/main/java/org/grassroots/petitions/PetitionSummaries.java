package org.grassroots.petitions;

import java.time.LocalDate;
import java.util.Optional;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.grassroots.petitions.internal.PetitionQueries;
import org.springframework.stereotype.Component;

/** The petition figures other modules show (the dashboard's cards) for a region and period. */
@Component
public class PetitionSummaries {

	private final PetitionQueries queries;

	PetitionSummaries(PetitionQueries queries) {
		this.queries = queries;
	}

	/** Batches and people (批次/人次), those that skipped a level and the change on the same period a year before. */
	public record Summary(long batches, long headcount, long leapfrogBatches, Double leapfrogChange, long openOverdue) {
	}

	/** Empty when the user may not read petitions; the region must be in scope. */
	public Optional<Summary> of(CurrentUser user, String regionCode, LocalDate from, LocalDate to) {
		if (!user.can(Permission.PETITION_READ)) {
			return Optional.empty();
		}
		var f = queries.figures(user, regionCode, from, to);
		return Optional.of(new Summary(f.received().batches(), f.received().headcount(), f.leapfrog().batches(), f.leapfrogChange(),
				f.openOverdue()));
	}

}
