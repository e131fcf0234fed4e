package org.grassroots.calendar.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.grassroots.audit.AuditTrail;
import org.grassroots.calendar.CalendarDay;
import org.grassroots.shell.InputRejected;
import org.grassroots.shell.InputRejected.FieldProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/** Entering a year's notice: its holidays and its make-up working days, replacing what was there. */
@Service
public class CalendarAdministration {

	private static final int MAX_HOLIDAY_RUN = 15;

	private final JdbcClient jdbc;
	private final OfficialCalendar calendar;
	private final AuditTrail audit;

	CalendarAdministration(JdbcClient jdbc, OfficialCalendar calendar, AuditTrail audit) {
		this.jdbc = jdbc;
		this.calendar = calendar;
		this.audit = audit;
	}

	public record YearSummary(int year, String source, String enteredBy, int holidays, int workdays) {
	}

	/** The form: one line per holiday run ("2027-02-16~2027-02-22 春节") or make-up day ("2027-02-14 春节"). */
	public record YearForm(Integer year, String source, String holidays, String workdays) {
	}

	public List<YearSummary> years() {
		return jdbc.sql("""
				SELECT y.year_number, y.source, y.entered_by,
				  (SELECT COUNT(*) FROM calendar_day d WHERE d.year_number = y.year_number AND d.kind = 'HOLIDAY') AS holidays,
				  (SELECT COUNT(*) FROM calendar_day d WHERE d.year_number = y.year_number AND d.kind = 'WORKDAY') AS workdays
				FROM calendar_year y ORDER BY y.year_number DESC""")
			.query((rs, i) -> new YearSummary(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5)))
			.list();
	}

	public List<CalendarDay> days(int year) {
		return jdbc.sql("SELECT on_date, kind, name FROM calendar_day WHERE year_number = :y ORDER BY on_date")
			.param("y", year)
			.query((rs, i) -> new CalendarDay(rs.getObject(1, LocalDate.class), CalendarDay.Kind.valueOf(rs.getString(2)),
					rs.getString(3)))
			.list();
	}

	public Optional<String> source(int year) {
		return jdbc.sql("SELECT source FROM calendar_year WHERE year_number = :y").param("y", year).query(String.class).optional();
	}

	/** Consecutive days of one kind and name, e.g. 春节 2026-02-15~2026-02-23. */
	public record Run(LocalDate first, LocalDate last, CalendarDay.Kind kind, String name) {

		public long length() {
			return last.toEpochDay() - first.toEpochDay() + 1;
		}

		String line() {
			return (first.equals(last) ? first.toString() : first + "~" + last) + " " + name;
		}

	}

	public List<Run> runs(int year) {
		List<Run> runs = new ArrayList<>();
		for (CalendarDay d : days(year)) {
			Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
			if (last != null && d.kind() == CalendarDay.Kind.HOLIDAY && last.kind() == d.kind() && last.name().equals(d.name())
					&& last.last().plusDays(1).equals(d.date())) {
				runs.set(runs.size() - 1, new Run(last.first(), d.date(), d.kind(), d.name()));
			}
			else {
				runs.add(new Run(d.date(), d.date(), d.kind(), d.name()));
			}
		}
		return runs;
	}

	/** The year's entries as the form shows them, one line per run. */
	public YearForm formOf(int year) {
		StringBuilder holidays = new StringBuilder();
		StringBuilder workdays = new StringBuilder();
		for (Run run : runs(year)) {
			(run.kind() == CalendarDay.Kind.HOLIDAY ? holidays : workdays).append(run.line()).append('\n');
		}
		return new YearForm(year, source(year).orElse(""), holidays.toString(), workdays.toString());
	}

	@Transactional
	public void save(CurrentUser user, YearForm form) {
		user.require(Permission.CALENDAR_CONFIGURE);
		List<FieldProblem> problems = new ArrayList<>();
		if (form.year() == null || form.year() < 2000 || form.year() > 2100) {
			throw new InputRejected("year", "calendar.year.invalid");
		}
		if (!StringUtils.hasText(form.source()) || form.source().length() > 200) {
			problems.add(new FieldProblem("source", "validation.required", new Object[0]));
		}
		int year = form.year();
		Map<LocalDate, CalendarDay> entries = new TreeMap<>();
		parse(form.holidays(), "holidays", year, CalendarDay.Kind.HOLIDAY, entries, problems);
		parse(form.workdays(), "workdays", year, CalendarDay.Kind.WORKDAY, entries, problems);
		if (!problems.isEmpty()) {
			throw new InputRejected(problems);
		}
		Map<String, Object> before = snapshot(year);
		boolean exists = source(year).isPresent();
		if (exists) {
			jdbc.sql("DELETE FROM calendar_day WHERE year_number = :y").param("y", year).update();
			jdbc.sql("UPDATE calendar_year SET source = :s, entered_by = :by, version = version + 1 WHERE year_number = :y")
				.param("s", form.source().strip()).param("by", user.username()).param("y", year).update();
		}
		else {
			jdbc.sql("INSERT INTO calendar_year (year_number, source, entered_by) VALUES (:y, :s, :by)")
				.param("y", year).param("s", form.source().strip()).param("by", user.username()).update();
		}
		for (CalendarDay day : entries.values()) {
			jdbc.sql("INSERT INTO calendar_day (on_date, year_number, kind, name) VALUES (:d, :y, :k, :n)")
				.param("d", day.date()).param("y", year).param("k", day.kind().name()).param("n", day.name())
				.update();
		}
		if (exists) {
			audit.updated("calendar_year", year, null, form.source().strip(), before, snapshot(year));
		}
		else {
			audit.created("calendar_year", year, null, form.source().strip(), snapshot(year));
		}
		calendar.reload();
	}

	private Map<String, Object> snapshot(int year) {
		Map<String, Object> s = new LinkedHashMap<>();
		s.put("source", source(year).orElse(null));
		s.put("days", days(year).stream().map(d -> d.date() + " " + d.kind() + " " + d.name()).toList());
		return s;
	}

	private static void parse(String text, String field, int year, CalendarDay.Kind kind, Map<LocalDate, CalendarDay> entries,
			List<FieldProblem> problems) {
		if (text == null) {
			return;
		}
		String[] lines = text.split("\\R");
		for (int n = 0; n < lines.length; n++) {
			String line = lines[n].strip();
			if (line.isEmpty()) {
				continue;
			}
			Object[] at = {n + 1, line};
			String[] parts = line.split("\\s+", 2);
			if (parts.length < 2 || parts[1].isBlank() || parts[1].length() > 64) {
				problems.add(new FieldProblem(field, "calendar.line.format", at));
				continue;
			}
			LocalDate first;
			LocalDate last;
			try {
				String[] range = parts[0].split("[~～]");
				first = LocalDate.parse(range[0]);
				last = range.length > 1 ? LocalDate.parse(range[1]) : first;
			}
			catch (DateTimeParseException | ArrayIndexOutOfBoundsException ex) {
				problems.add(new FieldProblem(field, "calendar.line.format", at));
				continue;
			}
			if (first.getYear() != year || last.getYear() != year || last.isBefore(first)
					|| first.plusDays(MAX_HOLIDAY_RUN).isBefore(last)) {
				problems.add(new FieldProblem(field, "calendar.line.outOfYear", at));
				continue;
			}
			if (kind == CalendarDay.Kind.WORKDAY && (!first.equals(last) || (first.getDayOfWeek() != DayOfWeek.SATURDAY
					&& first.getDayOfWeek() != DayOfWeek.SUNDAY))) {
				problems.add(new FieldProblem(field, "calendar.line.workdayNotWeekend", at));
				continue;
			}
			for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
				CalendarDay previous = entries.put(d, new CalendarDay(d, kind, parts[1].strip()));
				if (previous != null) {
					problems.add(new FieldProblem(field, "calendar.line.twice", new Object[] {n + 1, d}));
				}
			}
		}
	}

}
