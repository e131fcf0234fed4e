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

/** Coverage from a constructed grid: three households, two of them key groups, visits to two. */
class CoverageIntegrationTests extends IntegrationTestSupport {

	private static final String GRID = GAOMIAO + "07";

	private long household(String address) throws Exception {
		String body = mvc.perform(post("/api/v1/households").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"regionCode\":\"" + GRID + "\",\"address\":\"" + address + "\",\"status\":\"RESIDENT\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return Long.parseLong(body.replaceAll("(?s)^\\{\"id\":(\\d+),.*", "$1"));
	}

	private void resident(long household, String tag) throws Exception {
		mvc.perform(post("/api/v1/residents").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"householdId\":" + household + ",\"name\":\"覆盖测试\",\"idNumber\":\"" + freshIdNumber()
					+ "\",\"relation\":\"HEAD\",\"politicalStatus\":\"MASSES\",\"tags\":[" + (tag == null ? "" : "\"" + tag + "\"") + "]}"))
			.andExpect(status().isCreated());
	}

	private void visit(long household) throws Exception {
		mvc.perform(post("/api/v1/visits").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"clientKey\":\"" + UUID.randomUUID() + "\",\"householdId\":" + household + "}")).andExpect(status().isCreated());
	}

	@Test
	void coverage_counts_exactly_what_was_visited_and_what_is_due() throws Exception {
		if (count("SELECT COUNT(*) FROM registry_region WHERE code = ?", GRID) == 0) {
			mvc.perform(post("/registry/regions/" + GAOMIAO + "/children").with(csrf()).with(as("gaomiao.cadre")).param("code", GRID)
				.param("name", "覆盖测试网格").param("type", "GRID")).andExpect(status().is3xxRedirection());
		}
		long elder = household("覆盖测试1号");
		long subsistence = household("覆盖测试2号");
		long plain = household("覆盖测试3号");
		resident(elder, "EMPTY_NEST");
		resident(subsistence, "SUBSISTENCE");
		resident(plain, null);
		visit(elder);
		visit(plain);
		visit(plain);
		mvc.perform(post("/api/v1/patrols").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"clientKey\":\"" + UUID.randomUUID() + "\",\"regionCode\":\"" + GRID + "\"}")).andExpect(status().isCreated());
		mvc.perform(get("/api/v1/coverage").param("region", GRID).with(as("gaomiao.cadre")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total.households").value(3))
			.andExpect(jsonPath("$.total.householdsVisited").value(2))
			.andExpect(jsonPath("$.total.visitedShare").value(0.6667))
			.andExpect(jsonPath("$.total.keyGroupHouseholds").value(2))
			.andExpect(jsonPath("$.total.keyGroupDue").value(1))
			.andExpect(jsonPath("$.total.visits").value(3))
			.andExpect(jsonPath("$.total.patrols").value(1));
		mvc.perform(get("/api/v1/coverage").param("region", GAOMIAO).with(as("gaomiao.cadre")))
			.andExpect(jsonPath("$.beneath[?(@.code == '" + GRID + "')].householdsVisited").value(2));
		mvc.perform(get("/api/v1/coverage").param("region", GRID).with(as("xishang.cadre"))).andExpect(status().isNotFound());
	}

	@Test
	void each_line_beneath_equals_a_recount_of_its_own_visits_and_patrols_at_every_level() throws Exception {
		// the lines beneath are counted in one grouped statement per table: each must equal its own count
		String from = "2025-01-01";
		String to = "2026-12-31";
		for (String[] shown : new String[][] {{"county.staff", "620799000000"}, {"qinghe.leader", "620799100000"}, {"gaomiao.cadre", GAOMIAO}}) {
			String body = mvc.perform(get("/api/v1/coverage").param("region", shown[1]).param("from", from).param("to", to).with(as(shown[0])))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			var report = tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
			int lines = 0;
			for (var line : report.get("beneath")) {
				String path = jdbc.sql("SELECT path FROM registry_region WHERE code = ?").param(line.get("code").asString()).query(String.class).single();
				String window = " AND visited_at >= TIMESTAMP WITH TIME ZONE '2025-01-01 00:00:00+08' AND visited_at < TIMESTAMP WITH TIME ZONE '2027-01-01 00:00:00+08'";
				assertThat(line.get("visits").asLong()).as("visits under %s", path)
					.isEqualTo(count("SELECT COUNT(*) FROM fieldwork_visit WHERE region_path LIKE ?" + window, path + "%"));
				assertThat(line.get("householdsVisited").asLong()).as("households visited under %s", path)
					.isEqualTo(count("SELECT COUNT(DISTINCT household_id) FROM fieldwork_visit WHERE region_path LIKE ?" + window, path + "%"));
				assertThat(line.get("patrols").asLong()).as("patrols under %s", path).isEqualTo(count(
						"SELECT COUNT(*) FROM fieldwork_patrol WHERE region_path LIKE ? AND started_at >= TIMESTAMP WITH TIME ZONE '2025-01-01 00:00:00+08' "
								+ "AND started_at < TIMESTAMP WITH TIME ZONE '2027-01-01 00:00:00+08'", path + "%"));
				lines++;
			}
			assertThat(lines).as("lines beneath %s", shown[1]).isGreaterThanOrEqualTo(2);
			long visits = count("SELECT COUNT(*) FROM fieldwork_visit WHERE region_path LIKE ? AND visited_at >= TIMESTAMP WITH TIME ZONE "
					+ "'2025-01-01 00:00:00+08' AND visited_at < TIMESTAMP WITH TIME ZONE '2027-01-01 00:00:00+08'",
					jdbc.sql("SELECT path FROM registry_region WHERE code = ?").param(shown[1]).query(String.class).single() + "%");
			assertThat(report.get("total").get("visits").asLong()).isEqualTo(visits).isPositive();
		}
	}

}
