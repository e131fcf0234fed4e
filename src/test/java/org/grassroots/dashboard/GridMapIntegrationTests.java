package org.grassroots.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard's schematic map: the villages of the scope as the areas nearest their centres, with their names,
 * their counts from the rollups and their 办结率; a village opens its grids; nobody sees a village outside their
 * scope.
 */
class GridMapIntegrationTests extends IntegrationTestSupport {

	private static final String QINGHE = "620799100000";

	private static final String GANQUAN = "620799200000";

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void the_township_map_has_every_placed_village_of_the_township_with_its_counts_and_no_other() throws Exception {
		JsonNode map = map("qinghe.leader", QINGHE, "2025-01-01", "2026-12-31");
		assertThat(map.get("schematic").asBoolean()).isTrue();
		Set<String> codes = new HashSet<>();
		for (JsonNode f : map.get("features")) {
			assertThat(f.get("geometry").get("type").asString()).isEqualTo("Polygon");
			assertThat(f.get("properties").get("type").asString()).isIn("VILLAGE", "COMMUNITY");
			String code = f.get("properties").get("code").asString();
			codes.add(code);
			long received = count("SELECT COALESCE(SUM(received),0) FROM dashboard_appeal_daily WHERE region_path LIKE ? "
					+ "AND day_received BETWEEN DATE '2025-01-01' AND DATE '2026-12-31'", "%/" + code + "/%");
			assertThat(f.get("properties").get("received").asLong()).as(code).isEqualTo(received);
		}
		// every village of the township with a centre of its own or of its grids; villages made by other tests have none
		assertThat(codes).containsExactlyInAnyOrderElementsOf(placedVillages(QINGHE)).contains(GAOMIAO).hasSizeGreaterThanOrEqualTo(4);
		assertThat(codes).noneMatch(c -> c.startsWith("6207992"));
	}

	@Test
	void each_village_lies_in_its_own_area_and_the_areas_do_not_overlap() throws Exception {
		JsonNode map = map("admin", null, "2025-01-01", "2026-12-31");
		assertThat(map.get("features").size()).isEqualTo(placedVillages("620799000000").size()).isGreaterThanOrEqualTo(12);
		List<double[][]> rings = new ArrayList<>();
		for (JsonNode f : map.get("features")) {
			double[][] ring = ring(f);
			rings.add(ring);
			String code = f.get("properties").get("code").asString();
			double lat = jdbc.sql("SELECT centre_lat FROM registry_region WHERE code = ?").param(code).query(Double.class).single();
			double lon = jdbc.sql("SELECT centre_lon FROM registry_region WHERE code = ?").param(code).query(Double.class).single();
			assertThat(inside(ring, lon, lat)).as("centre of %s in its area", code).isTrue();
		}
		// no village's centre lies in another's area
		for (JsonNode f : map.get("features")) {
			String code = f.get("properties").get("code").asString();
			double lat = jdbc.sql("SELECT centre_lat FROM registry_region WHERE code = ?").param(code).query(Double.class).single();
			double lon = jdbc.sql("SELECT centre_lon FROM registry_region WHERE code = ?").param(code).query(Double.class).single();
			assertThat(rings.stream().filter(r -> inside(r, lon, lat)).count()).as(code).isEqualTo(1);
		}
	}

