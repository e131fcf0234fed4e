package org.grassroots.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.grassroots.IntegrationTestSupport;
import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.grassroots.appeals.AppealChannel;
import org.grassroots.appeals.internal.Appeal;
import org.grassroots.appeals.internal.AppealHandling;
import org.grassroots.appeals.internal.IntakeForm;
import org.grassroots.appeals.internal.StepForm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * One period for the whole page. In a grid made for this test, four appeals of 2025: 10 February (resolved),
 * 15 April (resolved), 6 May (still open) and 18 May (resolved); the page is read on 20 May 2025. This month holds
 * the two of May, half resolved, beside one of 1–20 April; this quarter the three since April beside one of
 * 1 January–20 February; this year all four, with no 环比 of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardPeriodIntegrationTests extends IntegrationTestSupport {

	private static final String GRID = "62079910020419";

	private static final String READ_ON = "2025-05-20T10:00:00+08:00";

	@Autowired
	AppealHandling handling;

	@Autowired
	UserDetailsService accounts;

	@BeforeAll
	void four_appeals_on_four_days_of_2025() throws Exception {
		mvc.perform(post("/registry/regions/620799100204/children").with(csrf()).with(as("qinghe.staff")).param("code", GRID)
			.param("name", "统计期测试网格").param("type", "GRID")).andExpect(status().is3xxRedirection());
		CurrentUser staff = ((CurrentUsers.HasCurrentUser) accounts.loadUserByUsername("qinghe.staff")).currentUser();
		try {
			appeal(staff, "2025-02-10T09:00:00+08:00", true);
			appeal(staff, "2025-04-15T09:00:00+08:00", true);
			appeal(staff, "2025-05-06T09:00:00+08:00", false);
			appeal(staff, "2025-05-18T09:00:00+08:00", true);
		}
		finally {
			clock.reset();
		}
	}

	@BeforeEach
	void it_is_the_twentieth_of_may_2025() {
		clock.travelTo(OffsetDateTime.parse(READ_ON).toInstant());
	}

	@Test
	void this_month_counts_the_two_of_may_beside_the_first_twenty_days_of_april() throws Exception {
		String page = page("period", "month");
		assertThat(page).contains("id=\"stat-received\">2<").contains("id=\"stat-resolutionRate\">50.0%<");
		assertThat(page).contains("id=\"previous-received\">1<").contains("id=\"previous-received-change\">+1（+100.0%）<");
		assertThat(page).contains("id=\"previous-resolutionRate\">100.0%<")
			.contains("id=\"previous-resolutionRate-change\">-50.0 个百分点<");
		// nothing a year before: the difference alone, and no rate to compare with
		assertThat(page).contains("id=\"lastYear-received\">0<").contains("id=\"lastYear-received-change\">+2<")
			.contains("id=\"lastYear-resolutionRate\">—<").contains("id=\"lastYear-resolutionRate-change\">—<");
		assertThat(page).contains("统计期：本月（2025-05-01 至 2025-05-20）；环比 2025-04-01 至 2025-04-20；同比 2024-05-01 至 2024-05-20");
		assertThat(page).containsPattern("<option value=\"month\" selected=\"selected\">本月</option>");
	}

	@Test
	void this_quarter_counts_the_three_since_april_beside_the_same_days_of_the_quarter_before() throws Exception {
		String page = page("period", "quarter");
		assertThat(page).contains("id=\"stat-received\">3<").contains("id=\"stat-resolutionRate\">66.7%<");
		assertThat(page).contains("id=\"previous-received\">1<").contains("id=\"previous-received-change\">+2（+200.0%）<")
			.contains("id=\"previous-resolutionRate-change\">-33.3 个百分点<");
		assertThat(page).contains("统计期：本季度（2025-04-01 至 2025-05-20）；环比 2025-01-01 至 2025-02-20");
	}

	@Test
	void this_year_counts_all_four_and_is_compared_only_with_last_year() throws Exception {
		String page = page("period", "year");
		assertThat(page).contains("id=\"stat-received\">4<").contains("id=\"stat-resolutionRate\">75.0%<");
		assertThat(page).doesNotContain("id=\"previous-received\"");
		assertThat(page).contains("id=\"lastYear-received\">0<");
		// the default is this year
		assertThat(page("period", "")).contains("id=\"stat-received\">4<").contains("统计期：本年（2025-01-01 至 2025-05-20）");
	}

	@Test
	void a_custom_period_counts_its_own_dates() throws Exception {
		String page = page("period", "custom", "from", "2025-02-01", "to", "2025-04-30");
		assertThat(page).contains("id=\"stat-received\">2<").contains("id=\"stat-resolutionRate\">100.0%<");
		assertThat(page).contains("统计期：2025-02-01 至 2025-04-30；环比 2024-11-04 至 2025-01-31；同比 2024-02-01 至 2024-04-30");
		// a named period runs to today whatever dates the form still holds
		assertThat(page("period", "month", "from", "2025-02-01", "to", "2025-04-30")).contains("id=\"stat-received\">2<")
			.contains("统计期：本月（2025-05-01 至 2025-05-20）");
	}

	@Test
	void every_card_of_every_section_says_its_period() throws Exception {
		String page = mvc.perform(get("/dashboard").param("period", "month").with(as("qinghe.leader")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<String> periods = new ArrayList<>();
		Matcher m = Pattern.compile("(?s)<span class=\"badge [^\"]*card-period[^\"]*\">(.*?)</span></span>").matcher(page);
		while (m.find()) {
			periods.add(m.group(1).replaceAll("<[^>]+>", "").replaceAll("\\s+", " ").strip());
		}
		// 接诉即办 4, 矛盾纠纷 3, 信访 4, 常态走访 4: the overdue now and the key households are judged on the period's last day
		assertThat(periods).hasSize(15).allMatch(p -> p.equals("本月") || p.equals("截至 05-20"));
		assertThat(periods.stream().filter(p -> p.startsWith("截至"))).hasSize(2);
		assertThat(page).containsSubsequence("id=\"appeals-section\"", ">接诉即办<", "id=\"disputes-section\"", ">矛盾纠纷<",
				"id=\"petitions-section\"", ">信访<", "id=\"fieldwork-section\"", ">常态走访<");
	}

	@Test
	void the_page_reads_the_same_in_english() throws Exception {
		String page = mvc.perform(get("/dashboard").param("region", GRID).param("period", "month").header("Accept-Language", "en")
			.with(as("qinghe.leader"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("Period: This month (2025-05-01 to 2025-05-20); previous period 2025-04-01 to 2025-04-20")
			.contains("id=\"previous-received-change\">+1 (+100.0%)<").contains("id=\"previous-resolutionRate-change\">-50.0 pp<")
			.contains("Resolution rate of 统计期测试网格").contains("Not drawn (no usable centre point in the registry)").doesNotContain("??");
	}

	@Test
	void a_wrong_period_is_named_beside_its_field_and_this_year_shown() throws Exception {
		String page = mvc.perform(get("/dashboard").param("region", GRID).param("period", "custom").param("from", "2025-05-02")
			.param("to", "2025-05-01").with(as("qinghe.leader")))
			.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("结束日期不能早于开始日期").contains("id=\"stat-received\">4<");
		mvc.perform(get("/dashboard").param("region", GRID).param("period", "decade").with(as("qinghe.leader")))
			.andExpect(status().isBadRequest());
	}

	@Test
	void the_map_of_the_grid_counts_the_same_period() throws Exception {
		String json = mvc.perform(get("/dashboard/map.json").param("region", GRID).param("period", "month").with(as("qinghe.leader")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(json).contains("\"from\":\"2025-05-01\"").contains("\"to\":\"2025-05-20\"");
		// the grid made here has no centre in the registry: it is named as not drawn, not placed anywhere
		String card = mvc.perform(get("/dashboard/map").param("region", GRID).param("period", "month").with(as("qinghe.leader")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(card).contains("id=\"map-unplaced\"").contains("统计期测试网格");
	}

	private String page(String... params) throws Exception {
		var request = get("/dashboard").param("region", GRID);
		for (int i = 0; i < params.length; i += 2) {
			request = request.param(params[i], params[i + 1]);
		}
		return mvc.perform(request.with(as("qinghe.leader"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	private void appeal(CurrentUser staff, String at, boolean resolve) {
		clock.travelTo(OffsetDateTime.parse(at).toInstant());
		Appeal a = handling.submit(staff, new IntakeForm(AppealChannel.APPEAL_POINT, "ROAD_LIGHTING", "统计期测试诉求 " + at, GRID, null,
				null, null));
		if (resolve) {
			a = handling.accept(staff, a.getId(), new StepForm(a.getVersion(), null, null));
			handling.resolve(staff, a.getId(), new StepForm(a.getVersion(), "已办结", null));
		}
	}

}
