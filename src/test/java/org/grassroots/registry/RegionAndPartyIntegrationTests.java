package org.grassroots.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Region nodes (grids, 片/组/邻 and the people on them) and the party tree. */
class RegionAndPartyIntegrationTests extends IntegrationTestSupport {

	@org.springframework.beans.factory.annotation.Autowired
	RegionTree tree;

	@Test
	void a_village_cadre_adds_a_grid_with_its_grid_worker_and_the_phone_is_kept_masked() throws Exception {
		mvc.perform(post("/registry/regions/" + GAOMIAO + "/children").with(csrf()).with(as("gaomiao.cadre"))
			.param("code", GAOMIAO + "09").param("name", "第九网格").param("type", "GRID").param("centreLat", "38.97")
			.param("centreLon", "100.95").param("duties[0].duty", "GRID_WORKER").param("duties[0].personName", "新网格员")
			.param("duties[0].phone", "13912345678"))
			.andExpect(redirectedUrl("/registry/regions/" + GAOMIAO + "09"));
		mvc.perform(get("/api/v1/regions/" + GAOMIAO + "09").with(as("gaomiao.cadre")))
			.andExpect(jsonPath("$.type").value("GRID"))
			.andExpect(jsonPath("$.parentCode").value(GAOMIAO))
			.andExpect(jsonPath("$.duties[0].personName").value("新网格员"))
			.andExpect(jsonPath("$.duties[0].phone").value("139****5678"));
		String stored = jdbc.sql("SELECT phone_cipher FROM registry_region_duty d JOIN registry_region r ON r.id = d.region_id WHERE r.code = ?")
			.param(GAOMIAO + "09").query(String.class).single();
		assertThat(stored).startsWith("v1:").doesNotContain("13912345678");
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE entity_type = 'region' AND entity_id = ? AND action = 'CREATE'", GAOMIAO + "09"))
			.isOne();
	}

