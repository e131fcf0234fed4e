package org.grassroots.calendar;

import java.time.LocalDate;

/** An entry of the official calendar: a holiday, or a weekend day worked in exchange (调休上班). */
public record CalendarDay(LocalDate date, Kind kind, String name) {

	public enum Kind {
		HOLIDAY, WORKDAY
	}

}
