package org.grassroots.appeals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The list's two level filters: {@code level} is who holds an appeal now, {@code resolvedLevel} who resolved it.
 * Five appeals of a category made for this test, in 高庙村.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResolvedLevelListIntegrationTests extends IntegrationTestSupport {

	private static final String CATEGORY = "LIST_BY_RESOLVER";

	private final JsonMapper json = JsonMapper.builder().build();

	private String villageResolved;
	private String townshipResolved;
	private String escalatedOpen;
	private String reopened;
	private String villageClosed;

	@BeforeAll
	void five_appeals_at_different_levels() throws Exception {
		mvc.perform(post("/appeals/categories").with(csrf()).with(as("admin")).param("code", CATEGORY).param("nameZh", "办结层级测试")
			.param("nameEn", "Resolver test").param("defaultLevel", "VILLAGE").param("responseHours", "4").param("resolutionDays", "5")
			.param("active", "true")).andExpect(status().is3xxRedirection());
		JsonNode a = submit("村里办结的诉求");
		villageResolved = a.get("trackingCode").asString();
		a = step("gaomiao.cadre", a, "accept", null);
		step("gaomiao.cadre", a, "resolve", "\"note\":\"村里办结\"");

		a = submit("乡里办结的诉求");
		townshipResolved = a.get("trackingCode").asString();
		a = step("gaomiao.cadre", a, "escalate", "\"note\":\"需乡镇协调\"");
		a = step("qinghe.staff", a, "accept", null);
		step("qinghe.staff", a, "resolve", "\"note\":\"乡镇办结\"");

		a = submit("上报乡里尚未办结的诉求");
		escalatedOpen = a.get("trackingCode").asString();
		step("gaomiao.cadre", a, "escalate", "\"note\":\"需乡镇协调\"");

		// resolved, then reopened by an unsatisfied resident: resolved by no one for now
		a = submit("办结后不满意重办的诉求");
		reopened = a.get("trackingCode").asString();
		a = step("gaomiao.cadre", a, "accept", null);
		a = step("gaomiao.cadre", a, "resolve", "\"note\":\"村里办结\"");
		step("gaomiao.cadre", a, "rate", "\"rating\":\"UNSATISFIED\"");

		a = submit("村里办结并满意的诉求");
		villageClosed = a.get("trackingCode").asString();
		a = step("gaomiao.cadre", a, "accept", null);
		a = step("gaomiao.cadre", a, "resolve", "\"note\":\"村里办结\"");
		step("gaomiao.cadre", a, "rate", "\"rating\":\"SATISFIED\"");
	}

	@Test
	void resolved_level_lists_the_appeals_each_level_resolved_and_level_those_it_holds() throws Exception {
		assertThat(codes("resolvedLevel", "VILLAGE")).containsExactlyInAnyOrder(villageResolved, villageClosed);
		assertThat(codes("resolvedLevel", "TOWNSHIP")).containsExactly(townshipResolved);
		assertThat(codes("resolvedLevel", "COUNTY")).isEmpty();
		assertThat(codes("level", "VILLAGE")).containsExactlyInAnyOrder(villageResolved, reopened, villageClosed);
		assertThat(codes("level", "TOWNSHIP")).containsExactlyInAnyOrder(townshipResolved, escalatedOpen);
		mvc.perform(get("/api/v1/appeals").param("categoryCode", CATEGORY).param("resolvedLevel", "TOWNSHIP").with(as("gaomiao.cadre")))
			.andExpect(jsonPath("$.content[0].resolvedLevel").value("TOWNSHIP"))
			.andExpect(jsonPath("$.page.totalElements").value(1));
	}

	@Test
	void an_unknown_resolved_level_is_refused_with_its_field() throws Exception {
		mvc.perform(get("/api/v1/appeals").param("resolvedLevel", "TOWN").with(as("gaomiao.cadre")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("resolvedLevel"));
	}

	@Test
	void the_list_page_filters_by_resolved_level_and_its_ledger_follows() throws Exception {
		String page = mvc.perform(get("/appeals").param("categoryCode", CATEGORY).param("resolvedLevel", "TOWNSHIP").with(as("gaomiao.cadre")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains(townshipResolved).doesNotContain(escalatedOpen).doesNotContain(villageResolved)
			.contains("<option value=\"TOWNSHIP\" selected=\"selected\">乡级办结</option>")
			.containsPattern("href=\"/appeals/export\\?[^\"]*resolvedLevel=TOWNSHIP");
		byte[] ledger = mvc.perform(get("/appeals/export").param("categoryCode", CATEGORY).param("resolvedLevel", "VILLAGE")
			.with(as("gaomiao.cadre"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(ledger))) {
			var sheet = book.getSheetAt(0);
			List<String> codes = new ArrayList<>();
			// a title row (area and period), then the header
			for (int r = 2; r <= sheet.getLastRowNum(); r++) {
				codes.add(sheet.getRow(r).getCell(0).getStringCellValue());
			}
			assertThat(codes).containsExactlyInAnyOrder(villageResolved, villageClosed);
		}
	}

	private List<String> codes(String filter, String value) throws Exception {
		JsonNode page = json.readTree(mvc.perform(get("/api/v1/appeals").param("categoryCode", CATEGORY).param(filter, value)
			.param("size", "50").with(as("gaomiao.cadre"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		List<String> codes = new ArrayList<>();
		page.get("content").forEach(row -> codes.add(row.get("trackingCode").asString()));
		return codes;
	}

	private JsonNode submit(String description) throws Exception {
		return json.readTree(mvc.perform(post("/api/v1/appeals").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"channel\":\"APPEAL_POINT\",\"categoryCode\":\"" + CATEGORY + "\",\"description\":\"" + description
					+ "\",\"regionCode\":\"" + GAOMIAO_GRID1 + "\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
	}

	private JsonNode step(String user, JsonNode current, String action, String extra) throws Exception {
		return json.readTree(mvc.perform(post("/api/v1/appeals/" + current.get("id").asLong() + "/" + action).with(csrf()).with(as(user))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"version\":" + current.get("version").asInt() + (extra == null ? "" : "," + extra) + "}"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

}
