package org.grassroots.appeals.internal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.grassroots.appeals.AppealLimits;
import org.grassroots.appeals.AppealRating;

/**
 * One step of the life cycle: the version the person saw (a stale one answers 409), and what the step needs: a result
 * for resolve; a reason for escalate, reject, reopen, transfer, extend and whistle; a rating for rate; the receiving unit
 * (and optionally another village or grid) for transfer; working days for extend; the departments (comma-separated) for
 * whistle; the reply for report-in; the tracking code of the appeal kept, for merge. Sizes from {@link AppealLimits}.
 */
public record StepForm(@NotNull(message = "{validation.required}") Integer version,
		@Size(max = AppealLimits.NOTE_MAX, message = "{validation.tooLong}") String note, AppealRating rating,
		@Size(max = AppealLimits.UNIT_MAX, message = "{validation.tooLong}") String unit,
		@Size(max = 32, message = "{validation.tooLong}") String regionCode,
		@Min(value = 1, message = "{appeal.extend.days}") @Max(value = AppealLimits.EXTENSION_DAYS_MAX, message = "{appeal.extend.days}") Integer days,
		@Size(max = 400, message = "{validation.tooLong}") String departments,
		@Size(max = 16, message = "{validation.tooLong}") String target) {

	public StepForm(Integer version, String note, AppealRating rating) {
		this(version, note, rating, null, null, null, null, null);
	}

}
