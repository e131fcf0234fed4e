package org.grassroots.appeals.internal;

import java.time.Instant;

import org.grassroots.calendar.WorkingCalendar;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The deadlines of an appeal, on the working calendar (调休 included): the response and resolution deadlines of its
 * category, the warning time at 80% of the working time, an extension, and a whistled department's report-in time.
 */
@Component
public class AppealDeadlines {

	/** The share of the working time after which an open appeal is warned (yellow). */
	static final int WARNING_PERCENT = 80;

	private final WorkingCalendar calendar;
	private final int reportInHours;

	AppealDeadlines(WorkingCalendar calendar, @Value("${grassroots.appeals.report-in-hours:4}") int reportInHours) {
		this.calendar = calendar;
		this.reportInHours = reportInHours;
	}

	Instant responseDue(Instant received, AppealCategories.Category category) {
		return calendar.addWorkingHours(received, category.responseHours());
	}

	Instant resolutionDue(Instant received, AppealCategories.Category category) {
		return calendar.dueAfterWorkingDays(received, category.resolutionDays());
	}

	/** When an appeal received at {@code received} and due at {@code due} is warned: at 80% of the working time between. */
	Instant warningAt(Instant received, Instant due) {
		return calendar.addWorkingMinutes(received, calendar.workingMinutesBetween(received, due) * WARNING_PERCENT / 100);
	}

	/** An extension counts on from the old deadline. */
	Instant extended(Instant due, int workingDays) {
		return calendar.dueAfterWorkingDays(due, workingDays);
	}

	Instant reportDue(Instant whistledAt) {
		return calendar.addWorkingHours(whistledAt, reportInHours);
	}

	/** The working minutes from {@code from} to {@code to} (for the demo's and the benchmark's made-up histories). */
	Instant afterWorkingMinutes(Instant from, long minutes) {
		return calendar.addWorkingMinutes(from, minutes);
	}

}
