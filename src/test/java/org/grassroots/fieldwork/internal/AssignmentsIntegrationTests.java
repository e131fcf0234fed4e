package org.grassroots.fieldwork.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.UUID;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.grassroots.IntegrationTestSupport;
import org.grassroots.access.AccountProvisioning;
import org.grassroots.access.Role;
import org.grassroots.calendar.WorkingCalendar;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * Assignments (包村联户, the grid's five duties), each person's visits against target, and the "五有"
 * chain, on a village built for the test: 目标测试村 with three grids and its own people, so that no
 * demo visit is counted.
 */
class AssignmentsIntegrationTests extends IntegrationTestSupport {

	private static final String QINGHE = "620799100000";
	private static final String VILLAGE = "620799100299";
	private static final String GRID_CHAIN = VILLAGE + "01";
	private static final String GRID_SPARE = VILLAGE + "02";

	@Autowired
	private AccountProvisioning accounts;

	@BeforeEach
	void village() throws Exception {
		if (count("SELECT COUNT(*) FROM registry_region WHERE code = ?", VILLAGE) == 0) {
			mvc.perform(post("/registry/regions/" + QINGHE + "/children").with(csrf()).with(as("qinghe.leader")).param("code", VILLAGE)
				.param("name", "目标测试村").param("type", "VILLAGE")).andExpect(status().is3xxRedirection());
			for (String grid : new String[] {GRID_CHAIN, GRID_SPARE}) {
				mvc.perform(post("/registry/regions/" + VILLAGE + "/children").with(csrf()).with(as("qinghe.leader")).param("code", grid)
					.param("name", "测试网格" + grid.substring(12)).param("type", "GRID")).andExpect(status().is3xxRedirection());
			}
			household(GRID_CHAIN, "目标测试1号");
			household(GRID_SPARE, "目标测试2号");
		}
		provision("target.leader", Role.TOWNSHIP_LEADER, QINGHE);
		provision("target.other", Role.TOWNSHIP_LEADER, QINGHE);
		provision("target.ender", Role.TOWNSHIP_STAFF, QINGHE);
		provision("target.grid", Role.GRID_WORKER, GRID_CHAIN);
		provision("target.cadre", Role.VILLAGE_CADRE, VILLAGE);
	}

	private void provision(String username, Role role, String region) {
		if (!accounts.exists(username)) {
			accounts.provision(username, "测试 " + username, role, region, null, "test-password-1", false);
		}
	}

	private void household(String grid, String address) throws Exception {
		mvc.perform(post("/api/v1/households").with(csrf()).with(as("qinghe.leader")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"regionCode\":\"" + grid + "\",\"address\":\"" + address + "\",\"status\":\"RESIDENT\"}"))
			.andExpect(status().isCreated());
	}

	private long householdOf(String grid) {
		return householdIdIn(grid);
	}

	private String assign(String by, String username, String duty, String region, Integer target, LocalDate from) throws Exception {
		return "{\"username\":\"" + username + "\",\"duty\":\"" + duty + "\",\"regionCode\":\"" + region + "\""
				+ (target == null ? "" : ",\"monthlyTarget\":" + target) + (from == null ? "" : ",\"activeFrom\":\"" + from + "\"") + "}";
	}

	private long assignOk(String by, String username, String duty, String region, Integer target, LocalDate from) throws Exception {
		String body = mvc.perform(post("/api/v1/assignments").with(csrf()).with(as(by)).contentType(MediaType.APPLICATION_JSON)
			.content(assign(by, username, duty, region, target, from)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return Long.parseLong(body.replaceAll("(?s)^\\{\"id\":(\\d+),.*", "$1"));
	}

	private void visit(String who, long household, LocalDate day, String followUp, String purpose) throws Exception {
		var at = ZonedDateTime.of(day.atTime(10, 0), WorkingCalendar.ZONE).toInstant();
		if (at.isAfter(java.time.Instant.now())) {
			// today, before ten in the morning where the county is
			at = java.time.Instant.now().minusSeconds(60);
		}
		mvc.perform(post("/api/v1/visits").with(csrf()).with(as(who)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"clientKey\":\"" + UUID.randomUUID() + "\",\"householdId\":" + household + ",\"visitedAt\":\"" + at + "\""
					+ (followUp == null ? "" : ",\"followUp\":\"" + followUp + "\"") + (purpose == null ? "" : ",\"purpose\":\"" + purpose + "\"") + "}"))
			.andExpect(status().isCreated());
	}

	@Test
	void a_leaders_visits_to_the_linked_village_are_counted_against_eight_a_month() throws Exception {
		LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
		LocalDate monthStart = today.minusMonths(1).withDayOfMonth(1);
		LocalDate monthEnd = monthStart.withDayOfMonth(monthStart.lengthOfMonth());
		long id = assignOk("qinghe.leader", "target.leader", "VILLAGE_LINK", VILLAGE, null, monthStart);
		long inVillage = householdOf(GRID_CHAIN);
		for (int i = 0; i < 5; i++) {
			visit("target.leader", inVillage, monthStart.plusDays(i * 5), null, null);
		}
		// neither counts: the leader elsewhere, someone else in the village
		visit("target.leader", householdIdIn(GAOMIAO), monthStart.plusDays(2), null, null);
		visit("target.other", inVillage, monthStart.plusDays(3), null, null);
		String line = "$.people[?(@.assignmentId == " + id + ")]";
		mvc.perform(get("/api/v1/coverage/targets").param("region", VILLAGE).param("from", monthStart.toString())
			.param("to", monthEnd.toString()).with(as("qinghe.leader")))
			.andExpect(status().isOk())
			.andExpect(jsonPath(line + ".monthlyTarget").value(8))
			.andExpect(jsonPath(line + ".done").value(5))
			.andExpect(jsonPath(line + ".periodTarget").value(8))
			.andExpect(jsonPath(line + ".dueSoFar").value(8))
			.andExpect(jsonPath(line + ".standing").value("BEHIND"))
			.andExpect(jsonPath("$.behind").value(1));
		for (int i = 0; i < 3; i++) {
			visit("target.leader", inVillage, monthEnd.minusDays(i), null, null);
		}
		mvc.perform(get("/api/v1/coverage/targets").param("region", VILLAGE).param("from", monthStart.toString())
			.param("to", monthEnd.toString()).with(as("qinghe.leader")))
			.andExpect(jsonPath(line + ".done").value(8))
			.andExpect(jsonPath(line + ".standing").value("MET"))
			.andExpect(jsonPath("$.behind").value(0));
		// a period running past today owes only the days so far: 8 visits against what the days up to today owe
		LocalDate from = today.minusDays(20);
		LocalDate to = today.plusDays(20);
		int owedSoFar = VisitTargets.owed(8, from.isBefore(monthStart) ? monthStart : from, today);
		int owedAll = VisitTargets.owed(8, from.isBefore(monthStart) ? monthStart : from, to);
		long doneInWindow = count("SELECT COUNT(*) FROM fieldwork_visit WHERE visitor = 'target.leader' AND region_path LIKE ? AND visited_at >= ?",
				"%/" + VILLAGE + "/%", from.atStartOfDay(WorkingCalendar.ZONE).toOffsetDateTime());
		mvc.perform(get("/api/v1/coverage/targets").param("region", VILLAGE).param("from", from.toString()).param("to", to.toString())
			.with(as("qinghe.leader")))
			.andExpect(jsonPath(line + ".done").value((int) doneInWindow))
			.andExpect(jsonPath(line + ".periodTarget").value(owedAll))
			.andExpect(jsonPath(line + ".dueSoFar").value(owedSoFar))
			.andExpect(jsonPath(line + ".standing").value(doneInWindow >= owedAll ? "MET" : doneInWindow >= owedSoFar ? "ON_TRACK" : "BEHIND"));
	}

	@Test
	void the_five_duty_chain_flags_missing_and_idle_duties_until_someone_acts() throws Exception {
		LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
		LocalDate from = today.withDayOfMonth(1);
		assignOk("qinghe.leader", "target.grid", "PATROL", GRID_CHAIN, null, from);
		assignOk("qinghe.leader", "target.grid", "REPORT", GRID_CHAIN, 20, from);
		assignOk("qinghe.leader", "target.cadre", "RESOLVE", GRID_CHAIN, null, from);
		assignOk("qinghe.leader", "target.cadre", "SUPERVISE", GRID_CHAIN, null, from);
		mvc.perform(post("/api/v1/patrols").with(csrf()).with(as("target.grid")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"clientKey\":\"" + UUID.randomUUID() + "\",\"regionCode\":\"" + GRID_CHAIN + "\"}")).andExpect(status().isCreated());
		visit("target.cadre", householdOf(GRID_CHAIN), today, "RESOLVED_ON_SPOT", null);
		String grid = "$.grids[?(@.code == '" + GRID_CHAIN + "')]";
		mvc.perform(get("/api/v1/coverage/chain").param("region", VILLAGE).with(as("qinghe.leader")))
			.andExpect(status().isOk())
			.andExpect(jsonPath(grid + ".duties[0].state").value("ACTIVE"))
			.andExpect(jsonPath(grid + ".duties[0].actions").value(1))
			.andExpect(jsonPath(grid + ".duties[1].state").value("IDLE"))
			.andExpect(jsonPath(grid + ".duties[2].state").value("MISSING"))
			.andExpect(jsonPath(grid + ".duties[3].state").value("ACTIVE"))
			.andExpect(jsonPath(grid + ".duties[4].state").value("IDLE"))
			.andExpect(jsonPath(grid + ".gaps").value(3))
			// the spare grid has nobody at all
			.andExpect(jsonPath("$.grids[?(@.code == '" + GRID_SPARE + "')].gaps").value(5))
			.andExpect(jsonPath("$.complete").value(0))
			.andExpect(jsonPath("$.withGaps").value(2));
		visit("target.grid", householdOf(GRID_CHAIN), today, null, null);
		visit("target.cadre", householdOf(GRID_CHAIN), today, null, "SUPERVISION");
		assignOk("qinghe.leader", "target.cadre", "RESPONSIBLE", GRID_CHAIN, null, from);
		mvc.perform(get("/api/v1/coverage/chain").param("region", VILLAGE).with(as("qinghe.leader")))
			.andExpect(jsonPath(grid + ".duties[1].state").value("ACTIVE"))
			.andExpect(jsonPath(grid + ".duties[2].state").value("ACTIVE"))
			.andExpect(jsonPath(grid + ".duties[4].state").value("ACTIVE"))
			.andExpect(jsonPath(grid + ".gaps").value(0))
			.andExpect(jsonPath("$.complete").value(1));
		// the grid worker's report visits count against the REPORT target of 20
		mvc.perform(get("/api/v1/coverage/targets").param("region", GRID_CHAIN).with(as("qinghe.leader")))
			.andExpect(jsonPath("$.people[?(@.username == 'target.grid' && @.duty == 'REPORT')].done").value(1))
			.andExpect(jsonPath("$.people[?(@.username == 'target.grid' && @.duty == 'PATROL')].done").value(1));
		// the overview page shows the same grid complete
		mvc.perform(get("/fieldwork").param("region", VILLAGE).with(as("qinghe.leader")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"stat-chain\">1 / 2<")));
	}

	@Test
	void bad_assignments_are_refused_field_by_field() throws Exception {
		// a grid duty on a village, a village link on a grid
		mvc.perform(post("/api/v1/assignments").with(csrf()).with(as("qinghe.leader")).contentType(MediaType.APPLICATION_JSON)
			.content(assign("qinghe.leader", "target.grid", "PATROL", VILLAGE, null, null)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("regionCode"));
		mvc.perform(post("/api/v1/assignments").with(csrf()).with(as("qinghe.leader")).contentType(MediaType.APPLICATION_JSON)
			.content(assign("qinghe.leader", "target.leader", "VILLAGE_LINK", GRID_SPARE, null, null)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("regionCode"));
		// a grid worker of another grid cannot record visits here
		mvc.perform(post("/api/v1/assignments").with(csrf()).with(as("qinghe.leader")).contentType(MediaType.APPLICATION_JSON)
			.content(assign("qinghe.leader", "gaomiao.grid1", "PATROL", GRID_SPARE, null, null)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("username"));
		mvc.perform(post("/api/v1/assignments").with(csrf()).with(as("qinghe.leader")).contentType(MediaType.APPLICATION_JSON)
			.content(assign("qinghe.leader", "nobody.here", "PATROL", GRID_SPARE, null, null)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("username"));
		mvc.perform(post("/api/v1/assignments").with(csrf()).with(as("qinghe.leader")).contentType(MediaType.APPLICATION_JSON)
			.content(assign("qinghe.leader", "target.other", "VILLAGE_LINK", VILLAGE, 500, null)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("monthlyTarget"));
		// the same duty twice
		assignOk("qinghe.leader", "target.other", "VILLAGE_LINK", VILLAGE, 8, null);
		mvc.perform(post("/api/v1/assignments").with(csrf()).with(as("qinghe.leader")).contentType(MediaType.APPLICATION_JSON)
			.content(assign("qinghe.leader", "target.other", "VILLAGE_LINK", VILLAGE, 8, null)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("username"));
		// the page form shows the error beside the field and keeps what was typed
		mvc.perform(post("/fieldwork/assignments").with(csrf()).with(as("qinghe.leader")).param("username", "target.grid")
			.param("duty", "PATROL").param("regionCode", VILLAGE).param("monthlyTarget", "9"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("网格职责只能安排到网格")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("value=\"9\"")));
	}

	@Test
	void ending_an_assignment_keeps_it_and_a_stale_version_is_a_conflict() throws Exception {
		long id = assignOk("qinghe.leader", "target.ender", "VILLAGE_LINK", VILLAGE, 6,
				LocalDate.now(WorkingCalendar.ZONE));
		mvc.perform(post("/api/v1/assignments/" + id + "/end").with(csrf()).with(as("qinghe.leader"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"version\":7}")).andExpect(status().isConflict());
		mvc.perform(post("/api/v1/assignments/" + id + "/end").with(csrf()).with(as("supervisor"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"version\":0}")).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/assignments/" + id + "/end").with(csrf()).with(as("xishang.cadre"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"version\":0}")).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/assignments/" + id + "/end").with(csrf()).with(as("ganquan.leader"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"version\":0}")).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/assignments/" + id + "/end").with(csrf()).with(as("qinghe.leader"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"version\":0}"))
			.andExpect(status().isOk()).andExpect(jsonPath("$.activeTo").value(LocalDate.now(WorkingCalendar.ZONE).toString()));
		assertThat(count("SELECT COUNT(*) FROM fieldwork_assignment WHERE id = ?", id)).isEqualTo(1);
		mvc.perform(get("/api/v1/assignments").param("region", VILLAGE).with(as("qinghe.leader")))
			.andExpect(jsonPath("$[?(@.id == " + id + ")]").isEmpty());
		mvc.perform(get("/api/v1/assignments").param("region", VILLAGE).param("includeEnded", "true").with(as("qinghe.leader")))
			.andExpect(jsonPath("$[?(@.id == " + id + ")].activeTo").isNotEmpty());
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE entity_type = 'assignment' AND entity_id = ?", String.valueOf(id)))
			.isEqualTo(2);
	}

	@Test
	void every_field_work_endpoint_refuses_a_role_without_the_right_and_a_region_outside_the_scope() throws Exception {
		// 县民政局 department staff hold no field-work permission
		for (String path : new String[] {"/api/v1/assignments", "/api/v1/coverage", "/api/v1/coverage/targets", "/api/v1/coverage/chain",
				"/api/v1/visits", "/api/v1/visits/due", "/fieldwork", "/fieldwork/visits", "/fieldwork/visits/export",
				"/fieldwork/assignments", "/m"}) {
			mvc.perform(get(path).with(as("mzj.staff"))).andExpect(status().isForbidden());
		}
		for (String path : new String[] {"/api/v1/visits", "/api/v1/patrols", "/api/v1/assignments"}) {
			mvc.perform(post(path).with(csrf()).with(as("mzj.staff")).contentType(MediaType.APPLICATION_JSON)
				.content("{\"clientKey\":\"" + UUID.randomUUID() + "\",\"regionCode\":\"" + GAOMIAO_GRID1 + "\"}"))
				.andExpect(status().isForbidden());
		}
		// the supervisor reads but does not assign, record or end
		mvc.perform(get("/api/v1/coverage/chain").with(as("supervisor"))).andExpect(status().isOk());
		mvc.perform(post("/api/v1/assignments").with(csrf()).with(as("supervisor")).contentType(MediaType.APPLICATION_JSON)
			.content(assign("supervisor", "target.other", "VILLAGE_LINK", VILLAGE, 8, null))).andExpect(status().isForbidden());
		mvc.perform(post("/fieldwork/assignments").with(csrf()).with(as("supervisor")).param("username", "target.other")
			.param("duty", "VILLAGE_LINK").param("regionCode", VILLAGE)).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/visits").with(csrf()).with(as("supervisor")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"clientKey\":\"" + UUID.randomUUID() + "\",\"regionCode\":\"" + GAOMIAO_GRID1 + "\"}")).andExpect(status().isForbidden());
		// a grid worker records but does not assign
		mvc.perform(post("/api/v1/assignments").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content(assign("gaomiao.grid1", "gaomiao.grid1", "PATROL", GAOMIAO_GRID1, 8, null))).andExpect(status().isForbidden());
		// 溪上村's cadre sees nothing of 高庙村 or of the test village, and cannot assign there
		for (String path : new String[] {"/api/v1/assignments", "/api/v1/coverage", "/api/v1/coverage/targets", "/api/v1/coverage/chain"}) {
			mvc.perform(get(path).param("region", GAOMIAO).with(as("xishang.cadre"))).andExpect(status().isNotFound());
		}
		mvc.perform(get("/api/v1/visits").param("regionCode", GAOMIAO).with(as("xishang.cadre"))).andExpect(status().isNotFound());
		mvc.perform(get("/fieldwork").param("region", GAOMIAO).with(as("xishang.cadre"))).andExpect(status().isNotFound());
		mvc.perform(get("/fieldwork/visits/export").param("regionCode", GAOMIAO).with(as("xishang.cadre"))).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/assignments").with(csrf()).with(as("xishang.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content(assign("xishang.cadre", "xishang.cadre", "RESOLVE", GRID_SPARE, null, null)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("regionCode"));
		// and its own lists hold only its own village
		mvc.perform(get("/api/v1/visits").param("size", "200").with(as("xishang.cadre")))
			.andExpect(jsonPath("$.content[?(@.regionCode =~ /^620799100.*/)]").isEmpty());
		mvc.perform(get("/api/v1/assignments").with(as("xishang.cadre")))
			.andExpect(jsonPath("$[?(@.regionCode =~ /^620799100.*/)]").isEmpty())
			.andExpect(jsonPath("$[?(@.regionCode =~ /^620799200201.*/)]").isNotEmpty());
	}

	@Test
	void the_visit_ledger_exports_exactly_the_filtered_visits() throws Exception {
		LocalDate from = LocalDate.now(WorkingCalendar.ZONE).minusDays(30);
		long expected = count("""
				SELECT COUNT(*) FROM fieldwork_visit WHERE region_path LIKE ? AND visitor = 'gaomiao.grid1' AND visited_at >= ?""",
				"%/" + GAOMIAO + "/%", from.atStartOfDay(WorkingCalendar.ZONE).toOffsetDateTime());
		assertThat(expected).as("the demo year holds visits by 高庙村's first grid worker").isPositive();
		byte[] xlsx = mvc.perform(get("/fieldwork/visits/export").param("regionCode", GAOMIAO).param("visitor", "gaomiao.grid1")
			.param("from", from.toString()).with(as("gaomiao.cadre")))
			.andExpect(status().isOk())
			.andExpect(content().contentType(org.grassroots.shell.Ledger.CONTENT_TYPE))
			.andReturn().getResponse().getContentAsByteArray();
		try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			var sheet = workbook.getSheetAt(0);
			assertThat(sheet.getLastRowNum()).isEqualTo((int) expected);
			assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("走访人");
			assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).contains("孙丽");
		}
		mvc.perform(get("/fieldwork/visits").param("regionCode", GAOMIAO).param("visitor", "gaomiao.grid1").param("from", from.toString())
			.with(as("gaomiao.cadre")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("共 " + expected + " 条")));
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE entity_type = 'visit' AND action = 'EXPORT'")).isPositive();
	}

	@Test
	void the_demo_year_has_the_gaps_a_leader_should_see() throws Exception {
		// 柳树村 second grid: nobody supervises it
		mvc.perform(get("/api/v1/coverage/chain").param("region", "620799100204").with(as("qinghe.leader")))
			.andExpect(jsonPath("$.grids[?(@.code == '62079910020402')].duties[4].state").value("MISSING"));
		// 甘泉乡's deputy visits about five times a month against eight
		LocalDate lastMonth = LocalDate.now(WorkingCalendar.ZONE).minusMonths(1).withDayOfMonth(1);
		mvc.perform(get("/api/v1/coverage/targets").param("region", "620799200000").param("from", lastMonth.minusMonths(2).toString())
			.param("to", lastMonth.withDayOfMonth(lastMonth.lengthOfMonth()).toString()).with(as("ganquan.leader")))
			.andExpect(jsonPath("$.people[?(@.username == 'ganquan.deputy')].standing").value(org.hamcrest.Matchers.hasItem("BEHIND")));
		// the dashboard carries the field-work cards
		mvc.perform(get("/dashboard").with(as("qinghe.leader")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"fieldwork-cards\"")));
	}

}
