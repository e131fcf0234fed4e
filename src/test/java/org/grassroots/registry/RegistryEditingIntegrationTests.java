package org.grassroots.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Locale;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Registering and editing through the pages and the API, with validation, 409 and the audit trail. */
class RegistryEditingIntegrationTests extends IntegrationTestSupport {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void a_grid_worker_registers_a_household_and_its_head_through_the_pages() throws Exception {
		mvc.perform(post("/registry/households").with(csrf()).with(as("gaomiao.grid1")).param("regionCode", GAOMIAO_GRID1)
			.param("address", "高庙村一组888号").param("status", "RESIDENT").param("tags", "CIVILISED"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrlPattern("/registry/households/*"));
		long household = count("SELECT id FROM registry_household WHERE address = ?", "高庙村一组888号");
		String id = freshIdNumber();
		mvc.perform(post("/registry/residents").with(csrf()).with(as("gaomiao.grid1")).param("householdId", String.valueOf(household))
			.param("name", "测试户主").param("idNumber", id).param("phone", "13900001111").param("relation", "HEAD")
			.param("politicalStatus", "MASSES").param("status", "PRESENT").param("tags", "VETERAN"))
			.andExpect(status().is3xxRedirection());
		assertThat(count("SELECT COUNT(*) FROM registry_household WHERE id = ? AND head_resident_id IS NOT NULL", household)).isOne();
		// encrypted at rest: the stored column does not hold the number
		String stored = jdbc.sql("SELECT id_number_cipher FROM registry_resident WHERE name = '测试户主'").query(String.class).single();
		assertThat(stored).startsWith("v1:").doesNotContain(id);
		mvc.perform(get("/registry/households/" + household).with(as("gaomiao.grid1")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("测试户主")));
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE entity_type = 'household' AND entity_id = ? AND action = 'CREATE' AND actor = 'gaomiao.grid1'",
				String.valueOf(household))).isOne();
		assertThat(count("SELECT COUNT(*) FROM registry_residence_event e JOIN registry_resident r ON r.id = e.resident_id WHERE r.name = '测试户主' AND e.kind = 'MOVE_IN'")).isOne();
	}

	@Test
	void a_wrong_id_checksum_is_a_field_error_in_the_users_language_and_nothing_is_saved() throws Exception {
		long household = householdIdIn(GAOMIAO_GRID1);
		String good = freshIdNumber();
		String other = freshIdNumber();
		String wrong = other.substring(0, 17) + (other.charAt(17) == '0' ? '1' : '0');
		String body = "{\"householdId\":" + household + ",\"name\":\"校验失败\",\"idNumber\":\"%s\",\"relation\":\"CHILD\",\"politicalStatus\":\"MASSES\"}";
		mvc.perform(post("/api/v1/residents").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content(body.formatted(wrong)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("idNumber"))
			.andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("身份证号")));
		mvc.perform(post("/api/v1/residents").with(csrf()).with(as("gaomiao.cadre")).locale(Locale.ENGLISH)
			.header("Accept-Language", "en").contentType(MediaType.APPLICATION_JSON).content(body.formatted(wrong)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("ID number")));
		// the page form keeps what was typed and marks the field
		mvc.perform(post("/registry/residents").with(csrf()).with(as("gaomiao.cadre")).param("householdId", String.valueOf(household))
			.param("name", "校验失败").param("idNumber", wrong).param("relation", "CHILD").param("politicalStatus", "MASSES"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("is-invalid")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("校验失败")));
		assertThat(count("SELECT COUNT(*) FROM registry_resident WHERE name = '校验失败'")).isZero();
		// a valid one goes in, and the same number a second time is refused
		mvc.perform(post("/api/v1/residents").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content(body.formatted(good))).andExpect(status().isCreated());
		mvc.perform(post("/api/v1/residents").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content(body.formatted(good)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.startsWith("该身份证号已登记在本辖区的户")));
	}

	@Test
	void a_household_has_one_head() throws Exception {
		long household = count("SELECT MIN(id) FROM registry_household WHERE region_path LIKE ? AND head_resident_id IS NOT NULL", "%/" + GAOMIAO + "/%");
		mvc.perform(post("/api/v1/residents").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"householdId\":" + household + ",\"name\":\"第二户主\",\"idNumber\":\"" + freshIdNumber()
					+ "\",\"relation\":\"HEAD\",\"politicalStatus\":\"MASSES\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("relation"))
			.andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.startsWith("该户已有户主")));
	}

	@Test
	void a_stale_edit_gets_409_and_does_not_overwrite() throws Exception {
		long household = householdIdIn(GAOMIAO_GRID1);
		JsonNode current = json.readTree(mvc.perform(get("/api/v1/households/" + household).with(as("gaomiao.cadre")))
			.andReturn().getResponse().getContentAsString());
		int version = current.get("version").asInt();
		String address = current.get("address").asString();
		String template = "{\"regionCode\":\"" + GAOMIAO_GRID1 + "\",\"address\":\"%s\",\"status\":\"RESIDENT\",\"version\":%d}";
		mvc.perform(put("/api/v1/households/" + household).with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content(template.formatted(address + "甲", version))).andExpect(status().isOk());
		mvc.perform(put("/api/v1/households/" + household).with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content(template.formatted(address + "乙", version))).andExpect(status().isConflict());
		assertThat(jdbc.sql("SELECT address FROM registry_household WHERE id = ?").param(household).query(String.class).single())
			.isEqualTo(address + "甲");
		// the page form answers 409 as well
		mvc.perform(post("/registry/households/" + household).with(csrf()).with(as("gaomiao.grid1")).param("regionCode", GAOMIAO_GRID1)
			.param("address", address + "丙").param("status", "RESIDENT").param("version", String.valueOf(version)))
			.andExpect(status().isConflict());
		var before = jdbc.sql("SELECT before_state FROM audit_entry WHERE entity_type = 'household' AND entity_id = ? AND action = 'UPDATE' ORDER BY id DESC")
			.param(String.valueOf(household)).query(String.class).list();
		assertThat(before.get(0)).contains(address);
	}

	@Test
	void moving_a_household_to_another_grid_moves_its_members_and_records_it_in_their_history() throws Exception {
		long household = count("SELECT MAX(id) FROM registry_household WHERE region_path LIKE ? AND head_resident_id IS NOT NULL", "%/" + GAOMIAO_GRID1 + "/%");
		long members = count("SELECT COUNT(*) FROM registry_resident WHERE household_id = ?", household);
		JsonNode current = json.readTree(mvc.perform(get("/api/v1/households/" + household).with(as("gaomiao.cadre")))
			.andReturn().getResponse().getContentAsString());
		String grid2 = GAOMIAO + "02";
		mvc.perform(put("/api/v1/households/" + household).with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"regionCode\":\"" + grid2 + "\",\"address\":\"" + current.get("address").asString() + "\",\"status\":\"RESIDENT\",\"version\":"
					+ current.get("version").asInt() + "}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.regionCode").value(grid2));
		assertThat(count("SELECT COUNT(*) FROM registry_resident WHERE household_id = ? AND region_path LIKE ?", household, "%/" + grid2 + "/"))
			.isEqualTo(members);
		assertThat(count("SELECT COUNT(*) FROM registry_residence_event e JOIN registry_resident r ON r.id = e.resident_id WHERE r.household_id = ? AND e.kind = 'HOUSEHOLD_MOVED'", household))
			.isEqualTo(members);
		// the grid worker of the first grid no longer sees it
		mvc.perform(get("/api/v1/households/" + household).with(as("gaomiao.grid1"))).andExpect(status().isNotFound());
	}

	@Test
	void a_party_member_serves_at_most_their_target_of_households() throws Exception {
		long member = count("SELECT MIN(id) FROM registry_party_member WHERE region_path LIKE ?", "%/" + GAOMIAO_GRID1 + "/%");
		JsonNode m = json.readTree(mvc.perform(get("/api/v1/party-members/" + member).with(as("gaomiao.cadre")))
			.andReturn().getResponse().getContentAsString());
		int linked = m.get("householdIds").size();
		int target = m.get("targetHouseholds").asInt();
		assertThat(target).isBetween(5, 10);
		assertThat(linked).isLessThanOrEqualTo(target);
		String body = "{\"residentId\":%d,\"orgId\":%d,\"joinedOn\":\"2001-07-01\",\"targetHouseholds\":%d,\"mobile\":false,\"version\":%d}";
		mvc.perform(put("/api/v1/party-members/" + member).with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content(body.formatted(m.get("residentId").asLong(), m.get("orgId").asLong(), 11, m.get("version").asInt())))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("targetHouseholds"));
	}

}
