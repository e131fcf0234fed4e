package org.grassroots.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
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
		JsonMapper json = JsonMapper.builder().build();
		JsonNode due = json.readTree(mvc.perform(get("/api/v1/visits/due").with(as("gaomiao.grid1"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString());
		assertThat(due.size()).isPositive();
		for (JsonNode d : due) {
			assertThat(d.get("regionCode").asString()).startsWith(GAOMIAO_GRID1);
			assertThat(d.get("intervalDays").asInt()).isBetween(7, 90);
		}
		long household = due.get(0).get("householdId").asLong();
		mvc.perform(post("/api/v1/visits").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"clientKey\":\"" + UUID.randomUUID() + "\",\"householdId\":" + household + "}")).andExpect(status().isCreated());
		String after = mvc.perform(get("/api/v1/visits/due").with(as("gaomiao.grid1"))).andReturn().getResponse().getContentAsString();
		assertThat(json.readTree(after).size()).isEqualTo(due.size() - 1);
		assertThat(after).doesNotContain("\"householdId\":" + household + ",");
		mvc.perform(get("/m").with(as("gaomiao.grid1"))).andExpect(status().isOk());
		mvc.perform(get("/m").with(as("supervisor"))).andExpect(status().isForbidden());
		mvc.perform(get("/sw.js")).andExpect(status().isOk());
	}

}
