package org.grassroots.appeals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One policy says which steps a person may take: the API returns it with each appeal, the page shows only those
 * buttons, and every step it leaves out answers 403 (or 409 when the state does not allow it) — no button answers 403.
 */
class AllowedStepsIntegrationTests extends IntegrationTestSupport {

	private final JsonMapper json = JsonMapper.builder().build();

	private JsonNode post(String user, String path, String body, int expected) throws Exception {
		String response = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path).with(csrf())
			.with(as(user)).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().is(expected)).andReturn().getResponse().getContentAsString();
		return expected < 300 ? json.readTree(response) : null;
	}

	private List<String> allowed(JsonNode a) {
		List<String> steps = new ArrayList<>();
		a.get("allowedSteps").forEach(s -> steps.add(s.asString()));
		return steps;
	}

	private String page(String user, long id) throws Exception {
		return mvc.perform(get("/appeals/" + id).with(as(user))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
	}

	@Test
	void a_village_cadre_sees_only_the_steps_the_village_may_take_and_each_works() throws Exception {
		JsonNode a = post("gaomiao.cadre", "/api/v1/appeals", "{\"channel\":\"APPEAL_POINT\",\"categoryCode\":\"ROAD_LIGHTING\","
				+ "\"description\":\"村口路灯坏了，晚上看不见路\",\"regionCode\":\"" + GAOMIAO_GRID1 + "\"}", 201);
		long id = a.get("id").asLong();
		assertThat(allowed(a)).containsExactlyInAnyOrder("ACCEPT", "ESCALATE", "TRANSFER", "MERGE", "REJECT", "MEDIATION");
		String page = page("gaomiao.cadre", id);
		assertThat(page).contains("/appeals/" + id + "/accept", "/appeals/" + id + "/escalate", "/appeals/" + id + "/transfer")
			.doesNotContain("/appeals/" + id + "/extend", "/appeals/" + id + "/whistle", "/appeals/" + id + "/resolve",
					"/appeals/" + id + "/rate", "/appeals/" + id + "/reopen");
		// what it does not offer is refused: extension and whistle are the township's (403), resolve waits for acceptance (409)
		post("gaomiao.cadre", "/api/v1/appeals/" + id + "/extend", "{\"version\":0,\"days\":3,\"note\":\"x\"}", 403);
		post("gaomiao.cadre", "/api/v1/appeals/" + id + "/whistle", "{\"version\":0,\"departments\":\"县民政局\",\"note\":\"x\"}", 403);
		post("gaomiao.cadre", "/api/v1/appeals/" + id + "/resolve", "{\"version\":0,\"note\":\"x\"}", 409);
		a = post("gaomiao.cadre", "/api/v1/appeals/" + id + "/accept", "{\"version\":0}", 200);
		assertThat(allowed(a)).contains("RESOLVE", "ESCALATE").doesNotContain("ACCEPT", "EXTEND", "WHISTLE");
		// escalated, it is the township's: the village is offered nothing and its page has no step buttons left
		a = post("gaomiao.cadre", "/api/v1/appeals/" + id + "/escalate", "{\"version\":1,\"note\":\"涉及跨村线路\"}", 200);
		assertThat(allowed(a)).isEmpty();
		assertThat(page("gaomiao.cadre", id)).doesNotContain("id=\"actions\"", "/appeals/" + id + "/accept");
		post("gaomiao.cadre", "/api/v1/appeals/" + id + "/accept", "{\"version\":2}", 403);
		JsonNode seen = json.readTree(mvc.perform(get("/api/v1/appeals/" + id).with(as("qinghe.leader"))).andReturn().getResponse()
			.getContentAsString());
		assertThat(allowed(seen)).contains("ACCEPT", "EXTEND", "TRANSFER").doesNotContain("ESCALATE", "RESOLVE");
		assertThat(page("qinghe.leader", id)).contains("/appeals/" + id + "/accept", "/appeals/" + id + "/extend");
		// the timeline names people as people know them, not by their usernames
		assertThat(page("qinghe.leader", id)).contains("高庙村党总支书记 张伟").doesNotContain(">gaomiao.cadre<");
	}

	@Test
	void a_supervisor_reads_the_appeal_but_is_offered_no_step() throws Exception {
		JsonNode a = post("gaomiao.cadre", "/api/v1/appeals", "{\"channel\":\"APPEAL_POINT\",\"categoryCode\":\"ENVIRONMENT\","
				+ "\"description\":\"河道垃圾无人清理\",\"regionCode\":\"" + GAOMIAO_GRID1 + "\"}", 201);
		long id = a.get("id").asLong();
		String supervisor = "supervisor";
		JsonNode seen = json.readTree(mvc.perform(get("/api/v1/appeals/" + id).with(as(supervisor))).andReturn().getResponse()
			.getContentAsString());
		assertThat(allowed(seen)).isEmpty();
		post(supervisor, "/api/v1/appeals/" + id + "/accept", "{\"version\":0}", 403);
	}

}
