package org.grassroots.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Deadline arithmetic on the official calendar. A day is a working day when it is a weekday and not
 * a holiday, or when it is a make-up working day. Working hours are the configured windows of a
 * working day (by default 08:30–12:00 and 14:00–17:30, China Standard Time).
 */
public interface WorkingCalendar {

	ZoneId ZONE = org.grassroots.shell.CountyTime.ZONE;

	boolean isWorkingDay(LocalDate day);

	/** Whether the official notice for the year has been entered. Outside it, only weekends count. */
	boolean covers(int year);

	/** The day {@code days} working days after {@code from}; {@code from} itself is not counted. */
	LocalDate addWorkingDays(LocalDate from, int days);

	/** A deadline of {@code days} working days from a moment: the close of work on the due day. */
	default Instant dueAfterWorkingDays(Instant from, int days) {
		LocalDate due = addWorkingDays(from.atZone(ZONE).toLocalDate(), days);
		List<WorkingWindow> windows = workingWindows();
		return ZonedDateTime.of(due, windows.get(windows.size() - 1).end(), ZONE).toInstant();
	}

	/** The moment {@code minutes} working minutes after {@code from}. */
	Instant addWorkingMinutes(Instant from, long minutes);

	default Instant addWorkingHours(Instant from, int hours) {
		return addWorkingMinutes(from, hours * 60L);
	}

	/** Working minutes between two moments (0 when {@code to} is not after {@code from}). */
	long workingMinutesBetween(Instant from, Instant to);

	List<WorkingWindow> workingWindows();

	/** One window of working time within a working day, e.g. 08:30–12:00. */
	record WorkingWindow(LocalTime start, LocalTime end) {

		boolean contains(LocalDateTime t) {
			return !t.toLocalTime().isBefore(start) && t.toLocalTime().isBefore(end);
		}

	}

}
