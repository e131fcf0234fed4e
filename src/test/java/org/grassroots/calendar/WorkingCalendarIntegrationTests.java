package org.grassroots.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Working days and hours on the official calendar of ../shared/HOLIDAYS.md. */
class WorkingCalendarIntegrationTests extends IntegrationTestSupport {

	@Autowired
	WorkingCalendar calendar;

	@ParameterizedTest(name = "{0} + {1} working days = {2}")
	@CsvSource({
			// the worked examples of HOLIDAYS.md
			"2026-09-29, 3, 2026-10-09", "2026-02-13, 1, 2026-02-14", "2025-09-26, 2, 2025-09-29",
			// across every 2025 holiday
			"2024-12-31, 1, 2025-01-02", "2025-01-24, 1, 2025-01-26", "2025-01-27, 1, 2025-02-05", "2025-02-07, 1, 2025-02-08",
			"2025-04-03, 1, 2025-04-07", "2025-04-25, 1, 2025-04-27", "2025-04-30, 1, 2025-05-06", "2025-05-30, 1, 2025-06-03",
			"2025-09-30, 1, 2025-10-09", "2025-10-10, 1, 2025-10-11",
			// across every 2026 holiday
			"2025-12-31, 1, 2026-01-04", "2026-02-14, 1, 2026-02-24", "2026-02-27, 1, 2026-02-28", "2026-04-03, 1, 2026-04-07",
			"2026-04-30, 1, 2026-05-06", "2026-05-08, 1, 2026-05-09", "2026-06-18, 1, 2026-06-22", "2026-09-24, 1, 2026-09-28",
			"2026-09-18, 1, 2026-09-20", "2026-10-09, 1, 2026-10-10",
			// ordinary weeks, a 一般件 of 5 and a 疑难件 of 15 working days
			"2026-11-20, 1, 2026-11-23", "2026-11-23, 5, 2026-11-30", "2026-09-21, 15, 2026-10-19", "2026-03-02, 0, 2026-03-02" })
	void counts_working_days_skipping_weekends_and_holidays_but_not_make_up_days(LocalDate from, int days, LocalDate due) {
		assertThat(calendar.addWorkingDays(from, days)).isEqualTo(due);
	}

	@Test
	void knows_holidays_and_make_up_days() {
		assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 1))).isFalse();
		assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).isTrue();
		assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 11))).isFalse();
		assertThat(calendar.covers(2026)).isTrue();
		assertThat(calendar.covers(2031)).isFalse();
	}

	@Test
	void counts_working_hours_within_the_working_windows() {
		// Fri 16:30 + 4 h: one hour on Friday, then Mon 08:30 + 3 h
		assertThat(calendar.addWorkingHours(at("2026-11-20T16:30"), 4)).isEqualTo(at("2026-11-23T11:30"));
		// Wed 2026-09-30 11:00 + 2 h: one hour before lunch, one after
		assertThat(calendar.addWorkingHours(at("2026-09-30T11:00"), 2)).isEqualTo(at("2026-09-30T15:00"));
		// Wed 2026-09-30 16:30 + 2 h: one hour, then 国庆 (10-01…10-07), then Thu 10-08 08:30 + 1 h
		assertThat(calendar.addWorkingHours(at("2026-09-30T16:30"), 2)).isEqualTo(at("2026-10-08T09:30"));
		// a submission at night starts counting next morning; lunch does not count
		assertThat(calendar.addWorkingHours(at("2026-11-23T22:00"), 4)).isEqualTo(at("2026-11-24T14:30"));
		assertThat(calendar.workingMinutesBetween(at("2026-11-20T16:30"), at("2026-11-23T11:30"))).isEqualTo(240);
		assertThat(calendar.workingMinutesBetween(at("2026-11-23T12:00"), at("2026-11-23T14:00"))).isZero();
		assertThat(calendar.dueAfterWorkingDays(at("2026-09-29T10:00"), 3)).isEqualTo(at("2026-10-09T17:30"));
	}

	@Test
	void an_admin_enters_the_next_year_and_deadlines_follow_it() throws Exception {
		assertThat(calendar.addWorkingDays(LocalDate.of(2030, 1, 31), 1)).isEqualTo(LocalDate.of(2030, 2, 1));
		mvc.perform(post("/calendar").with(csrf()).with(as("admin")).param("year", "2030").param("source", "测试通知")
			.param("holidays", "2030-02-01~2030-02-07 春节\n2030-01-01 元旦").param("workdays", "2030-02-09 春节调休上班"))
			.andExpect(redirectedUrl("/calendar?year=2030"));
		assertThat(calendar.addWorkingDays(LocalDate.of(2030, 1, 31), 1)).isEqualTo(LocalDate.of(2030, 2, 8));
		assertThat(calendar.isWorkingDay(LocalDate.of(2030, 2, 9))).isTrue();
		mvc.perform(get("/api/v1/calendar/2030").with(as("gaomiao.grid1")))
			.andExpect(jsonPath("$.days.length()").value(9))
			.andExpect(jsonPath("$.days[8].kind").value("WORKDAY"));
		mvc.perform(get("/api/v1/calendar/due").param("from", "2030-01-31").param("workingDays", "1").with(as("gaomiao.grid1")))
			.andExpect(jsonPath("$.due").value("2030-02-08"));
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE entity_type = 'calendar_year' AND entity_id = '2030'")).isOne();
		mvc.perform(get("/calendar").param("year", "2030").with(as("admin")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("2030-02-01~2030-02-07 春节")));
	}

	@Test
	void a_bad_line_is_named_and_nothing_changes() throws Exception {
		mvc.perform(post("/calendar").with(csrf()).with(as("admin")).param("year", "2026").param("source", "改")
			.param("holidays", "2026-01-01~2026-01-03 元旦\n2026-13-01 坏日期").param("workdays", "2026-01-05 周一不是周末"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("第 2 行格式不正确")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("调休上班日须是周六或周日")));
		assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).isTrue();
		assertThat(count("SELECT COUNT(*) FROM calendar_day WHERE year_number = 2026")).isGreaterThan(30);
	}

	@Test
	void only_calendar_admins_change_it() throws Exception {
		mvc.perform(post("/calendar").with(csrf()).with(as("county.staff")).param("year", "2031").param("source", "x")
			.param("holidays", "2031-01-01 元旦")).andExpect(status().isForbidden());
		mvc.perform(get("/calendar").with(as("gaomiao.grid1"))).andExpect(status().isOk());
		assertThat(calendar.covers(2031)).isFalse();
	}

	private static Instant at(String local) {
		return ZonedDateTime.of(LocalDateTime.parse(local), WorkingCalendar.ZONE).toInstant();
	}

}
