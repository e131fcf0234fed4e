package org.grassroots.petitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;

import org.grassroots.IntegrationTestSupport;
import org.grassroots.calendar.WorkingCalendar;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Petitions: registration with 越级访 and repeats, the close-out ledger with approval, reopening, figures, denial. */
class PetitionsIntegrationTests extends IntegrationTestSupport {

	private static final String QINGHE = "620799100000";
	private static final String FIGURES_VILLAGE = "620799100297";
	private static final String FORMS_VILLAGE = "620799100296";

	private long id(String json) {
		return Long.parseLong(json.replaceAll("(?s)^\\{\"id\":(\\d+),.*", "$1"));
	}

	private int version(long id) throws Exception {
		String body = mvc.perform(get("/api/v1/petitions/" + id).with(as("qinghe.leader"))).andReturn().getResponse().getContentAsString();
		return Integer.parseInt(body.replaceAll("(?s).*\"version\":(\\d+).*", "$1"));
	}

	private String petition(String region, String reached, int headcount, String phone, LocalDate on, String... items) {
		StringBuilder list = new StringBuilder();
		for (String i : items) {
			list.append(list.length() == 0 ? "" : ",").append('"').append(i).append('"');
		}
		return "{\"form\":\"VISIT\",\"receivedOn\":\"" + on + "\",\"headcount\":" + headcount + ",\"matter\":\"反映征地补偿款未按时足额发放\","
				+ "\"category\":\"LAND\",\"regionCode\":\"" + region + "\",\"levelReached\":\"" + reached + "\",\"ownerUsername\":\"qinghe.leader\","
				+ "\"petitioners\":[{\"name\":\"信访人甲\",\"phone\":\"" + phone + "\"}],\"items\":[" + list + "]}";
	}