	@Test
	void a_member_at_their_target_cannot_take_another_household_and_the_page_says_why() throws Exception {
		long full = count("""
				SELECT MIN(m.id) FROM registry_party_member m WHERE m.region_path LIKE ?
				AND (SELECT COUNT(*) FROM registry_member_household l WHERE l.member_id = m.id) = m.target_households""", "%/" + GAOMIAO + "/%");
		int version = (int) count("SELECT version FROM registry_party_member WHERE id = ?", full);
		long linked = count("SELECT COUNT(*) FROM registry_member_household WHERE member_id = ?", full);
		long candidate = count("SELECT MAX(id) FROM registry_household WHERE region_path LIKE ?", "%/" + GAOMIAO + "/%");
		mvc.perform(post("/registry/party/members/" + full + "/households").with(csrf()).with(as("gaomiao.cadre"))
			.param("householdId", String.valueOf(candidate)).param("version", String.valueOf(version)))
			.andExpect(redirectedUrl("/registry/party/members/" + full))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("linkErrorKey", "party.member.link.full"));
		assertThat(count("SELECT COUNT(*) FROM registry_member_household WHERE member_id = ?", full)).isEqualTo(linked);
		// the date field is filled in ISO form, as <input type="date"> needs
		String joined = jdbc.sql("SELECT joined_on FROM registry_party_member WHERE id = ?").param(full)
			.query(java.time.LocalDate.class).single().toString();
		mvc.perform(get("/registry/party/members/" + full).with(as("gaomiao.cadre")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("value=\"" + joined + "\"")));
	}

	@Test
	void region_codes_and_levels_follow_the_rules() throws Exception {
		// a grid code is the village code plus two digits
		mvc.perform(post("/registry/regions/" + GAOMIAO + "/children").with(csrf()).with(as("gaomiao.cadre"))
			.param("code", "62079910020299").param("name", "错编码").param("type", "GRID"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("编码不符合规则")));
		// a village cannot hang under a village
		mvc.perform(post("/registry/regions/" + GAOMIAO + "/children").with(csrf()).with(as("gaomiao.cadre"))
			.param("code", "620799100299").param("name", "错层级").param("type", "VILLAGE"))
			.andExpect(status().isBadRequest());
		// a household cannot be registered on a village node
		mvc.perform(post("/api/v1/households").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"regionCode\":\"" + GAOMIAO + "\",\"address\":\"村级户\",\"status\":\"RESIDENT\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("regionCode"));
		assertThat(count("SELECT COUNT(*) FROM registry_region WHERE name IN ('错编码', '错层级')")).isZero();
	}

	@Test
	void renaming_a_node_keeps_its_people_and_a_stale_rename_is_refused() throws Exception {
		int version = (int) count("SELECT version FROM registry_region WHERE code = ?", GAOMIAO_GRID1);
		// the tree keeps the node it has read (every intake and scope check asks it)
		String before = tree.byCode(GAOMIAO_GRID1).orElseThrow().name();
		assertThat(before).isNotEqualTo("第一网格（河东）");
		String worker = jdbc.sql("SELECT person_name FROM registry_region_duty d JOIN registry_region r ON r.id = d.region_id WHERE r.code = ?")
			.param(GAOMIAO_GRID1).query(String.class).single();
		mvc.perform(post("/registry/regions/" + GAOMIAO_GRID1 + "/edit").with(csrf()).with(as("gaomiao.cadre"))
			.param("code", GAOMIAO_GRID1).param("name", "第一网格（河东）").param("type", "GRID")
			.param("duties[0].duty", "GRID_WORKER").param("duties[0].personName", worker)
			.param("version", String.valueOf(version)))
			.andExpect(redirectedUrl("/registry/regions/" + GAOMIAO_GRID1));
		// a rename on this node is seen by the tree at once, not after the time it keeps nodes
		assertThat(tree.byCode(GAOMIAO_GRID1).orElseThrow().name()).isEqualTo("第一网格（河东）");
		mvc.perform(get("/api/v1/regions/" + GAOMIAO_GRID1).with(as("gaomiao.cadre")))
			.andExpect(jsonPath("$.name").value("第一网格（河东）"))
			.andExpect(jsonPath("$.boundary").value(org.hamcrest.Matchers.containsString("Polygon")))
			.andExpect(jsonPath("$.duties[0].phone").value(org.hamcrest.Matchers.matchesPattern("1\\d\\d\\*{4}\\d{4}")));
		mvc.perform(post("/registry/regions/" + GAOMIAO_GRID1 + "/edit").with(csrf()).with(as("gaomiao.cadre"))
			.param("code", GAOMIAO_GRID1).param("name", "过期修改").param("type", "GRID").param("version", String.valueOf(version)))
			.andExpect(status().isConflict());
	}

	@Test
	void a_name_changed_on_another_app_node_is_read_again_once_the_kept_time_has_passed() throws Exception {
		RegionTree keptLong = new RegionTree(jdbc, new org.grassroots.shell.ReferenceData(java.time.Duration.ofHours(1)));
		RegionTree keptBriefly = new RegionTree(jdbc, new org.grassroots.shell.ReferenceData(java.time.Duration.ofMillis(50)));
		String name = keptLong.byCode(XISHANG_BLOCK).orElseThrow().name();
		keptBriefly.byCode(XISHANG_BLOCK);
		// another node renames the grid: this node's trees know nothing of it
		jdbc.sql("UPDATE registry_region SET name = :n WHERE code = :c").param("n", name + "（他节点改名）").param("c", XISHANG_BLOCK).update();
		try {
			assertThat(keptLong.byCode(XISHANG_BLOCK).orElseThrow().name()).isEqualTo(name);
			Thread.sleep(100);
			assertThat(keptBriefly.byCode(XISHANG_BLOCK).orElseThrow().name()).isEqualTo(name + "（他节点改名）");
			// what is kept is never a node's place: its id and path are those in the database
			var kept = keptLong.byCode(XISHANG_BLOCK).orElseThrow();
			assertThat(kept.path()).isEqualTo(jdbc.sql("SELECT path FROM registry_region WHERE code = :c").param("c", XISHANG_BLOCK)
				.query(String.class).single());
			// a code not found is not kept: a node added elsewhere is found at once
			assertThat(keptLong.byCode("620799001099")).isEmpty();
		}
		finally {
			jdbc.sql("UPDATE registry_region SET name = :n WHERE code = :c").param("n", name).param("c", XISHANG_BLOCK).update();
		}
	}

	@Test
	void many_nodes_are_read_at_once_by_id_and_code_and_rows_are_named_after_they_are_read() {
		RegionTree tree = new RegionTree(jdbc, new org.grassroots.shell.ReferenceData(java.time.Duration.ZERO));
		long grid = count("SELECT id FROM registry_region WHERE code = ?", GAOMIAO_GRID1);
		long village = count("SELECT id FROM registry_region WHERE code = ?", GAOMIAO);
		String gridName = jdbc.sql("SELECT name FROM registry_region WHERE id = :id").param("id", grid).query(String.class).single();
		String villageName = jdbc.sql("SELECT name FROM registry_region WHERE id = :id").param("id", village).query(String.class).single();

		var nodes = tree.byIds(java.util.List.of(grid, village, -1L));
		assertThat(nodes).containsOnlyKeys(grid, village);
		assertThat(nodes.get(grid).code()).isEqualTo(GAOMIAO_GRID1);
		assertThat(tree.byCodes(java.util.List.of(GAOMIAO, "no-such-code"))).containsOnlyKeys(GAOMIAO);
		assertThat(tree.placeNames(java.util.List.of(grid, village)))
			.containsEntry(grid, villageName + " " + gridName).containsEntry(village, villageName);
		assertThat(RegionNode.codeOf(nodes.get(grid).path())).isEqualTo(GAOMIAO_GRID1);

		// rows finished in their order, each with its node and place name, a vanished region as null and no name
		var rows = tree.finish(java.util.List.of(tree.pending(village, (n, place) -> place), tree.pending(-1L, (n, place) -> n + "|" + place),
				tree.pending(grid, (n, place) -> n.code() + " " + place)));
		assertThat(rows).containsExactly(villageName, "null|", GAOMIAO_GRID1 + " " + villageName + " " + gridName);
	}

	@Test
	void a_party_group_is_added_under_a_grid_branch_and_a_resident_becomes_a_member() throws Exception {
		long gridBranch = count("SELECT MIN(id) FROM registry_party_org WHERE type = 'GRID_BRANCH' AND region_path LIKE ?", "%/" + GAOMIAO_GRID1 + "/%");
		mvc.perform(post("/api/v1/party-organisations").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"第一党小组\",\"type\":\"GROUP\",\"parentId\":" + gridBranch + ",\"regionCode\":\"" + GAOMIAO_GRID1 + "\"}"))
			.andExpect(status().isCreated());
		long group = count("SELECT id FROM registry_party_org WHERE name = '第一党小组'");
		String path = jdbc.sql("SELECT path FROM registry_party_org WHERE id = ?").param(group).query(String.class).single();
		assertThat(path).endsWith("/" + gridBranch + "/" + group + "/");
		// a committee cannot sit under a grid branch
		mvc.perform(post("/api/v1/party-organisations").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"错党委\",\"type\":\"COMMITTEE\",\"parentId\":" + gridBranch + ",\"regionCode\":\"" + GAOMIAO_GRID1 + "\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("type"));
		long resident = count("SELECT MIN(r.id) FROM registry_resident r WHERE r.region_path LIKE ? AND NOT EXISTS (SELECT 1 FROM registry_party_member m WHERE m.resident_id = r.id)",
				"%/" + GAOMIAO_GRID1 + "/%");
		String member = "{\"residentId\":" + resident + ",\"orgId\":" + group + ",\"joinedOn\":\"2010-07-01\",\"targetHouseholds\":5}";
		mvc.perform(post("/api/v1/party-members").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON).content(member))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.mobile").value(false));
		mvc.perform(post("/api/v1/party-members").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON).content(member))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("residentId"));
		long memberId = count("SELECT id FROM registry_party_member WHERE resident_id = ?", resident);
		long household = householdIdIn(GAOMIAO_GRID1);
		mvc.perform(post("/api/v1/party-members/" + memberId + "/households/" + household).param("version", "0").with(csrf())
			.with(as("gaomiao.cadre"))).andExpect(jsonPath("$.householdIds[0]").value(household));
		mvc.perform(get("/registry/households/" + household).with(as("gaomiao.cadre")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("/registry/party/members/" + memberId)));
	}

}
