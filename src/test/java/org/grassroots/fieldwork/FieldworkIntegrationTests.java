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

/** Visits and patrols from the phone: scoped, idempotent on replay, and a visit's need becomes an appeal. */
class FieldworkIntegrationTests extends IntegrationTestSupport {

	private String visit(String key, long household, String extra) {
		return "{\"clientKey\":\"" + key + "\",\"householdId\":" + household + ",\"purpose\":\"KEY_GROUP\",\"heard\":\"老人身体还好\"" + extra + "}";
	}

	@Test
	void a_visit_sent_twice_is_stored_once() throws Exception {
		long household = householdIdIn(GAOMIAO_GRID1);
		String key = UUID.randomUUID().toString();
		long before = count("SELECT COUNT(*) FROM fieldwork_visit");
		mvc.perform(post("/api/v1/visits").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content(visit(key, household, ""))).andExpect(status().isCreated()).andExpect(jsonPath("$.regionCode").value(GAOMIAO_GRID1));
		mvc.perform(post("/api/v1/visits").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content(visit(key, household, ""))).andExpect(status().isOk()).andExpect(jsonPath("$.clientKey").value(key));
		assertThat(count("SELECT COUNT(*) FROM fieldwork_visit")).isEqualTo(before + 1);
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE entity_type = 'visit' AND actor = 'gaomiao.grid1'")).isPositive();
	}

	@Test
	void a_need_found_on_a_visit_becomes_a_grid_workers_appeal() throws Exception {
		long household = householdIdIn(GAOMIAO_GRID1);
		long appeals = count("SELECT COUNT(*) FROM appeals_appeal WHERE channel = 'GRID' AND submitted_by = 'gaomiao.grid1'");
		mvc.perform(post("/api/v1/visits").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content(visit(UUID.randomUUID().toString(), household,
					",\"needs\":\"屋顶漏雨需要维修\",\"followUp\":\"APPEAL\",\"appealCategory\":\"OTHER\"")))
			.andExpect(status().isCreated());
		assertThat(count("SELECT COUNT(*) FROM appeals_appeal WHERE channel = 'GRID' AND submitted_by = 'gaomiao.grid1'")).isEqualTo(appeals + 1);
		assertThat(jdbc.sql("SELECT description || '|' || region_path FROM appeals_appeal WHERE channel = 'GRID' AND submitted_by = 'gaomiao.grid1' ORDER BY id DESC LIMIT 1")
			.query(String.class).single()).startsWith("屋顶漏雨需要维修|").contains("/" + GAOMIAO_GRID1 + "/");
		// without the needs, nothing goes on and nothing is stored
		long visits = count("SELECT COUNT(*) FROM fieldwork_visit");
		mvc.perform(post("/api/v1/visits").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content(visit(UUID.randomUUID().toString(), household, ",\"followUp\":\"APPEAL\"")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("needs"));
		assertThat(count("SELECT COUNT(*) FROM fieldwork_visit")).isEqualTo(visits);
	}

	@Test
	void visits_and_patrols_stay_in_scope() throws Exception {
		long foreign = householdIdIn(XISHANG);
		mvc.perform(post("/api/v1/visits").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content(visit(UUID.randomUUID().toString(), foreign, ""))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("householdId"));
		mvc.perform(post("/api/v1/visits").with(csrf()).with(as("supervisor")).contentType(MediaType.APPLICATION_JSON)
			.content(visit(UUID.randomUUID().toString(), householdIdIn(GAOMIAO_GRID1), ""))).andExpect(status().isForbidden());
		String list = mvc.perform(get("/api/v1/visits").param("size", "200").with(as("xishang.cadre"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(list).doesNotContain(GAOMIAO_GRID1);
		mvc.perform(get("/api/v1/visits").param("regionCode", GAOMIAO).with(as("xishang.cadre"))).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/patrols").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"clientKey\":\"" + UUID.randomUUID() + "\",\"regionCode\":\"" + XISHANG + "\"}")).andExpect(status().isBadRequest());
	}

	@Test
	void a_patrol_is_started_once_and_ended_by_its_patroller() throws Exception {
		String key = UUID.randomUUID().toString();
		String body = "{\"clientKey\":\"" + key + "\",\"regionCode\":\"" + GAOMIAO_GRID1 + "\",\"routeText\":\"一组至三组\"}";
		String created = mvc.perform(post("/api/v1/patrols").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content(body)).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		long id = Long.parseLong(created.replaceAll("(?s)^\\{\"id\":(\\d+),.*", "$1"));
		mvc.perform(post("/api/v1/patrols").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isOk()).andExpect(jsonPath("$.id").value(id));
		mvc.perform(post("/api/v1/patrols/" + id + "/end").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"findings\":\"x\"}")).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/patrols/" + id + "/end").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"findings\":\"二组路口井盖缺失\"}"))
			.andExpect(status().isOk()).andExpect(jsonPath("$.findings").value("二组路口井盖缺失"))
			.andExpect(jsonPath("$.endedAt").isNotEmpty());
	}

}
