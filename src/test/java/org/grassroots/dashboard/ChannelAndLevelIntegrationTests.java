package org.grassroots.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.grassroots.IntegrationTestSupport;
import org.grassroots.calendar.WorkingCalendar;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 李桥乡's headline read from the product: "接诉即办点 140 received, 118 resolved in the village and 22 in the
 * township, 100%". Everything goes through the real API in 清河镇: appeals entered at 高庙村's appeal point, 118
 * resolved by the village, 22 escalated and resolved by the township; beside them 12345 orders, some still open,
 * and orders of the period before and of last year. A category made for this test keeps the demo county out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelAndLevelIntegrationTests extends IntegrationTestSupport {

	private static final String QINGHE = "620799100000";
	private static final String CATEGORY = "LIQIAO_HEADLINE";
	private static final String CATEGORY_NAME = "接诉即办统计测试";

	private final JsonMapper json = JsonMapper.builder().build();

	/** The period asked about: yesterday to tomorrow, so that a run across midnight still finds today's appeals in it. */
	private LocalDate from;
	private LocalDate to;

	@BeforeAll
	void li_qiao_appeals_go_through_the_api() throws Exception {
		LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
		from = today.minusDays(1);
		to = today.plusDays(1);
		mvc.perform(post("/appeals/categories").with(csrf()).with(as("admin")).param("code", CATEGORY).param("nameZh", CATEGORY_NAME)
			.param("nameEn", "Headline test").param("defaultLevel", "VILLAGE").param("responseHours", "4").param("resolutionDays", "5")
			.param("active", "true")).andExpect(status().is3xxRedirection());
		for (int i = 0; i < 140; i++) {
			JsonNode a = submit("APPEAL_POINT", "接诉即办点登记的第" + i + "件诉求");
			long id = a.get("id").asLong();
			if (i < 22) {
				// 大事不出乡: the village hands it up, the township takes and resolves it
				a = step("gaomiao.cadre", id, "escalate", a, "\"note\":\"需乡镇协调解决\"");
				a = step("qinghe.staff", id, "accept", a, null);
				step("qinghe.staff", id, "resolve", a, "\"note\":\"乡镇已协调办结\"");
			}
			else {
				a = step("gaomiao.cadre", id, "accept", a, null);
				step("gaomiao.cadre", id, "resolve", a, "\"note\":\"村里已办结\"");
			}
		}
		// 12345 orders of the period: 10, of which 6 resolved in the village, 2 in the township, 2 still open
		List<String[]> orders = new ArrayList<>();
		java.time.LocalDateTime now = java.time.LocalDateTime.now(WorkingCalendar.ZONE).withSecond(0).withNano(0);
		for (int i = 0; i < 10; i++) {
			// called in the last minutes: a call time after now is refused
			orders.add(order("LQ-NOW-" + i, now.minusMinutes(1 + i).toString().replace('T', ' '), 10 + i));
		}
		// the period before (three days ending the day before yesterday): 3 orders; the same days last year: 4
		for (int i = 0; i < 3; i++) {
			orders.add(order("LQ-PREV-" + i, today.minusDays(3).atTime(9, i).toString().replace('T', ' '), 30 + i));
		}
		for (int i = 0; i < 4; i++) {
			orders.add(order("LQ-LY-" + i, today.minusYears(1).atTime(9, i).toString().replace('T', ' '), 40 + i));
		}
		mvc.perform(multipart("/api/v1/appeals/import-12345").file(new MockMultipartFile("file", "orders.xlsx", null, xlsx(orders)))
			.with(csrf()).with(as("qinghe.staff")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value(17));
		for (int i = 0; i < 8; i++) {
			long id = count("SELECT id FROM appeals_appeal WHERE external_ref = ?", "12345:LQ-NOW-" + i);
			JsonNode a = json.readTree(mvc.perform(get("/api/v1/appeals/" + id).with(as("gaomiao.cadre")))
				.andReturn().getResponse().getContentAsString());
			if (i < 2) {
				a = step("gaomiao.cadre", id, "escalate", a, "\"note\":\"需乡镇协调解决\"");
				a = step("qinghe.staff", id, "accept", a, null);
				step("qinghe.staff", id, "resolve", a, "\"note\":\"乡镇已协调办结\"");
			}
			else {
				a = step("gaomiao.cadre", id, "accept", a, null);
				step("gaomiao.cadre", id, "resolve", a, "\"note\":\"村里已办结\"");
			}
		}
	}

	@Test
	void the_appeal_point_reads_140_received_118_in_the_village_22_in_the_township_and_100_percent() throws Exception {
		mvc.perform(get("/api/v1/appeals/stats").param("region", QINGHE).param("from", from.toString()).param("to", to.toString())
			.param("category", CATEGORY).with(as("qinghe.leader")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.category").value(CATEGORY))
			.andExpect(jsonPath("$.received").value(150))
			.andExpect(jsonPath("$.resolved").value(148))
			.andExpect(jsonPath("$.byChannelAndLevel.APPEAL_POINT.received").value(140))
			.andExpect(jsonPath("$.byChannelAndLevel.APPEAL_POINT.resolved").value(140))
			.andExpect(jsonPath("$.byChannelAndLevel.APPEAL_POINT.resolvedVillage").value(118))
			.andExpect(jsonPath("$.byChannelAndLevel.APPEAL_POINT.resolvedTownship").value(22))
			.andExpect(jsonPath("$.byChannelAndLevel.APPEAL_POINT.resolvedCounty").value(0))
			.andExpect(jsonPath("$.byChannelAndLevel.APPEAL_POINT.resolutionRate").value(1.0))
			// 12345 orders get their own 办结率: 8 of 10
			.andExpect(jsonPath("$.byChannelAndLevel.HOTLINE_12345.received").value(10))
			.andExpect(jsonPath("$.byChannelAndLevel.HOTLINE_12345.resolved").value(8))
			.andExpect(jsonPath("$.byChannelAndLevel.HOTLINE_12345.resolvedVillage").value(6))
			.andExpect(jsonPath("$.byChannelAndLevel.HOTLINE_12345.resolvedTownship").value(2))
			.andExpect(jsonPath("$.byChannelAndLevel.HOTLINE_12345.resolutionRate").value(0.8))
			.andExpect(jsonPath("$.byChannelAndLevel.length()").value(2));
	}

	@Test
	void a_channel_filter_narrows_every_figure_of_the_answer() throws Exception {
		mvc.perform(get("/api/v1/appeals/stats").param("region", QINGHE).param("from", from.toString()).param("to", to.toString())
			.param("category", CATEGORY).param("channel", "HOTLINE_12345").with(as("qinghe.leader")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.channel").value("HOTLINE_12345"))
			.andExpect(jsonPath("$.received").value(10))
			.andExpect(jsonPath("$.resolved").value(8))
			.andExpect(jsonPath("$.resolutionRate").value(0.8))
			.andExpect(jsonPath("$.byLevel.village").value(6))
			.andExpect(jsonPath("$.byLevel.township").value(2))
			.andExpect(jsonPath("$.byChannel.length()").value(1))
			.andExpect(jsonPath("$.byCategory." + CATEGORY).value(10))
			.andExpect(jsonPath("$.byChannelAndLevel.length()").value(1))
			.andExpect(jsonPath("$.byChannelAndLevel.HOTLINE_12345.received").value(10));
		// the village's own rows and a grid's regions read alike
		mvc.perform(get("/api/v1/appeals/stats").param("region", GAOMIAO_GRID1).param("from", from.toString()).param("to", to.toString())
			.param("category", CATEGORY).param("channel", "APPEAL_POINT").with(as("gaomiao.cadre")))
			.andExpect(jsonPath("$.received").value(140))
			.andExpect(jsonPath("$.byLevel.village").value(118));
		mvc.perform(get("/api/v1/appeals/stats").param("region", GAOMIAO).param("from", from.toString()).param("to", to.toString())
			.param("category", CATEGORY).param("channel", "APPEAL_POINT").with(as("gaomiao.cadre")))
			.andExpect(jsonPath("$.received").value(140))
			.andExpect(jsonPath("$.byChannelAndLevel.APPEAL_POINT.resolvedTownship").value(22));
	}

	@Test
	void over_the_demo_county_each_channels_row_adds_up_to_the_unfiltered_figures() throws Exception {
		LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
		String all = mvc.perform(get("/api/v1/appeals/stats").param("region", "620799000000").param("from", today.minusDays(200).toString())
			.param("to", today.toString()).with(as("admin"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		JsonNode whole = json.readTree(all);
		long received = 0;
		long village = 0;
		assertThat(whole.get("byChannelAndLevel").size()).isGreaterThan(2);
		for (var e : whole.get("byChannelAndLevel").properties()) {
			JsonNode row = e.getValue();
			received += row.get("received").asLong();
			village += row.get("resolvedVillage").asLong();
			assertThat(row.get("received").asLong()).isEqualTo(whole.get("byChannel").get(e.getKey()).asLong());
			assertThat(row.get("resolved").asLong())
				.isEqualTo(row.get("resolvedVillage").asLong() + row.get("resolvedTownship").asLong() + row.get("resolvedCounty").asLong());
			// the channel filter alone answers the same row
			mvc.perform(get("/api/v1/appeals/stats").param("region", "620799000000").param("from", today.minusDays(200).toString())
				.param("to", today.toString()).param("channel", e.getKey()).with(as("admin")))
				.andExpect(jsonPath("$.received").value(row.get("received").asLong()))
				.andExpect(jsonPath("$.resolved").value(row.get("resolved").asLong()))
				.andExpect(jsonPath("$.byLevel.township").value(row.get("resolvedTownship").asLong()));
		}
		assertThat(received).isEqualTo(whole.get("received").asLong());
		assertThat(village).isEqualTo(whole.get("byLevel").get("village").asLong());
	}

	@Test
	void an_unknown_channel_or_category_is_refused_with_its_field() throws Exception {
		mvc.perform(get("/api/v1/appeals/stats").param("channel", "FAX").with(as("qinghe.leader")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.length()").value(1))
			.andExpect(jsonPath("$.errors[0].field").value("channel"))
			.andExpect(jsonPath("$.errors[0].message").value("没有这个渠道：FAX"));
		mvc.perform(get("/api/v1/appeals/stats").param("category", "NO_SUCH_THING").param("channel", "hotline_12345")
			.header("Accept-Language", "en").with(as("qinghe.leader")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(Matchers.contains("channel", "category")))
			.andExpect(jsonPath("$.errors[1].message").value("There is no appeal category NO_SUCH_THING"));
		// blank is "all"
		mvc.perform(get("/api/v1/appeals/stats").param("channel", "").param("category", " ").with(as("qinghe.leader")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.channel").value(Matchers.nullValue()));
		// the map behind the page answers the same way
		mvc.perform(get("/dashboard/map.json").param("channel", "FAX").with(as("qinghe.leader")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("channel"));
	}

	@Test
	void the_dashboard_shows_the_channel_by_level_table_and_keeps_the_filter_in_the_url() throws Exception {
		String page = dashboard("APPEAL_POINT");
		assertThat(row(page, "APPEAL_POINT")).containsExactly("接诉即办点", "140", "118", "22", "0", "100.0%");
		assertThat(page).doesNotContain("id=\"channel-HOTLINE_12345\"");
		// a phone scrolls the table inside its box, never the page
		assertThat(page).containsPattern("<div class=\"table-responsive\">\\s*<table[^>]*>\\s*<thead><tr><th scope=\"col\">渠道</th>");
		assertThat(page).containsPattern("<option value=\"APPEAL_POINT\" selected=\"selected\">接诉即办点</option>");
		assertThat(page).containsPattern("<option value=\"" + CATEGORY + "\" selected=\"selected\">" + CATEGORY_NAME + "</option>");
		assertThat(page).contains("channel=APPEAL_POINT&amp;categoryCode=" + CATEGORY);
		assertThat(page).contains("id=\"stat-received\">140<");

		String both = dashboard("");
		assertThat(row(both, "APPEAL_POINT")).containsExactly("接诉即办点", "140", "118", "22", "0", "100.0%");
		assertThat(row(both, "HOTLINE_12345")).containsExactly("12345 热线", "10", "6", "2", "0", "80.0%");
	}

	@Test
	void the_filter_applies_to_the_previous_period_and_last_year_too() throws Exception {
		// the period before holds 3 orders of 12345 and last year's same days 4, none from the appeal point
		String hotline = dashboard("HOTLINE_12345");
		assertThat(hotline).contains("id=\"stat-received\">10<").contains("id=\"previous-received\">3<").contains("id=\"lastYear-received\">4<");
		String point = dashboard("APPEAL_POINT");
		assertThat(point).contains("id=\"previous-received\">0<").contains("id=\"lastYear-received\">0<");
		String all = dashboard("");
		assertThat(all).contains("id=\"stat-received\">150<").contains("id=\"previous-received\">3<").contains("id=\"lastYear-received\">4<");
	}

	@Test
	void an_address_with_an_unknown_channel_shows_the_problem_beside_the_field() throws Exception {
		String page = mvc.perform(get("/dashboard").param("region", QINGHE).param("from", from.toString()).param("to", to.toString())
			.param("category", CATEGORY).param("channel", "FAX").with(as("qinghe.leader")))
			.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("没有这个渠道：FAX").containsPattern("<select class=\"[^\"]*is-invalid\" id=\"channel\"");
		// the category still applies: both channels of it, nothing of the demo county
		assertThat(page).contains("id=\"stat-received\">150<");
	}

	private String dashboard(String channel) throws Exception {
		return mvc.perform(get("/dashboard").param("region", QINGHE).param("from", from.toString()).param("to", to.toString())
			.param("category", CATEGORY).param("channel", channel).with(as("qinghe.leader")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	/** The cells of a channel's row in the table, as text. */
	private static List<String> row(String page, String channel) {
		Matcher tr = Pattern.compile("<tr id=\"channel-" + channel + "\">(.*?)</tr>", Pattern.DOTALL).matcher(page);
		assertThat(tr.find()).as("row of %s", channel).isTrue();
		Matcher cell = Pattern.compile("<t[hd][^>]*>([^<]*)</t[hd]>").matcher(tr.group(1));
		List<String> cells = new ArrayList<>();
		while (cell.find()) {
			cells.add(cell.group(1).strip());
		}
		return cells;
	}

	private JsonNode submit(String channel, String description) throws Exception {
		return json.readTree(mvc.perform(post("/api/v1/appeals").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"channel\":\"" + channel + "\",\"categoryCode\":\"" + CATEGORY + "\",\"description\":\"" + description
					+ "\",\"regionCode\":\"" + GAOMIAO_GRID1 + "\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
	}

	private JsonNode step(String user, long id, String action, JsonNode current, String extra) throws Exception {
		return json.readTree(mvc.perform(post("/api/v1/appeals/" + id + "/" + action).with(csrf()).with(as(user))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"version\":" + current.get("version").asInt() + (extra == null ? "" : "," + extra) + "}"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	private static String[] order(String ticket, String callTime, int n) {
		return new String[] {ticket, callTime, "", "138222200" + n, "12345 转来的工单第 " + ticket + " 号", CATEGORY_NAME, GAOMIAO_GRID1, ""};
	}

	private static byte[] xlsx(List<String[]> rows) throws Exception {
		List<String> headers = List.of("工单编号", "来电时间", "诉求人", "联系电话", "诉求内容", "诉求类型", "地址/所属区域", "办理时限");
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = wb.createSheet("工单");
			Row header = sheet.createRow(0);
			for (int i = 0; i < headers.size(); i++) {
				header.createCell(i).setCellValue(headers.get(i));
			}
			for (int r = 0; r < rows.size(); r++) {
				Row row = sheet.createRow(r + 1);
				for (int c = 0; c < rows.get(r).length; c++) {
					row.createCell(c).setCellValue(rows.get(r)[c]);
				}
			}
			wb.write(out);
			return out.toByteArray();
		}
	}

}
