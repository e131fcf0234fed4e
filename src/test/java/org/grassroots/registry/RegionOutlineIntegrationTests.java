package org.grassroots.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Outlines are GeoJSON or refused (issue 18, item 7); one bad outline stored earlier breaks no map; a region's name
 * is text wherever a map shows it.
 */
class RegionOutlineIntegrationTests extends IntegrationTestSupport {

	private static final String QINGHE = "620799100000";

	private static final String GRID2 = "62079910020102";

	@Autowired
	RegionTree tree;

	private org.springframework.test.web.servlet.ResultActions edit(String code, String name, String boundary) throws Exception {
		int version = jdbc.sql("SELECT version FROM registry_region WHERE code = ?").param(code).query(Integer.class).single();
		String type = jdbc.sql("SELECT type FROM registry_region WHERE code = ?").param(code).query(String.class).single();
		var centre = jdbc.sql("SELECT centre_lat, centre_lon FROM registry_region WHERE code = ?").param(code).query().singleRow();
		var request = post("/registry/regions/" + code + "/edit").with(csrf()).with(as("gaomiao.cadre"))
			.param("code", code).param("name", name).param("type", type).param("boundary", boundary)
			.param("version", String.valueOf(version));
		// another test's edit may have left the grid without a centre: then none is sent
		if (centre.get("centre_lat") != null && centre.get("centre_lon") != null) {
			request.param("centreLat", String.valueOf(centre.get("centre_lat"))).param("centreLon", String.valueOf(centre.get("centre_lon")));
		}
		return mvc.perform(request);
	}

	@Test
	void a_malformed_outline_is_refused_beside_its_field_and_the_stored_one_kept() throws Exception {
		String before = jdbc.sql("SELECT boundary FROM registry_region WHERE code = ?").param(GAOMIAO_GRID1).query(String.class).single();
		String name = jdbc.sql("SELECT name FROM registry_region WHERE code = ?").param(GAOMIAO_GRID1).query(String.class).single();
		edit(GAOMIAO_GRID1, name, "{\"type\":\"Polygon\",\"coordinates\":[[[103,35],[104,35],[103,35]]]}")
			.andExpect(status().isBadRequest())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("至少 4 个点")));
		edit(GAOMIAO_GRID1, name, "{\"coordinates\": oops").andExpect(status().isBadRequest())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("JSON 格式不正确")));
		edit(GAOMIAO_GRID1, name, "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}").andExpect(status().isBadRequest())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("中国范围内")));
		assertThat(jdbc.sql("SELECT boundary FROM registry_region WHERE code = ?").param(GAOMIAO_GRID1).query(String.class).single())
			.isEqualTo(before);
		// a good one is saved
		edit(GAOMIAO_GRID1, name, before).andExpect(status().is3xxRedirection());
	}

	@Test
	void a_bad_outline_stored_earlier_breaks_neither_the_map_nor_the_public_form() throws Exception {
		String before = jdbc.sql("SELECT boundary FROM registry_region WHERE code = ?").param(GRID2).query(String.class).single();
		try {
			jdbc.sql("UPDATE registry_region SET boundary = ? WHERE code = ?").param("{\"type\":\"Polygon\",\"coordinates\":[[[\"x\"").param(GRID2).update();
			tree.forget(GRID2);
			mvc.perform(get("/dashboard/map.json").param("region", QINGHE).with(as("qinghe.leader"))).andExpect(status().isOk());
			mvc.perform(get("/dashboard/map.json").with(as("admin"))).andExpect(status().isOk());
			mvc.perform(get("/dashboard/map.json").param("region", GAOMIAO).with(as("qinghe.leader"))).andExpect(status().isOk());
			mvc.perform(get("/dashboard").with(as("qinghe.leader"))).andExpect(status().isOk());
			assertThat(tree.boundaryOf(GRID2)).isEmpty();
			assertThat(tree.shapes("/", RegionType.GRID)).noneMatch(s -> s.node().code().equals(GRID2));
			mvc.perform(get("/q/" + GRID2)).andExpect(status().isOk())
				.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("[[[&quot;x&quot;"))));
		}
		finally {
			jdbc.sql("UPDATE registry_region SET boundary = ? WHERE code = ?").param(before).param(GRID2).update();
		}
	}

	@Test
	void a_name_with_markup_is_shown_as_text_on_the_map() throws Exception {
		String name = jdbc.sql("SELECT name FROM registry_region WHERE code = ?").param(GAOMIAO_GRID1).query(String.class).single();
		String boundary = jdbc.sql("SELECT boundary FROM registry_region WHERE code = ?").param(GAOMIAO_GRID1).query(String.class).single();
		String markup = "<img src=x onerror=alert(1)>一组";
		// the schematic map places grids by their centre: another test's edit may have left this one without
		jdbc.sql("UPDATE registry_region SET centre_lat = 38.97, centre_lon = 100.97 WHERE code = ? AND centre_lat IS NULL")
			.param(GAOMIAO_GRID1).update();
		try {
			edit(GAOMIAO_GRID1, markup, boundary).andExpect(status().is3xxRedirection());
			String card = mvc.perform(get("/dashboard/map").param("region", GAOMIAO).with(as("qinghe.leader")))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			assertThat(card).doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(1)&gt;一组");
			String json = mvc.perform(get("/dashboard/map.json").param("region", GAOMIAO).with(as("qinghe.leader")))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			// data, not markup: the name travels as a JSON string, for a reader to set as text
			assertThat(json).contains("\"name\":\"" + markup + "\"");
		}
		finally {
			edit(GAOMIAO_GRID1, name, boundary);
		}
	}

}