	private long register(String json) throws Exception {
		return id(mvc.perform(post("/api/v1/petitions").with(csrf()).with(as("qinghe.staff")).contentType(MediaType.APPLICATION_JSON).content(json))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
	}

	private void send(String as, String path, String json, int expected) throws Exception {
		mvc.perform(post(path).with(csrf()).with(as(as)).contentType(MediaType.APPLICATION_JSON).content(json))
			.andExpect(status().is(expected));
	}

	@Test
	void items_are_closed_out_one_by_one_with_evidence_and_someone_elses_approval_and_reopen_when_the_matter_returns() throws Exception {
		LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
		long id = register(petition(GAOMIAO, "COUNTY", 3, "13600000001", today, "补发 2024 年征地补偿款", "公开补偿款分配明细"));
		mvc.perform(get("/api/v1/petitions/" + id).with(as("qinghe.leader")))
			.andExpect(jsonPath("$.caseNumber").value(Matchers.startsWith("XF")))
			.andExpect(jsonPath("$.leapfrog").value(false))
			.andExpect(jsonPath("$.dueOn").value(today.plusDays(60).toString()))
			.andExpect(jsonPath("$.items.length()").value(2))
			.andExpect(jsonPath("$.petitioners[0].phone").value("136****0001"))
			.andExpect(jsonPath("$.ownerName").value(Matchers.containsString("陈建国")));
		// no evidence, no request; the requester cannot approve their own request
		send("qinghe.staff", "/api/v1/petitions/" + id + "/items/request", "{\"item\":1,\"evidence\":\"\",\"version\":" + version(id) + "}", 400);
		send("qinghe.staff", "/api/v1/petitions/" + id + "/items/request", "{\"item\":1,\"evidence\":\"补偿款已于本月打卡发放，有银行流水\",\"version\":" + version(id) + "}", 200);
		send("qinghe.staff", "/api/v1/petitions/" + id + "/items/approve", "{\"item\":1,\"version\":" + version(id) + "}", 403);
		send("qinghe.leader", "/api/v1/petitions/" + id + "/items/approve", "{\"item\":1,\"version\":" + (version(id) - 1) + "}", 409);
		send("qinghe.leader", "/api/v1/petitions/" + id + "/items/approve", "{\"item\":1,\"version\":" + version(id) + "}", 200);
		mvc.perform(get("/api/v1/petitions/" + id).with(as("qinghe.leader")))
			.andExpect(jsonPath("$.items[0].status").value("CLOSED")).andExpect(jsonPath("$.status").value("OPEN"));
		// a leader who requests cannot approve it either; another leader does
		send("qinghe.leader", "/api/v1/petitions/" + id + "/items/request", "{\"item\":2,\"evidence\":\"分配明细已在村务公开栏张贴\",\"version\":" + version(id) + "}", 200);
		send("qinghe.leader", "/api/v1/petitions/" + id + "/items/approve", "{\"item\":2,\"version\":" + version(id) + "}", 400);
		send("county.staff", "/api/v1/petitions/" + id + "/items/approve", "{\"item\":2,\"version\":" + version(id) + "}", 200);
		mvc.perform(get("/api/v1/petitions/" + id).with(as("qinghe.leader")))
			.andExpect(jsonPath("$.status").value("CLOSED")).andExpect(jsonPath("$.closedOn").value(today.toString()));
		// the matter returns: the item and the case open again
		send("qinghe.staff", "/api/v1/petitions/" + id + "/items/reopen", "{\"item\":2,\"version\":" + version(id) + "}", 400);
		send("qinghe.staff", "/api/v1/petitions/" + id + "/items/reopen", "{\"item\":2,\"note\":\"明细被撕毁，群众再次来访\",\"version\":" + version(id) + "}", 200);
		mvc.perform(get("/api/v1/petitions/" + id).with(as("qinghe.leader")))
			.andExpect(jsonPath("$.status").value("OPEN")).andExpect(jsonPath("$.reopenCount").value(1))
			.andExpect(jsonPath("$.items[1].reopened").value(1)).andExpect(jsonPath("$.items[1].status").value("OPEN"));
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE entity_type = 'petition' AND entity_id = ?", String.valueOf(id))).isEqualTo(6);
		mvc.perform(get("/petitions/" + id).with(as("qinghe.leader"))).andExpect(status().isOk())
			.andExpect(content().string(Matchers.allOf(Matchers.containsString("补偿款已于本月打卡发放"), Matchers.containsString("反复 1 次"))));
	}

	@Test
	void a_petition_that_skips_a_level_is_flagged_and_the_same_petitioner_within_a_year_is_a_repeat() throws Exception {
		LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
		long first = register(petition(GAOMIAO, "TOWNSHIP", 1, "13600000002", today.minusDays(40), "核实补偿"));
		long toCity = register(petition(GAOMIAO, "CITY", 1, "13600000002", today, "核实补偿"));
		mvc.perform(get("/api/v1/petitions/" + toCity).with(as("qinghe.leader")))
			.andExpect(jsonPath("$.leapfrog").value(true))
			.andExpect(jsonPath("$.repeatOfCaseNumber").value(Matchers.startsWith("XF")));
		mvc.perform(get("/api/v1/petitions/" + first).with(as("qinghe.leader")))
			.andExpect(jsonPath("$.leapfrog").value(false)).andExpect(jsonPath("$.repeatOfCaseNumber").doesNotExist());
		// jurisdiction at the county: the city is the level above, not a skip
		String countyMatter = petition(GAOMIAO, "CITY", 1, "13600000003", today, "县直部门办理的事项").replace("\"levelReached\"", "\"jurisdiction\":\"COUNTY\",\"levelReached\"");
		long county = register(countyMatter);
		mvc.perform(get("/api/v1/petitions/" + county).with(as("qinghe.leader"))).andExpect(jsonPath("$.leapfrog").value(false));
	}

	@Test
	void the_figures_count_batches_and_people_and_the_change_in_leapfrogging_on_last_year() throws Exception {
		if (count("SELECT COUNT(*) FROM registry_region WHERE code = ?", FIGURES_VILLAGE) == 0) {
			mvc.perform(post("/registry/regions/" + QINGHE + "/children").with(csrf()).with(as("qinghe.leader")).param("code", FIGURES_VILLAGE)
				.param("name", "信访测试村").param("type", "VILLAGE")).andExpect(status().is3xxRedirection());
		}
		LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
		LocalDate from = today.minusDays(100);
		// this period: 4 batches, 3 + 5 + 2 + 7 = 17 people, 2 of them to the province (skipping)
		register(petition(FIGURES_VILLAGE, "TOWNSHIP", 3, "13600000011", today.minusDays(90)));
		register(petition(FIGURES_VILLAGE, "COUNTY", 5, "13600000012", today.minusDays(60)));
		register(petition(FIGURES_VILLAGE, "PROVINCE", 2, "13600000013", today.minusDays(30)));
		register(petition(FIGURES_VILLAGE, "CITY", 7, "13600000014", today.minusDays(1)));
		// the same period last year: 5 batches, 4 of them skipping
		for (int i = 0; i < 5; i++) {
			register(petition(FIGURES_VILLAGE, i < 4 ? "CITY" : "COUNTY", 1, "1360000002" + i, today.minusYears(1).minusDays(10 + i)));
		}
		mvc.perform(get("/api/v1/petitions/stats").param("region", FIGURES_VILLAGE).param("from", from.toString()).param("to", today.toString())
			.with(as("qinghe.leader")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.received.batches").value(4))
			.andExpect(jsonPath("$.received.headcount").value(17))
			.andExpect(jsonPath("$.leapfrog.batches").value(2))
			.andExpect(jsonPath("$.leapfrog.headcount").value(9))
			.andExpect(jsonPath("$.leapfrogLastYear.batches").value(4))
			.andExpect(jsonPath("$.leapfrogChange").value(-0.5))
			.andExpect(jsonPath("$.lastYear.batches").value(5))
			.andExpect(jsonPath("$.byLevel.PROVINCE.headcount").value(2));
		mvc.perform(get("/petitions/stats").param("region", FIGURES_VILLAGE).param("from", from.toString()).with(as("qinghe.leader")))
			.andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("受理 4 批 17 人次")));
		byte[] xlsx = mvc.perform(get("/petitions/export").param("regionCode", FIGURES_VILLAGE).with(as("qinghe.leader")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
			assertThat(workbook.getSheetAt(0).getLastRowNum()).isEqualTo(9);
		}
	}

	/**
	 * A village of its own with petitions of each form, this period (the last 100 days) and the same days a year
	 * before: 来访 3 batches of 7 people against 4 of 9; 网上信访 2 of 2 against none; 来信 none against 3 of 3;
	 * 来电 1 of 33 against 1 of 32.
	 */
	private LocalDate formsFixture() throws Exception {
		LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
		if (count("SELECT COUNT(*) FROM registry_region WHERE code = ?", FORMS_VILLAGE) > 0) {
			return today;
		}
		mvc.perform(post("/registry/regions/" + QINGHE + "/children").with(csrf()).with(as("qinghe.leader")).param("code", FORMS_VILLAGE)
			.param("name", "信访形式测试村").param("type", "VILLAGE")).andExpect(status().is3xxRedirection());
		int phone = 0;
		for (int headcount : new int[] {2, 2, 3}) {
			register(form("VISIT", headcount, phone(phone++), today.minusDays(10 + phone)));
		}
		for (int i = 0; i < 2; i++) {
			register(form("ONLINE", 1, phone(phone++), today.minusDays(50 + phone)));
		}
		register(form("PHONE", 33, phone(phone++), today.minusDays(99)));
		LocalDate lastYear = today.minusYears(1);
		for (int headcount : new int[] {2, 2, 2, 3}) {
			register(form("VISIT", headcount, phone(phone++), lastYear.minusDays(20 + phone)));
		}
		for (int i = 0; i < 3; i++) {
			register(form("LETTER", 1, phone(phone++), lastYear.minusDays(30 + phone)));
		}
		register(form("PHONE", 32, phone(phone++), lastYear.minusDays(99)));
		return today;
	}

	private static String phone(int n) {
		return String.format("1360001%04d", n);
	}

	private String form(String form, int headcount, String phone, LocalDate on) {
		return petition(FORMS_VILLAGE, "TOWNSHIP", headcount, phone, on).replace("\"form\":\"VISIT\"", "\"form\":\"" + form + "\"");
	}

	@Test
	void each_form_carries_its_batches_and_people_and_their_change_on_the_same_period_last_year() throws Exception {
		LocalDate today = formsFixture();
		LocalDate from = today.minusDays(100);
		mvc.perform(get("/api/v1/petitions/stats").param("region", FORMS_VILLAGE).param("from", from.toString()).param("to", today.toString())
			.with(as("qinghe.leader")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.byForm.VISIT.received.batches").value(3))
			.andExpect(jsonPath("$.byForm.VISIT.received.headcount").value(7))
			.andExpect(jsonPath("$.byForm.VISIT.lastYear.batches").value(4))
			.andExpect(jsonPath("$.byForm.VISIT.lastYear.headcount").value(9))
			// (3 − 4) ÷ 4 × 100 and (7 − 9) ÷ 9 × 100 = −22.222…
			.andExpect(jsonPath("$.byForm.VISIT.batchesChangePercent").value(-25.0))
			.andExpect(jsonPath("$.byForm.VISIT.headcountChangePercent").value(-22.22))
			.andExpect(jsonPath("$.byForm.ONLINE.received.batches").value(2))
			.andExpect(jsonPath("$.byForm.ONLINE.batchesChangePercent").value(Matchers.nullValue()))
			.andExpect(jsonPath("$.byForm.LETTER.received.batches").value(0))
			.andExpect(jsonPath("$.byForm.LETTER.headcountChangePercent").value(-100.0))
			// 33 against 32 is 3.125 %: the half goes up
			.andExpect(jsonPath("$.byForm.PHONE.batchesChangePercent").value(0.0))
			.andExpect(jsonPath("$.byForm.PHONE.headcountChangePercent").value(3.13))
			.andExpect(jsonPath("$.received.batches").value(6));
		String page = mvc.perform(get("/petitions/stats").param("region", FORMS_VILLAGE).param("from", from.toString()).with(as("qinghe.leader")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(cells(page, "form-VISIT")).containsExactly("来访", "3", "4", "-25.00%", "7", "9", "-22.22%");
		assertThat(cells(page, "form-ONLINE")).containsExactly("网上信访", "2", "0", "—", "2", "0", "—");
		assertThat(cells(page, "form-PHONE")).containsExactly("来电", "1", "1", "+0.00%", "33", "32", "+3.13%");
		String dashboard = mvc.perform(get("/dashboard").param("region", FORMS_VILLAGE).param("from", from.toString())
			.param("to", today.toString()).with(as("qinghe.leader"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		// the dashboard writes changes as every count's: the difference and the percent to one decimal
		assertThat(dashboard).containsPattern("(?s)id=\"petition-form-VISIT\">.*?3 批 7 人次.*?-1（-25\\.0%）.*?-2（-22\\.2%）.*?</li>")
			.containsPattern("(?s)id=\"petition-form-LETTER\">.*?0 批 0 人次.*?（-100\\.0%）.*?</li>");
	}

	@Test
	void the_form_filter_narrows_the_list_the_ledger_and_the_page() throws Exception {
		formsFixture();
		mvc.perform(get("/api/v1/petitions").param("regionCode", FORMS_VILLAGE).with(as("qinghe.leader")))
			.andExpect(jsonPath("$.page.totalElements").value(14));
		mvc.perform(get("/api/v1/petitions").param("regionCode", FORMS_VILLAGE).param("form", "VISIT").param("size", "50").with(as("qinghe.leader")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.page.totalElements").value(7))
			.andExpect(jsonPath("$.content[*].form").value(Matchers.everyItem(Matchers.is("VISIT"))));
		mvc.perform(get("/api/v1/petitions").param("regionCode", FORMS_VILLAGE).param("form", "LETTER").with(as("qinghe.leader")))
			.andExpect(jsonPath("$.page.totalElements").value(3));
		mvc.perform(get("/api/v1/petitions").param("form", "FAX").with(as("qinghe.leader")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("form"));
		byte[] xlsx = mvc.perform(get("/petitions/export").param("regionCode", FORMS_VILLAGE).param("form", "ONLINE").with(as("qinghe.leader")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
			var sheet = workbook.getSheetAt(0);
			assertThat(sheet.getLastRowNum()).isEqualTo(2);
			assertThat(sheet.getRow(1).getCell(2).getStringCellValue()).isEqualTo("网上信访");
			assertThat(sheet.getRow(2).getCell(2).getStringCellValue()).isEqualTo("网上信访");
		}
		String page = mvc.perform(get("/petitions").param("regionCode", FORMS_VILLAGE).param("form", "PHONE").with(as("qinghe.leader")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("共 2 条").contains("<option value=\"PHONE\" selected=\"selected\">来电</option>")
			.containsPattern("href=\"/petitions/export\\?[^\"]*form=PHONE");
	}

	/** The cells of a table row by its id, as text. */
	private static java.util.List<String> cells(String page, String rowId) {
		java.util.regex.Matcher tr = java.util.regex.Pattern.compile("(?s)<tr id=\"" + rowId + "\">(.*?)</tr>").matcher(page);
		assertThat(tr.find()).as("row %s", rowId).isTrue();
		java.util.regex.Matcher cell = java.util.regex.Pattern.compile("<t[hd][^>]*>([^<]*)</t[hd]>").matcher(tr.group(1));
		java.util.List<String> cells = new java.util.ArrayList<>();
		while (cell.find()) {
			cells.add(cell.group(1).strip());
		}
		return cells;
	}

	@Test
	void roles_without_the_right_and_places_outside_the_scope_are_refused() throws Exception {
		for (String path : new String[] {"/api/v1/petitions", "/api/v1/petitions/stats", "/petitions", "/petitions/stats", "/petitions/export"}) {
			mvc.perform(get(path).with(as("mzj.staff"))).andExpect(status().isForbidden());
			mvc.perform(get(path).with(as("gaomiao.grid1"))).andExpect(status().isForbidden());
		}
		long id = register(petition(GAOMIAO, "TOWNSHIP", 1, "13600000031", LocalDate.now(WorkingCalendar.ZONE), "事项"));
		// village cadres and the supervisor read but do not register or close out
		mvc.perform(get("/api/v1/petitions/" + id).with(as("gaomiao.cadre"))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/petitions/" + id).with(as("supervisor"))).andExpect(status().isOk());
		send("gaomiao.cadre", "/api/v1/petitions", petition(GAOMIAO, "TOWNSHIP", 1, "13600000032", LocalDate.now(WorkingCalendar.ZONE)), 403);
		send("supervisor", "/api/v1/petitions/" + id + "/items/request", "{\"item\":1,\"evidence\":\"监督人员不能申请销号\",\"version\":" + version(id) + "}", 403);
		// another township sees nothing of it
		mvc.perform(get("/api/v1/petitions/" + id).with(as("ganquan.leader"))).andExpect(status().isNotFound());
		mvc.perform(get("/petitions/" + id).with(as("ganquan.leader"))).andExpect(status().isNotFound());
		send("ganquan.leader", "/api/v1/petitions/" + id + "/items/request", "{\"item\":1,\"evidence\":\"越权申请销号的佐证\",\"version\":" + version(id) + "}", 404);
		mvc.perform(get("/api/v1/petitions/stats").param("region", GAOMIAO).with(as("ganquan.leader"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/petitions").param("size", "200").with(as("ganquan.leader")))
			.andExpect(jsonPath("$.content[?(@.id == " + id + ")]").isEmpty());
		// a case owner must reach the place; a grid worker is no owner
		mvc.perform(post("/api/v1/petitions").with(csrf()).with(as("qinghe.staff")).contentType(MediaType.APPLICATION_JSON)
			.content(petition(GAOMIAO, "TOWNSHIP", 1, "13600000033", LocalDate.now(WorkingCalendar.ZONE)).replace("qinghe.leader", "ganquan.leader")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("ownerUsername"));
		mvc.perform(post("/api/v1/petitions").with(csrf()).with(as("qinghe.staff")).contentType(MediaType.APPLICATION_JSON)
			.content(petition(GAOMIAO, "TOWNSHIP", 1, "13600000033", LocalDate.now(WorkingCalendar.ZONE)).replace("qinghe.leader", "gaomiao.grid1")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("ownerUsername"));
		// the page form shows the problem and keeps the matter typed
		mvc.perform(post("/petitions").with(csrf()).with(as("qinghe.staff")).param("regionCode", GAOMIAO).param("levelReached", "TOWNSHIP")
			.param("matter", "页面登记的信访事项").param("petitioners[0].name", "甲").param("petitioners[0].phone", "123"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(Matchers.allOf(Matchers.containsString("页面登记的信访事项"), Matchers.containsString("电话号码格式不正确"))));
	}

}
