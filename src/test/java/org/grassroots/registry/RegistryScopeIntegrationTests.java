package org.grassroots.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Every registry page and API call sees and changes only the caller's subtree. */
class RegistryScopeIntegrationTests extends IntegrationTestSupport {

	@Test
	void village_cadre_lists_exactly_the_households_of_their_village() throws Exception {
		long inVillage = count("SELECT COUNT(*) FROM registry_household WHERE region_path LIKE ?", "%/" + GAOMIAO + "/%");
		mvc.perform(get("/api/v1/households").param("size", "1").with(as("gaomiao.cadre")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.page.totalElements").value(inVillage));
		mvc.perform(get("/api/v1/residents").param("size", "200").with(as("gaomiao.cadre")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("溪上村"))));
	}

	@Test
	void village_cadre_cannot_open_a_household_or_resident_of_another_village() throws Exception {
		long foreignHousehold = householdIdIn(XISHANG);
		long foreignResident = residentIdIn(XISHANG);
		mvc.perform(get("/registry/households/" + foreignHousehold).with(as("gaomiao.cadre"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/households/" + foreignHousehold).with(as("gaomiao.cadre"))).andExpect(status().isNotFound());
		mvc.perform(get("/registry/residents/" + foreignResident).with(as("gaomiao.cadre"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/residents/" + foreignResident).with(as("gaomiao.cadre"))).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/residents/" + foreignResident + "/reveal").param("field", "ID_NUMBER").with(csrf())
			.with(as("gaomiao.cadre"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/regions/" + XISHANG).with(as("gaomiao.cadre"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/households").param("regionCode", XISHANG).with(as("gaomiao.cadre")))
			.andExpect(status().isNotFound());
		// and the township leader of 甘泉乡 can
		mvc.perform(get("/api/v1/households/" + foreignHousehold).with(as("ganquan.leader"))).andExpect(status().isOk());
	}

	@Test
	void the_region_tree_starts_at_the_callers_node() throws Exception {
		mvc.perform(get("/api/v1/regions").with(as("gaomiao.cadre")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.code").value(GAOMIAO))
			.andExpect(jsonPath("$.type").value("VILLAGE"))
			.andExpect(jsonPath("$.children[0].type").value("GRID"));
		mvc.perform(get("/api/v1/regions").with(as("admin")))
			.andExpect(jsonPath("$.type").value("COUNTY"))
			.andExpect(jsonPath("$.children.length()").value(3));
		mvc.perform(get("/api/v1/regions/" + XISHANG_BLOCK).with(as("ganquan.leader")))
			.andExpect(jsonPath("$.type").value("BLOCK"));
	}

	@Test
	void supervisor_reads_but_cannot_write() throws Exception {
		mvc.perform(get("/api/v1/households").with(as("supervisor"))).andExpect(status().isOk());
		mvc.perform(post("/api/v1/households").with(csrf()).with(as("supervisor")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"regionCode\":\"" + GAOMIAO_GRID1 + "\",\"address\":\"监督测试1号\",\"status\":\"RESIDENT\"}"))
			.andExpect(status().isForbidden());
		long household = householdIdIn(GAOMIAO);
		mvc.perform(put("/api/v1/households/" + household).with(csrf()).with(as("supervisor")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"regionCode\":\"" + GAOMIAO_GRID1 + "\",\"address\":\"改\",\"status\":\"RESIDENT\"}"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/registry/households").with(csrf()).with(as("supervisor")).param("regionCode", GAOMIAO_GRID1)
			.param("address", "监督测试2号").param("status", "RESIDENT")).andExpect(status().isForbidden());
	}

	@Test
	void a_village_cadre_cannot_register_a_household_in_another_village() throws Exception {
		mvc.perform(post("/api/v1/households").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"regionCode\":\"" + XISHANG_BLOCK + "\",\"address\":\"越界1号\",\"status\":\"RESIDENT\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("regionCode"));
		assertThat(count("SELECT COUNT(*) FROM registry_household WHERE address = ?", "越界1号")).isZero();
	}

	@Test
	void lists_and_pages_show_personal_numbers_masked() throws Exception {
		long household = householdIdIn(GAOMIAO);
		String page = mvc.perform(get("/registry/households/" + household).with(as("gaomiao.cadre")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).containsPattern("6207\\*{12}\\d[\\dX]");
		assertThat(page).doesNotContainPattern("620799(19|20)\\d{9}[\\dX]");
		mvc.perform(get("/api/v1/residents/" + residentIdIn(GAOMIAO)).with(as("gaomiao.cadre")))
			.andExpect(jsonPath("$.idNumber").value(org.hamcrest.Matchers.matchesPattern("6207\\*{12}\\d[\\dX]")))
			.andExpect(jsonPath("$.phone").value(org.hamcrest.Matchers.matchesPattern("1\\d\\d\\*{4}\\d{4}")));
	}

	@Test
	void revealing_an_id_number_needs_the_right_and_leaves_an_audit_entry() throws Exception {
		long resident = residentIdIn(GAOMIAO_GRID1);
		long before = count("SELECT COUNT(*) FROM audit_entry WHERE action = 'REVEAL' AND entity_id = ?", String.valueOf(resident));
		mvc.perform(post("/api/v1/residents/" + resident + "/reveal").param("field", "ID_NUMBER").with(csrf())
			.with(as("gaomiao.grid1"))).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/residents/" + resident + "/reveal").param("field", "ID_NUMBER").with(csrf())
			.with(as("gaomiao.cadre")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.value").value(org.hamcrest.Matchers.matchesPattern("620799\\d{11}[\\dX]")));
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'REVEAL' AND entity_id = ? AND actor = 'gaomiao.cadre'",
				String.valueOf(resident))).isEqualTo(before + 1);
	}

	@Test
	void party_lists_are_scoped_too() throws Exception {
		long inVillage = count("SELECT COUNT(*) FROM registry_party_member WHERE region_path LIKE ?", "%/" + GAOMIAO + "/%");
		mvc.perform(get("/api/v1/party-members").param("size", "1").with(as("gaomiao.cadre")))
			.andExpect(jsonPath("$.page.totalElements").value(inVillage));
		long foreignMember = count("SELECT MIN(id) FROM registry_party_member WHERE region_path LIKE ?", "%/" + XISHANG + "/%");
		mvc.perform(get("/api/v1/party-members/" + foreignMember).with(as("gaomiao.cadre"))).andExpect(status().isNotFound());
		mvc.perform(get("/registry/party/members/" + foreignMember).with(as("gaomiao.cadre"))).andExpect(status().isNotFound());
		long foreignOrg = count("SELECT MIN(id) FROM registry_party_org WHERE region_path LIKE ?", "%/" + XISHANG + "/%");
		mvc.perform(get("/api/v1/party-organisations/" + foreignOrg).with(as("gaomiao.cadre"))).andExpect(status().isNotFound());
	}

	@Test
	void writes_without_a_csrf_token_are_refused() throws Exception {
		mvc.perform(post("/registry/households").with(as("gaomiao.cadre")).param("regionCode", GAOMIAO_GRID1)
			.param("address", "无令牌1号").param("status", "RESIDENT")).andExpect(status().isForbidden());
		assertThat(count("SELECT COUNT(*) FROM registry_household WHERE address = ?", "无令牌1号")).isZero();
	}

}
