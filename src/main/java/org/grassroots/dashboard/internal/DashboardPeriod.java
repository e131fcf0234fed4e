package org.grassroots.dashboard.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

import org.grassroots.shell.InputRejected;

/**
 * The one period every card of the dashboard is counted over, and the periods it is compared with. 本月, 本季度 and
 * 本年 run from the first day of the month, quarter or year to today; 自定义 is any from–to. The default is 本年, the
 * period the reports quote (年度办结率, 化解率 …).
 *
 * <p>环比 (the period before) is the same days of the month or quarter before, or for a custom period as many days
 * immediately before it. A year to date has no 环比 of its own (the year before is its 同比), so it shows only 同比.
 * 同比 (last year) is the same dates a year earlier.
 */
public record DashboardPeriod(Kind kind, LocalDate from, LocalDate to) {

	public enum Kind {

		MONTH, QUARTER, YEAR, CUSTOM;

		public String code() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** A stretch of days, both ends included. */
	public record Range(LocalDate from, LocalDate to) {

		public long days() {
			return ChronoUnit.DAYS.between(from, to) + 1;
		}

	}

	/**
	 * The period a request asks for. A named kind ignores the dates; without a kind, dates given mean a custom
	 * period (so an address with only from/to keeps working) and no dates mean this year. A custom period lacking
	 * its end ends today; lacking its start, starts on the first of January of its end's year.
	 *
	 * @throws InputRejected on an unknown kind (field {@code period}) or an end before the start (field {@code to})
	 */
	public static DashboardPeriod of(String kind, LocalDate from, LocalDate to, LocalDate today) {
		Kind k;
		if (kind == null || kind.isBlank()) {
			k = from != null || to != null ? Kind.CUSTOM : Kind.YEAR;
		}
		else {
			try {
				k = Kind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException unknown) {
				throw new InputRejected("period", "dashboard.period.unknown", kind.strip());
			}
		}
		return switch (k) {
			case MONTH -> new DashboardPeriod(k, today.withDayOfMonth(1), today);
			case QUARTER -> new DashboardPeriod(k, today.withMonth((today.getMonthValue() - 1) / 3 * 3 + 1).withDayOfMonth(1), today);
			case YEAR -> new DashboardPeriod(k, today.withDayOfYear(1), today);
			case CUSTOM -> {
				LocalDate end = to != null ? to : today;
				LocalDate start = from != null ? from : end.withDayOfYear(1);
				if (end.isBefore(start)) {
					throw new InputRejected("to", "dashboard.period.invalid");
				}
				yield new DashboardPeriod(k, start, end);
			}
		};
	}

	public static DashboardPeriod thisYear(LocalDate today) {
		return of(Kind.YEAR.name(), null, null, today);
	}

	public Range range() {
		return new Range(from, to);
	}

	/** 环比: the period before, when this kind of period has one. */
	public Optional<Range> previous() {
		return switch (kind) {
			case MONTH -> Optional.of(new Range(from.minusMonths(1), to.minusMonths(1)));
			case QUARTER -> Optional.of(new Range(from.minusMonths(3), to.minusMonths(3)));
			case YEAR -> Optional.empty();
			case CUSTOM -> {
				long days = range().days();
				yield Optional.of(new Range(from.minusDays(days), from.minusDays(1)));
			}
		};
	}

	/** 同比: the same dates a year before. */
	public Range lastYear() {
		return new Range(from.minusYears(1), to.minusYears(1));
	}

}
