package org.grassroots.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.grassroots.dashboard.internal.DashboardPeriod.Kind;
import org.grassroots.dashboard.internal.DashboardPeriod.Range;
import org.grassroots.shell.InputRejected;
import org.junit.jupiter.api.Test;

/** The one period of the dashboard and what it is compared with. */
class DashboardPeriodTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

	@Test
	void without_a_choice_the_period_is_this_year_to_date_compared_only_with_last_year() {
		DashboardPeriod p = DashboardPeriod.of(null, null, null, TODAY);
		assertThat(p.kind()).isEqualTo(Kind.YEAR);
		assertThat(p.range()).isEqualTo(new Range(LocalDate.of(2026, 1, 1), TODAY));
		assertThat(p.previous()).isEmpty();
		assertThat(p.lastYear()).isEqualTo(new Range(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 4)));
	}

	@Test
	void this_month_is_compared_with_the_same_days_of_the_month_before_and_of_last_year() {
		DashboardPeriod p = DashboardPeriod.of("month", null, null, TODAY);
		assertThat(p.range()).isEqualTo(new Range(LocalDate.of(2026, 12, 1), TODAY));
		assertThat(p.previous()).contains(new Range(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 4)));
		assertThat(p.lastYear()).isEqualTo(new Range(LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 4)));
	}

	@Test
	void the_month_before_a_thirty_first_ends_on_its_own_last_day() {
		DashboardPeriod p = DashboardPeriod.of("MONTH", null, null, LocalDate.of(2026, 3, 31));
		assertThat(p.previous()).contains(new Range(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28)));
	}

	@Test
	void this_quarter_starts_on_the_first_day_of_its_quarter_and_the_one_before_is_three_months_back() {
		DashboardPeriod p = DashboardPeriod.of("quarter", null, null, TODAY);
		assertThat(p.range()).isEqualTo(new Range(LocalDate.of(2026, 10, 1), TODAY));
		assertThat(p.previous()).contains(new Range(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 9, 4)));
		assertThat(DashboardPeriod.of("quarter", null, null, LocalDate.of(2026, 2, 14)).from()).isEqualTo(LocalDate.of(2026, 1, 1));
		assertThat(DashboardPeriod.of("quarter", null, null, LocalDate.of(2026, 6, 30)).from()).isEqualTo(LocalDate.of(2026, 4, 1));
	}

	@Test
	void a_named_period_ignores_the_dates_of_the_form() {
		DashboardPeriod p = DashboardPeriod.of("month", LocalDate.of(2020, 1, 1), LocalDate.of(2020, 2, 1), TODAY);
		assertThat(p.range()).isEqualTo(new Range(LocalDate.of(2026, 12, 1), TODAY));
	}

	@Test
	void dates_alone_make_a_custom_period_compared_with_as_many_days_just_before() {
		DashboardPeriod p = DashboardPeriod.of(null, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 10), TODAY);
		assertThat(p.kind()).isEqualTo(Kind.CUSTOM);
		assertThat(p.previous()).contains(new Range(LocalDate.of(2026, 2, 19), LocalDate.of(2026, 2, 28)));
		assertThat(p.lastYear()).isEqualTo(new Range(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 10)));
	}

	@Test
	void a_custom_period_without_an_end_ends_today_and_without_a_start_starts_with_its_year() {
		assertThat(DashboardPeriod.of("custom", LocalDate.of(2026, 6, 1), null, TODAY).range())
			.isEqualTo(new Range(LocalDate.of(2026, 6, 1), TODAY));
		assertThat(DashboardPeriod.of("custom", null, LocalDate.of(2025, 8, 31), TODAY).range())
			.isEqualTo(new Range(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 8, 31)));
	}

	@Test
	void an_end_before_the_start_or_an_unknown_kind_is_refused_with_its_field() {
		assertThatThrownBy(() -> DashboardPeriod.of("custom", LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 1), TODAY))
			.isInstanceOfSatisfying(InputRejected.class, e -> assertThat(e.problems().get(0).field()).isEqualTo("to"));
		assertThatThrownBy(() -> DashboardPeriod.of("decade", null, null, TODAY))
			.isInstanceOfSatisfying(InputRejected.class, e -> assertThat(e.problems().get(0).field()).isEqualTo("period"));
	}

	@Test
	void last_year_of_a_twenty_ninth_of_february_is_the_twenty_eighth() {
		DashboardPeriod p = DashboardPeriod.of("custom", LocalDate.of(2028, 2, 1), LocalDate.of(2028, 2, 29), TODAY);
		assertThat(p.lastYear()).isEqualTo(new Range(LocalDate.of(2027, 2, 1), LocalDate.of(2027, 2, 28)));
	}

}