	@Test
	void a_village_opens_its_grids_with_their_counts() throws Exception {
		JsonNode map = map("qinghe.leader", GAOMIAO, "2025-01-01", "2026-12-31");
		List<String> codes = new ArrayList<>();
		for (JsonNode f : map.get("features")) {
			assertThat(f.get("properties").get("type").asString()).isEqualTo("GRID");
			String code = f.get("properties").get("code").asString();
			codes.add(code);
			long received = count("SELECT COALESCE(SUM(received),0) FROM dashboard_appeal_daily WHERE region_path LIKE ? "
					+ "AND day_received BETWEEN DATE '2025-01-01' AND DATE '2026-12-31'", "%/" + code + "/%");
			long resolved = count("SELECT COALESCE(SUM(resolved),0) FROM dashboard_appeal_daily WHERE region_path LIKE ? "
					+ "AND day_received BETWEEN DATE '2025-01-01' AND DATE '2026-12-31'", "%/" + code + "/%");
			assertThat(f.get("properties").get("received").asLong()).isEqualTo(received);
			assertThat(f.get("properties").get("resolved").asLong()).isEqualTo(resolved);
		}
		// the village's grids that have a centre (another test may have edited one and left it without): the demo's
		// second and third grids always keep theirs
		assertThat(codes).contains("62079910020102", "62079910020103");
		List<String> placed = jdbc.sql("SELECT code FROM registry_region WHERE code LIKE ? AND type = 'GRID' AND centre_lat IS NOT NULL")
			.param(GAOMIAO + "%").query(String.class).list();
		assertThat(placed).containsAll(codes);
		String shown = codes.get(0);
		String name = jdbc.sql("SELECT name FROM registry_region WHERE code = ?").param(shown).query(String.class).single();
		// the same map drawn for the page: the village's grids by name, the village's outline, the legend
		String card = mvc.perform(get("/dashboard/map").param("region", GAOMIAO).with(as("qinghe.leader")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(card).contains("id=\"area-" + shown + "\"").contains(">" + name + "</text>").contains("class=\"outline\"")
			.contains("高庙村各网格办结率").contains("id=\"map-legend\"").contains("示意图");
	}

	@Test
	void a_village_dashboard_draws_its_grids_from_the_table_of_its_grids_with_the_same_counts_as_the_map_read_alone() throws Exception {
		// the page reads its grids' figures once, for its table, and draws the map from them; the map read on its own
		// (map.json, the map card) counts the rollups itself: both must agree, grid by grid, for several periods
		for (String[] period : new String[][] {{"2025-01-01", "2026-12-31"}, {"2026-03-01", "2026-05-31"}}) {
			JsonNode alone = map("gaomiao.cadre", GAOMIAO, period[0], period[1]);
			String page = mvc.perform(get("/dashboard").param("period", "custom").param("from", period[0]).param("to", period[1])
				.with(as("gaomiao.cadre"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			int grids = 0;
			for (JsonNode f : alone.get("features")) {
				String code = f.get("properties").get("code").asString();
				java.util.regex.Matcher area = java.util.regex.Pattern
					.compile("id=\"area-" + code + "\"[^>]*data-received=\"(\\d+)\"").matcher(page);
				assertThat(area.find()).as("grid %s drawn on the page", code).isTrue();
				assertThat(Long.parseLong(area.group(1))).as("grid %s, %s", code, period[0]).isEqualTo(f.get("properties").get("received").asLong());
				grids++;
			}
			assertThat(grids).isGreaterThanOrEqualTo(2);
		}
	}

	@Test
	void the_county_map_names_its_villages_draws_the_township_lines_and_explains_itself() throws Exception {
		String page = mvc.perform(get("/dashboard").with(as("county.staff"))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(page).contains("id=\"map-card\"").contains("class=\"township-lines\"").contains("各村（社区）办结率分布");
		for (String village : List.of("高庙村", "河湾村", "新庄村", "柳树村", "溪上村", "茶园村", "桐溪村", "石门村")) {
			assertThat(page).as(village).contains("<title>" + village + "：受理 ");
			assertThat(page).as(village).contains(">" + village + "</text>");
		}
		// the legend: the measure, the classes, no appeals, and that the outlines are derived
		assertThat(page).contains("颜色表示办结率").contains("低于 80%").contains("80%–85%").contains("95% 及以上").contains("本期无诉求")
			.contains("不是实测边界");
		// a township's zoom is offered at the county's
		assertThat(page).contains("data-map-href=\"/dashboard/map?region=620799001000");
	}

	@Test
	void nobody_sees_the_map_of_a_place_outside_their_scope() throws Exception {
		mvc.perform(get("/dashboard/map.json").param("region", QINGHE).with(as("xishang.cadre"))).andExpect(status().isNotFound());
		mvc.perform(get("/dashboard/map.json").param("region", GANQUAN).with(as("qinghe.leader"))).andExpect(status().isNotFound());
		mvc.perform(get("/dashboard/map").param("region", XISHANG).with(as("qinghe.leader"))).andExpect(status().isNotFound());
		// a village cadre's own map is its grids, and only them
		mvc.perform(get("/dashboard/map.json").with(as("gaomiao.cadre")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.features[*].properties.code").value(org.hamcrest.Matchers.everyItem(
					org.hamcrest.Matchers.startsWith(GAOMIAO))));
		// the township leader's page draws 清河镇's villages and none of 甘泉乡's
		String page = mvc.perform(get("/dashboard").with(as("qinghe.leader"))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(page).contains("id=\"area-" + GAOMIAO + "\"").doesNotContain("id=\"area-" + XISHANG + "\"").doesNotContain("溪上村");
	}

	private JsonNode map(String user, String region, String from, String to) throws Exception {
		var request = get("/dashboard/map.json").param("period", "custom").param("from", from).param("to", to);
		if (region != null) {
			request = request.param("region", region);
		}
		return json.readTree(mvc.perform(request.with(as(user))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	/** The villages under a node that the map can place: a centre of their own, or grids with one. */
	private List<String> placedVillages(String code) {
		return jdbc.sql("""
				SELECT v.code FROM registry_region v WHERE v.depth = 2 AND v.path LIKE ?
				AND (v.centre_lat IS NOT NULL OR EXISTS (SELECT 1 FROM registry_region g WHERE g.parent_id = v.id AND g.centre_lat IS NOT NULL))""")
			.param("%/" + code + "/%").query(String.class).list();
	}

	private static double[][] ring(JsonNode feature) {
		JsonNode coordinates = feature.get("geometry").get("coordinates").get(0);
		double[][] ring = new double[coordinates.size()][];
		for (int i = 0; i < coordinates.size(); i++) {
			ring[i] = new double[] {coordinates.get(i).get(0).asDouble(), coordinates.get(i).get(1).asDouble()};
		}
		return ring;
	}

	/** Ray casting, for a closed ring of longitude/latitude. */
	private static boolean inside(double[][] ring, double x, double y) {
		boolean in = false;
		for (int i = 0, j = ring.length - 1; i < ring.length; j = i++) {
			if ((ring[i][1] > y) != (ring[j][1] > y) && x < (ring[j][0] - ring[i][0]) * (y - ring[i][1]) / (ring[j][1] - ring[i][1]) + ring[i][0]) {
				in = !in;
			}
		}
		return in;
	}

}
