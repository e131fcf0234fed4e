package org.grassroots.calendar.internal;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.grassroots.calendar.CalendarDay;
import org.grassroots.calendar.WorkingCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The calendar read from the database and kept in memory (a few hundred rows). It is reloaded after
 * a change on this node and at most a minute later on the others.
 */
@Component
public class OfficialCalendar implements WorkingCalendar {

	private static final Logger log = LoggerFactory.getLogger(OfficialCalendar.class);
	private static final Duration RELOAD_AFTER = Duration.ofMinutes(1);
	/** A deadline further than this is a data error, not a wait. */
	private static final int MAX_DAYS_SCANNED = 3 * 366;

	private final JdbcClient jdbc;
	private final List<WorkingWindow> windows;
	private final Clock clock;
	private final Set<Integer> warnedYears = ConcurrentHashMap.newKeySet();
	private volatile Snapshot snapshot;

	private record Snapshot(Map<LocalDate, CalendarDay.Kind> days, Set<Integer> years, Instant loadedAt) {
	}

	@Autowired
	OfficialCalendar(JdbcClient jdbc,
			@Value("${grassroots.calendar.working-hours:08:30-12:00,14:00-17:30}") String workingHours, Clock clock) {
		this(jdbc, parseWindows(workingHours), clock);
	}

	OfficialCalendar(JdbcClient jdbc, List<WorkingWindow> windows, Clock clock) {
		this.jdbc = jdbc;
		this.windows = List.copyOf(windows);
		this.clock = clock;
	}

	static List<WorkingWindow> parseWindows(String spec) {
		List<WorkingWindow> parsed = new ArrayList<>();
		for (String part : spec.split(",")) {
			String[] ends = part.strip().split("-");
			WorkingWindow window = new WorkingWindow(LocalTime.parse(ends[0].strip()), LocalTime.parse(ends[1].strip()));
			if (!window.end().isAfter(window.start())) {
				throw new IllegalArgumentException("grassroots.calendar.working-hours: empty window " + part);
			}
			parsed.add(window);
		}
		parsed.sort(Comparator.comparing(WorkingWindow::start));
		for (int i = 1; i < parsed.size(); i++) {
			if (parsed.get(i).start().isBefore(parsed.get(i - 1).end())) {
				throw new IllegalArgumentException("grassroots.calendar.working-hours: overlapping windows " + spec);
			}
		}
		return parsed;
	}

	/** Drops the in-memory copy; the next question reads the database again. */
	public void reload() {
		snapshot = null;
	}

	private Snapshot snapshot() {
		Snapshot current = snapshot;
		if (current == null || current.loadedAt().plus(RELOAD_AFTER).isBefore(Instant.now(clock))) {
			Map<LocalDate, CalendarDay.Kind> days = jdbc.sql("SELECT on_date, kind FROM calendar_day")
				.query((rs, i) -> Map.entry(rs.getObject(1, LocalDate.class), CalendarDay.Kind.valueOf(rs.getString(2))))
				.list()
				.stream()
				.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
			Set<Integer> years = Set.copyOf(jdbc.sql("SELECT year_number FROM calendar_year").query(Integer.class).list());
			current = new Snapshot(days, years, Instant.now(clock));
			snapshot = current;
		}
		return current;
	}

	@Override
	public boolean covers(int year) {
		return snapshot().years().contains(year);
	}

	@Override
	public boolean isWorkingDay(LocalDate day) {
		Snapshot s = snapshot();
		CalendarDay.Kind kind = s.days().get(day);
		if (kind != null) {
			return kind == CalendarDay.Kind.WORKDAY;
		}
		if (!s.years().contains(day.getYear()) && warnedYears.add(day.getYear())) {
			log.warn("No holiday calendar for {}: counting weekends only. An admin should enter the year's notice.",
					day.getYear());
		}
		return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
	}

	@Override
	public LocalDate addWorkingDays(LocalDate from, int days) {
		if (days < 0) {
			throw new IllegalArgumentException("days must not be negative");
		}
		LocalDate day = from;
		int counted = 0;
		int scanned = 0;
		while (counted < days) {
			day = day.plusDays(1);
			if (isWorkingDay(day)) {
				counted++;
			}
			if (++scanned > MAX_DAYS_SCANNED) {
				throw new IllegalStateException("No working days found after " + from);
			}
		}
		return day;
	}

	@Override
	public Instant addWorkingMinutes(Instant from, long minutes) {
		if (minutes < 0) {
			throw new IllegalArgumentException("minutes must not be negative");
		}
		LocalDateTime t = from.atZone(ZONE).toLocalDateTime();
		long left = minutes;
		for (int scanned = 0; scanned <= MAX_DAYS_SCANNED; scanned++) {
			LocalDate day = t.toLocalDate();
			if (isWorkingDay(day)) {
				for (WorkingWindow w : windows) {
					LocalDateTime start = max(t, day.atTime(w.start()));
					LocalDateTime end = day.atTime(w.end());
					if (!start.isBefore(end)) {
						continue;
					}
					long available = Duration.between(start, end).toMinutes();
					if (left <= available) {
						return ZonedDateTime.of(start.plusMinutes(left), ZONE).toInstant();
					}
					left -= available;
					t = end;
				}
			}
			t = day.plusDays(1).atStartOfDay();
		}
		throw new IllegalStateException("No working time found after " + from);
	}

	@Override
	public long workingMinutesBetween(Instant from, Instant to) {
		if (!to.isAfter(from)) {
			return 0;
		}
		LocalDateTime a = from.atZone(ZONE).toLocalDateTime();
		LocalDateTime b = to.atZone(ZONE).toLocalDateTime();
		long total = 0;
		for (LocalDate day = a.toLocalDate(); !day.isAfter(b.toLocalDate()); day = day.plusDays(1)) {
			if (!isWorkingDay(day)) {
				continue;
			}
			for (WorkingWindow w : windows) {
				LocalDateTime start = max(a, day.atTime(w.start()));
				LocalDateTime end = min(b, day.atTime(w.end()));
				if (start.isBefore(end)) {
					total += Duration.between(start, end).toMinutes();
				}
			}
		}
		return total;
	}

	@Override
	public List<WorkingWindow> workingWindows() {
		return windows;
	}

	private static LocalDateTime max(LocalDateTime a, LocalDateTime b) {
		return a.isAfter(b) ? a : b;
	}

	private static LocalDateTime min(LocalDateTime a, LocalDateTime b) {
		return a.isBefore(b) ? a : b;
	}

}
