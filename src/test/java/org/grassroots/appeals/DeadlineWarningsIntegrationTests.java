package org.grassroots.appeals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.grassroots.IntegrationTestSupport;
import org.grassroots.appeals.internal.DeadlineWarnings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** Yellow at 80% of the working time, red when overdue, each once; one node at a time. */
class DeadlineWarningsIntegrationTests extends IntegrationTestSupport {

	@Autowired
	DeadlineWarnings warnings;

	private long newAppeal() throws Exception {
		String body = mvc.perform(post("/api/v1/appeals").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"channel\":\"PHONE\",\"categoryCode\":\"OTHER\",\"description\":\"时限提醒测试诉求\",\"regionCode\":\"" + GAOMIAO_GRID1 + "\"}"))
			.andReturn().getResponse().getContentAsString();
		return Long.parseLong(body.replaceAll("(?s)^\\{\"id\":(\\d+),.*", "$1"));
	}

	private String level(long id) {
		return jdbc.sql("SELECT warning_level FROM appeals_appeal WHERE id = ?").param(id).query(String.class).single();
	}

	/** An appeal made at another time: the clock is moved there for its submission, and back. */
	private long newAppealAt(Instant at) throws Exception {
		clock.travelTo(at);
		try {
			return newAppeal();
		}
		finally {
			clock.reset();
		}
	}

	/** A moment at which an appeal of category OTHER made then is past 80% of its working time now, but not yet due. */
	private Instant whenItIsYellowNow() {
		int days = jdbc.sql("SELECT resolution_days FROM appeals_category WHERE code = 'OTHER'").query(Integer.class).single();
		Instant now = Instant.now();
		for (int hours = 1; hours < 24 * 60; hours++) {
			Instant at = now.minus(hours, ChronoUnit.HOURS);
			Instant due = calendar.dueAfterWorkingDays(at, days);
			Instant warning = calendar.addWorkingMinutes(at, calendar.workingMinutesBetween(at, due) * 4 / 5);
			if (warning.isBefore(now.minus(5, ChronoUnit.MINUTES)) && due.isAfter(now.plus(30, ChronoUnit.MINUTES))) {
				return at;
			}
		}
		throw new IllegalStateException("no such moment in the last 60 days");
	}

	private Instant time(long id, String column) {
		return jdbc.sql("SELECT " + column + " FROM appeals_appeal WHERE id = ?").param(id)
			.query((rs, i) -> rs.getObject(1, OffsetDateTime.class).toInstant()).single();
	}

	@Test
	void an_appeal_turns_yellow_then_red_once_each_and_the_village_sees_it() throws Exception {
		long id = newAppealAt(whenItIsYellowNow());
		warnings.scan(clock.instant());
		assertThat(level(id)).isEqualTo("YELLOW");
		// its deadline passes: the scan of that moment turns it red, once however often it runs
		Instant afterDue = time(id, "resolution_due").plus(1, ChronoUnit.MINUTES);
		warnings.scan(afterDue);
		warnings.scan(afterDue);
		assertThat(level(id)).isEqualTo("RED");
		assertThat(count("SELECT COUNT(*) FROM appeals_notification WHERE appeal_id = ?", id)).isEqualTo(2);
		String code = jdbc.sql("SELECT tracking_code FROM appeals_appeal WHERE id = ?").param(id).query(String.class).single();
		mvc.perform(get("/appeals").with(as("gaomiao.cadre"))).andExpect(content().string(org.hamcrest.Matchers.containsString(code)));
		mvc.perform(get("/appeals").with(as("xishang.cadre")))
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(code))));
		clock.travelTo(afterDue);
		mvc.perform(get("/api/v1/appeals").param("overdue", "true").param("q", code).with(as("gaomiao.cadre")))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.page.totalElements").value(1));
	}

	@Test
	void an_appeal_given_more_time_is_warned_afresh_and_the_scan_goes_on() throws Exception {
		long id = newAppealAt(Instant.now().minus(60, ChronoUnit.DAYS));
		long other = newAppealAt(Instant.now().minus(60, ChronoUnit.DAYS));
		warnings.scan(clock.instant());
		assertThat(level(id)).isEqualTo("RED");
		// the township grants more time (not enough): warned afresh, a second red notice replaces the first
		mvc.perform(post("/api/v1/appeals/" + id + "/extend").with(csrf()).with(as("qinghe.leader")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"version\":0,\"days\":5,\"note\":\"需协调\"}"))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk());
		assertThat(level(id)).isEqualTo("NONE");
		var result = warnings.scan(clock.instant());
		assertThat(result.red()).isGreaterThanOrEqualTo(1);
		assertThat(level(id)).isEqualTo("RED");
		assertThat(level(other)).isEqualTo("RED");
		assertThat(count("SELECT COUNT(*) FROM appeals_notification WHERE appeal_id = ? AND kind = 'RED'", id)).isEqualTo(1);
	}

	@Test
	void a_backlog_is_warned_chunk_by_chunk_each_appeal_once() throws Exception {
		// the test profile scans 7 appeals a transaction: 30 overdue appeals and the demo's own cross several chunks
		java.util.List<Long> ids = new java.util.ArrayList<>();
		for (int i = 0; i < 30; i++) {
			ids.add(newAppealAt(Instant.now().minus(60, ChronoUnit.DAYS)));
		}
		Instant at = clock.instant();
		var first = warnings.scan(at);
		assertThat(first.red()).isGreaterThanOrEqualTo(30);
		for (long id : ids) {
			assertThat(level(id)).isEqualTo("RED");
			assertThat(count("SELECT COUNT(*) FROM appeals_notification WHERE appeal_id = ? AND kind = 'RED'", id)).isEqualTo(1);
		}
		// nothing is left for the next scan of the same moment, and nothing is warned twice
		var again = warnings.scan(at);
		assertThat(again.red()).isZero();
		assertThat(count("SELECT COUNT(*) FROM appeals_appeal WHERE warning_level IN ('NONE', 'YELLOW') AND status IN "
				+ "('SUBMITTED','ACCEPTED','IN_PROGRESS') AND resolution_due < ?", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))).isZero();
	}

	@Test
	void a_new_appeal_warns_at_four_fifths_of_its_working_time() throws Exception {
		long id = newAppeal();
		var times = jdbc.sql("SELECT submitted_at, warning_at, resolution_due FROM appeals_appeal WHERE id = ?").param(id)
			.query((rs, i) -> new Instant[] {rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getObject(2, OffsetDateTime.class).toInstant(),
					rs.getObject(3, OffsetDateTime.class).toInstant()})
			.single();
		long total = calendar.workingMinutesBetween(times[0], times[2]);
		long used = calendar.workingMinutesBetween(times[0], times[1]);
		assertThat(used).isEqualTo(total * 4 / 5);
	}

	@Autowired
	org.grassroots.calendar.WorkingCalendar calendar;

	@Test
	void a_resolved_appeal_nobody_rates_closes_by_itself_after_seven_days_unrated() throws Exception {
		// made, accepted and resolved eight days ago
		clock.travelTo(Instant.now().minus(8, ChronoUnit.DAYS));
		long id = newAppeal();
		mvc.perform(post("/api/v1/appeals/" + id + "/accept").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"version\":0}"));
		mvc.perform(post("/api/v1/appeals/" + id + "/resolve").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"version\":1,\"note\":\"已办结\"}"));
		warnings.scan(clock.instant());
		assertThat(jdbc.sql("SELECT status FROM appeals_appeal WHERE id = ?").param(id).query(String.class).single()).isEqualTo("RESOLVED");
		clock.reset();
		warnings.scan(clock.instant());
		assertThat(jdbc.sql("SELECT status || ' ' || COALESCE(rating, 'unrated') FROM appeals_appeal WHERE id = ?").param(id)
			.query(String.class).single()).isEqualTo("CLOSED unrated");
		assertThat(count("SELECT COUNT(*) FROM appeals_event WHERE appeal_id = ? AND action = 'CLOSE' AND actor = 'system'", id)).isOne();
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE entity_type = 'appeal' AND entity_id = ? AND summary LIKE '#step|CLOSE|%'",
				String.valueOf(id))).isOne();
	}

	@Test
	void the_ledger_follows_the_lists_filters_and_the_dashboard_names_the_worst_overdue() throws Exception {
		long id = newAppealAt(Instant.now().minus(400, ChronoUnit.DAYS));
		String code = jdbc.sql("SELECT tracking_code FROM appeals_appeal WHERE id = ?").param(id).query(String.class).single();
		byte[] ledger = mvc.perform(get("/appeals/export").param("overdue", "true").with(as("gaomiao.cadre")))
			.andReturn().getResponse().getContentAsByteArray();
		try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(ledger))) {
			var sheet = book.getSheetAt(0);
			boolean found = false;
			for (int r = 2; r <= sheet.getLastRowNum(); r++) {
				assertThat(sheet.getRow(r).getCell(9).getStringCellValue()).isEqualTo("是");
				found |= sheet.getRow(r).getCell(0).getStringCellValue().equals(code);
			}
			assertThat(found).isTrue();
		}
		mvc.perform(get("/dashboard").with(as("qinghe.leader")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"worst-overdue\"")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString(code)));
	}

	@Test
	void while_another_node_holds_the_lock_the_scan_does_not_run_here() throws Exception {
		long id = newAppealAt(whenItIsYellowNow());
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		if (jdbc.sql("UPDATE shedlock SET lock_until = ?, locked_by = 'node-2' WHERE name = 'appeals-deadline-scan'")
			.param(now.plusMinutes(5)).update() == 0) {
			jdbc.sql("INSERT INTO shedlock (name, lock_until, locked_at, locked_by) VALUES ('appeals-deadline-scan', ?, ?, 'node-2')")
				.param(now.plusMinutes(5)).param(now).update();
		}
		try {
			warnings.scheduledScan();
			assertThat(level(id)).isEqualTo("NONE");
		}
		finally {
			// node 2 finishes: its lock expires
			jdbc.sql("UPDATE shedlock SET lock_until = ? WHERE name = 'appeals-deadline-scan'").param(now.minusMinutes(1)).update();
		}
		warnings.scheduledScan();
		assertThat(level(id)).isEqualTo("YELLOW");
	}

}
