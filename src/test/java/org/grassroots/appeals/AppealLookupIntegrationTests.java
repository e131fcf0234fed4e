package org.grassroots.appeals;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

/**
 * A tracking code or a 12345 ticket number typed into the appeals search finds that appeal exactly (through its unique
 * index, in the caller's scope), whatever its case; other text still searches the descriptions.
 */
class AppealLookupIntegrationTests extends IntegrationTestSupport {

	private record Known(long id, String code, String description) {
	}

	private Known anAppealOfGaomiao() {
		return jdbc.sql("""
				SELECT id, tracking_code, description FROM appeals_appeal WHERE region_path LIKE :p ORDER BY id LIMIT 1""")
			.param("p", "%/" + GAOMIAO + "/%")
			.query((rs, i) -> new Known(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.single();
	}

	@Test
	void a_tracking_code_finds_its_appeal_in_scope_only_whatever_its_case() throws Exception {
		Known known = anAppealOfGaomiao();
		mvc.perform(get("/api/v1/appeals").param("q", known.code()).with(as("gaomiao.cadre")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.page.totalElements").value(1))
			.andExpect(jsonPath("$.content[0].trackingCode").value(known.code()));
		mvc.perform(get("/api/v1/appeals").param("q", " " + known.code().toLowerCase() + " ").with(as("gaomiao.cadre")))
			.andExpect(jsonPath("$.page.totalElements").value(1));
		// the county sees it; the neighbouring village's cadre does not
		mvc.perform(get("/api/v1/appeals").param("q", known.code()).with(as("admin")))
			.andExpect(jsonPath("$.page.totalElements").value(1));
		mvc.perform(get("/api/v1/appeals").param("q", known.code()).with(as("xishang.cadre")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.page.totalElements").value(0));
	}

	@Test
	void a_12345_ticket_number_finds_its_order_and_other_text_searches_the_descriptions() throws Exception {
		Known known = anAppealOfGaomiao();
		String ticket = "T" + System.nanoTime();
		String before = jdbc.sql("SELECT external_ref FROM appeals_appeal WHERE id = :id").param("id", known.id())
			.query(String.class).optional().orElse(null);
		jdbc.sql("UPDATE appeals_appeal SET external_ref = :r WHERE id = :id").param("r", "12345:" + ticket).param("id", known.id()).update();
		try {
			mvc.perform(get("/api/v1/appeals").param("q", ticket).with(as("gaomiao.cadre")))
				.andExpect(jsonPath("$.page.totalElements").value(1))
				.andExpect(jsonPath("$.content[0].trackingCode").value(known.code()));
			mvc.perform(get("/api/v1/appeals").param("q", ticket).with(as("xishang.cadre")))
				.andExpect(jsonPath("$.page.totalElements").value(0));
		}
		finally {
			jdbc.sql("UPDATE appeals_appeal SET external_ref = :r WHERE id = :id").param("r", before).param("id", known.id()).update();
		}
		// words of a description are still found, and a code-shaped word found in no code searches the text
		String word = known.description().substring(0, Math.min(12, known.description().length()));
		mvc.perform(get("/api/v1/appeals").param("q", word).param("size", "100").with(as("gaomiao.cadre")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[?(@.trackingCode == '" + known.code() + "')]").exists());
		mvc.perform(get("/api/v1/appeals").param("q", "NOSUCHCODE-0000").with(as("gaomiao.cadre")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.page.totalElements").value(0));
	}

}
