package org.grassroots.appeals.internal;

import java.util.EnumSet;
import java.util.Set;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.grassroots.appeals.AppealLevel;
import org.grassroots.appeals.AppealStep;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Who may take which step on an appeal, in one place: the service checks it before every step, the API returns the
 * steps allowed with each appeal, and the pages show only their buttons. A step is allowed when the person may take it
 * (right, scope, level) and the appeal's state allows it now ({@link Appeal#allows}).
 */
@Component
public class AllowedSteps {

	/** The steps a person takes on an appeal page (submission, merged-in and comments are not theirs to take). */
	private static final Set<AppealStep> STAFF_STEPS = EnumSet.complementOf(
			EnumSet.of(AppealStep.SUBMIT, AppealStep.MERGED_IN, AppealStep.COMMENT));

	/** Every step this person may take on this appeal now. */
	public Set<AppealStep> of(CurrentUser user, Appeal appeal) {
		Set<AppealStep> allowed = EnumSet.noneOf(AppealStep.class);
		for (AppealStep step : STAFF_STEPS) {
			if (mayTake(user, appeal, step) && appeal.allows(step)
					&& (step != AppealStep.REPORT_IN || pendingFor(user, appeal))) {
				allowed.add(step);
			}
		}
		return allowed;
	}

	/**
	 * Refuses a step the person may not take (403) — checked before anything else, so that nothing of the appeal leaks
	 * to someone outside it; whether its state allows it now is the appeal's own check (409).
	 */
	void require(CurrentUser user, Appeal appeal, AppealStep step) {
		if (!mayTake(user, appeal, step)) {
			throw new AccessDeniedException("Not allowed to " + step + " this appeal");
		}
	}

	/**
	 * The person's side of it: handling right and scope for every step; the level — a village appeal may be handled by
	 * anyone whose scope covers it, one escalated to the township from the township up, a county one from the county;
	 * extension and whistle from the township up; report-in by a department's staff only.
	 */
	private static boolean mayTake(CurrentUser user, Appeal appeal, AppealStep step) {
		if (!STAFF_STEPS.contains(step) || !user.covers(appeal.regionPath)) {
			return false;
		}
		if (step == AppealStep.REPORT_IN) {
			return user.can(Permission.APPEAL_READ) && StringUtils.hasText(user.department());
		}
		if (!user.can(Permission.APPEAL_HANDLE)) {
			return false;
		}
		if (appeal.level != AppealLevel.VILLAGE && user.depth() > appeal.level.depth()) {
			return false;
		}
		if (step == AppealStep.EXTEND || step == AppealStep.WHISTLE) {
			return user.depth() <= AppealLevel.TOWNSHIP.depth();
		}
		return true;
	}

	private static boolean pendingFor(CurrentUser user, Appeal appeal) {
		return appeal.whistles.stream().anyMatch(w -> w.pending() && w.department.equals(user.department()));
	}

}
