package org.grassroots.disputes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.grassroots.IntegrationTestSupport;
import org.grassroots.calendar.WorkingCalendar;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Dispute cases from registration to follow-up, the shared boundary case, screening rounds and the figures. */
class DisputesIntegrationTests extends IntegrationTestSupport {

	private static final String QINGHE = "620799100000";
	private static final String GANQUAN = "620799200000";
	private static final String FIGURES_VILLAGE = "620799100298";

	private long id(String json) {
		return Long.parseLong(json.replaceAll("(?s)^\\{\"id\":(\\d+),.*", "$1"));
	}

	private int version(long id, String as) throws Exception {
		String body = mvc.perform(get("/api/v1/disputes/" + id).with(as(as))).andReturn().getResponse().getContentAsString();
		return Integer.parseInt(body.replaceAll("(?s).*\"version\":(\\d+).*", "$1"));
	}

	private long register(String as, String region, String partner, String type) throws Exception {
		String body = mvc.perform(post("/api/v1/disputes").with(csrf()).with(as(as)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"type\":\"" + type + "\",\"risk\":\"MEDIUM\",\"summary\":\"两户因宅基地界址和排水沟走向发生争执\",\"regionCode\":\"" + region + "\""
					+ (partner == null ? "" : ",\"partnerRegionCode\":\"" + partner + "\"")
					+ ",\"parties\":[{\"name\":\"王大山\",\"phone\":\"13800138000\"},{\"name\":\"李小河\"}]}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return id(body);
	}

	private void send(String as, String path, String json, int expected) throws Exception {
		mvc.perform(post(path).with(csrf()).with(as(as)).contentType(MediaType.APPLICATION_JSON).content(json))
			.andExpect(status().is(expected));
	}

	@Test
	void a_case_goes_from_registration_through_mediation_to_a_printed_agreement_and_its_follow_up() throws Exception {
		long resident = residentIdIn(GAOMIAO);
		String body = mvc.perform(post("/api/v1/disputes").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"type\":\"NEIGHBOUR\",\"source\":\"WALK_IN\",\"summary\":\"邻居在界墙边堆放柴草，双方多次争吵\",\"regionCode\":\"" + GAOMIAO
					+ "\",\"placeText\":\"高庙村一组\",\"parties\":[{\"residentId\":" + resident + "},{\"name\":\"外村人 赵四\",\"phone\":\"13912345678\"}]}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.caseNumber").value(Matchers.startsWith("TJ")))
			.andExpect(jsonPath("$.status").value("OPEN"))
			.andExpect(jsonPath("$.level").value("VILLAGE"))
			.andExpect(jsonPath("$.committee").value("高庙村人民调解委员会"))
			.andExpect(jsonPath("$.parties[0].residentId").value(resident))
			.andExpect(jsonPath("$.parties[1].phone").value("139****5678"))
			.andReturn().getResponse().getContentAsString();
		long id = id(body);
		assertThat(body).doesNotContain("13912345678");
		// a lawyer from the township's roster and the village's own cadre mediate
		String lawyer = mvc.perform(post("/api/v1/disputes/professionals").with(csrf()).with(as("qinghe.leader"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"周律师\",\"kind\":\"LAWYER\",\"organisation\":\"青山律师事务所\",\"phone\":\"13700001111\",\"regionCode\":\"" + QINGHE + "\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		long lawyerId = id(lawyer);
		send("gaomiao.cadre", "/api/v1/disputes/" + id + "/mediators", "{\"username\":\"gaomiao.cadre\",\"version\":" + version(id, "gaomiao.cadre") + "}", 200);
		send("gaomiao.cadre", "/api/v1/disputes/" + id + "/mediators", "{\"professionalId\":" + lawyerId + ",\"version\":" + version(id, "gaomiao.cadre") + "}", 200);
		String today = LocalDate.now(WorkingCalendar.ZONE).toString();
		send("gaomiao.cadre", "/api/v1/disputes/" + id + "/sessions", "{\"heldOn\":\"" + today + "\",\"kind\":\"NEIGHBOUR_YARD\",\"place\":\"邻里小院\","
				+ "\"attendees\":\"双方当事人、组长\",\"minutes\":\"各自陈述，组长讲明界墙归属\",\"version\":" + version(id, "gaomiao.cadre") + "}", 200);
		mvc.perform(get("/api/v1/disputes/" + id).with(as("gaomiao.cadre")))
			.andExpect(jsonPath("$.status").value("MEDIATING"))
			.andExpect(jsonPath("$.mediators.length()").value(2))
			.andExpect(jsonPath("$.mediators[1].kind").value("LAWYER"))
			.andExpect(jsonPath("$.sessions[0].kind").value("NEIGHBOUR_YARD"));
		int v = version(id, "gaomiao.cadre");
		// a stale version is a conflict; settling without an agreement is refused beside the field
		send("gaomiao.cadre", "/api/v1/disputes/" + id + "/close", "{\"outcome\":\"SETTLED\",\"agreementText\":\"柴草三日内移走，界墙两侧各留一米通道。\",\"version\":" + (v - 1) + "}", 409);
		mvc.perform(post("/api/v1/disputes/" + id + "/close").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"outcome\":\"SETTLED\",\"version\":" + v + "}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("agreementText"));
		send("gaomiao.cadre", "/api/v1/disputes/" + id + "/close", "{\"outcome\":\"SETTLED\",\"agreementText\":\"柴草三日内移走，界墙两侧各留一米通道。\",\"version\":" + v + "}", 200);
		mvc.perform(get("/api/v1/disputes/" + id).with(as("gaomiao.cadre")))
			.andExpect(jsonPath("$.status").value("SETTLED"))
			.andExpect(jsonPath("$.followUpDue").value(LocalDate.now(WorkingCalendar.ZONE).plusDays(30).toString()));
		// settling twice is not a step a settled case allows
		mvc.perform(post("/api/v1/disputes/" + id + "/close").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"outcome\":\"NOT_SETTLED\",\"note\":\"x\",\"version\":" + version(id, "gaomiao.cadre") + "}"))
			.andExpect(status().isConflict()).andExpect(jsonPath("$.step").value("dispute.step.close"))
			.andExpect(jsonPath("$.state").value("SETTLED"));
		// the agreement prints as a PDF with the Chinese text in it
		byte[] pdf = mvc.perform(get("/disputes/" + id + "/agreement.pdf").with(as("gaomiao.cadre")))
			.andExpect(status().isOk()).andExpect(content().contentType(MediaType.APPLICATION_PDF))
			.andReturn().getResponse().getContentAsByteArray();
		java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/screenshots"));
		java.nio.file.Files.write(java.nio.file.Path.of("target/screenshots/agreement.pdf"), pdf);
		try (var document = Loader.loadPDF(pdf)) {
			new org.apache.pdfbox.rendering.PDFRenderer(document).renderImageWithDPI(0, 60)
				.flush();
			// read without the spacing of the letter-spaced title and the justified lines
			String text = new PDFTextStripper().getText(document).replaceAll("[\\s\\u3000]", "");
			assertThat(text).contains("人民调解协议书").contains("柴草三日内移走").contains("外村人赵四").contains("高庙村人民调解委员会")
				.contains("周律师").doesNotContain("13912345678");
		}
		mvc.perform(get("/disputes/" + id + "/agreement.pdf").with(as("xishang.cadre"))).andExpect(status().isNotFound());
		// the follow-up finds it broken: back into mediation; settled again, then it holds
		send("gaomiao.cadre", "/api/v1/disputes/" + id + "/follow-up", "{\"holds\":false,\"note\":\"柴草未移走\",\"version\":" + version(id, "gaomiao.cadre") + "}", 200);
		mvc.perform(get("/api/v1/disputes/" + id).with(as("gaomiao.cadre")))
			.andExpect(jsonPath("$.status").value("MEDIATING")).andExpect(jsonPath("$.reopenCount").value(1));
		send("gaomiao.cadre", "/api/v1/disputes/" + id + "/close", "{\"outcome\":\"SETTLED\",\"agreementText\":\"柴草当日移走，村里监督。\",\"version\":" + version(id, "gaomiao.cadre") + "}", 200);
		send("gaomiao.cadre", "/api/v1/disputes/" + id + "/follow-up", "{\"holds\":true,\"version\":" + version(id, "gaomiao.cadre") + "}", 200);
		mvc.perform(get("/api/v1/disputes/" + id).with(as("gaomiao.cadre")))
			.andExpect(jsonPath("$.status").value("SETTLED")).andExpect(jsonPath("$.followUpHolds").value(true));
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE entity_type = 'dispute' AND entity_id = ?", String.valueOf(id)))
			.isGreaterThanOrEqualTo(9);
		// the case page shows it all
		mvc.perform(get("/disputes/" + id).with(as("gaomiao.cadre"))).andExpect(status().isOk())
			.andExpect(content().string(Matchers.allOf(Matchers.containsString("邻里小院"), Matchers.containsString("打印调解协议书"),
					Matchers.containsString("139****5678"))));
	}

	@Test
	void a_boundary_case_is_seen_and_worked_on_by_the_partner_township_and_nothing_else_of_the_other_is() throws Exception {
		long shared = register("qinghe.leader", GAOMIAO, GANQUAN, "LAND_BOUNDARY");
		long own = register("qinghe.leader", GAOMIAO, null, "NEIGHBOUR");
		mvc.perform(get("/api/v1/disputes/" + shared).with(as("ganquan.leader"))).andExpect(status().isOk())
			.andExpect(jsonPath("$.partnerRegionName").value("甘泉乡")).andExpect(jsonPath("$.level").value("TOWNSHIP"))
			.andExpect(jsonPath("$.committee").value("清河镇人民调解委员会"));
		send("ganquan.leader", "/api/v1/disputes/" + shared + "/sessions", "{\"heldOn\":\"" + LocalDate.now(WorkingCalendar.ZONE)
				+ "\",\"kind\":\"BOUNDARY_JOINT\",\"minutes\":\"两乡镇联合到现场勘界\",\"version\":" + version(shared, "ganquan.leader") + "}", 200);
		send("ganquan.leader", "/api/v1/disputes/" + shared + "/mediators", "{\"username\":\"ganquan.leader\",\"version\":" + version(shared, "ganquan.leader") + "}", 200);
		mvc.perform(get("/api/v1/disputes/" + own).with(as("ganquan.leader"))).andExpect(status().isNotFound());
		mvc.perform(get("/disputes/" + own).with(as("ganquan.leader"))).andExpect(status().isNotFound());
		send("ganquan.leader", "/api/v1/disputes/" + own + "/sessions", "{\"heldOn\":\"" + LocalDate.now(WorkingCalendar.ZONE)
				+ "\",\"kind\":\"BOUNDARY_JOINT\",\"minutes\":\"x\",\"version\":1}", 404);
		mvc.perform(get("/api/v1/disputes").param("size", "200").param("boundary", "true").with(as("ganquan.leader")))
			.andExpect(jsonPath("$.content[?(@.id == " + shared + ")]").isNotEmpty())
			.andExpect(jsonPath("$.content[?(@.id == " + own + ")]").isEmpty());
		mvc.perform(get("/api/v1/disputes").param("size", "200").with(as("ganquan.leader")))
			.andExpect(jsonPath("$.content[?(@.regionName == '高庙村' && @.shared == false)]").isEmpty());
		// a village of the partner township does not see it; the county does
		mvc.perform(get("/api/v1/disputes/" + shared).with(as("xishang.cadre"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/disputes/" + shared).with(as("county.staff"))).andExpect(status().isOk());
		// a boundary case needs another township
		mvc.perform(post("/api/v1/disputes").with(csrf()).with(as("qinghe.leader")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"type\":\"LAND_BOUNDARY\",\"summary\":\"本镇内的山林界线\",\"regionCode\":\"" + GAOMIAO + "\",\"partnerRegionCode\":\"" + QINGHE
					+ "\",\"parties\":[{\"name\":\"甲\"}]}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("partnerRegionCode"));
	}

	@Test
	void the_figures_reproduce_a_seed_130_boundary_cases_120_settled_is_92_31_percent() throws Exception {
		if (count("SELECT COUNT(*) FROM registry_region WHERE code = ?", FIGURES_VILLAGE) == 0) {
			mvc.perform(post("/registry/regions/" + QINGHE + "/children").with(csrf()).with(as("qinghe.leader")).param("code", FIGURES_VILLAGE)
				.param("name", "化解测试村").param("type", "VILLAGE")).andExpect(status().is3xxRedirection());
		}
		for (int i = 0; i < 130; i++) {
			long id = register("qinghe.leader", FIGURES_VILLAGE, GANQUAN, "LAND_BOUNDARY");
			if (i < 120) {
				send("qinghe.leader", "/api/v1/disputes/" + id + "/close", "{\"outcome\":\"SETTLED\",\"agreementText\":\"按现场勘定的界桩为准，各自管护。\",\"version\":1}", 200);
			}
			else if (i < 126) {
				send("qinghe.leader", "/api/v1/disputes/" + id + "/close", "{\"outcome\":\"NOT_SETTLED\",\"note\":\"一方不同意\",\"version\":1}", 200);
			}
			else {
				send("qinghe.leader", "/api/v1/disputes/" + id + "/close", "{\"outcome\":\"REFERRED\",\"referredTo\":\"COURT\",\"version\":1}", 200);
			}
		}
		long neighbours = register("qinghe.leader", FIGURES_VILLAGE, null, "NEIGHBOUR");
		assertThat(neighbours).isPositive();
		LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
		mvc.perform(get("/api/v1/disputes/stats").param("region", FIGURES_VILLAGE).param("from", today.withDayOfYear(1).toString())
			.param("to", today.toString()).with(as("qinghe.leader")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.boundary.received").value(130))
			.andExpect(jsonPath("$.boundary.settled").value(120))
			.andExpect(jsonPath("$.boundary.resolutionRate").value(0.9231))
			.andExpect(jsonPath("$.byType.LAND_BOUNDARY.mediationRate").value(0.9524))
			.andExpect(jsonPath("$.total.received").value(131))
			.andExpect(jsonPath("$.total.open").value(1))
			.andExpect(jsonPath("$.total.resolutionRate").value(0.916))
			.andExpect(jsonPath("$.byLevel.TOWNSHIP.received").value(130))
			.andExpect(jsonPath("$.byLevel.VILLAGE.received").value(1));
		mvc.perform(get("/disputes/stats").param("region", FIGURES_VILLAGE).with(as("qinghe.leader")))
			.andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("化解率 92.31%")));
		// the partner township does not count the cases as its own
		mvc.perform(get("/api/v1/disputes/stats").param("region", GANQUAN).with(as("ganquan.leader")))
			.andExpect(jsonPath("$.total.received").value(Matchers.lessThan(130)));
		mvc.perform(get("/api/v1/disputes/stats").param("region", FIGURES_VILLAGE).with(as("ganquan.leader")))
			.andExpect(status().isNotFound());
		// the ledger holds every case of the village
		byte[] xlsx = mvc.perform(get("/disputes/export").param("regionCode", FIGURES_VILLAGE).with(as("qinghe.leader")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
			assertThat(workbook.getSheetAt(0).getLastRowNum()).isEqualTo(131);
		}
	}

	@Test
	void each_village_reports_its_screening_round_and_a_missing_report_is_flagged() throws Exception {
		// a month before the demo's year of rounds
		String period = YearMonth.now(WorkingCalendar.ZONE).minusMonths(20).toString();
		String body = mvc.perform(post("/api/v1/disputes/screenings").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"regionCode\":\"" + GAOMIAO + "\",\"period\":\"" + period + "\",\"found\":0}"))
			.andExpect(status().isOk()).andExpect(jsonPath("$.state").value("ZERO")).andReturn().getResponse().getContentAsString();
		int v = Integer.parseInt(body.replaceAll("(?s).*\"version\":(\\d+).*", "$1"));
		// reporting again needs the version read
		send("gaomiao.cadre", "/api/v1/disputes/screenings", "{\"regionCode\":\"" + GAOMIAO + "\",\"period\":\"" + period + "\",\"found\":2}", 409);
		send("gaomiao.cadre", "/api/v1/disputes/screenings", "{\"regionCode\":\"" + GAOMIAO + "\",\"period\":\"" + period
				+ "\",\"found\":2,\"note\":\"两起宅基地纠纷\",\"version\":" + v + "}", 200);
		send("gaomiao.cadre", "/api/v1/disputes/screenings", "{\"regionCode\":\"" + GAOMIAO + "\",\"period\":\"" + YearMonth.now(WorkingCalendar.ZONE).plusMonths(1)
				+ "\",\"found\":0}", 400);
		send("xishang.cadre", "/api/v1/disputes/screenings", "{\"regionCode\":\"" + GAOMIAO + "\",\"period\":\"" + period + "\",\"found\":0}", 404);
		send("supervisor", "/api/v1/disputes/screenings", "{\"regionCode\":\"" + GAOMIAO + "\",\"period\":\"" + period + "\",\"found\":0}", 403);
		mvc.perform(get("/api/v1/disputes/screenings").param("region", QINGHE).param("period", period).with(as("qinghe.leader")))
			.andExpect(jsonPath("$.villages[?(@.code == '" + GAOMIAO + "')].state").value(Matchers.contains("FOUND")))
			.andExpect(jsonPath("$.villages[?(@.code == '" + GAOMIAO + "')].found").value(Matchers.contains(2)))
			.andExpect(jsonPath("$.villages[?(@.code == '620799100202')].state").value(Matchers.contains("MISSING")))
			.andExpect(jsonPath("$.reported").value(1));
		String round = mvc.perform(get("/api/v1/disputes/screenings").param("region", QINGHE).param("period", "2020-01").with(as("qinghe.leader")))
			.andReturn().getResponse().getContentAsString();
		assertThat(round).contains("\"reported\":0").doesNotContain("\"FOUND\"").doesNotContain("\"ZERO\"");
		mvc.perform(get("/disputes/screenings").param("period", period).with(as("qinghe.leader"))).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("两起宅基地纠纷")));
	}

	@Test
	void disputes_found_on_visits_and_appeals_referred_to_mediation_become_cases_once() throws Exception {
		long household = householdIdIn(GAOMIAO_GRID1);
		String visit = mvc.perform(post("/api/v1/visits").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"clientKey\":\"" + UUID.randomUUID() + "\",\"householdId\":" + household
					+ ",\"needs\":\"兄弟两家为老宅分割争吵，需要调解\",\"followUp\":\"DISPUTE\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		long visitId = id(visit);
		assertThat(count("SELECT COUNT(*) FROM disputes_case WHERE source = 'VISIT' AND source_ref = ? AND created_by = 'gaomiao.grid1'",
				"visit:" + visitId)).isEqualTo(1);
		long appeal = jdbc.sql("""
				SELECT MIN(id) FROM appeals_appeal WHERE region_path LIKE :p AND status IN ('SUBMITTED', 'ACCEPTED', 'IN_PROGRESS')
				AND level = 'VILLAGE'""").param("p", "%/" + GAOMIAO + "/%").query(Long.class).single();
		String tracking = jdbc.sql("SELECT tracking_code FROM appeals_appeal WHERE id = :id").param("id", appeal).query(String.class).single();
		int version = jdbc.sql("SELECT version FROM appeals_appeal WHERE id = :id").param("id", appeal).query(Integer.class).single();
		send("gaomiao.cadre", "/api/v1/appeals/" + appeal + "/refer-to-mediation", "{\"version\":" + version + ",\"note\":\"属邻里纠纷\"}", 200);
		assertThat(count("SELECT COUNT(*) FROM disputes_case WHERE source = 'APPEAL' AND source_ref = ?", tracking)).isEqualTo(1);
		mvc.perform(post("/api/v1/appeals/" + appeal + "/refer-to-mediation").with(csrf()).with(as("gaomiao.cadre"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + version + "}"))
			.andExpect(status().is4xxClientError());
		assertThat(count("SELECT COUNT(*) FROM disputes_case WHERE source = 'APPEAL' AND source_ref = ?", tracking)).isEqualTo(1);
	}

	@Test
	void roles_without_the_right_and_places_outside_the_scope_are_refused() throws Exception {
		for (String path : new String[] {"/api/v1/disputes", "/api/v1/disputes/stats", "/api/v1/disputes/screenings",
				"/api/v1/disputes/professionals", "/disputes", "/disputes/stats", "/disputes/screenings", "/disputes/export",
				"/disputes/professionals"}) {
			mvc.perform(get(path).with(as("mzj.staff"))).andExpect(status().isForbidden());
		}
		mvc.perform(get("/api/v1/disputes").with(as("supervisor"))).andExpect(status().isOk());
		send("supervisor", "/api/v1/disputes", "{\"type\":\"OTHER\",\"summary\":\"监督人员不能登记\",\"regionCode\":\"" + GAOMIAO
				+ "\",\"parties\":[{\"name\":\"甲\"}]}", 403);
		send("mzj.staff", "/api/v1/disputes", "{}", 403);
		send("gaomiao.cadre", "/api/v1/disputes/professionals", "{\"name\":\"x\",\"kind\":\"JUDGE\",\"organisation\":\"法院\"}", 403);
		long own = register("gaomiao.cadre", GAOMIAO, null, "NEIGHBOUR");
		mvc.perform(get("/api/v1/disputes/" + own).with(as("xishang.cadre"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/disputes").param("regionCode", GAOMIAO).with(as("xishang.cadre"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/disputes/stats").param("region", GAOMIAO).with(as("xishang.cadre"))).andExpect(status().isNotFound());
		send("xishang.cadre", "/api/v1/disputes/" + own + "/close", "{\"outcome\":\"SETTLED\",\"agreementText\":\"越权结案不应成功的协议\",\"version\":1}", 404);
		// a grid worker registers within the grid, not in the next village
		send("gaomiao.grid1", "/api/v1/disputes", "{\"type\":\"NEIGHBOUR\",\"summary\":\"网格员发现的邻里纠纷\",\"regionCode\":\"" + GAOMIAO_GRID1
				+ "\",\"parties\":[{\"name\":\"甲\"}]}", 201);
		mvc.perform(post("/api/v1/disputes").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"type\":\"NEIGHBOUR\",\"summary\":\"越界登记的邻里纠纷\",\"regionCode\":\"" + XISHANG + "\",\"parties\":[{\"name\":\"甲\"}]}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("regionCode"));
		// bad input: no parties, a bad phone — named by the field; the page form keeps what was typed
		mvc.perform(post("/api/v1/disputes").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"type\":\"NEIGHBOUR\",\"summary\":\"没有当事人的纠纷\",\"regionCode\":\"" + GAOMIAO + "\"}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("parties"));
		mvc.perform(post("/api/v1/disputes").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"type\":\"NEIGHBOUR\",\"summary\":\"电话写错的纠纷\",\"regionCode\":\"" + GAOMIAO
					+ "\",\"parties\":[{\"name\":\"甲\"},{\"name\":\"乙\",\"phone\":\"12345\"}]}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("parties[1].phone"));
		mvc.perform(post("/disputes").with(csrf()).with(as("gaomiao.cadre")).param("type", "NEIGHBOUR").param("regionCode", GAOMIAO)
			.param("summary", "页面登记电话写错").param("parties[0].name", "甲").param("parties[1].name", "乙").param("parties[1].phone", "12345"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(Matchers.allOf(Matchers.containsString("第 2 位当事人"), Matchers.containsString("页面登记电话写错"))));
		mvc.perform(post("/disputes").with(csrf()).with(as("gaomiao.cadre")).param("type", "NEIGHBOUR").param("regionCode", GAOMIAO)
			.param("summary", "页面登记的纠纷").param("parties[0].name", "甲").param("parties[0].role", "APPLICANT")
			.param("parties[1].name", "乙").param("parties[1].role", "RESPONDENT"))
			.andExpect(status().is3xxRedirection());
	}

}
