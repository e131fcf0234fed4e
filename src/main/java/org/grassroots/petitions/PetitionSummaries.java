package org.grassroots.petitions;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
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

	/**
	 * Batches and people (批次/人次), those that skipped a level and the change on the same period a year before, and
	 * each form's figures beside the year before.
	 */
	public record Summary(long batches, long headcount, long leapfrogBatches, Double leapfrogChange, long openOverdue,
			List<FormChange> byForm) {
	}

	/**
	 * One form (LETTER, VISIT 接访, ONLINE 网上信访, PHONE) this period and the same period a year before; the changes are
	 * percentages to two decimals, null when last year had none.
	 */
	public record FormChange(String form, long batches, long headcount, long batchesLastYear, long headcountLastYear,
			BigDecimal batchesChangePercent, BigDecimal headcountChangePercent) {
	}

	/** Empty when the user may not read petitions; the region must be in scope. */
	public Optional<Summary> of(CurrentUser user, String regionCode, LocalDate from, LocalDate to) {
		if (!user.can(Permission.PETITION_READ)) {
			return Optional.empty();
		}
		var f = queries.figures(user, regionCode, from, to);
		List<FormChange> byForm = f.byForm().entrySet().stream()
			.map(e -> new FormChange(e.getKey().name(), e.getValue().received().batches(), e.getValue().received().headcount(),
					e.getValue().lastYear().batches(), e.getValue().lastYear().headcount(), e.getValue().batchesChangePercent(),
					e.getValue().headcountChangePercent()))
			.toList();
		return Optional.of(new Summary(f.received().batches(), f.received().headcount(), f.leapfrog().batches(), f.leapfrogChange(),
				f.openOverdue(), byForm));
	}

}
