package org.grassroots.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Names are found through an index beyond a village (by how they begin) and anywhere in them within a village or a
 * grid; the page says which; what a person types is matched as typed. Residents are listed household by household.
 */
class NameSearchIntegrationTests extends IntegrationTestSupport {

	private final JsonMapper json = JsonMapper.builder().build();

	/** A demo resident of 高庙村 with a three-character name that no other name in the county begins with its last two of. */
	private String[] someoneOfGaomiao() {
		return jdbc.sql("""
				SELECT CAST(r.id AS VARCHAR(20)), r.name FROM registry_resident r WHERE r.region_path LIKE :p AND LENGTH(r.name) = 3
				AND NOT EXISTS (SELECT 1 FROM registry_resident o WHERE o.name LIKE SUBSTRING(r.name, 2, 2) || '%')
				ORDER BY r.id LIMIT 1""")
			.param("p", "%/" + GAOMIAO + "/%")
			.query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)})
			.single();
	}

	private List<Long> ids(String user, String q, String regionCode) throws Exception {
		var request = get("/api/v1/residents").param("q", q).param("size", "100");
		if (regionCode != null) {
			request = request.param("regionCode", regionCode);
		}
		JsonNode page = json.readTree(mvc.perform(request.with(as(user))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		List<Long> ids = new ArrayList<>();
		page.get("content").forEach(r -> ids.add(r.get("id").asLong()));
		return ids;
	}

	@Test
	void within_a_village_any_part_of_a_name_finds_a_resident_and_beyond_it_the_beginning_does() throws Exception {
		String[] someone = someoneOfGaomiao();
		long id = Long.parseLong(someone[0]);
		String name = someone[1];
		String middle = name.substring(1);
		// the village's cadre, and the county's staff once they choose the village: anywhere in the name
		assertThat(ids("gaomiao.cadre", middle, null)).contains(id);
		assertThat(ids("county.staff", middle, GAOMIAO)).contains(id);
		// the county's staff across the county: by its beginning, which the middle is not
		assertThat(ids("county.staff", middle, null)).doesNotContain(id);
		assertThat(ids("county.staff", name, null)).contains(id);
		assertThat(ids("county.staff", name.substring(0, 2), null)).isNotEmpty()
			.allSatisfy(found -> assertThat(jdbc.sql("SELECT name FROM registry_resident WHERE id = ?").param(found).query(String.class).single())
				.startsWith(name.substring(0, 2)));
		// and the page says how names are found, above the results, only where it matters
		assertThat(mvc.perform(get("/registry/residents").param("q", middle).with(as("county.staff"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString()).contains("按开头的字查找");
		assertThat(mvc.perform(get("/registry/residents").param("q", middle).with(as("gaomiao.cadre"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString()).doesNotContain("按开头的字查找");
	}

	@Test
	void a_household_is_found_by_its_head_name_and_any_part_of_its_address_across_the_county() throws Exception {
		var household = jdbc.sql("""
				SELECT CAST(h.id AS VARCHAR(20)), h.address, r.name FROM registry_household h JOIN registry_resident r ON r.id = h.head_resident_id
				WHERE h.region_path LIKE :p ORDER BY h.id LIMIT 1""")
			.param("p", "%/" + GAOMIAO + "/%")
			.query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
			.single();
		for (String q : List.of(household[2], household[1].substring(household[1].length() - 4))) {
			JsonNode page = json.readTree(mvc.perform(get("/api/v1/households").param("q", q).param("size", "100").with(as("county.staff")))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
			List<Long> ids = new ArrayList<>();
			page.get("content").forEach(r -> ids.add(r.get("id").asLong()));
			assertThat(ids).as("households found by '%s'", q).contains(Long.parseLong(household[0]));
		}
	}

	@Test
	void what_is_typed_is_matched_as_typed_not_as_a_wildcard() throws Exception {
		assertThat(ids("gaomiao.cadre", "%", null)).isEmpty();
		assertThat(ids("gaomiao.cadre", "_", null)).isEmpty();
		assertThat(ids("county.staff", "%", null)).isEmpty();
	}

	@Test
	void residents_are_listed_household_by_household_within_their_place() throws Exception {
		JsonNode page = json.readTree(mvc.perform(get("/api/v1/residents").param("size", "100").with(as("gaomiao.cadre")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		List<Long> ids = new ArrayList<>();
		page.get("content").forEach(r -> ids.add(r.get("id").asLong()));
		List<Long> expected = jdbc.sql("SELECT id FROM registry_resident WHERE region_path LIKE :p ORDER BY region_path, household_id, id LIMIT 100")
			.param("p", jdbc.sql("SELECT path FROM registry_region WHERE code = ?").param(GAOMIAO).query(String.class).single() + "%")
			.query(Long.class).list();
		assertThat(ids).hasSize(100).isEqualTo(expected);
	}

}
