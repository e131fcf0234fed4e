package org.grassroots.appeals.internal;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.grassroots.appeals.AppealRating;

/**
 * One step of the life cycle: the version the person saw (a stale one answers 409), and what the step
 * needs: a result for resolve, a reason for escalate/reject/reopen, a rating for rate.
 */
public record StepForm(@NotNull(message = "{validation.required}") Integer version,
		@Size(max = 2000, message = "{validation.tooLong}") String note, AppealRating rating) {
}
