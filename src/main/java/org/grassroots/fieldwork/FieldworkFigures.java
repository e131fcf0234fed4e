package org.grassroots.fieldwork;

import java.time.LocalDate;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.grassroots.fieldwork.internal.Coverage;
import org.grassroots.fieldwork.internal.FiveChain;
import org.grassroots.fieldwork.internal.VisitTargets;
import org.springframework.stereotype.Component;

/** The field-work figures other modules show (the dashboard's cards) for a region and period. */
@Component
public class FieldworkFigures {

	private final Coverage coverage;
	private final FiveChain chain;
	private final VisitTargets targets;

	FieldworkFigures(Coverage coverage, FiveChain chain, VisitTargets targets) {
		this.coverage = coverage;
		this.chain = chain;
		this.targets = targets;
	}

	/**
	 * Households visited of all, key-group households overdue of all, grids whose five duties are all
	 * active of all grids, and assigned people behind their visit target.
	 */
	public record Summary(long households, long householdsVisited, double visitedShare, long keyGroupHouseholds,
			long keyGroupOverdue, long grids, long gridsComplete, long peopleBehind) {
	}

	/** Empty when the user may not read field work; the region must be in scope. */
	public java.util.Optional<Summary> of(CurrentUser user, String regionCode, LocalDate from, LocalDate to) {
		if (!user.can(Permission.FIELDWORK_READ)) {
			return java.util.Optional.empty();
		}
		var line = coverage.total(user, regionCode, from, to);
		var chains = chain.of(user, line.code(), from, to);
		var people = targets.of(user, line.code(), from, to);
		return java.util.Optional.of(new Summary(line.households(), line.householdsVisited(), line.visitedShare(),
				line.keyGroupHouseholds(), line.keyGroupDue(), chains.grids().size(), chains.complete(), people.behind()));
	}

}
