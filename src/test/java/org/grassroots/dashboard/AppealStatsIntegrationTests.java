package org.grassroots.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;

import org.grassroots.IntegrationTestSupport;
import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.grassroots.appeals.AppealChannel;
import org.grassroots.appeals.AppealRating;
import org.grassroots.appeals.internal.Appeal;
import org.grassroots.appeals.internal.AppealHandling;
import org.grassroots.appeals.internal.IntakeForm;
import org.grassroots.appeals.internal.StepForm;
import org.grassroots.calendar.WorkingCalendar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The figures of 武川's report rebuilt from data: 192 appeals received in a new grid of 新庄村, 169 resolved
 * (147 in the village, 22 after escalation to the township), 100 ratings of which 95 positive.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppealStatsIntegrationTests extends IntegrationTestSupport {

	/** A grid added for this test, so that the demo county's year of appeals does not mix in. */
	private static final String XINZHUANG = "62079910020308";
	private static final String XINZHUANG_GRID = XINZHUANG;

	@Autowired
	AppealHandling handling;

	@Autowired
	UserDetailsService accounts;

	@BeforeAll
	void build192Appeals() throws Exception {
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/registry/regions/620799100203/children")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
			.with(as("qinghe.staff")).param("code", XINZHUANG).param("name", "统计测试网格").param("type", "GRID"))
			.andExpect(status().is3xxRedirection());
		CurrentUser staff = ((CurrentUsers.HasCurrentUser) accounts.loadUserByUsername("qinghe.staff")).currentUser();
		int resolved = 0;
		for (int i = 0; i < 192; i++) {
			AppealChannel channel = i % 3 == 0 ? AppealChannel.PHONE : AppealChannel.APPEAL_POINT;
			Appeal a = handling.submit(staff, new IntakeForm(channel, i % 2 == 0 ? "ROAD_LIGHTING" : "ENVIRONMENT",
					"统计测试诉求第" + i + "件", XINZHUANG_GRID, null, null, null));
			if (i >= 169) {
				continue;
			}
			if (i < 22) {
				a = handling.escalate(staff, a.getId(), new StepForm(a.getVersion(), "需乡镇协调", null));
			}
			a = handling.accept(staff, a.getId(), new StepForm(a.getVersion(), null, null));
			a = handling.resolve(staff, a.getId(), new StepForm(a.getVersion(), "已办结", null));
			resolved++;
			if (i >= 50 && i < 150) {
				AppealRating rating = i < 140 ? AppealRating.SATISFIED : i < 145 ? AppealRating.BASICALLY_SATISFIED
						: AppealRating.UNSATISFIED;
				a = handling.rate(staff, a.getId(), new StepForm(a.getVersion(), null, rating));
				if (rating == AppealRating.UNSATISFIED) {
					// reopened by the rating, then resolved again
					handling.resolve(staff, a.getId(), new StepForm(a.getVersion(), "二次办结", null));
				}
			}
		}
		assertThat(resolved).isEqualTo(169);
	}

	@Test
	void resolution_rate_is_169_of_192() throws Exception {
		LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
		mvc.perform(get("/api/v1/appeals/stats").param("region", XINZHUANG).param("from", today.minusDays(1).toString())
			.param("to", today.toString()).with(as("qinghe.leader")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.received").value(192))
			.andExpect(jsonPath("$.resolved").value(169))
			.andExpect(jsonPath("$.resolutionRate").value(0.8802))
			.andExpect(jsonPath("$.accepted").value(169))
			.andExpect(jsonPath("$.byLevel.village").value(147))
			.andExpect(jsonPath("$.byLevel.township").value(22))
			.andExpect(jsonPath("$.byLevel.county").value(0))
			.andExpect(jsonPath("$.rated").value(100))
			.andExpect(jsonPath("$.satisfied").value(95))
			.andExpect(jsonPath("$.satisfactionRate").value(0.95))
			.andExpect(jsonPath("$.byChannel.PHONE").value(64))
			.andExpect(jsonPath("$.byChannel.APPEAL_POINT").value(128))
			.andExpect(jsonPath("$.byCategory.ROAD_LIGHTING").value(96));
	}

	@Test
	void the_dashboard_page_shows_the_same_figures_and_the_villages_beneath() throws Exception {
		LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
		mvc.perform(get("/dashboard").param("region", XINZHUANG).param("from", today.withDayOfYear(1).toString())
			.param("to", today.toString()).with(as("qinghe.leader")))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("id=\"stat-resolutionRate\">88.0%")))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("村级办结 147 件、乡级 22 件")));
		mvc.perform(get("/dashboard").param("region", XINZHUANG).with(as("xishang.cadre"))).andExpect(status().isNotFound());
	}

	@Test
	void the_rollups_agree_with_the_appeals_themselves() {
		long resolvedNow = count("SELECT COUNT(*) FROM appeals_appeal WHERE region_path LIKE ? AND status IN ('RESOLVED', 'CLOSED')",
				"%/" + XINZHUANG + "/%");
		long fromRollups = count("SELECT SUM(resolved) FROM dashboard_appeal_daily WHERE region_path LIKE ?", "%/" + XINZHUANG + "/%");
		assertThat(fromRollups).isEqualTo(resolvedNow).isEqualTo(169);
	}

	@Test
	void the_county_township_and_village_rows_hold_what_their_grids_hold() {
		String grid = jdbc.sql("SELECT path FROM registry_region WHERE code = ?").param(XINZHUANG).query(String.class).single();
		String[] codes = grid.substring(1).split("/");
		for (String node : new String[] {"/" + codes[0] + "/", "/" + codes[0] + "/" + codes[1] + "/",
				"/" + codes[0] + "/" + codes[1] + "/" + codes[2] + "/"}) {
			for (String column : new String[] {"received", "accepted", "resolved", "resolved_township", "rated", "satisfied"}) {
				long grids = count("SELECT COALESCE(SUM(" + column + "),0) FROM dashboard_appeal_daily WHERE region_path LIKE ?", node + "%");
				assertThat(count("SELECT COALESCE(SUM(" + column + "),0) FROM dashboard_appeal_node_daily WHERE node_path = ?", node))
					.as("%s by day of %s", column, node).isEqualTo(grids);
				assertThat(count("SELECT COALESCE(SUM(" + column + "),0) FROM dashboard_appeal_node_monthly WHERE node_path = ?", node))
					.as("%s by month of %s", column, node).isEqualTo(grids);
			}
			assertThat(count("SELECT COALESCE(SUM(received),0) FROM dashboard_appeal_node_daily WHERE node_path = ?", node))
				.isGreaterThanOrEqualTo(192);
		}
	}

	@Test
	void a_county_year_read_from_its_own_rows_counts_what_the_appeals_table_counts() throws Exception {
		LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
		LocalDate from = today.minusDays(364);
		var start = from.atStartOfDay(WorkingCalendar.ZONE).toOffsetDateTime();
		var end = today.plusDays(1).atStartOfDay(WorkingCalendar.ZONE).toOffsetDateTime();
		long received = jdbc.sql("SELECT COUNT(*) FROM appeals_appeal WHERE region_path LIKE '/620799000000/%' AND submitted_at >= ? AND submitted_at < ?")
			.params(start, end).query(Long.class).single();
		long resolved = jdbc.sql("""
				SELECT COUNT(*) FROM appeals_appeal WHERE region_path LIKE '/620799000000/%' AND submitted_at >= ? AND submitted_at < ?
				AND status IN ('RESOLVED', 'CLOSED')""").params(start, end).query(Long.class).single();
		assertThat(received).isGreaterThan(192);
		mvc.perform(get("/api/v1/appeals/stats").param("region", "620799000000").param("from", from.toString())
			.param("to", today.toString()).with(as("admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.received").value(received))
			.andExpect(jsonPath("$.resolved").value(resolved));
	}

	@Test
	void a_period_without_appeals_reads_zero_and_other_scopes_are_denied() throws Exception {
		mvc.perform(get("/api/v1/appeals/stats").param("region", XINZHUANG).param("from", "2024-01-01").param("to", "2024-12-31")
			.with(as("qinghe.leader")))
			.andExpect(jsonPath("$.received").value(0))
			.andExpect(jsonPath("$.resolutionRate").value(0.0));
		mvc.perform(get("/api/v1/appeals/stats").param("region", XINZHUANG).with(as("gaomiao.cadre")))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/appeals/stats").param("region", XINZHUANG).with(as("ganquan.leader")))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/appeals/stats").param("from", "2026-02-01").param("to", "2026-01-01").with(as("admin")))
			.andExpect(status().isBadRequest());
	}

}
