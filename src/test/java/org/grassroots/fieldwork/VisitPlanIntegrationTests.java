package org.grassroots.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Key-group households fall due by their tags' intervals, and a visit takes them off the list. */
class VisitPlanIntegrationTests extends IntegrationTestSupport {

	@Test
	void a_visited_household_is_no_longer_due_and_the_phone_page_lists_the_rest() throws Exception {
		// a household nobody has visited yet, with an empty-nest elder: due at once (the demo year's may all be visited)
		String created = mvc.perform(post("/api/v1/households").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"regionCode\":\"" + GAOMIAO_GRID1 + "\",\"address\":\"计划测试1号\",\"status\":\"RESIDENT\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		long fresh = Long.parseLong(created.replaceAll("(?s)^\\{\"id\":(\\d+),.*", "$1"));
		mvc.perform(post("/api/v1/residents").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"householdId\":" + fresh + ",\"name\":\"计划测试\",\"idNumber\":\"" + freshIdNumber()
					+ "\",\"relation\":\"HEAD\",\"politicalStatus\":\"MASSES\",\"tags\":[\"EMPTY_NEST\"]}"))
			.andExpect(status().isCreated());
		JsonMapper json = JsonMapper.builder().build();
		JsonNode due = json.readTree(mvc.perform(get("/api/v1/visits/due").with(as("gaomiao.grid1"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString());
		assertThat(due.size()).isPositive();
		for (JsonNode d : due) {
			assertThat(d.get("regionCode").asString()).startsWith(GAOMIAO_GRID1);
			assertThat(d.get("intervalDays").asInt()).isBetween(7, 90);
		}
		long household = fresh;
		assertThat(due.findValues("householdId").stream().map(JsonNode::asLong)).contains(fresh);
		mvc.perform(post("/api/v1/visits").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"clientKey\":\"" + UUID.randomUUID() + "\",\"householdId\":" + household + "}")).andExpect(status().isCreated());
		String after = mvc.perform(get("/api/v1/visits/due").with(as("gaomiao.grid1"))).andReturn().getResponse().getContentAsString();
		assertThat(json.readTree(after).size()).isEqualTo(due.size() - 1);
		assertThat(after).doesNotContain("\"householdId\":" + household + ",");
		mvc.perform(get("/m").with(as("gaomiao.grid1"))).andExpect(status().isOk());
		mvc.perform(get("/m").with(as("supervisor"))).andExpect(status().isForbidden());
		mvc.perform(get("/sw.js")).andExpect(status().isOk());
	}

	@Test
	void an_admin_sets_how_often_a_tag_is_visited_and_the_plan_follows() throws Exception {
		mvc.perform(post("/registry/tags").with(csrf()).with(as("admin")).param("code", "WATCHED").param("nameZh", "需关注")
			.param("nameEn", "Watched").param("appliesTo", "RESIDENT").param("visitIntervalDays", "0"))
			.andExpect(status().isBadRequest());
		mvc.perform(post("/registry/tags").with(csrf()).with(as("admin")).param("code", "WATCHED").param("nameZh", "需关注")
			.param("nameEn", "Watched").param("appliesTo", "RESIDENT").param("visitIntervalDays", "3"))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/registry/tags").with(csrf()).with(as("gaomiao.cadre")).param("code", "WATCHED").param("nameZh", "需关注")
			.param("nameEn", "Watched").param("appliesTo", "RESIDENT").param("visitIntervalDays", "30"))
			.andExpect(status().isForbidden());
		String created = mvc.perform(post("/api/v1/households").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"regionCode\":\"" + GAOMIAO_GRID1 + "\",\"address\":\"计划测试2号\",\"status\":\"RESIDENT\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		long household = Long.parseLong(created.replaceAll("(?s)^\\{\"id\":(\\d+),.*", "$1"));
		mvc.perform(post("/api/v1/residents").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"householdId\":" + household + ",\"name\":\"关注测试\",\"idNumber\":\"" + freshIdNumber()
					+ "\",\"relation\":\"HEAD\",\"politicalStatus\":\"MASSES\",\"tags\":[\"WATCHED\"]}"))
			.andExpect(status().isCreated());
		mvc.perform(get("/api/v1/visits/due").with(as("gaomiao.grid1")))
			.andExpect(jsonPath("$[?(@.householdId == " + household + ")].intervalDays").value(org.hamcrest.Matchers.contains(3)));
		// no interval: no longer planned
		mvc.perform(post("/registry/tags").with(csrf()).with(as("admin")).param("code", "WATCHED").param("nameZh", "需关注")
			.param("nameEn", "Watched").param("appliesTo", "RESIDENT")).andExpect(status().is3xxRedirection());
		mvc.perform(get("/api/v1/visits/due").with(as("gaomiao.grid1")))
			.andExpect(jsonPath("$[?(@.householdId == " + household + ")]").isEmpty());
		mvc.perform(get("/registry/tags").with(as("admin"))).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
					org.hamcrest.Matchers.containsString("每 7 天")));
	}

}
