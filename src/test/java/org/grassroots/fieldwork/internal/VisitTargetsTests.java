package org.grassroots.fieldwork.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** How much of a monthly visit target a stretch of days owes. */
class VisitTargetsTests {

	@Test
	void a_whole_month_owes_the_whole_target_whatever_its_length() {
		assertThat(VisitTargets.owed(8, LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28))).isEqualTo(8);
		assertThat(VisitTargets.owed(8, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31))).isEqualTo(8);
		assertThat(VisitTargets.owed(8, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31))).isEqualTo(24);
	}

	@Test
	void part_of_a_month_owes_its_share_of_days_rounded_up() {
		// 8 × 10/30 = 2.67
		assertThat(VisitTargets.owed(8, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 10))).isEqualTo(3);
		// 8 × 23/30 = 6.13
		assertThat(VisitTargets.owed(8, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 23))).isEqualTo(7);
		// across two months: 8 × 17/31 + 8 × 14/30 = 4.39 + 3.73 = 8.12
		assertThat(VisitTargets.owed(8, LocalDate.of(2026, 10, 15), LocalDate.of(2026, 11, 14))).isEqualTo(9);
		// one day of a 30-day month: 8/30
		assertThat(VisitTargets.owed(8, LocalDate.of(2026, 11, 5), LocalDate.of(2026, 11, 5))).isEqualTo(1);
	}

	@Test
	void no_target_or_no_days_owes_nothing() {
		assertThat(VisitTargets.owed(0, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30))).isZero();
		assertThat(VisitTargets.owed(8, LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 1))).isZero();
	}

}
