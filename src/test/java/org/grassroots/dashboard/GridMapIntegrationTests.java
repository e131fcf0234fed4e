package org.grassroots.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The dashboard map: the grids of the scope with their outlines and their counts from the rollups. */
class GridMapIntegrationTests extends IntegrationTestSupport {

	@Test
	void the_map_has_every_grid_of_the_township_with_its_counts() throws Exception {
		String body = mvc.perform(get("/dashboard/map.json").param("region", "620799100000").param("from", "2025-01-01")
			.param("to", "2026-12-31").with(as("qinghe.leader")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.type").value("FeatureCollection"))
			.andReturn().getResponse().getContentAsString();
		JsonNode map = JsonMapper.builder().build().readTree(body);
		long gridsWithOutline = count("SELECT COUNT(*) FROM registry_region WHERE type = 'GRID' AND boundary IS NOT NULL AND path LIKE '%/620799100000/%'");
		assertThat(map.get("features").size()).isEqualTo((int) gridsWithOutline).isGreaterThanOrEqualTo(12);
		JsonNode grid1 = null;
		for (JsonNode f : map.get("features")) {
			assertThat(f.get("geometry").get("type").asString()).isEqualTo("Polygon");
			if (f.get("properties").get("code").asString().equals(GAOMIAO_GRID1)) {
				grid1 = f;
			}
		}
		assertThat(grid1).isNotNull();
		long received = count("SELECT COALESCE(SUM(received),0) FROM dashboard_appeal_daily WHERE region_path LIKE ? AND day_received BETWEEN DATE '2025-01-01' AND DATE '2026-12-31'",
				"%/" + GAOMIAO_GRID1 + "/%");
		assertThat(grid1.get("properties").get("received").asLong()).isEqualTo(received).isPositive();
		mvc.perform(get("/dashboard/map.json").param("region", "620799100000").with(as("xishang.cadre"))).andExpect(status().isNotFound());
	}

}
