package org.grassroots.appeals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A township whistles only the county's recorded departments (a free-text name nobody answers to is refused), and a
 * department finds the whistles waiting for it in its own inbox — nothing else of the county's appeals.
 */
class DepartmentWhistleIntegrationTests extends IntegrationTestSupport {

	private final JsonMapper json = JsonMapper.builder().build();

	private JsonNode call(String user, String path, String body, int expected) throws Exception {
		String response = mvc.perform(post(path).with(csrf()).with(as(user)).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().is(expected)).andReturn().getResponse().getContentAsString();
		return json.readTree(response);
	}

	private JsonNode accepted(String text) throws Exception {
		JsonNode a = call("gaomiao.cadre", "/api/v1/appeals", "{\"channel\":\"PHONE\",\"categoryCode\":\"SOCIAL_ASSISTANCE\","
				+ "\"description\":\"" + text + "\",\"regionCode\":\"" + GAOMIAO_GRID1 + "\"}", 201);
		return call("qinghe.staff", "/api/v1/appeals/" + a.get("id").asLong() + "/accept", "{\"version\":0}", 200);
	}

	@Test
	void a_whistle_names_only_recorded_departments_and_the_department_finds_it_in_its_inbox() throws Exception {
		JsonNode a = accepted("老人低保资格需要民政部门核定");
		long id = a.get("id").asLong();
		int version = a.get("version").asInt();
		// "民政局" is not the county's department "县民政局": refused by its field, nothing whistled
		JsonNode refused = call("qinghe.staff", "/api/v1/appeals/" + id + "/whistle",
				"{\"version\":" + version + ",\"departments\":\"民政局\",\"note\":\"请核定\"}", 400);
		assertThat(refused.toString()).contains("departments").contains("民政局");
		assertThat(count("SELECT COUNT(*) FROM appeals_whistle WHERE appeal_id = ?", id)).isZero();
		// the page offers the county's departments to tick, not a text box
		String page = mvc.perform(get("/appeals/" + id).with(as("qinghe.staff"))).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("name=\"departments\" value=\"县民政局\"", "value=\"县住建局\"");
		// ticked on the page (two boxes), then waiting in the department's inbox, closest deadline first
		mvc.perform(post("/appeals/" + id + "/whistle").with(csrf()).with(as("qinghe.staff")).param("version", String.valueOf(version))
			.param("departments", "县民政局").param("departments", "县住建局").param("note", "请核定低保资格"))
			.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("SELECT department FROM appeals_whistle WHERE appeal_id = ? ORDER BY department").param(id)
			.query(String.class).list()).containsExactlyInAnyOrder("县民政局", "县住建局");
		String code = a.get("trackingCode").asString();
		mvc.perform(get("/api/v1/appeals/inbox").with(as("mzj.staff"))).andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.trackingCode == '" + code + "')].place").value("高庙村 第一网格"))
			.andExpect(jsonPath("$[?(@.trackingCode == '" + code + "')].reportedAt").value(org.hamcrest.Matchers.contains((Object) null)));
		String inbox = mvc.perform(get("/appeals/inbox").with(as("mzj.staff"))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(inbox.substring(inbox.indexOf("id=\"pending\""), inbox.indexOf("</ul>", inbox.indexOf("id=\"pending\"")))).contains(code);
		// a village cadre has no inbox, and its nothing of another department's
		mvc.perform(get("/appeals/inbox").with(as("gaomiao.cadre"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/appeals/inbox").with(as("gaomiao.cadre"))).andExpect(jsonPath("$.length()").value(0));
		// reported in, it leaves the pending list for the recent ones
		int now = json.readTree(mvc.perform(get("/api/v1/appeals/" + id).with(as("mzj.staff"))).andReturn().getResponse()
			.getContentAsString()).get("version").asInt();
		call("mzj.staff", "/api/v1/appeals/" + id + "/report-in", "{\"version\":" + now + ",\"note\":\"已入户核查\"}", 200);
		inbox = mvc.perform(get("/appeals/inbox").with(as("mzj.staff"))).andReturn().getResponse().getContentAsString();
		assertThat(inbox.substring(inbox.indexOf("id=\"pending\""), inbox.indexOf("</ul>", inbox.indexOf("id=\"pending\""))))
			.doesNotContain(code);
		assertThat(inbox.substring(inbox.indexOf("id=\"reported\""))).contains(code);
	}

	@Test
	void an_admin_keeps_the_county_departments_and_a_switched_off_one_cannot_be_whistled() throws Exception {
		mvc.perform(post("/registry/departments").with(csrf()).with(as("gaomiao.cadre")).param("name", "县教育局"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/registry/departments").with(csrf()).with(as("admin")).param("name", "县教育局"))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/registry/departments").with(csrf()).with(as("admin")).param("name", " "))
			.andExpect(status().isBadRequest());
		JsonNode a = accepted("学校门口道路需要教育部门协调");
		long id = a.get("id").asLong();
		a = call("qinghe.staff", "/api/v1/appeals/" + id + "/whistle",
				"{\"version\":" + a.get("version").asInt() + ",\"departments\":\"县教育局\",\"note\":\"请协调\"}", 200);
		assertThat(a.get("whistles").get(0).get("department").asString()).isEqualTo("县教育局");
		long dept = count("SELECT id FROM registry_department WHERE name = '县教育局'");
		mvc.perform(post("/registry/departments/" + dept + "/switch-off").with(csrf()).with(as("admin")))
			.andExpect(status().is3xxRedirection());
		JsonNode b = accepted("另一件需要教育部门的事");
		call("qinghe.staff", "/api/v1/appeals/" + b.get("id").asLong() + "/whistle",
				"{\"version\":" + b.get("version").asInt() + ",\"departments\":\"县教育局\",\"note\":\"请协调\"}", 400);
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE entity_type = 'department' AND summary LIKE '%县教育局%'"))
			.isGreaterThanOrEqualTo(2);
	}

}
